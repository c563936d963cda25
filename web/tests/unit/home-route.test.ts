import { describe, expect, it } from 'vitest'
import { hasPermission } from '@/auth/permissions'
import { homeRouteName } from '@/router/home'

const home = (roles: string[]) => homeRouteName((p) => hasPermission(roles, p))

describe('home page', () => {
  it('is 我的团籍 for members and the dashboard for staff', () => {
    expect(home(['member'])).toBe('me')
    expect(home(['committee_staff'])).toBe('dashboard')
    expect(home(['branch_secretary'])).toBe('dashboard')
    expect(home(['system_admin'])).toBe('dashboard')
    // A secretary who is also a member works on the dashboard.
    expect(home(['branch_secretary', 'member'])).toBe('dashboard')
  })
})
