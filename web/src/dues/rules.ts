// League dues (团费) as the server computes them (docs/api.md, Dues; src/domain/dues), mirrored so
// that forms can show what an entry will come to before it is saved. The server stays the
// judge: its answer (the ledger after a payment, the amount it recorded) is what the pages show
// once saved. Money is integer fen; months are 'YYYY-MM' (they compare correctly as text).
import type { DuesApi } from '@/api/dues'
import type { MemberApi } from '@/api/members'

type Category = DuesApi.Category
type Standard = Pick<
  DuesApi.StandardValues,
  'student_fen' | 'no_income_fen' | 'farmer_fen' | 'low_wage_fen' | 'wage_threshold_fen' | 'wage_per_mille' | 'max_fen'
>

// The most months one payment or refund may cover.
export const MAX_PAYMENT_MONTHS = 24
// Quick picks of the payment dialog.
export const QUICK_MONTHS: readonly number[] = [1, 3, 12]
// Arrears from this many consecutive months on are a sign of 自行脱团 (lapse_sign).
export const LAPSE_MONTHS = 6
// The arrears list's filters.
export const ARREARS_FILTERS: readonly number[] = [3, LAPSE_MONTHS]

// A member's category when none is on record: students, farmers and the unemployed have theirs;
// everyone else is waged.
export function categoryFromOccupation(occupation: MemberApi.Occupation | string): Category {
  if (occupation === 'student') return 'student'
  if (occupation === 'farmer') return 'farmer'
  if (occupation === 'unemployed') return 'no_income'
  return 'waged'
}

// The monthly amount in fen under `s`. Waged: below the threshold (or without a wage on record)
// the low-wage amount; from the threshold on the wage × per mille rounded down to whole yuan, at
// most the cap. With the national defaults: 1 999.99 yuan → 3 yuan; 2 000 → 4; 9 999 → 19;
// 10 000 → 20; 15 000 → 20 (the cap).
export function monthlyDue(category: Category, wageFen: number | null | undefined, s: Standard): number {
  switch (category) {
    case 'student':
      return s.student_fen
    case 'no_income':
      return s.no_income_fen
    case 'farmer':
      return s.farmer_fen
    case 'waged':
      break
  }
  if (wageFen === null || wageFen === undefined || wageFen < s.wage_threshold_fen) return s.low_wage_fen
  const yuan = Math.floor(Math.floor((wageFen * s.wage_per_mille) / 1000) / 100)
  return Math.min(yuan * 100, s.max_fen)
}

// The standard in force on `day` ('YYYY-MM-DD'): the set with the latest effective_from not after
// it, else the national defaults.
export function standardOn<S extends Pick<DuesApi.StandardValues, 'effective_from'>>(
  items: readonly S[],
  defaults: S,
  day: string,
): S {
  let best: S | null = null
  for (const s of items) {
    if (s.effective_from <= day && (!best || best.effective_from < s.effective_from)) best = s
  }
  return best ?? defaults
}

const pad2 = (n: number) => String(n).padStart(2, '0')

// 'YYYY-MM' of a date ('YYYY-MM-DD') or of a Date in the browser's calendar.
export function monthOf(day: string | Date): string {
  if (typeof day === 'string') return day.slice(0, 7)
  return `${day.getFullYear()}-${pad2(day.getMonth() + 1)}`
}

// Months as counts (year × 12 + month − 1), so they subtract; NaN for a bad text.
export function monthNumber(month: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(month)
  if (!m) return Number.NaN
  const mo = Number(m[2])
  if (mo < 1 || mo > 12) return Number.NaN
  return Number(m[1]) * 12 + mo - 1
}

export function monthText(n: number): string {
  return `${String(Math.floor(n / 12)).padStart(4, '0')}-${pad2((n % 12) + 1)}`
}

export function addMonths(month: string, n: number): string {
  return monthText(monthNumber(month) + n)
}

// One cell of a months grid:
//   none     — nothing due (before the member's ledger starts) and nothing paid;
//   paid     — settled (paid at least what is due);
//   partial  — some paid, less than due (the amount due went up after the payment);
//   unpaid   — due, this month or earlier, not paid;
//   upcoming — due later than this month, not paid yet (not in arrears).
export type CellState = 'none' | 'paid' | 'partial' | 'unpaid' | 'upcoming'

export function cellState(m: Pick<DuesApi.LedgerMonth, 'month' | 'due_fen' | 'paid_fen'>, currentMonth: string): CellState {
  if (m.due_fen <= 0 && m.paid_fen <= 0) return 'none'
  if (m.paid_fen >= m.due_fen) return 'paid'
  if (m.paid_fen > 0) return 'partial'
  return m.month > currentMonth ? 'upcoming' : 'unpaid'
}

// The twelve months of `year` from a ledger. Months before the ledger starts are not due; months
// after its last one (the ledger runs to this month) are due at `dueAhead` (the current monthly
// amount) and unpaid, so they show as upcoming.
export function yearMonths(months: readonly DuesApi.LedgerMonth[], year: number, dueAhead = 0): DuesApi.LedgerMonth[] {
  const byMonth = new Map(months.map((m) => [m.month, m]))
  let last = ''
  for (const m of months) if (m.month > last) last = m.month
  const out: DuesApi.LedgerMonth[] = []
  for (let mo = 1; mo <= 12; mo++) {
    const month = `${String(year).padStart(4, '0')}-${pad2(mo)}`
    const known = byMonth.get(month)
    if (known) out.push(known)
    else if (last !== '' && month > last && dueAhead > 0) out.push({ month, due_fen: dueAhead, paid_fen: 0, settled: false })
    else out.push({ month, due_fen: 0, paid_fen: 0, settled: true })
  }
  return out
}

// The years a ledger runs over, newest first (this year at least).
export function ledgerYears(months: readonly DuesApi.LedgerMonth[], thisYear: number): number[] {
  const years = new Set<number>([thisYear])
  for (const m of months) years.add(Number(m.month.slice(0, 4)))
  return [...years].sort((a, b) => b - a)
}

export interface Preview {
  // The months covered and the amount each (negative for a refund).
  allocations: DuesApi.Allocation[]
  total_fen: number
  // A refund that asks for more months than have been paid (the server refuses it:
  // nothing_to_refund).
  short: boolean
}

const total = (allocations: readonly DuesApi.Allocation[]) => allocations.reduce((sum, a) => sum + a.amount_fen, 0)

// What a payment of `count` months will cover, as the server allocates it: the earliest unsettled
// months first (what is still due of each), then the months after the ledger's last one (paying
// ahead) at `dueAhead` fen a month (the current monthly amount; the server uses the standard in
// force each month). An empty ledger (admitted this month: the ledger starts later) pays
// `count` months at `dueAhead` from its first month, which the server knows.
export function previewPayment(
  months: readonly Pick<DuesApi.LedgerMonth, 'month' | 'due_fen' | 'paid_fen'>[],
  count: number,
  dueAhead: number,
): Preview {
  const n = Math.max(0, Math.floor(count))
  const sorted = [...months].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
  const allocations: DuesApi.Allocation[] = []
  for (const m of sorted) {
    if (allocations.length === n) break
    if (m.paid_fen < m.due_fen) allocations.push({ month: m.month, amount_fen: m.due_fen - m.paid_fen })
  }
  const last = sorted[sorted.length - 1]
  if (last) {
    let next = addMonths(last.month, 1)
    while (allocations.length < n) {
      allocations.push({ month: next, amount_fen: dueAhead })
      next = addMonths(next, 1)
    }
    return { allocations, total_fen: total(allocations), short: false }
  }
  return { allocations: [], total_fen: n * dueAhead, short: false }
}

// What a refund of `count` months will take back, as the server does it: the latest months with
// something paid, each by what was paid for it (oldest first in the answer).
export function previewRefund(
  months: readonly Pick<DuesApi.LedgerMonth, 'month' | 'paid_fen'>[],
  count: number,
): Preview {
  const n = Math.max(0, Math.floor(count))
  const sorted = [...months].sort((a, b) => (a.month > b.month ? -1 : a.month < b.month ? 1 : 0))
  const allocations: DuesApi.Allocation[] = []
  for (const m of sorted) {
    if (allocations.length === n) break
    if (m.paid_fen > 0) allocations.push({ month: m.month, amount_fen: -m.paid_fen })
  }
  allocations.reverse()
  return { allocations, total_fen: total(allocations), short: allocations.length < n }
}

// The months a payment covered as a range: first and last month and how many.
export function allocationRange(allocations: readonly Pick<DuesApi.Allocation, 'month'>[]): {
  from: string
  to: string
  count: number
} | null {
  if (allocations.length === 0) return null
  const months = allocations.map((a) => a.month).sort()
  return { from: months[0] ?? '', to: months[months.length - 1] ?? '', count: months.length }
}

// The payment form's months: a whole number 1–24.
export function checkMonths(value: number | null | undefined): 'required' | 'out_of_range' | null {
  if (value === null || value === undefined || Number.isNaN(value)) return 'required'
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAYMENT_MONTHS) return 'out_of_range'
  return null
}
