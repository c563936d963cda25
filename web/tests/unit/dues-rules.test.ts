import { describe, expect, it } from 'vitest'
import type { DuesApi } from '@/api/dues'
import { NATIONAL_DEFAULTS } from '@/composables/useDuesStandards'
import {
  addMonths,
  allocationRange,
  categoryFromOccupation,
  cellState,
  checkMonths,
  ledgerYears,
  monthlyDue,
  monthNumber,
  monthOf,
  previewPayment,
  previewRefund,
  standardOn,
  yearMonths,
} from '@/dues/rules'
import { parseYuan } from '@/format/money'

const fen = (yuan: string) => parseYuan(yuan).fen ?? Number.NaN
const month = (m: string, due: number, paid: number): DuesApi.LedgerMonth => ({
  month: m,
  due_fen: due,
  paid_fen: paid,
  settled: paid >= due,
})

describe('monthly dues (the server\'s rule)', () => {
  const s = NATIONAL_DEFAULTS

  it('charges the fixed amounts of students, those without income and farmers', () => {
    expect(monthlyDue('student', null, s)).toBe(20)
    expect(monthlyDue('no_income', null, s)).toBe(20)
    expect(monthlyDue('farmer', null, s)).toBe(50)
    // A wage on record does not matter outside the waged category.
    expect(monthlyDue('student', fen('15000'), s)).toBe(20)
  })

  it('charges waged members by the wage at each edge of the brackets', () => {
    expect(monthlyDue('waged', fen('1999.99'), s)).toBe(300)
    expect(monthlyDue('waged', fen('2000'), s)).toBe(400)
    expect(monthlyDue('waged', fen('2499.99'), s)).toBe(400)
    expect(monthlyDue('waged', fen('2500'), s)).toBe(500)
    expect(monthlyDue('waged', fen('9999'), s)).toBe(1900)
    expect(monthlyDue('waged', fen('9999.99'), s)).toBe(1900)
    expect(monthlyDue('waged', fen('10000'), s)).toBe(2000)
    expect(monthlyDue('waged', fen('15000'), s)).toBe(2000)
  })

  it('charges the low-wage amount without a wage on record', () => {
    expect(monthlyDue('waged', null, s)).toBe(300)
    expect(monthlyDue('waged', undefined, s)).toBe(300)
    expect(monthlyDue('waged', 0, s)).toBe(300)
  })

  it('follows the standard it is given', () => {
    const other = { ...s, wage_threshold_fen: 300000, wage_per_mille: 5, max_fen: 5000, low_wage_fen: 500 }
    expect(monthlyDue('waged', fen('2999.99'), other)).toBe(500)
    expect(monthlyDue('waged', fen('3000'), other)).toBe(1500)
    expect(monthlyDue('waged', fen('20000'), other)).toBe(5000)
  })
})

describe('category from the occupation', () => {
  it('gives students, farmers and the unemployed theirs and everyone else waged', () => {
    expect(categoryFromOccupation('student')).toBe('student')
    expect(categoryFromOccupation('farmer')).toBe('farmer')
    expect(categoryFromOccupation('unemployed')).toBe('no_income')
    for (const o of ['worker', 'enterprise_employee', 'public_employee', 'freelancer', 'other']) {
      expect(categoryFromOccupation(o)).toBe('waged')
    }
  })
})

describe('the standard in force', () => {
  const a = { ...NATIONAL_DEFAULTS, effective_from: '2024-01-01', student_fen: 30 }
  const b = { ...NATIONAL_DEFAULTS, effective_from: '2026-07-01', student_fen: 40 }

  it('is the latest one begun by the day, else the defaults', () => {
    expect(standardOn([b, a], NATIONAL_DEFAULTS, '2023-12-31')).toBe(NATIONAL_DEFAULTS)
    expect(standardOn([b, a], NATIONAL_DEFAULTS, '2024-01-01')).toBe(a)
    expect(standardOn([a, b], NATIONAL_DEFAULTS, '2026-06-30')).toBe(a)
    expect(standardOn([a, b], NATIONAL_DEFAULTS, '2026-07-01')).toBe(b)
    expect(standardOn([], NATIONAL_DEFAULTS, '2026-07-01')).toBe(NATIONAL_DEFAULTS)
  })
})

describe('months', () => {
  it('count, add across years and come from dates', () => {
    expect(addMonths('2025-11', 3)).toBe('2026-02')
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(monthNumber('2026-01') - monthNumber('2025-12')).toBe(1)
    expect(monthNumber('2026-13')).toBeNaN()
    expect(monthOf('2026-03-15')).toBe('2026-03')
    expect(monthOf(new Date(2026, 0, 31))).toBe('2026-01')
  })
})

describe('a month cell', () => {
  it('tells paid, partial, unpaid, upcoming and nothing due apart', () => {
    expect(cellState(month('2026-03', 50, 50), '2026-11')).toBe('paid')
    expect(cellState(month('2026-12', 50, 50), '2026-11')).toBe('paid')
    expect(cellState(month('2026-03', 400, 300), '2026-11')).toBe('partial')
    expect(cellState(month('2026-03', 50, 0), '2026-11')).toBe('unpaid')
    expect(cellState(month('2026-11', 50, 0), '2026-11')).toBe('unpaid')
    expect(cellState(month('2026-12', 50, 0), '2026-11')).toBe('upcoming')
    expect(cellState(month('2026-01', 0, 0), '2026-11')).toBe('none')
  })

  it('fills a year from a ledger, months it lacks being not due', () => {
    const year = yearMonths([month('2026-10', 50, 0), month('2026-11', 50, 50)], 2026)
    expect(year).toHaveLength(12)
    expect(year[0]).toEqual({ month: '2026-01', due_fen: 0, paid_fen: 0, settled: true })
    expect(year[9]?.due_fen).toBe(50)
    expect(year[10]?.paid_fen).toBe(50)
    // Months after the ledger's last (this month) are upcoming at the current amount.
    const ahead = yearMonths([month('2026-10', 50, 0), month('2026-11', 50, 50)], 2026, 50)
    expect(ahead[11]).toEqual({ month: '2026-12', due_fen: 50, paid_fen: 0, settled: false })
    expect(cellState(ahead[11]!, '2026-11')).toBe('upcoming')
    expect(ahead[0]?.due_fen).toBe(0)
    // An empty ledger (admitted this month) knows no months.
    expect(yearMonths([], 2026, 50).every((m) => m.due_fen === 0)).toBe(true)
    expect(ledgerYears([month('2015-05', 300, 300), month('2027-01', 300, 300)], 2026)).toEqual([2027, 2026, 2015])
  })
})

describe('payment preview (the server\'s allocation)', () => {
  const ledger = [
    month('2026-08', 50, 50),
    month('2026-09', 50, 0),
    month('2026-10', 50, 20),
    month('2026-11', 50, 0),
  ]

  it('covers the earliest unsettled months first, what is still due of each', () => {
    expect(previewPayment(ledger, 2, 50)).toEqual({
      allocations: [
        { month: '2026-09', amount_fen: 50 },
        { month: '2026-10', amount_fen: 30 },
      ],
      total_fen: 80,
      short: false,
    })
  })

  it('then pays ahead past the ledger\'s last month at the current amount', () => {
    const p = previewPayment([...ledger].reverse(), 5, 60)
    expect(p.allocations.map((a) => a.month)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01'])
    expect(p.total_fen).toBe(50 + 30 + 50 + 60 + 60)
  })

  it('pays ahead from the month after a fully paid ledger', () => {
    const p = previewPayment([month('2026-11', 50, 50)], 12, 50)
    expect(p.allocations[0]?.month).toBe('2026-12')
    expect(p.allocations[11]?.month).toBe('2027-11')
    expect(p.total_fen).toBe(600)
  })

  it('leaves the months to the server for an empty ledger (admitted this month)', () => {
    expect(previewPayment([], 3, 20)).toEqual({ allocations: [], total_fen: 60, short: false })
  })
})

describe('refund preview', () => {
  const ledger = [month('2026-07', 50, 50), month('2026-08', 50, 50), month('2026-09', 50, 0), month('2026-12', 50, 50)]

  it('takes back the latest paid months, oldest first in the answer', () => {
    expect(previewRefund(ledger, 2)).toEqual({
      allocations: [
        { month: '2026-08', amount_fen: -50 },
        { month: '2026-12', amount_fen: -50 },
      ],
      total_fen: -100,
      short: false,
    })
  })

  it('says when fewer months were paid than asked', () => {
    const p = previewRefund(ledger, 4)
    expect(p.short).toBe(true)
    expect(p.allocations).toHaveLength(3)
  })
})

describe('payment form', () => {
  it('wants 1 to 24 whole months', () => {
    expect(checkMonths(1)).toBeNull()
    expect(checkMonths(24)).toBeNull()
    expect(checkMonths(0)).toBe('out_of_range')
    expect(checkMonths(25)).toBe('out_of_range')
    expect(checkMonths(1.5)).toBe('out_of_range')
    expect(checkMonths(null)).toBe('required')
  })

  it('shows a payment\'s months as a range', () => {
    expect(allocationRange([{ month: '2026-10' }, { month: '2026-09' }, { month: '2026-11' }])).toEqual({
      from: '2026-09',
      to: '2026-11',
      count: 3,
    })
    expect(allocationRange([])).toBeNull()
  })
})
