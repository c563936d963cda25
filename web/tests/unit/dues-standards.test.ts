import { describe, expect, it } from 'vitest'
import { NATIONAL_DEFAULTS } from '@/composables/useDuesStandards'
import { checkStandardForm, standardBody, standardForm } from '@/dues/standards'

describe('new dues standard form', () => {
  it('starts from a standard, amounts as yuan text', () => {
    const form = standardForm(NATIONAL_DEFAULTS)
    expect(form.money.student_fen).toBe('0.20')
    expect(form.money.wage_threshold_fen).toBe('2000.00')
    expect(form.whole.wage_per_mille).toBe(2)
    expect(form.effective_from).toBe('')
  })

  it('sends every field, amounts in fen', () => {
    const form = standardForm(NATIONAL_DEFAULTS, '2027-01-01')
    form.money.low_wage_fen = '3.5'
    form.money.wage_threshold_fen = '2,500'
    form.whole.committee_keep_percent = 40
    expect(standardBody(form)).toEqual({
      effective_from: '2027-01-01',
      student_fen: 20,
      no_income_fen: 20,
      farmer_fen: 50,
      low_wage_fen: 350,
      wage_threshold_fen: 250000,
      max_fen: 2000,
      wage_per_mille: 2,
      start_offset_months: 1,
      branch_keep_percent: 0,
      committee_keep_percent: 40,
    })
  })

  it('names the problems as the server would', () => {
    const form = standardForm(NATIONAL_DEFAULTS)
    form.money.max_fen = '1000.01'
    form.money.farmer_fen = '0.555'
    form.whole.start_offset_months = 13
    form.whole.wage_per_mille = null
    expect(checkStandardForm(form)).toEqual({
      effective_from: 'required',
      max_fen: 'out_of_range',
      farmer_fen: 'too_many_decimals',
      start_offset_months: 'out_of_range',
      wage_per_mille: 'required',
    })
    expect(standardBody(form)).toBeNull()
  })
})
