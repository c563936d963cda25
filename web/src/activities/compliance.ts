// Compliance (达标情况) for display: the server judges each branch against the year's rules (general
// meetings a quarter, committee meetings a month, classes a quarter, each member's classes a
// year); these helpers only lay its answer out — the colours of the statuses, a branch's board
// as requirements × the year's months (a quarter's cell spanning its three months), and the
// overview's counts and missing items.
import type { ActivityApi } from '@/api/activities'
import type { TagType } from './kinds'

type Status = ActivityApi.Status

export const STATUSES: readonly Status[] = ['missed', 'behind', 'met', 'upcoming']

const STATUS_TAG: Record<Status, TagType> = {
  met: 'success',
  behind: 'warning',
  missed: 'danger',
  upcoming: 'info',
}

export function statusTag(status: Status | string): TagType {
  return STATUS_TAG[status as Status] ?? 'info'
}

// A period of the answer: '2026-Q2' is a quarter, '2026-05' a month (null for anything else).
export type PeriodName = { per: 'quarter'; n: number } | { per: 'month'; n: number }

export function parsePeriod(period: string): PeriodName | null {
  const quarter = /^\d{4}-Q([1-4])$/.exec(period)
  if (quarter) return { per: 'quarter', n: Number(quarter[1]) }
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.exec(period)
  if (month) return { per: 'month', n: Number(month[1]) }
  return null
}

export interface GridCell {
  period: string
  name: PeriodName | null
  // The months the cell covers (3 for a quarter).
  span: number
  count: number
  required: number
  status: Status
}

export interface GridRow {
  requirement: ActivityApi.Requirement['requirement']
  per: ActivityApi.Requirement['per']
  required: number
  status: Status
  cells: GridCell[]
  // Periods met out of those that have begun (upcoming ones left out).
  met: number
  due: number
}

// One row of the board a requirement: its periods in order, each spanning its months.
export function gridRow(r: ActivityApi.Requirement): GridRow {
  const span = r.per === 'quarter' ? 3 : 1
  const cells = r.periods.map((p) => ({
    period: p.period,
    name: parsePeriod(p.period),
    span,
    count: p.count,
    required: r.required,
    status: p.status,
  }))
  const begun = cells.filter((c) => c.status !== 'upcoming')
  return {
    requirement: r.requirement,
    per: r.per,
    required: r.required,
    status: r.status,
    cells,
    met: begun.filter((c) => c.status === 'met').length,
    due: begun.length,
  }
}

// The period holding `day` ('YYYY-MM-DD') in a row: its cell's index, or -1 (another year).
export function currentCell(row: GridRow, day: string): number {
  const year = day.slice(0, 4)
  const month = Number(day.slice(5, 7))
  return row.cells.findIndex((c) => {
    if (!c.period.startsWith(`${year}-`) || !c.name) return false
    return c.name.per === 'month' ? c.name.n === month : Math.ceil(month / 3) === c.name.n
  })
}

// The scope's number of branches (the answer's list holds every branch of the scope).
export function branchTotal(o: Pick<ActivityApi.ComplianceCount, 'met' | 'behind' | 'missed' | 'upcoming'>): number {
  return o.met + o.behind + o.missed + o.upcoming
}

export interface MissingItem {
  key: ActivityApi.RequirementKey
  status: 'missed' | 'behind'
}

// A branch's missing items, missed ones first, each in the server's order.
export function missingItems(b: Pick<ActivityApi.BranchSummary, 'missed' | 'behind'>): MissingItem[] {
  return [
    ...b.missed.map((key) => ({ key, status: 'missed' as const })),
    ...b.behind.map((key) => ({ key, status: 'behind' as const })),
  ]
}

// The branches of the overview narrowed by status and by name.
export function filterBranches(
  branches: readonly ActivityApi.BranchSummary[],
  status: Status | '' | null | undefined,
  name: string,
): ActivityApi.BranchSummary[] {
  const q = name.trim()
  return branches.filter((b) => (!status || b.status === status) && (!q || b.org_name.includes(q)))
}

// Members by their class status.
export function memberCounts(members: readonly Pick<ActivityApi.MemberClasses, 'status'>[]): Record<Status, number> {
  const counts: Record<Status, number> = { met: 0, behind: 0, missed: 0, upcoming: 0 }
  for (const m of members) counts[m.status] += 1
  return counts
}

// A share as a whole percent for a progress bar (0 when there is nothing to share).
export function percentOf(part: number, whole: number): number {
  if (!(whole > 0) || !(part > 0)) return 0
  return Math.min(100, Math.floor((part * 100) / whole))
}
