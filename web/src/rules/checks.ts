// The rule settings' bounds, as the server checks them (domain ValidateRules and the API's
// half-hour steps), mirrored for the form; the server checks them again.
import type { RulesApi } from '@/api/rules'

export type RuleField = keyof RulesApi.Values

export const RULE_FIELDS: readonly RuleField[] = [
  'min_class_hours',
  'min_activist_months',
  'min_age',
  'max_age',
  'junior_high_cap_percent',
  'senior_high_cap_percent',
  'excellent_cap_percent',
  'evaluation_quorum_num',
  'evaluation_quorum_den',
  'min_classes_per_year',
  'min_general_meetings_per_quarter',
  'min_committee_meetings_per_month',
  'min_classes_per_quarter',
]

// Fixed bounds; the quorum's numerator is bounded above by the denominator instead.
export const RULE_LIMITS: Record<RuleField, { min: number; max: number; step: number }> = {
  min_class_hours: { min: 0, max: 100, step: 0.5 },
  min_activist_months: { min: 0, max: 24, step: 1 },
  min_age: { min: 6, max: 40, step: 1 },
  max_age: { min: 6, max: 40, step: 1 },
  junior_high_cap_percent: { min: 1, max: 100, step: 1 },
  senior_high_cap_percent: { min: 1, max: 100, step: 1 },
  excellent_cap_percent: { min: 1, max: 100, step: 1 },
  evaluation_quorum_num: { min: 1, max: 100, step: 1 },
  evaluation_quorum_den: { min: 1, max: 100, step: 1 },
  min_classes_per_year: { min: 0, max: 52, step: 1 },
  min_general_meetings_per_quarter: { min: 0, max: 13, step: 1 },
  min_committee_meetings_per_month: { min: 0, max: 5, step: 1 },
  min_classes_per_quarter: { min: 0, max: 13, step: 1 },
}

// The same codes as the server's 422 details, plus `required` for an empty field.
export type RuleProblem =
  | { code: 'required' }
  | { code: 'invalid_format' }
  | { code: 'out_of_range'; min: number; max: number }
  | { code: 'not_above_min' }

export type RuleForm = { [K in RuleField]: number | null | undefined }

// The problems of a form, by field (a field without a problem is absent).
export function checkRules(form: RuleForm): Partial<Record<RuleField, RuleProblem>> {
  const problems: Partial<Record<RuleField, RuleProblem>> = {}
  for (const field of RULE_FIELDS) {
    const value = form[field]
    if (value === null || value === undefined || Number.isNaN(value)) {
      problems[field] = { code: 'required' }
      continue
    }
    const { min, step } = RULE_LIMITS[field]
    let { max } = RULE_LIMITS[field]
    if (field === 'evaluation_quorum_num') {
      const den = form.evaluation_quorum_den
      if (typeof den === 'number' && Number.isInteger(den)) max = Math.min(max, den)
    }
    // Whole numbers, or class hours in steps of 0.5.
    if (!Number.isInteger(value / step)) {
      problems[field] = { code: 'invalid_format' }
      continue
    }
    if (value < min || value > max) problems[field] = { code: 'out_of_range', min, max }
  }
  const { min_age: minAge, max_age: maxAge } = form
  if (!problems.max_age && !problems.min_age && typeof minAge === 'number' && typeof maxAge === 'number' && minAge >= maxAge)
    problems.max_age = { code: 'not_above_min' }
  return problems
}

// Server field names that the form shows under another field.
export const RULE_FIELD_RENAMES: Record<string, RuleField> = {
  min_class_half_hours: 'min_class_hours',
}
