// The org tree (docs/api.md, Orgs).
import { http, type Page } from './request'

export namespace OrgApi {
  export type Type = 'local_committee' | 'committee' | 'working_committee' | 'general_branch' | 'branch'
  export type Sector = 'school' | 'rural' | 'agency' | 'enterprise' | 'community' | 'social' | 'other'
  export type SchoolStage = 'primary' | 'junior_high' | 'senior_high' | 'vocational' | 'college'
  export type Status = 'active' | 'closed'

  export interface Org {
    id: number
    parent_id: number | null
    name: string
    short_name: string | null
    type: Type
    sector: Sector
    school_stage: SchoolStage | null
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
    code: string
  }

  // short_name and school_stage: an empty string clears them.
  export interface PatchBody {
    name?: string
    short_name?: string
    type?: Type
    sector?: Sector
    school_stage?: SchoolStage | ''
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
