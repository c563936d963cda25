import { describe, expect, it } from 'vitest'
import type { TwoSystemsApi } from '@/api/twoSystems'
import type { AuthApi } from '@/api/auth'
import { hasPermission, type Permission } from '@/auth/permissions'
import {
  defaultEvaluationYear,
  entriesBody,
  entriesChanged,
  evaluationActions,
  evaluationCounts,
  excellentCap,
  NATIONAL_EVALUATION_RULES,
  quorumMet,
  quorumNeeded,
  ruleSource,
  type EvaluationRules,
} from '@/twoSystems/evaluation'

const can = (roles: AuthApi.Role[]) => (p: Permission) => hasPermission(roles, p)
const DEFAULTS = NATIONAL_EVALUATION_RULES

// `n` entries, the first `present` present, with the grades given in order (the rest ungraded).
function entries(n: number, present: number, grades: (TwoSystemsApi.Grade | null)[] = []): TwoSystemsApi.Entry[] {
  return Array.from({ length: n }, (_, i) => ({
    member_id: i + 1,
    name: `M${i + 1}`,
    member_no: null,
    present: i < present,
    grade: grades[i] ?? null,
  }))
}

describe('the year an evaluation page starts on', () => {
  it('is last year in January and February', () => {
    expect(defaultEvaluationYear(new Date(2026, 0, 1))).toBe(2025)
    expect(defaultEvaluationYear(new Date(2026, 1, 28, 23, 59))).toBe(2025)
  })

  it('is this year from March on', () => {
    expect(defaultEvaluationYear(new Date(2026, 2, 1))).toBe(2026)
    expect(defaultEvaluationYear(new Date(2026, 11, 31))).toBe(2026)
  })
})

describe('the quorum (more than num/den of those due present)', () => {
  it('needs more than two thirds by default, in integers', () => {
    // 10 due: 2/3 is 6.67, so 7 present are needed.
    expect(quorumMet(6, 10, DEFAULTS)).toBe(false)
    expect(quorumMet(7, 10, DEFAULTS)).toBe(true)
    expect(quorumNeeded(10, DEFAULTS)).toBe(7)
    // 9 due: exactly two thirds (6) is not more than two thirds.
    expect(quorumMet(6, 9, DEFAULTS)).toBe(false)
    expect(quorumMet(7, 9, DEFAULTS)).toBe(true)
    expect(quorumNeeded(9, DEFAULTS)).toBe(7)
    expect(quorumNeeded(3, DEFAULTS)).toBe(3)
  })

  it('follows the year\'s settings', () => {
    const half: EvaluationRules = { ...DEFAULTS, evaluation_quorum_num: 1, evaluation_quorum_den: 2 }
    expect(quorumMet(5, 10, half)).toBe(false)
    expect(quorumMet(6, 10, half)).toBe(true)
    expect(quorumNeeded(10, half)).toBe(6)
  })

  it('is never met with nobody due', () => {
    expect(quorumMet(0, 0, DEFAULTS)).toBe(false)
  })
})

describe('the 优秀 cap (floor of cap % of those graded)', () => {
  it('rounds down', () => {
    expect(excellentCap(10, DEFAULTS)).toBe(3)
    expect(excellentCap(9, DEFAULTS)).toBe(2)
    expect(excellentCap(3, DEFAULTS)).toBe(0)
    expect(excellentCap(0, DEFAULTS)).toBe(0)
    expect(excellentCap(7, { ...DEFAULTS, excellent_cap_percent: 50 })).toBe(3)
  })
})

describe('evaluation counters', () => {
  it('count attendance, grades and 优秀 and name what submitting would be refused for', () => {
    const c = evaluationCounts(entries(10, 6, ['excellent', 'excellent', 'qualified']), DEFAULTS)
    expect(c).toMatchObject({ due: 10, present: 6, rated: 3, missing: 7, excellent: 2, quorumMet: false, quorumNeeded: 7 })
    // 3 graded: the cap is floor(30% × 3) = 0, so 2 excellent is over it.
    expect(c.excellentCap).toBe(0)
    expect(c.excellentOver).toBe(true)
    expect(c.problems).toEqual(['grades_missing', 'quorum_not_met', 'excellent_quota_exceeded'])
  })

  it('have no problem when everyone is graded, the quorum met and 优秀 within the cap', () => {
    const grades: TwoSystemsApi.Grade[] = ['excellent', 'excellent', 'excellent', ...Array<TwoSystemsApi.Grade>(7).fill('qualified')]
    const c = evaluationCounts(entries(10, 7, grades), DEFAULTS)
    expect(c.excellentCap).toBe(3)
    expect(c.excellentOver).toBe(false)
    expect(c.quorumMet).toBe(true)
    expect(c.problems).toEqual([])
  })

  it('find one 优秀 too many at the cap\'s edge', () => {
    const grades: TwoSystemsApi.Grade[] = Array<TwoSystemsApi.Grade>(4).fill('excellent').concat(Array(6).fill('qualified'))
    const c = evaluationCounts(entries(10, 10, grades), DEFAULTS)
    expect(c.excellentOver).toBe(true)
    expect(c.problems).toEqual(['excellent_quota_exceeded'])
  })
})

describe('what a user may do with an evaluation', () => {
  const open = { status: 'open' as const, org_id: 50 }
  const submitted = { status: 'submitted' as const, org_id: 50 }

  it('lets branch secretaries and committee staff record an open one', () => {
    expect(evaluationActions(open, 50, can(['branch_secretary']))).toEqual({ edit: true, review: false })
    expect(evaluationActions(open, 1, can(['committee_staff']))).toEqual({ edit: true, review: false })
    expect(evaluationActions(open, 50, can(['member']))).toEqual({ edit: false, review: false })
  })

  it('lets only committee staff of another (higher) org approve or return a submitted one', () => {
    expect(evaluationActions(submitted, 1, can(['committee_staff']))).toEqual({ edit: false, review: true })
    expect(evaluationActions(submitted, 50, can(['committee_staff']))).toEqual({ edit: false, review: false })
    expect(evaluationActions(submitted, 1, can(['branch_secretary']))).toEqual({ edit: false, review: false })
    expect(evaluationActions({ status: 'approved', org_id: 50 }, 1, can(['committee_staff']))).toEqual({
      edit: false,
      review: false,
    })
  })
})

describe('unsaved entries and the save body', () => {
  it('tell a changed attendance or grade', () => {
    const saved = entries(3, 1, ['qualified'])
    expect(entriesChanged(saved, saved.map((e) => ({ ...e })))).toBe(false)
    expect(entriesChanged(saved, saved.map((e, i) => (i === 1 ? { ...e, present: true } : e)))).toBe(true)
    expect(entriesChanged(saved, saved.map((e, i) => (i === 2 ? { ...e, grade: 'excellent' as const } : e)))).toBe(true)
    // A grade cleared by the select (undefined) is the same as none.
    expect(entriesChanged(saved, saved.map((e, i) => (i === 2 ? { ...e, grade: undefined as unknown as null } : e)))).toBe(false)
  })

  it('send every entry, a missing grade as "" (clears it), and the meeting date when set', () => {
    expect(entriesBody(entries(2, 1, ['qualified']), '2026-01-10')).toEqual({
      meeting_date: '2026-01-10',
      entries: [
        { member_id: 1, present: true, grade: 'qualified' },
        { member_id: 2, present: false, grade: '' },
      ],
    })
    expect(entriesBody([], null)).toEqual({ entries: [] })
  })
})

describe('the rules an evaluation goes by', () => {
  it('are the year\'s in force while open (also once returned)', () => {
    expect(ruleSource({ year: 2025, status: 'open', rule_year: null, rule_version: null })).toEqual({ kind: 'in_force', year: 2025 })
  })

  it('are the version recorded at submission once submitted or approved', () => {
    expect(ruleSource({ year: 2025, status: 'submitted', rule_year: 2025, rule_version: 2 })).toEqual({
      kind: 'recorded',
      year: 2025,
      version: 2,
    })
    expect(ruleSource({ year: 2025, status: 'approved', rule_year: 2025, rule_version: 0 })).toEqual({
      kind: 'recorded',
      year: 2025,
      version: 0,
    })
  })
})
