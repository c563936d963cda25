import { describe, expect, it } from 'vitest'
import type { ActivityApi } from '@/api/activities'
import {
  branchTotal,
  currentCell,
  filterBranches,
  gridRow,
  memberCounts,
  missingItems,
  parsePeriod,
  percentOf,
  statusTag,
} from '@/activities/compliance'
import { canResubmit, canReview, defaultReportMonth, monthBegun, previousMonth, reportKinds } from '@/activities/reports'
import type { Permission } from '@/auth/permissions'

const quarterly: ActivityApi.Requirement = {
  requirement: 'class',
  per: 'quarter',
  required: 1,
  status: 'missed',
  periods: [
    { period: '2026-Q1', count: 1, status: 'met' },
    { period: '2026-Q2', count: 0, status: 'missed' },
    { period: '2026-Q3', count: 2, status: 'met' },
    { period: '2026-Q4', count: 0, status: 'behind' },
  ],
}

const monthly: ActivityApi.Requirement = {
  requirement: 'committee_meeting',
  per: 'month',
  required: 1,
  status: 'behind',
  periods: Array.from({ length: 12 }, (_, i) => ({
    period: `2026-${String(i + 1).padStart(2, '0')}`,
    count: i < 3 ? 1 : 0,
    status: (i < 3 ? 'met' : i === 3 ? 'behind' : 'upcoming') as ActivityApi.Status,
  })),
}

describe('compliance board', () => {
  it('colours statuses: met green, behind orange, missed red, upcoming grey', () => {
    expect(['met', 'behind', 'missed', 'upcoming', 'other'].map(statusTag)).toEqual([
      'success',
      'warning',
      'danger',
      'info',
      'info',
    ])
  })

  it('reads quarters and months', () => {
    expect(parsePeriod('2026-Q3')).toEqual({ per: 'quarter', n: 3 })
    expect(parsePeriod('2026-03')).toEqual({ per: 'month', n: 3 })
    expect(parsePeriod('2026-13')).toBeNull()
    expect(parsePeriod('2026-Q5')).toBeNull()
  })

  it('lays a quarterly requirement over the twelve months, a cell spanning three', () => {
    const row = gridRow(quarterly)
    expect(row.cells.map((c) => [c.period, c.span, c.count, c.status])).toEqual([
      ['2026-Q1', 3, 1, 'met'],
      ['2026-Q2', 3, 0, 'missed'],
      ['2026-Q3', 3, 2, 'met'],
      ['2026-Q4', 3, 0, 'behind'],
    ])
    expect(row.cells.reduce((sum, c) => sum + c.span, 0)).toBe(12)
    expect([row.met, row.due]).toEqual([2, 4])
    expect(row.cells[0]?.required).toBe(1)
  })

  it('counts only the periods that have begun', () => {
    const row = gridRow(monthly)
    expect(row.cells).toHaveLength(12)
    expect(row.cells.every((c) => c.span === 1)).toBe(true)
    expect([row.met, row.due]).toEqual([3, 4])
  })

  it("finds the cell holding today, and none in another year's board", () => {
    expect(currentCell(gridRow(quarterly), '2026-11-27')).toBe(3)
    expect(currentCell(gridRow(quarterly), '2026-04-01')).toBe(1)
    expect(currentCell(gridRow(monthly), '2026-04-30')).toBe(3)
    expect(currentCell(gridRow(monthly), '2027-01-05')).toBe(-1)
  })
})

describe('compliance overview', () => {
  const branches: ActivityApi.BranchSummary[] = [
    { org_id: 1, org_name: '建设社区团支部', status: 'missed', missed: ['general_meeting', 'class'], behind: ['member_classes'], members: 72, members_met: 0 },
    { org_id: 2, org_name: '新华社区团支部', status: 'behind', missed: [], behind: ['committee_meeting'], members: 10, members_met: 4 },
    { org_id: 3, org_name: '民主社区团支部', status: 'met', missed: [], behind: [], members: 8, members_met: 8 },
  ]

  it('counts the branches from the four statuses', () => {
    expect(branchTotal({ met: 1, behind: 2, missed: 3, upcoming: 4 })).toBe(10)
  })

  it('lists the missing items, missed first', () => {
    expect(missingItems(branches[0]!)).toEqual([
      { key: 'general_meeting', status: 'missed' },
      { key: 'class', status: 'missed' },
      { key: 'member_classes', status: 'behind' },
    ])
    expect(missingItems(branches[2]!)).toEqual([])
  })

  it('narrows the branches by status and name', () => {
    expect(filterBranches(branches, 'missed', '').map((b) => b.org_id)).toEqual([1])
    expect(filterBranches(branches, '', '民主').map((b) => b.org_id)).toEqual([3])
    expect(filterBranches(branches, null, '  ').map((b) => b.org_id)).toEqual([1, 2, 3])
  })

  it('counts members by status and shares as whole percents', () => {
    expect(memberCounts([{ status: 'met' }, { status: 'behind' }, { status: 'behind' }])).toEqual({
      met: 1,
      behind: 2,
      missed: 0,
      upcoming: 0,
    })
    expect(percentOf(1, 4)).toBe(25)
    expect(percentOf(2, 3)).toBe(66)
    expect(percentOf(5, 4)).toBe(100)
    expect(percentOf(1, 0)).toBe(0)
  })
})

describe('monthly reports', () => {
  const staff = (p: Permission) => ['activity.write', 'activity.review'].includes(p)
  const secretary = (p: Permission) => p === 'activity.write'

  it('offers last month first, and months once begun', () => {
    expect(previousMonth('2026-01')).toBe('2025-12')
    expect(previousMonth('2026-11')).toBe('2026-10')
    expect(defaultReportMonth(new Date(2026, 2, 2))).toBe('2026-02')
    expect(monthBegun('2026-03', new Date(2026, 2, 2))).toBe(true)
    expect(monthBegun('2026-04', new Date(2026, 2, 2))).toBe(false)
    expect(monthBegun('2026-3', new Date(2026, 2, 2))).toBe(false)
  })

  it('lets committee staff review reports of orgs below theirs that wait for review', () => {
    expect(canReview({ state: 'submitted', org_id: 11 }, 1, staff)).toBe(true)
    expect(canReview({ state: 'submitted', org_id: 1 }, 1, staff)).toBe(false)
    expect(canReview({ state: 'accepted', org_id: 11 }, 1, staff)).toBe(false)
    expect(canReview({ state: 'submitted', org_id: 11 }, 1, secretary)).toBe(false)
  })

  it('lets those who record submit a returned report again', () => {
    expect(canResubmit({ state: 'returned' }, secretary)).toBe(true)
    expect(canResubmit({ state: 'submitted' }, secretary)).toBe(false)
    expect(canResubmit({ state: 'returned' }, () => false)).toBe(false)
  })

  it('lists the kinds a report counted, in order', () => {
    expect(reportKinds({ other: 1, class: 2, general_meeting: 0, themed_day: 1 })).toEqual([
      { kind: 'class', count: 2 },
      { kind: 'themed_day', count: 1 },
      { kind: 'other', count: 1 },
    ])
    expect(reportKinds({})).toEqual([])
  })
})
