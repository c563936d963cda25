// Monthly reports (月报) of organizational life: an org submits a month of its own records to the
// committee above, which accepts it or returns it with a comment; a returned month may be
// submitted again. While a month is submitted or accepted its records cannot change. Mirrored so
// the pages offer only what the user may do; the server decides.
import type { ActivityApi } from '@/api/activities'
import type { Permission } from '@/auth/permissions'
import { ACTIVITY_KINDS } from '@/api/activities'

const pad = (n: number) => String(n).padStart(2, '0')

// 'YYYY-MM' of a date (the browser's calendar).
export function monthOfDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`
}

// The month before `month` ('YYYY-MM').
export function previousMonth(month: string): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`
}

// The month a report form offers first: last month (reports follow the month they tell of).
export function defaultReportMonth(today: Date = new Date()): string {
  return previousMonth(monthOfDate(today))
}

// A month may be reported once it has begun.
export function monthBegun(month: string, today: Date = new Date()): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && month <= monthOfDate(today)
}

// Accept or return: committee staff, for a report waiting for review from an org below their own.
export function canReview(
  report: Pick<ActivityApi.Report, 'state' | 'org_id'>,
  userOrgId: number | null | undefined,
  can: (p: Permission) => boolean,
): boolean {
  return report.state === 'submitted' && report.org_id !== userOrgId && can('activity.review')
}

// Submit again: a returned report, by those who record.
export function canResubmit(report: Pick<ActivityApi.Report, 'state'>, can: (p: Permission) => boolean): boolean {
  return report.state === 'returned' && can('activity.write')
}

// The kinds a report counted, in the kinds' order, leaving out those with none.
export function reportKinds(counts: ActivityApi.Report['counts']): { kind: ActivityApi.Kind; count: number }[] {
  return ACTIVITY_KINDS.flatMap((kind) => {
    const count = counts[kind] ?? 0
    return count > 0 ? [{ kind, count }] : []
  })
}
