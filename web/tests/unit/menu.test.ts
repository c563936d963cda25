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
  it('gives a system administrator administration but no member data', () => {
    expect(menuFor(['system_admin'])).toEqual([
      '/dashboard',
      '/org',
      '/org/tree',
      '/system',
      '/system/accounts',
      '/system/rules',
      '/system/audit',
    ])
  })

  it('lets committee staff see members, cadres, recruitment, transfers, dues, organizational life, the two systems, Youth Study, accounts and the audit log', () => {
    expect(menuFor(['committee_staff'])).toEqual([
      '/dashboard',
      '/org',
      '/org/tree',
      '/org/cadres',
      '/members',
      '/members/list',
      '/members/import',
      '/members/aging-out',
      '/members/status-changes',
      '/recruitment',
      '/recruitment/applicants',
      '/recruitment/quotas',
      '/recruitment/number-ranges',
      '/transfers',
      '/transfers/list',
      '/transfers/handoff',
      '/dues',
      '/dues/standards',
      '/dues/grid',
      '/dues/arrears',
      '/dues/stats',
      '/dues/remittances',
      '/activities',
      '/activities/meetings',
      '/activities/themed-days',
      '/activities/compliance',
      '/activities/reports',
      '/two-systems',
      '/two-systems/evaluations',
      '/two-systems/registration',
      '/two-systems/party',
      '/study',
      '/study/episodes',
      '/study/import',
      '/study/ranking',
      '/system',
      '/system/accounts',
      '/system/rules',
      '/system/audit',
    ])
  })

  it('gives the demo administrator (system_admin and committee_staff) everything', () => {
    expect(menuFor(['system_admin', 'committee_staff'])).toEqual(menuFor(['committee_staff']))
  })

  it('gives branch secretaries members, recruitment, transfers, dues, organizational life, the two systems and Youth Study but not Administration', () => {
    expect(menuFor(['branch_secretary'])).toEqual([
      '/dashboard',
      '/org',
      '/org/tree',
      '/org/cadres',
      '/members',
      '/members/list',
      '/members/import',
      '/members/aging-out',
      '/members/status-changes',
      '/recruitment',
      '/recruitment/applicants',
      '/recruitment/quotas',
      '/recruitment/number-ranges',
      '/transfers',
      '/transfers/list',
      '/transfers/handoff',
      '/dues',
      '/dues/standards',
      '/dues/grid',
      '/dues/arrears',
      '/dues/stats',
      '/dues/remittances',
      '/activities',
      '/activities/meetings',
      '/activities/themed-days',
      '/activities/compliance',
      '/activities/reports',
      '/two-systems',
      '/two-systems/evaluations',
      '/two-systems/registration',
      '/two-systems/party',
      '/study',
      '/study/episodes',
      '/study/import',
      '/study/ranking',
    ])
  })

  it('gives members their own membership page first, and neither member data nor Administration', () => {
    expect(menuFor(['member'])).toEqual(['/me', '/dashboard', '/org', '/org/tree'])
  })

  it('shows 我的团籍 only to members', () => {
    for (const role of ['system_admin', 'committee_staff', 'branch_secretary'] as const) {
      expect(menuFor([role])).not.toContain('/me')
    }
  })

  it('lets only committee staff and branch secretaries see full ID and phone numbers', () => {
    expect(hasPermission(['committee_staff'], 'member.reveal')).toBe(true)
    expect(hasPermission(['branch_secretary'], 'member.reveal')).toBe(true)
    expect(hasPermission(['system_admin'], 'member.reveal')).toBe(false)
    expect(hasPermission(['system_admin'], 'member.read')).toBe(false)
    expect(hasPermission(['member'], 'member.read')).toBe(false)
  })

  it('lets branches and committees record dues, only committee staff set the standards, and members serve themselves', () => {
    for (const role of ['committee_staff', 'branch_secretary'] as const) {
      expect(hasPermission([role], 'dues.write')).toBe(true)
      expect(hasPermission([role], 'self.service')).toBe(false)
    }
    expect(hasPermission(['committee_staff'], 'dues.standards')).toBe(true)
    expect(hasPermission(['branch_secretary'], 'dues.standards')).toBe(false)
    for (const p of ['dues.write', 'dues.standards', 'self.service'] as const) {
      expect(hasPermission(['system_admin'], p)).toBe(false)
    }
    expect(hasPermission(['member'], 'self.service')).toBe(true)
    expect(hasPermission(['member'], 'dues.write')).toBe(false)
  })

  it('lets branches and committees record organizational life and only committee staff review reports and keep topics', () => {
    for (const role of ['committee_staff', 'branch_secretary'] as const) {
      expect(hasPermission([role], 'activity.write')).toBe(true)
    }
    expect(hasPermission(['committee_staff'], 'activity.review')).toBe(true)
    expect(hasPermission(['branch_secretary'], 'activity.review')).toBe(false)
    for (const p of ['activity.write', 'activity.review'] as const) {
      expect(hasPermission(['system_admin'], p)).toBe(false)
      expect(hasPermission(['member'], p)).toBe(false)
    }
  })

  it('lets branches and committees record Youth Study participation and only committee staff keep seasons and episodes', () => {
    for (const role of ['committee_staff', 'branch_secretary'] as const) {
      expect(hasPermission([role], 'study.record')).toBe(true)
    }
    expect(hasPermission(['committee_staff'], 'study.manage')).toBe(true)
    expect(hasPermission(['branch_secretary'], 'study.manage')).toBe(false)
    for (const p of ['study.manage', 'study.record'] as const) {
      expect(hasPermission(['system_admin'], p)).toBe(false)
      expect(hasPermission(['member'], p)).toBe(false)
    }
  })

  it('puts Youth Study between organizational life (and the two systems) and Administration', () => {
    const top = buildMenu(layoutRoutes, (p) => hasPermission(['committee_staff'], p)).map((item) => item.title)
    expect(top.indexOf('menu.study')).toBeGreaterThan(top.indexOf('menu.activities'))
    expect(top.indexOf('menu.study')).toBe(top.indexOf('menu.twoSystems') + 1)
    expect(top.indexOf('menu.study')).toBe(top.indexOf('menu.system') - 1)
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

  it('lets committee staff read the rule settings and only system administrators change them', () => {
    expect(hasPermission(['committee_staff'], 'rules.read')).toBe(true)
    expect(hasPermission(['committee_staff'], 'rules.write')).toBe(false)
    expect(hasPermission(['system_admin'], 'rules.write')).toBe(true)
    expect(hasPermission(['branch_secretary'], 'rules.read')).toBe(false)
  })

  it('lets branch secretaries keep recruitment files and only committee staff approve, set quotas and allocate numbers', () => {
    for (const role of ['committee_staff', 'branch_secretary'] as const) {
      expect(hasPermission([role], 'recruitment.read')).toBe(true)
      expect(hasPermission([role], 'recruitment.write')).toBe(true)
    }
    for (const p of ['recruitment.approve', 'quota.write', 'number_range.write'] as const) {
      expect(hasPermission(['committee_staff'], p)).toBe(true)
      expect(hasPermission(['branch_secretary'], p)).toBe(false)
      expect(hasPermission(['system_admin'], p)).toBe(false)
    }
    expect(hasPermission(['system_admin'], 'recruitment.read')).toBe(false)
    expect(hasPermission(['member'], 'recruitment.read')).toBe(false)
  })

  it('lets branch secretaries record evaluations, register and nominate, and only committee staff approve, open and review', () => {
    for (const role of ['committee_staff', 'branch_secretary'] as const) {
      for (const p of ['evaluation.write', 'registration.write', 'party.write'] as const) {
        expect(hasPermission([role], p)).toBe(true)
      }
    }
    for (const p of ['evaluation.approve', 'registration.open', 'party.review'] as const) {
      expect(hasPermission(['committee_staff'], p)).toBe(true)
      expect(hasPermission(['branch_secretary'], p)).toBe(false)
    }
    for (const p of [
      'evaluation.write',
      'evaluation.approve',
      'registration.write',
      'registration.open',
      'party.write',
      'party.review',
    ] as const) {
      expect(hasPermission(['system_admin'], p)).toBe(false)
      expect(hasPermission(['member'], p)).toBe(false)
    }
  })

  it('lets branch secretaries and committee staff start and take the sending side\'s steps, and only committee staff accept transfers in', () => {
    for (const role of ['committee_staff', 'branch_secretary'] as const) {
      expect(hasPermission([role], 'transfer.write')).toBe(true)
    }
    expect(hasPermission(['committee_staff'], 'transfer.accept')).toBe(true)
    expect(hasPermission(['branch_secretary'], 'transfer.accept')).toBe(false)
    for (const p of ['transfer.write', 'transfer.accept'] as const) {
      expect(hasPermission(['system_admin'], p)).toBe(false)
      expect(hasPermission(['member'], p)).toBe(false)
    }
  })
})
