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

  it('leaves out figures that were not loaded', () => {
    const all = () => true
    expect(todoItems({ transfersWaiting: 0 }, all).map((i) => [i.key, i.value])).toEqual([['transfers', 0]])
  })
})
