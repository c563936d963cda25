// The member registry (docs/api.md, Members; Org statistics).
import {
  http,
  requestFile,
  upload,
  type FileAnswer,
  type Page,
  type Query,
} from './request'
import type { OrgApi } from './orgs'

export namespace MemberApi {
  export type Gender = 'male' | 'female'
  export type Education =
    | 'postgraduate'
    | 'bachelor'
    | 'associate'
    | 'vocational_secondary'
    | 'senior_high'
    | 'junior_high'
    | 'primary'
  export type Occupation =
    | 'student'
    | 'farmer'
    | 'worker'
    | 'enterprise_employee'
    | 'public_employee'
    | 'freelancer'
    | 'unemployed'
    | 'other'
  export type Status =
    | 'active'
    | 'mobile'
    | 'lost_contact'
    | 'aged_out'
    | 'withdrawn'
    | 'removed'
    | 'expelled'
    | 'deceased'
    | 'transferred_out'
  export type AgeBand = '14_17' | '18_22' | '23_25' | '26_28' | 'other'
  export type StatusFilter = Status | 'in_standing' | 'all'

  export interface Member {
    id: number
    member_no: string | null
    name: string
    gender: Gender
    ethnicity: string
    // Masked (220821********123X) unless read with reveal=true.
    id_number: string
    birth_date: string
    age: number
    join_date: string
    org_id: number
    org_name: string
    phone: string | null
    education: Education
    occupation: Occupation
    status: Status
    status_date: string
    is_cadre: boolean
    created_at: string
    updated_at: string
  }

  export interface AgingMember extends Member {
    age_out_date: string
  }

  export interface ListQuery {
    org_id?: number
    subtree?: boolean
    q?: string
    status?: StatusFilter
    gender?: Gender
    ethnicity?: string
    education?: Education
    occupation?: Occupation
    sector?: OrgApi.Sector
    age_band?: AgeBand
    is_cadre?: boolean
    reveal?: boolean
    page?: number
    size?: number
  }

  export interface CreateBody {
    org_id: number
    name: string
    id_number: string
    ethnicity: string
    join_date: string
    member_no?: string
    phone?: string
    education: Education
    occupation: Occupation
  }

  // member_no and phone: an empty string clears them.
  export type PatchBody = Partial<Omit<CreateBody, 'org_id'>>

  export interface StatusBody {
    status: Status
    date: string
    reason: string
  }

  // admission: created by a recruitment file; evaluation, registration, party_recommendation:
  // the two systems' steps, whose `changes` hold the step's data as plain values; transfer: a
  // completed transfer within the system ({"org":{"from","to"}}; one out of the system is a
  // status change to transferred_out with the destination's external_name and external_code).
  export type HistoryKind =
    | 'create'
    | 'update'
    | 'status'
    | 'import'
    | 'age_out'
    | 'admission'
    | 'evaluation'
    | 'registration'
    | 'party_recommendation'
    | 'transfer'

  export interface FieldChange {
    from?: string
    to?: string
  }

  export interface HistoryEntry {
    id: number
    at: string
    actor_username: string | null
    kind: HistoryKind | string
    // Edits: {"field":{"from","to"}}; the other kinds: {"key": value}.
    changes: Record<string, FieldChange | string | number | boolean | null>
    status_from: Status | null
    status_to: Status | null
    effective_date: string | null
    reason: string | null
  }

  // 状态变更记录: the history entries that changed a status, with the member and the org.
  export type StatusChangeKind = 'status' | 'age_out'

  export interface StatusChange extends Omit<HistoryEntry, 'kind'> {
    member_id: number
    member_name: string
    org_id: number
    org_name: string
    kind: StatusChangeKind | string
  }

  export interface StatusChangeQuery {
    org_id?: number
    subtree?: boolean
    // The new status (status_to).
    status?: Status
    // Effective dates (YYYY-MM-DD), both inclusive.
    from?: string
    to?: string
    page?: number
    size?: number
  }

  export type AgingKind = 'upcoming' | 'overdue'

  export interface AgingQuery {
    kind: AgingKind
    within_days?: number
    org_id?: number
    subtree?: boolean
    page?: number
    size?: number
  }

  export interface ImportResult {
    imported: number
    dry_run: boolean
  }

  export interface Stats {
    org_id: number
    name: string
    total: number
    by_status: Record<Status, number>
    by_gender: Record<Gender, number>
    by_sector: Record<OrgApi.Sector, number>
    by_age_band: Record<AgeBand, number>
    by_education: Record<Education, number>
  }
}

export const GENDERS: readonly MemberApi.Gender[] = ['male', 'female']
export const EDUCATIONS: readonly MemberApi.Education[] = [
  'postgraduate',
  'bachelor',
  'associate',
  'vocational_secondary',
  'senior_high',
  'junior_high',
  'primary',
]
export const OCCUPATIONS: readonly MemberApi.Occupation[] = [
  'student',
  'farmer',
  'worker',
  'enterprise_employee',
  'public_employee',
  'freelancer',
  'unemployed',
  'other',
]
export const MEMBER_STATUSES: readonly MemberApi.Status[] = [
  'active',
  'mobile',
  'lost_contact',
  'aged_out',
  'withdrawn',
  'removed',
  'expelled',
  'deceased',
  'transferred_out',
]
// The statuses that keep a member in the register (在册); the others end membership for good.
export const IN_STANDING: readonly MemberApi.Status[] = ['active', 'mobile', 'lost_contact']
// What POST /members/{id}/status accepts (transfers are their own workflow).
export const STATUS_TARGETS: readonly MemberApi.Status[] = [
  'mobile',
  'lost_contact',
  'withdrawn',
  'removed',
  'expelled',
  'deceased',
  'aged_out',
  'active',
]
export const AGE_BANDS: readonly MemberApi.AgeBand[] = ['14_17', '18_22', '23_25', '26_28']
// Every band the statistics count (members outside 14–28 fall in `other`).
export const STAT_AGE_BANDS: readonly MemberApi.AgeBand[] = [...AGE_BANDS, 'other']

export function isFinalStatus(status: MemberApi.Status): boolean {
  return !IN_STANDING.includes(status)
}

// The media types POST /members/import accepts, by file name.
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function importContentType(filename: string): string | null {
  const lower = filename.toLowerCase()
  if (lower.endsWith('.csv')) return 'text/csv'
  if (lower.endsWith('.xlsx')) return XLSX_TYPE
  return null
}

// The query of the list (and of the export): empty filters left out.
export function listQuery(query: MemberApi.ListQuery): Query {
  const out: Query = {}
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    out[key] = value as string | number | boolean
  }
  return out
}

export function listMembers(query: MemberApi.ListQuery = {}): Promise<Page<MemberApi.Member>> {
  return http.get<Page<MemberApi.Member>>('/members', { query: listQuery(query) })
}

export function getMember(id: number, reveal = false): Promise<MemberApi.Member> {
  return http.get<MemberApi.Member>(`/members/${id}`, reveal ? { query: { reveal: true } } : {})
}

export function createMember(body: MemberApi.CreateBody): Promise<MemberApi.Member> {
  return http.post<MemberApi.Member>('/members', body)
}

export function updateMember(id: number, body: MemberApi.PatchBody): Promise<MemberApi.Member> {
  return http.patch<MemberApi.Member>(`/members/${id}`, body)
}

// Rule refusals are shown in the dialog itself.
export function changeMemberStatus(id: number, body: MemberApi.StatusBody): Promise<MemberApi.Member> {
  return http.post<MemberApi.Member>(`/members/${id}/status`, body, {
    silent: (e) => e.status === 422,
  })
}

export async function memberHistory(id: number): Promise<MemberApi.HistoryEntry[]> {
  const answer = await http.get<{ items: MemberApi.HistoryEntry[] }>(`/members/${id}/history`)
  return answer.items
}

export function exportMembers(query: MemberApi.ListQuery): Promise<FileAnswer> {
  const filters: MemberApi.ListQuery = { ...query }
  delete filters.page
  delete filters.size
  delete filters.reveal
  return requestFile('GET', '/members/export', {
    query: listQuery(filters),
    fallbackName: 'members.xlsx',
  })
}

export function importTemplate(format: 'xlsx' | 'csv'): Promise<FileAnswer> {
  return requestFile('GET', '/members/import/template', {
    query: { format },
    fallbackName: `member-import-template.${format}`,
  })
}

export interface ImportOptions {
  orgId: number | null
  dryRun: boolean
  onProgress?: (fraction: number) => void
  onSent?: () => void
  signal?: AbortSignal
}

// A 422 (bad rows) is the page's to show as a table, not as a message.
export function importMembers(file: File, options: ImportOptions): Promise<MemberApi.ImportResult> {
  const contentType = importContentType(file.name) ?? 'text/csv'
  return upload<MemberApi.ImportResult>('/members/import', {
    file,
    contentType,
    query: { org_id: options.orgId, dry_run: options.dryRun },
    silent: (e) => e.status === 422,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.onSent ? { onSent: options.onSent } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })
}

// The uploaded file back as XLSX with an added 错误 column.
export function annotatedImport(file: File, orgId: number | null): Promise<FileAnswer> {
  return requestFile('POST', '/members/import/annotated', {
    body: file,
    contentType: importContentType(file.name) ?? 'text/csv',
    query: { org_id: orgId },
    fallbackName: 'import-errors.xlsx',
  })
}

// The status-change list's search form as the page keeps it.
export interface StatusChangeFilters {
  orgId: number | null
  subtree: boolean
  status: MemberApi.Status | ''
  // The effective-date range of the date picker (YYYY-MM-DD), or null for any date.
  range: readonly [string, string] | null
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

// The query of GET /members/status-changes: no status means every status, an empty or
// malformed date bound means no bound, and a range given backwards is put the right way round.
export function statusChangeQuery(
  filters: StatusChangeFilters,
  page?: number,
  size?: number,
): MemberApi.StatusChangeQuery {
  const bound = (value: string | undefined) => (value && ISO_DATE.test(value) ? value : undefined)
  let from = bound(filters.range?.[0])
  let to = bound(filters.range?.[1])
  if (from && to && from > to) [from, to] = [to, from]
  return {
    ...(filters.orgId !== null ? { org_id: filters.orgId } : {}),
    subtree: filters.subtree,
    ...(filters.status ? { status: filters.status } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(page !== undefined ? { page } : {}),
    ...(size !== undefined ? { size } : {}),
  }
}

export function listStatusChanges(
  query: MemberApi.StatusChangeQuery = {},
): Promise<Page<MemberApi.StatusChange>> {
  return http.get<Page<MemberApi.StatusChange>>('/members/status-changes', { query: { ...query } })
}

export function agingOut(query: MemberApi.AgingQuery): Promise<Page<MemberApi.AgingMember>> {
  return http.get<Page<MemberApi.AgingMember>>('/members/aging-out', { query: { ...query } })
}

export function runAgeOut(): Promise<{ aged_out: number }> {
  return http.post<{ aged_out: number }>('/members/age-out/run')
}

export function orgStats(orgId: number): Promise<MemberApi.Stats> {
  return http.get<MemberApi.Stats>(`/orgs/${orgId}/stats`)
}

export async function childOrgStats(orgId: number): Promise<MemberApi.Stats[]> {
  const answer = await http.get<{ items: MemberApi.Stats[] }>(`/orgs/${orgId}/stats/children`)
  return answer.items
}
