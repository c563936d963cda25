// The form of a new dues standard (新标准): amounts typed in yuan (converted to fen exactly), the
// wage rate in per mille, the months after admission the ledger starts, and the shares branches
// and committees keep, in percent. The limits are the server's (ValidateDuesStandard); it checks
// them again.
import type { DuesApi } from '@/api/dues'
import { fenToYuanText, parseYuan, type YuanProblem } from '@/format/money'
import { parseIsoDate } from '@/members/rules'

export type MoneyField = 'student_fen' | 'no_income_fen' | 'farmer_fen' | 'low_wage_fen' | 'wage_threshold_fen' | 'max_fen'
export type WholeField = 'wage_per_mille' | 'start_offset_months' | 'branch_keep_percent' | 'committee_keep_percent'

export const MONEY_FIELDS: readonly MoneyField[] = [
  'student_fen',
  'no_income_fen',
  'farmer_fen',
  'low_wage_fen',
  'wage_threshold_fen',
  'max_fen',
]
export const WHOLE_FIELDS: readonly WholeField[] = [
  'wage_per_mille',
  'start_offset_months',
  'branch_keep_percent',
  'committee_keep_percent',
]

// Limits in fen, and for the whole numbers as they are.
export const MONEY_LIMITS: Record<MoneyField, { min: number; max: number }> = {
  student_fen: { min: 0, max: 100000 },
  no_income_fen: { min: 0, max: 100000 },
  farmer_fen: { min: 0, max: 100000 },
  low_wage_fen: { min: 0, max: 100000 },
  wage_threshold_fen: { min: 0, max: 100000000 },
  max_fen: { min: 0, max: 100000 },
}
export const WHOLE_LIMITS: Record<WholeField, { min: number; max: number }> = {
  wage_per_mille: { min: 0, max: 100 },
  start_offset_months: { min: 0, max: 12 },
  branch_keep_percent: { min: 0, max: 100 },
  committee_keep_percent: { min: 0, max: 100 },
}

export interface StandardForm {
  effective_from: string
  // Yuan as typed.
  money: Record<MoneyField, string>
  whole: Record<WholeField, number | null>
}

// A form that starts from `s` (the standard in force, or the defaults).
export function standardForm(s: DuesApi.StandardValues, effectiveFrom = ''): StandardForm {
  const money = {} as Record<MoneyField, string>
  for (const f of MONEY_FIELDS) money[f] = fenToYuanText(s[f])
  const whole = {} as Record<WholeField, number | null>
  for (const f of WHOLE_FIELDS) whole[f] = s[f]
  return { effective_from: effectiveFrom, money, whole }
}

export type StandardProblem = 'required' | 'invalid_format' | YuanProblem

export type StandardField = 'effective_from' | MoneyField | WholeField

export function checkStandardForm(form: StandardForm): Partial<Record<StandardField, StandardProblem>> {
  const problems: Partial<Record<StandardField, StandardProblem>> = {}
  const day = form.effective_from.trim()
  if (day === '') problems.effective_from = 'required'
  else if (!parseIsoDate(day)) problems.effective_from = 'invalid_format'
  for (const f of MONEY_FIELDS) {
    const parsed = parseYuan(form.money[f], MONEY_LIMITS[f])
    if (parsed.problem) problems[f] = parsed.problem
  }
  for (const f of WHOLE_FIELDS) {
    const v = form.whole[f]
    if (v === null || v === undefined || Number.isNaN(v)) problems[f] = 'required'
    else if (!Number.isInteger(v) || v < WHOLE_LIMITS[f].min || v > WHOLE_LIMITS[f].max) problems[f] = 'out_of_range'
  }
  return problems
}

// The request body of a valid form (every field given), or null.
export function standardBody(form: StandardForm): DuesApi.StandardBody | null {
  if (Object.keys(checkStandardForm(form)).length > 0) return null
  const body: Record<string, string | number> = { effective_from: form.effective_from.trim() }
  for (const f of MONEY_FIELDS) body[f] = parseYuan(form.money[f]).fen ?? 0
  for (const f of WHOLE_FIELDS) body[f] = form.whole[f] ?? 0
  return body as unknown as DuesApi.StandardBody
}
