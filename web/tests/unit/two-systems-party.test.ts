import { describe, expect, it } from 'vitest'
import type { AuthApi } from '@/api/auth'
import { hasPermission, type Permission } from '@/auth/permissions'
import { addMonths, applicationOldEnough, checkRank, earliestNomination, partyActions } from '@/twoSystems/party'

const can = (roles: AuthApi.Role[]) => (p: Permission) => hasPermission(roles, p)

describe('the Party application period (6 months to the day)', () => {
  it('adds calendar months, a missing day becoming the month\'s last (as the server)', () => {
    expect(addMonths('2026-01-15', 6)).toBe('2026-07-15')
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28')
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29')
    expect(addMonths('2025-12-31', 2)).toBe('2026-02-28')
    expect(addMonths('2025-07-01', 6)).toBe('2026-01-01')
    expect(addMonths('not a date', 6)).toBe('')
  })

  it('lets a member be nominated from the day the application is 6 months old', () => {
    expect(earliestNomination('2026-01-15')).toBe('2026-07-15')
    expect(applicationOldEnough('2026-01-15', '2026-07-14')).toBe(false)
    expect(applicationOldEnough('2026-01-15', '2026-07-15')).toBe(true)
    expect(applicationOldEnough('', '2026-07-15')).toBe(false)
  })
})

describe('what a user may do with a recommendation', () => {
  const nominated = { stage: 'nominated' as const, org_id: 50 }
  const recommended = { stage: 'recommended' as const, org_id: 50 }

  it('lets branches and committees record the vote on a nomination', () => {
    expect(partyActions(nominated, 50, can(['branch_secretary']))).toEqual({ vote: true, review: false })
    expect(partyActions(nominated, 1, can(['committee_staff']))).toEqual({ vote: true, review: false })
    expect(partyActions(nominated, 50, can(['member']))).toEqual({ vote: false, review: false })
  })

  it('lets only committee staff above the branch review a recommended member', () => {
    expect(partyActions(recommended, 1, can(['committee_staff']))).toEqual({ vote: false, review: true })
    expect(partyActions(recommended, 50, can(['committee_staff']))).toEqual({ vote: false, review: false })
    expect(partyActions(recommended, 1, can(['branch_secretary']))).toEqual({ vote: false, review: false })
    expect(partyActions({ stage: 'reviewed', org_id: 50 }, 1, can(['committee_staff']))).toEqual({ vote: false, review: false })
  })
})

describe('the rank of an accepted recommendation', () => {
  it('is a whole number from 1, needed only when accepted', () => {
    expect(checkRank('accepted', 1)).toBeNull()
    expect(checkRank('accepted', null)).toBe('required')
    expect(checkRank('accepted', 0)).toBe('out_of_range')
    expect(checkRank('accepted', 1.5)).toBe('whole')
    expect(checkRank('accepted', 10001)).toBe('out_of_range')
    expect(checkRank('declined', null)).toBeNull()
  })
})
