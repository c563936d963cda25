import { describe, expect, it } from 'vitest'
import { checkRules, type RuleForm } from '@/rules/checks'

// The national defaults (docs/api.md, Rule settings).
const DEFAULTS: RuleForm = {
  min_class_hours: 8,
  min_activist_months: 3,
  min_age: 14,
  max_age: 28,
  junior_high_cap_percent: 30,
  senior_high_cap_percent: 60,
  excellent_cap_percent: 30,
  evaluation_quorum_num: 2,
  evaluation_quorum_den: 3,
  min_classes_per_year: 4,
  min_general_meetings_per_quarter: 1,
  min_committee_meetings_per_month: 1,
  min_classes_per_quarter: 1,
}

const check = (changes: Partial<RuleForm>) => checkRules({ ...DEFAULTS, ...changes })

describe('rule settings checks (mirroring the server)', () => {
  it('accepts the national defaults', () => {
    expect(checkRules(DEFAULTS)).toEqual({})
  })

  it('takes class hours in steps of 0.5: 7.5 is fine, 7.25 is refused', () => {
    expect(check({ min_class_hours: 7.5 })).toEqual({})
    expect(check({ min_class_hours: 0 })).toEqual({})
    expect(check({ min_class_hours: 100 })).toEqual({})
    expect(check({ min_class_hours: 7.25 })).toEqual({ min_class_hours: { code: 'invalid_format' } })
    expect(check({ min_class_hours: 100.5 }).min_class_hours?.code).toBe('out_of_range')
    expect(check({ min_class_hours: -0.5 }).min_class_hours?.code).toBe('out_of_range')
  })

  it('wants whole numbers elsewhere', () => {
    expect(check({ min_activist_months: 2.5 })).toEqual({ min_activist_months: { code: 'invalid_format' } })
  })

  it('checks the ranges the server checks', () => {
    expect(check({ excellent_cap_percent: 0 })).toEqual({
      excellent_cap_percent: { code: 'out_of_range', min: 1, max: 100 },
    })
    expect(check({ junior_high_cap_percent: 101 }).junior_high_cap_percent?.code).toBe('out_of_range')
    expect(check({ min_activist_months: 25 }).min_activist_months).toEqual({ code: 'out_of_range', min: 0, max: 24 })
    expect(check({ min_classes_per_year: 52 })).toEqual({})
    expect(check({ min_classes_per_year: 53 }).min_classes_per_year?.code).toBe('out_of_range')
    expect(check({ min_age: 5 }).min_age?.code).toBe('out_of_range')
    expect(check({ max_age: 41 }).max_age?.code).toBe('out_of_range')
  })

  it('bounds the organizational life a branch must hold (0–13 a quarter, 0–5 a month)', () => {
    expect(check({ min_general_meetings_per_quarter: 0, min_committee_meetings_per_month: 0, min_classes_per_quarter: 0 })).toEqual({})
    expect(check({ min_general_meetings_per_quarter: 13, min_committee_meetings_per_month: 5, min_classes_per_quarter: 13 })).toEqual({})
    expect(check({ min_general_meetings_per_quarter: 14 })).toEqual({
      min_general_meetings_per_quarter: { code: 'out_of_range', min: 0, max: 13 },
    })
    expect(check({ min_committee_meetings_per_month: 6 })).toEqual({
      min_committee_meetings_per_month: { code: 'out_of_range', min: 0, max: 5 },
    })
    expect(check({ min_classes_per_quarter: -1 }).min_classes_per_quarter?.code).toBe('out_of_range')
    expect(check({ min_classes_per_quarter: 1.5 })).toEqual({ min_classes_per_quarter: { code: 'invalid_format' } })
    expect(check({ min_committee_meetings_per_month: null })).toEqual({ min_committee_meetings_per_month: { code: 'required' } })
  })

  it('wants the maximum age above the minimum', () => {
    expect(check({ min_age: 30 })).toEqual({ max_age: { code: 'not_above_min' } })
    expect(check({ min_age: 28 })).toEqual({ max_age: { code: 'not_above_min' } })
    expect(check({ min_age: 27 })).toEqual({})
  })

  it('bounds the quorum numerator by the denominator', () => {
    expect(check({ evaluation_quorum_num: 3, evaluation_quorum_den: 3 })).toEqual({})
    expect(check({ evaluation_quorum_num: 4, evaluation_quorum_den: 3 })).toEqual({
      evaluation_quorum_num: { code: 'out_of_range', min: 1, max: 3 },
    })
    expect(check({ evaluation_quorum_den: 0 }).evaluation_quorum_den?.code).toBe('out_of_range')
  })

  it('asks for every field', () => {
    expect(check({ min_class_hours: null, max_age: undefined })).toEqual({
      min_class_hours: { code: 'required' },
      max_age: { code: 'required' },
    })
  })
})
