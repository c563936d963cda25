import { describe, expect, it } from 'vitest'
import { openApplicants, todoItems } from '@/dashboard/todo'
import type { Permission } from '@/auth/permissions'

const counts = {
  applied: 2, activist: 3, candidate: 1, branch_approved: 1, approved: 1,
  admitted: 9, rejected: 4, withdrawn: 2, talk_overdue: 1,
}

describe('dashboard to-do', () => {
  it('counts the open recruitment files only', () => {
    expect(openApplicants(counts)).toBe(8)
  })

  it('shows each figure only to those who may act on it', () => {
    const secretary = (p: Permission) => ['recruitment.read', 'member.read'].includes(p)
    const keys = todoItems({ recruitment: counts, transfersWaiting: 2, transfersOverdue: 1, evaluationsWaiting: 3,
                             arrearsLapse: 5 }, secretary).map((i) => i.key)
    expect(keys).toEqual(['recruitment', 'talk', 'transfersOverdue', 'arrears'])
  })

  it('shows branches missing organizational life to readers and monthly reports to reviewers', () => {
    const secretary = (p: Permission) => ['member.read', 'activity.write'].includes(p)
    const staff = (p: Permission) => ['member.read', 'activity.write', 'activity.review'].includes(p)
    const figures = { complianceMissed: 4, reportsWaiting: 2 }
    expect(todoItems(figures, secretary).map((i) => i.key)).toEqual(['compliance'])
    const items = todoItems(figures, staff)
    expect(items.map((i) => [i.key, i.value, i.warn])).toEqual([
      ['compliance', 4, true],
      ['reports', 2, false],
    ])
    expect(items[1]?.to).toEqual({ path: '/activities/reports', query: { state: 'submitted' } })
  })

  it('leaves out figures that were not loaded', () => {
    const all = () => true
    expect(todoItems({ transfersWaiting: 0 }, all).map((i) => [i.key, i.value])).toEqual([['transfers', 0]])
  })
})
