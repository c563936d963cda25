// The org tree (docs/api.md, Orgs).
import { http, type Page } from './request'

export namespace OrgApi {
  export type Type = 'local_committee' | 'committee' | 'working_committee' | 'general_branch' | 'branch'
  export type Sector = 'school' | 'rural' | 'agency' | 'enterprise' | 'community' | 'social' | 'other'
  export type SchoolStage = 'primary' | 'junior_high' | 'senior_high' | 'vocational' | 'college'
  export type Status = 'active' | 'closed'
  // regular (default); handoff 学社衔接临时团支部 (a town's or subdistrict's branch for graduates);
  // army 参军团员; abroad 出国（境）团员. Only branches have another than regular.
  export type Purpose = 'regular' | 'handoff' | 'army' | 'abroad'

  export interface Org {
    id: number
    parent_id: number | null
    name: string
    short_name: string | null
    type: Type
    sector: Sector
    school_stage: SchoolStage | null
    // School branches: the class's graduation day (YYYY-MM-DD) for the graduate hand-off.
    graduation_date: string | null
    purpose: Purpose
    code: string
    status: Status
    created_at: string
    updated_at: string
    child_count: number
    depth: number
  }

  export interface OrgDetail extends Org {
    ancestors: { id: number; name: string }[]
  }

  export interface ListQuery {
    org_id?: number
    subtree?: boolean
    q?: string
    type?: Type
    sector?: Sector
    status?: Status | 'all'
    page?: number
    size?: number
  }

  export interface CreateBody {
    parent_id: number
    name: string
    short_name?: string
    type: Type
    sector: Sector
    school_stage?: SchoolStage
    graduation_date?: string
    purpose?: Purpose
    code: string
  }

  // short_name, school_stage and graduation_date: an empty string clears them.
  export interface PatchBody {
    name?: string
    short_name?: string
    type?: Type
    sector?: Sector
    school_stage?: SchoolStage | ''
    graduation_date?: string
    purpose?: Purpose
    code?: string
  }
}

export const ORG_TYPES: readonly OrgApi.Type[] = [
  'local_committee',
  'committee',
  'working_committee',
  'general_branch',
  'branch',
]
export const SECTORS: readonly OrgApi.Sector[] = [
  'school',
  'rural',
  'agency',
  'enterprise',
  'community',
  'social',
  'other',
]
export const SCHOOL_STAGES: readonly OrgApi.SchoolStage[] = [
  'primary',
  'junior_high',
  'senior_high',
  'vocational',
  'college',
]

export const ORG_PURPOSES: readonly OrgApi.Purpose[] = ['regular', 'handoff', 'army', 'abroad']

// Which orgs carry a graduation date (school branches) and a purpose other than regular (branches).
export function hasGraduationDate(org: { type: OrgApi.Type | ''; sector: OrgApi.Sector | '' }): boolean {
  return org.type === 'branch' && org.sector === 'school'
}

export function hasPurpose(org: { type: OrgApi.Type | '' }): boolean {
  return org.type === 'branch'
}

// Placement rules: a branch has no child orgs; a general branch holds only branches; a local
// committee sits only under a local committee. Returns the types a child of `parent` may have.
export function allowedChildTypes(parent: OrgApi.Type): OrgApi.Type[] {
  switch (parent) {
    case 'branch':
      return []
    case 'general_branch':
      return ['branch']
    case 'local_committee':
      return [...ORG_TYPES]
    default:
      return ORG_TYPES.filter((t) => t !== 'local_committee')
  }
}

export function listOrgs(query: OrgApi.ListQuery = {}): Promise<Page<OrgApi.Org>> {
  return http.get<Page<OrgApi.Org>>('/orgs', { query: { ...query } })
}

export function getOrg(id: number): Promise<OrgApi.OrgDetail> {
  return http.get<OrgApi.OrgDetail>(`/orgs/${id}`)
}

export function createOrg(body: OrgApi.CreateBody): Promise<OrgApi.Org> {
  return http.post<OrgApi.Org>('/orgs', body)
}

export function updateOrg(id: number, body: OrgApi.PatchBody): Promise<OrgApi.Org> {
  return http.patch<OrgApi.Org>(`/orgs/${id}`, body)
}

export function moveOrg(id: number, parentId: number): Promise<OrgApi.Org> {
  return http.post<OrgApi.Org>(`/orgs/${id}/move`, { parent_id: parentId })
}

export function closeOrg(id: number, reason: string): Promise<OrgApi.Org> {
  return http.post<OrgApi.Org>(`/orgs/${id}/close`, reason ? { reason } : {})
}
