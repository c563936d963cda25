// The annual evaluation (教育评议) as the server checks a submission (docs/api.md, Annual
// evaluation), mirrored so that the evaluation page can count as the user marks attendance and
// grades: every member graded, attendance more than the quorum (2/3 by default) of the members
// due, 优秀 at most the cap (30 % by default) of those graded, rounded down. The server stays
// the judge: it checks again against the year's rules in force when the evaluation is submitted.
import type { TwoSystemsApi } from '@/api/twoSystems'
import type { RulesApi } from '@/api/rules'
import type { Permission } from '@/auth/permissions'

// The settings the evaluation goes by.
export type EvaluationRules = Pick<
  RulesApi.Values,
  'evaluation_quorum_num' | 'evaluation_quorum_den' | 'excellent_cap_percent'
>

// The national defaults (docs/api.md, Rule settings: quorum more than 2/3, 优秀 at most 30 %), for
// when the year's settings cannot be read; the server applies the year's own.
export const NATIONAL_EVALUATION_RULES: EvaluationRules = {
  evaluation_quorum_num: 2,
  evaluation_quorum_den: 3,
  excellent_cap_percent: 30,
}

// The rules an evaluation's counters go by: while open, the year's rules in force (read with
// GET /rules/{year}); once submitted, the version recorded at submission (a return clears it),
// so a decided evaluation keeps the numbers it was decided by after the settings change.
export type RuleSource = { kind: 'in_force'; year: number } | { kind: 'recorded'; year: number; version: number }

export function ruleSource(
  e: Pick<TwoSystemsApi.Evaluation, 'year' | 'status' | 'rule_year' | 'rule_version'>,
): RuleSource {
  if (e.status !== 'open' && e.rule_version !== null && e.rule_version !== undefined) {
    return { kind: 'recorded', year: e.rule_year ?? e.year, version: e.rule_version }
  }
  return { kind: 'in_force', year: e.year }
}

// The year an evaluation page starts on: evaluations of a year are held at its end and into the
// next year's first two months, so before March it is last year's, from March this year's.
export function defaultEvaluationYear(now: Date = new Date()): number {
  return now.getMonth() < 2 ? now.getFullYear() - 1 : now.getFullYear()
}

// More than num/den of the members due present, in integers: present × den > due × num.
export function quorumMet(present: number, due: number, rules: EvaluationRules): boolean {
  return due > 0 && present * rules.evaluation_quorum_den > due * rules.evaluation_quorum_num
}

// The fewest present that meet the quorum (may exceed `due` when none can: due 0).
export function quorumNeeded(due: number, rules: EvaluationRules): number {
  if (rules.evaluation_quorum_den <= 0) return due + 1
  return Math.floor((due * rules.evaluation_quorum_num) / rules.evaluation_quorum_den) + 1
}

// The 优秀 cap: floor(cap % × graded members).
export function excellentCap(rated: number, rules: EvaluationRules): number {
  return rated <= 0 ? 0 : Math.floor((rules.excellent_cap_percent * rated) / 100)
}

export interface EvaluationCounts {
  due: number
  present: number
  rated: number
  // Members without a grade yet.
  missing: number
  excellent: number
  quorumMet: boolean
  quorumNeeded: number
  excellentCap: number
  excellentOver: boolean
  // What submitting would be refused for, in the server's order (none: it may be submitted).
  problems: ('grades_missing' | 'quorum_not_met' | 'excellent_quota_exceeded')[]
}

export function evaluationCounts(
  entries: readonly Pick<TwoSystemsApi.Entry, 'present' | 'grade'>[],
  rules: EvaluationRules,
): EvaluationCounts {
  const due = entries.length
  let present = 0
  let rated = 0
  let excellent = 0
  for (const e of entries) {
    if (e.present) present += 1
    if (e.grade) rated += 1
    if (e.grade === 'excellent') excellent += 1
  }
  const met = quorumMet(present, due, rules)
  const cap = excellentCap(rated, rules)
  const problems: EvaluationCounts['problems'] = []
  if (rated < due) problems.push('grades_missing')
  if (!met) problems.push('quorum_not_met')
  if (excellent > cap) problems.push('excellent_quota_exceeded')
  return {
    due,
    present,
    rated,
    missing: due - rated,
    excellent,
    quorumMet: met,
    quorumNeeded: quorumNeeded(due, rules),
    excellentCap: cap,
    excellentOver: excellent > cap,
    problems,
  }
}

export interface EvaluationActions {
  // Record the meeting date, attendance and grades, and submit: an open evaluation.
  edit: boolean
  // Approve or return: a submitted evaluation, by committee staff of an org above the branch.
  review: boolean
}

// What the user may do with an evaluation. The branch's own org cannot approve itself: the
// evaluation is in the user's scope, so another org than the user's is one above the branch.
export function evaluationActions(
  evaluation: Pick<TwoSystemsApi.Evaluation, 'status' | 'org_id'>,
  userOrgId: number | null | undefined,
  can: (permission: Permission) => boolean,
): EvaluationActions {
  return {
    edit: evaluation.status === 'open' && can('evaluation.write'),
    review:
      evaluation.status === 'submitted' &&
      can('evaluation.approve') &&
      userOrgId !== null &&
      userOrgId !== undefined &&
      userOrgId !== evaluation.org_id,
  }
}

// True when the entries differ in attendance or grade (the page's unsaved changes).
export function entriesChanged(
  saved: readonly Pick<TwoSystemsApi.Entry, 'member_id' | 'present' | 'grade'>[],
  current: readonly Pick<TwoSystemsApi.Entry, 'member_id' | 'present' | 'grade'>[],
): boolean {
  if (saved.length !== current.length) return true
  const byId = new Map(saved.map((e) => [e.member_id, e]))
  return current.some((e) => {
    const s = byId.get(e.member_id)
    return !s || s.present !== e.present || (s.grade ?? null) !== (e.grade ?? null)
  })
}

// The body of PUT /evaluations/{id}/entries: every entry (a missing grade clears it).
export function entriesBody(
  entries: readonly Pick<TwoSystemsApi.Entry, 'member_id' | 'present' | 'grade'>[],
  meetingDate: string | null,
): TwoSystemsApi.EntriesBody {
  return {
    ...(meetingDate ? { meeting_date: meetingDate } : {}),
    entries: entries.map((e) => ({ member_id: e.member_id, present: e.present, grade: e.grade ?? '' })),
  }
}
