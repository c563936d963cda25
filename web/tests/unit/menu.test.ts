import { describe, expect, it } from 'vitest'
import { buildMenu, type MenuItem } from '@/layouts/menu'
import { layoutRoutes } from '@/router/routes'
import { hasPermission } from '@/auth/permissions'
import type { AuthApi } from '@/api/auth'

function menuFor(roles: AuthApi.Role[]): string[] {
  const paths = (items: MenuItem[]): string[] =>
    items.flatMap((item) => [item.path, ...paths(item.children ?? [])])
  return paths(buildMenu(layoutRoutes, (p) => hasPermission(roles, p)))
}

describe('sidebar menu by role', () => {
  it('gives a system administrator every entry', () => {
    expect(menuFor(['system_admin'])).toEqual([
      '/dashboard',
      '/org',
      '/org/tree',
      '/system',
      '/system/accounts',
      '/system/audit',
    ])
  })

  it('lets committee staff see accounts and the audit log', () => {
    expect(menuFor(['committee_staff'])).toEqual([
      '/dashboard',
      '/org',
      '/org/tree',
      '/system',
      '/system/accounts',
      '/system/audit',
    ])
  })

  it('hides Administration from branch secretaries and members', () => {
    expect(menuFor(['branch_secretary'])).toEqual(['/dashboard', '/org', '/org/tree'])
    expect(menuFor(['member'])).toEqual(['/dashboard', '/org', '/org/tree'])
  })

  it('denies by default for unknown roles', () => {
    expect(hasPermission(['auditor'], 'audit.read')).toBe(false)
    expect(hasPermission([], 'org.read')).toBe(false)
  })

  it('keeps account changes and chain verification to system administrators', () => {
    expect(hasPermission(['committee_staff'], 'user.write')).toBe(false)
    expect(hasPermission(['committee_staff'], 'audit.verify')).toBe(false)
    expect(hasPermission(['committee_staff', 'system_admin'], 'audit.verify')).toBe(true)
  })
})
