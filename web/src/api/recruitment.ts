// Recruitment (发展团员): applicants' files through their stages, graduating-class quotas and
// member number ranges (docs/api.md, Recruitment; Graduating-class quotas; Member number ranges).
import { http, type Page } from './request'
import type { MemberApi } from './members'
import type { OrgApi } from './orgs'

export namespace RecruitmentApi {
  export type Stage =
    | 'applied'
    | 'activist'
    | 'candidate'
    | 'branch_approved'
    | 'approved'
    | 'admitted'
    | 'rejected'
    | 'withdrawn'
  // The stage filter of the list: a stage, every open file, or every file.
  export type StageFilter = Stage | 'open' | 'all'
  // Only students have one; junior and senior high count against their school's quota.
  export type ApplicantSchoolStage = Extract<OrgApi.SchoolStage, 'junior_high' | 'senior_high' | 'vocational' | 'college'>

  // A sponsor (培养联系人) or an introducer (入团介绍人).
  export interface MemberRef {
    member_id: number
    name: string
    member_no: string | null
  }

  export interface Applicant {
    id: number
    org_id: number
    org_name: string
    name: string
    gender: MemberApi.Gender
    birth_date: string
    age: number
    // Masked (220821********123X) unless read with reveal=true.
    id_number: string
    ethnicity: string
    phone: string | null
    education: MemberApi.Education
    occupation: MemberApi.Occupation
    school_stage: ApplicantSchoolStage | null
    graduating_year: number | null
    applied_on: string
    talk_on: string | null
    talk_note: string | null
    // A month after applied_on; overdue while no talk is recorded after that day.
    talk_due: string
    talk_overdue: boolean
    stage: Stage
    stage_date: string
    activist_since: string | null
    candidate_on: string | null
    voted_on: string | null
    approved_on: string | null
    admitted_on: string | null
    // The total of the class-hour entries, in steps of 0.5.
    class_hours: number
    sponsors: MemberRef[]
    introducers: MemberRef[]
    // Set once admitted.
    member_id: number | null
    member_no: string | null
    end_reason: string | null
    created_at: string
    updated_at: string
  }

  export interface ClassHourEntry {
    id: number
    date: string
    hours: number
    topic: string
    created_by: string | null
    created_at: string
  }

  export type TimelineKind = 'create' | 'talk' | 'class_hours' | 'advance'

  export interface TimelineEntry {
    id: number
    at: string
    actor_username: string | null
    kind: TimelineKind | string
    stage_from: Stage | null
    stage_to: Stage | null
    date: string | null
    // The step's data: sponsors, introducers, the vote, a reason, hours and topic, a note, ...
    data: Record<string, unknown> | null
    // The rules that decided this step (version 0 = the national defaults); null otherwise.
    rule_year: number | null
    rule_version: number | null
  }

  export interface ApplicantDetail extends Applicant {
    class_hour_entries: ClassHourEntry[]
    timeline: TimelineEntry[]
  }

  export type Counts = Record<Stage, number> & { talk_overdue: number }

  export interface ListQuery {
    org_id?: number
    subtree?: boolean
    stage?: StageFilter
    q?: string
    talk_overdue?: boolean
    page?: number
    size?: number
  }

  export interface CreateBody {
    org_id: number
    name: string
    id_number: string
    ethnicity: string
    phone?: string
    education: MemberApi.Education
    occupation: MemberApi.Occupation
    school_stage?: ApplicantSchoolStage
    graduating_year?: number
    applied_on: string
    talk_on?: string
    talk_note?: string
  }

  export interface TalkBody {
    date: string
    note: string
  }

  export interface ClassHoursBody {
    date: string
    hours: number
    topic: string
  }

  // POST /applicants/{id}/advance: the target stage, its date and the data that step takes.
  export type AdvanceBody =
    | { to: 'activist'; date: string; sponsor_ids: number[] }
    | { to: 'candidate'; date: string; introducer_ids: number[] }
    | { to: 'branch_approved'; date: string; eligible: number; present: number; yes: number }
    | { to: 'approved' | 'admitted'; date: string }
    | { to: 'rejected' | 'withdrawn'; date: string; reason: string }

  export interface Quota {
    org_id: number
    org_name: string
    school_stage: 'junior_high' | 'senior_high'
    graduating_year: number
    students: number
    members_before: number
    cap_percent: number
    cap: number
    admitted: number
    used: number
    remaining: number
    rule_year: number | null
    rule_version: number | null
    updated_at: string | null
    updated_by: string | null
  }

  export interface QuotaQuery {
    org_id?: number
    subtree?: boolean
    graduating_year?: number
    page?: number
    size?: number
  }

  export interface QuotaBody {
    org_id: number
    graduating_year: number
    students: number
    members_before: number
  }

  export interface NumberRange {
    id: number
    org_id: number
    org_name: string
    year: number
    serial_width: number
    first_serial: number
    last_serial: number
    next_serial: number
    issued: number
    remaining: number
    first_number: string
    last_number: string
    created_at: string
    created_by: string | null
  }

  export interface NumberRangeQuery {
    year?: number
    org_id?: number
    subtree?: boolean
  }

  export interface NumberRangeBody {
    org_id: number
    year: number
    serial_width: number
    first_serial: number
    last_serial: number
  }
}

export const APPLICANT_SCHOOL_STAGES: readonly RecruitmentApi.ApplicantSchoolStage[] = [
  'junior_high',
  'senior_high',
  'vocational',
  'college',
]

// Refusals of a step (422: a rule, or a field) are shown in the dialog itself; anything else
// (403, 404, 409, a network failure) by the request client.
const DIALOG_SHOWS_422 = { silent: (e: { status: number }) => e.status === 422 }

export function listApplicants(query: RecruitmentApi.ListQuery = {}): Promise<Page<RecruitmentApi.Applicant>> {
  return http.get<Page<RecruitmentApi.Applicant>>('/applicants', { query: { ...query } })
}

export function applicantCounts(query: { org_id?: number; subtree?: boolean } = {}): Promise<RecruitmentApi.Counts> {
  return http.get<RecruitmentApi.Counts>('/applicants/counts', { query: { ...query } })
}

export function createApplicant(body: RecruitmentApi.CreateBody): Promise<RecruitmentApi.Applicant> {
  return http.post<RecruitmentApi.Applicant>('/applicants', body, DIALOG_SHOWS_422)
}

export function getApplicant(id: number, reveal = false): Promise<RecruitmentApi.ApplicantDetail> {
  return http.get<RecruitmentApi.ApplicantDetail>(`/applicants/${id}`, reveal ? { query: { reveal: true } } : {})
}

export function recordTalk(id: number, body: RecruitmentApi.TalkBody): Promise<RecruitmentApi.Applicant> {
  return http.post<RecruitmentApi.Applicant>(`/applicants/${id}/talk`, body, DIALOG_SHOWS_422)
}

export function addClassHours(id: number, body: RecruitmentApi.ClassHoursBody): Promise<RecruitmentApi.Applicant> {
  return http.post<RecruitmentApi.Applicant>(`/applicants/${id}/class-hours`, body, DIALOG_SHOWS_422)
}

export function advanceApplicant(id: number, body: RecruitmentApi.AdvanceBody): Promise<RecruitmentApi.Applicant> {
  return http.post<RecruitmentApi.Applicant>(`/applicants/${id}/advance`, body, DIALOG_SHOWS_422)
}

export function listQuotas(query: RecruitmentApi.QuotaQuery = {}): Promise<Page<RecruitmentApi.Quota>> {
  return http.get<Page<RecruitmentApi.Quota>>('/quotas', { query: { ...query } })
}

export function setQuota(body: RecruitmentApi.QuotaBody): Promise<RecruitmentApi.Quota> {
  return http.post<RecruitmentApi.Quota>('/quotas', body, DIALOG_SHOWS_422)
}

export async function listNumberRanges(
  query: RecruitmentApi.NumberRangeQuery = {},
): Promise<RecruitmentApi.NumberRange[]> {
  const answer = await http.get<{ items: RecruitmentApi.NumberRange[] }>('/number-ranges', { query: { ...query } })
  return answer.items
}

export function createNumberRange(body: RecruitmentApi.NumberRangeBody): Promise<RecruitmentApi.NumberRange> {
  return http.post<RecruitmentApi.NumberRange>('/number-ranges', body, DIALOG_SHOWS_422)
}
