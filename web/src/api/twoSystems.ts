// The two systems (两制): annual evaluations (教育评议), registration (团籍注册), and Party
// recommendation (推优入党) (docs/api.md, Annual evaluation; Registration; Party recommendation).
import { http, type Page } from './request'

export namespace TwoSystemsApi {
  export type Grade = 'excellent' | 'qualified' | 'basically_qualified' | 'unqualified'
  // open → submitted → approved; a returned evaluation is open again with returned_note.
  export type EvaluationStatus = 'open' | 'submitted' | 'approved'

  export interface Evaluation {
    id: number
    org_id: number
    org_name: string
    year: number
    status: EvaluationStatus
    meeting_date: string | null
    // Members in standing when it was opened; those marked present; those graded; 优秀 among them.
    due: number
    present: number
    rated: number
    excellent: number
    // The rules the submission was checked against (version 0 = the national defaults).
    rule_year: number | null
    rule_version: number | null
    submitted_at: string | null
    submitted_by: string | null
    approved_at: string | null
    approved_by: string | null
    // The committee's note when it returned the evaluation ('' when none).
    returned_note: string
    created_at: string
    created_by: string
  }

  export interface Entry {
    member_id: number
    name: string
    member_no: string | null
    present: boolean
    grade: Grade | null
  }

  export interface EvaluationDetail extends Evaluation {
    // floor(cap % × due) under the year's rules, and present × den > due × num.
    excellent_cap: number
    quorum_met: boolean
    entries: Entry[]
  }

  export interface EvaluationQuery {
    org_id?: number
    subtree?: boolean
    year?: number
    status?: EvaluationStatus
    page?: number
    size?: number
  }

  // One org's numbers: branches holding members in standing; evaluations opened, submitted
  // (waiting for approval) and approved; members due and graded in the opened evaluations.
  export interface ProgressRow {
    org_id: number
    org_name: string
    branches: number
    started: number
    submitted: number
    approved: number
    members_due: number
    members_rated: number
  }

  export interface Progress extends ProgressRow {
    year: number
    children: ProgressRow[]
  }

  export interface EntryChange {
    member_id: number
    present?: boolean
    // '' clears the grade.
    grade?: Grade | ''
  }

  export interface EntriesBody {
    meeting_date?: string
    entries: EntryChange[]
  }

  // A member's approved grade.
  export interface MemberGrade {
    year: number
    grade: Grade
    org_name: string
    approved_at: string | null
  }

  export type RegistrationState = 'registered' | 'eligible' | 'not_evaluated' | 'unqualified'

  export interface Campaign {
    year: number
    opens_on: string
    deadline: string
    created_at: string
    created_by: string
  }

  export interface CampaignBody {
    year: number
    opens_on: string
    deadline: string
  }

  export interface RegistrationLine {
    member_id: number
    name: string
    member_no: string | null
    org_id: number
    org_name: string
    state: RegistrationState
    // The approved grade the state goes by (of the year or the year before), if any.
    grade: Grade | null
    grade_year: number | null
    registered_on: string | null
  }

  export interface RegistrationQuery {
    org_id?: number
    subtree?: boolean
    state?: RegistrationState
    page?: number
    size?: number
  }

  export interface RegisterBody {
    member_ids: number[]
    date: string
  }

  // Members in standing and those registered; rate_permille = registered × 1000 ÷ members,
  // rounded down.
  export interface RateRow {
    org_id: number
    org_name: string
    members: number
    registered: number
    rate_permille: number
  }

  export interface Rates extends RateRow {
    year: number
    children: RateRow[]
  }

  // nominated → recommended → reviewed (accepted, with a rank) or declined.
  export type PartyStage = 'nominated' | 'recommended' | 'reviewed' | 'declined'

  export interface Recommendation {
    id: number
    member_id: number
    member_name: string
    member_no: string | null
    org_id: number
    org_name: string
    year: number
    party_applied_on: string
    stage: PartyStage
    nominated_on: string
    reason: string
    voted_on: string | null
    eligible: number | null
    present: number | null
    yes: number | null
    reviewed_on: string | null
    rank: number | null
    note: string
    created_at: string
    created_by: string
    updated_at: string
  }

  export interface RecommendationQuery {
    org_id?: number
    subtree?: boolean
    year?: number
    stage?: PartyStage
    member_id?: number
    page?: number
    size?: number
  }

  export interface NominateBody {
    member_id: number
    party_applied_on: string
    date: string
    reason?: string
  }

  export interface VoteBody {
    date: string
    eligible: number
    present: number
    yes: number
  }

  export type Decision = 'accepted' | 'declined'

  export interface ReviewBody {
    date: string
    decision: Decision
    rank?: number
    note?: string
  }
}

export const GRADES: readonly TwoSystemsApi.Grade[] = ['excellent', 'qualified', 'basically_qualified', 'unqualified']
export const EVALUATION_STATUSES: readonly TwoSystemsApi.EvaluationStatus[] = ['open', 'submitted', 'approved']
export const REGISTRATION_STATES: readonly TwoSystemsApi.RegistrationState[] = [
  'registered',
  'eligible',
  'not_evaluated',
  'unqualified',
]
export const PARTY_STAGES: readonly TwoSystemsApi.PartyStage[] = ['nominated', 'recommended', 'reviewed', 'declined']

// Refusals (422: a rule, or a field) are shown in the dialog or page itself; anything else
// (403, 404, 409, a network failure) by the request client.
const SHOWN_HERE = { silent: (e: { status: number }) => e.status === 422 }

export function listEvaluations(query: TwoSystemsApi.EvaluationQuery = {}): Promise<Page<TwoSystemsApi.Evaluation>> {
  return http.get<Page<TwoSystemsApi.Evaluation>>('/evaluations', { query: { ...query } })
}

export function evaluationProgress(query: { org_id?: number; year?: number } = {}): Promise<TwoSystemsApi.Progress> {
  return http.get<TwoSystemsApi.Progress>('/evaluations/progress', { query: { ...query } })
}

export function openEvaluation(body: { org_id: number; year: number }): Promise<TwoSystemsApi.EvaluationDetail> {
  return http.post<TwoSystemsApi.EvaluationDetail>('/evaluations', body, SHOWN_HERE)
}

export function getEvaluation(id: number): Promise<TwoSystemsApi.EvaluationDetail> {
  return http.get<TwoSystemsApi.EvaluationDetail>(`/evaluations/${id}`)
}

export function saveEvaluationEntries(id: number, body: TwoSystemsApi.EntriesBody): Promise<TwoSystemsApi.EvaluationDetail> {
  return http.put<TwoSystemsApi.EvaluationDetail>(`/evaluations/${id}/entries`, body, SHOWN_HERE)
}

export function submitEvaluation(id: number): Promise<TwoSystemsApi.EvaluationDetail> {
  return http.post<TwoSystemsApi.EvaluationDetail>(`/evaluations/${id}/submit`, {}, SHOWN_HERE)
}

export function approveEvaluation(id: number): Promise<TwoSystemsApi.EvaluationDetail> {
  return http.post<TwoSystemsApi.EvaluationDetail>(`/evaluations/${id}/approve`, {}, SHOWN_HERE)
}

export function returnEvaluation(id: number, note: string): Promise<TwoSystemsApi.EvaluationDetail> {
  return http.post<TwoSystemsApi.EvaluationDetail>(`/evaluations/${id}/return`, { note }, SHOWN_HERE)
}

export async function memberEvaluations(memberId: number): Promise<TwoSystemsApi.MemberGrade[]> {
  const answer = await http.get<{ items: TwoSystemsApi.MemberGrade[] }>(`/members/${memberId}/evaluations`)
  return answer.items
}

export async function listCampaigns(): Promise<TwoSystemsApi.Campaign[]> {
  const answer = await http.get<{ items: TwoSystemsApi.Campaign[] }>('/registrations/campaigns')
  return answer.items
}

export function openCampaign(body: TwoSystemsApi.CampaignBody): Promise<TwoSystemsApi.Campaign> {
  return http.post<TwoSystemsApi.Campaign>('/registrations/campaigns', body, SHOWN_HERE)
}

export function registrationMembers(
  year: number,
  query: TwoSystemsApi.RegistrationQuery = {},
): Promise<Page<TwoSystemsApi.RegistrationLine>> {
  return http.get<Page<TwoSystemsApi.RegistrationLine>>(`/registrations/${year}/members`, { query: { ...query } })
}

export function registerMembers(year: number, body: TwoSystemsApi.RegisterBody): Promise<{ registered: number }> {
  return http.post<{ registered: number }>(`/registrations/${year}`, body, SHOWN_HERE)
}

export function registrationRates(year: number, query: { org_id?: number } = {}): Promise<TwoSystemsApi.Rates> {
  return http.get<TwoSystemsApi.Rates>(`/registrations/${year}/rates`, { query: { ...query } })
}

export function listRecommendations(
  query: TwoSystemsApi.RecommendationQuery = {},
): Promise<Page<TwoSystemsApi.Recommendation>> {
  return http.get<Page<TwoSystemsApi.Recommendation>>('/party-recommendations', { query: { ...query } })
}

export function nominateForParty(body: TwoSystemsApi.NominateBody): Promise<TwoSystemsApi.Recommendation> {
  return http.post<TwoSystemsApi.Recommendation>('/party-recommendations', body, SHOWN_HERE)
}

export function recordPartyVote(id: number, body: TwoSystemsApi.VoteBody): Promise<TwoSystemsApi.Recommendation> {
  return http.post<TwoSystemsApi.Recommendation>(`/party-recommendations/${id}/vote`, body, SHOWN_HERE)
}

export function reviewRecommendation(id: number, body: TwoSystemsApi.ReviewBody): Promise<TwoSystemsApi.Recommendation> {
  return http.post<TwoSystemsApi.Recommendation>(`/party-recommendations/${id}/review`, body, SHOWN_HERE)
}
