// Registration (团籍注册) as the server runs it (docs/api.md, Registration): a year is opened by
// the top committee; a member may register when their latest approved grade of the year or the
// year before is 基本合格 or better. Mirrored for the registration page; the server checks again.
import type { TwoSystemsApi } from '@/api/twoSystems'
import { parseIsoDate } from '@/members/rules'

type State = TwoSystemsApi.RegistrationState

// The follow-up list (待跟进): members with no approved grade to go by, and those rated 不合格.
export const FOLLOW_UP_STATES: readonly State[] = ['not_evaluated', 'unqualified']

// The member list's views: every member, one state, or the follow-up list (one of its states).
export type RegistrationView = 'all' | 'registered' | 'eligible' | 'follow_up'
export const REGISTRATION_VIEWS: readonly RegistrationView[] = ['all', 'registered', 'eligible', 'follow_up']

// The API's state filter for a view (the follow-up view shows one of its states at a time).
export function stateFilter(view: RegistrationView, followUp: State): State | undefined {
  if (view === 'all') return undefined
  if (view === 'follow_up') return followUp
  return view
}

// Rates in per mille are shown by the shared formatters (re-exported for the registration pages).
export { formatPermille, permillePercent } from '@/format/rate'

// The year the page starts on: the newest opened year that has begun (a year opened ahead, not
// open yet, does not hide the current one), else this year.
export function defaultRegistrationYear(
  campaigns: readonly Pick<TwoSystemsApi.Campaign, 'year' | 'opens_on'>[],
  today: string,
): number {
  const started = campaigns.filter((c) => c.opens_on <= today).map((c) => c.year)
  if (started.length > 0) return Math.max(...started)
  return Number(today.slice(0, 4))
}

// Where a year's registration stands on `today`.
export type CampaignPhase = 'none' | 'not_started' | 'open' | 'past_deadline'

export function campaignPhase(
  campaign: Pick<TwoSystemsApi.Campaign, 'opens_on' | 'deadline'> | null | undefined,
  today: string,
): CampaignPhase {
  if (!campaign) return 'none'
  if (today < campaign.opens_on) return 'not_started'
  if (today > campaign.deadline) return 'past_deadline'
  return 'open'
}

// Rows that may be registered (selected for 注册).
export function mayRegister(line: Pick<TwoSystemsApi.RegistrationLine, 'state'>): boolean {
  return line.state === 'eligible'
}

export type RegisterDateProblem = 'required' | 'invalid_format' | 'in_future' | 'before_opening'

// The registration date: not in the future, not before the year's opening.
export function checkRegisterDate(
  date: string | null | undefined,
  opensOn: string | null | undefined,
  today: string,
): RegisterDateProblem | null {
  const text = (date ?? '').trim()
  if (text === '') return 'required'
  if (!parseIsoDate(text)) return 'invalid_format'
  if (text > today) return 'in_future'
  if (opensOn && text < opensOn) return 'before_opening'
  return null
}

export type CampaignProblem = 'required' | 'invalid_format' | 'before_opening'

// The opening form: both dates given and the deadline not before the opening.
export function checkCampaign(
  opensOn: string | null | undefined,
  deadline: string | null | undefined,
): { opens_on?: CampaignProblem; deadline?: CampaignProblem } {
  const out: { opens_on?: CampaignProblem; deadline?: CampaignProblem } = {}
  const opens = (opensOn ?? '').trim()
  const due = (deadline ?? '').trim()
  if (opens === '') out.opens_on = 'required'
  else if (!parseIsoDate(opens)) out.opens_on = 'invalid_format'
  if (due === '') out.deadline = 'required'
  else if (!parseIsoDate(due)) out.deadline = 'invalid_format'
  else if (!out.opens_on && due < opens) out.deadline = 'before_opening'
  return out
}
