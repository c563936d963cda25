// The period of a remittance (上缴与核对): a range of whole months 'YYYY-MM', 1–12 months long, the
// end not before the start (the server's rule; it answers 422 otherwise).
import { addMonths, monthNumber, monthText } from './rules'

export const MAX_PERIOD_MONTHS = 12

export interface Period {
  from: string
  to: string
}

export type PeriodProblem = 'required' | 'invalid_format' | 'order' | 'too_long'

// How many months the period holds (both ends counted); NaN for a bad month.
export function periodMonths(p: Period): number {
  return monthNumber(p.to) - monthNumber(p.from) + 1
}

export function checkPeriod(from: string | null | undefined, to: string | null | undefined): PeriodProblem | null {
  if (!from || !to) return 'required'
  if (Number.isNaN(monthNumber(from)) || Number.isNaN(monthNumber(to))) return 'invalid_format'
  const n = periodMonths({ from, to })
  if (n < 1) return 'order'
  if (n > MAX_PERIOD_MONTHS) return 'too_long'
  return null
}

// The calendar quarter that holds `month`.
export function quarterOf(month: string): Period {
  const n = monthNumber(month)
  const start = n - (n % 3)
  return { from: monthText(start), to: monthText(start + 2) }
}

export type PeriodShortcut = 'thisQuarter' | 'lastQuarter' | 'firstHalf' | 'secondHalf' | 'thisYear' | 'lastYear'
export const PERIOD_SHORTCUTS: readonly PeriodShortcut[] = [
  'thisQuarter',
  'lastQuarter',
  'firstHalf',
  'secondHalf',
  'thisYear',
  'lastYear',
]

// A shortcut's period as of `month` (this month, 'YYYY-MM').
export function shortcutPeriod(shortcut: PeriodShortcut, month: string): Period {
  const year = month.slice(0, 4)
  switch (shortcut) {
    case 'thisQuarter':
      return quarterOf(month)
    case 'lastQuarter':
      return quarterOf(addMonths(quarterOf(month).from, -1))
    case 'firstHalf':
      return { from: `${year}-01`, to: `${year}-06` }
    case 'secondHalf':
      return { from: `${year}-07`, to: `${year}-12` }
    case 'thisYear':
      return { from: `${year}-01`, to: `${year}-12` }
    case 'lastYear': {
      const last = String(Number(year) - 1).padStart(4, '0')
      return { from: `${last}-01`, to: `${last}-12` }
    }
  }
}

// The period the page starts on: the last quarter that has ended (remittances are recorded once
// a period is over).
export function defaultPeriod(month: string): Period {
  return shortcutPeriod('lastQuarter', month)
}
