// What each role may do, mirroring the server's table (docs/api.md, Roles and scope). The web
// app only uses it to hide what a user cannot use; the server still refuses it.
import type { AuthApi } from '@/api/auth'

export type Permission =
  | 'org.read'
  | 'org.write'
  | 'user.read'
  | 'user.write'
  | 'audit.read'
  | 'audit.verify'
  | 'member.read'
  | 'member.write'
  | 'member.reveal'
  | 'rules.read'
  | 'rules.write'
  | 'recruitment.read'
  | 'recruitment.write'
  | 'recruitment.approve'
  | 'quota.write'
  | 'number_range.write'
  | 'evaluation.write'
  | 'evaluation.approve'
  | 'registration.write'
  | 'registration.open'
  | 'party.write'
  | 'party.review'
  | 'transfer.write'
  | 'transfer.accept'
  | 'dues.write'
  | 'dues.standards'
  | 'activity.write'
  | 'activity.review'
  | 'study.manage'
  | 'study.record'
  | 'self.service'

// A pure system administrator sees no member data ("no member data by default"); member data
// (and cadres) belong to committee staff and branch secretaries, who may also see full ID and
// phone numbers (each such read is audited by the server). Recruitment files are kept by
// branch secretaries and committee staff; only committee staff approve and admit (the server
// also wants an org above the file's branch), set graduating-class cohorts and allocate member
// number ranges (the server also wants the top org for that). The two systems (两制) follow the
// same split: branches (and committees) record evaluations, register members and nominate for
// Party recommendation; only committee staff approve evaluations, open a year's registration
// (the server also wants the top org) and review recommendations (the server also wants an org
// above the member's branch). Reading them needs member.read. Transfers (组织关系转接) are started,
// approved on the sending side, rejected, returned and cancelled by both (transfer.write); only
// committee staff accept a member in and place them in a branch (transfer.accept). Reading them
// needs member.read; the server also wants the right end of the transfer in the user's scope.
// Dues (团费) are read with member.read; payments, refunds, categories and remittances are recorded
// by branches and committees (dues.write); only committee staff set the standards (dues.standards;
// the server also wants the top org). Organizational life (组织生活) is read with member.read;
// meetings, classes and themed days are recorded, and monthly reports submitted, by branches and
// committees (activity.write); only committee staff review their children's monthly reports and
// keep the year's topic list (activity.review; the server also wants the report's org below the
// user's). Youth Study (青年大学习) is read with member.read; branches and committees record and
// import members' participation (study.record); only committee staff keep the seasons and
// episodes (study.manage; the server also wants the top org). A member reads their own record and
// dues, asks for their own transfer and takes part in Youth Study (self.service; the server also
// wants the account linked to the member).
const GRANTS: Record<AuthApi.Role, readonly Permission[]> = {
  system_admin: [
    'org.read',
    'org.write',
    'user.read',
    'user.write',
    'audit.read',
    'audit.verify',
    'rules.read',
    'rules.write',
  ],
  committee_staff: [
    'org.read',
    'org.write',
    'user.read',
    'audit.read',
    'member.read',
    'member.write',
    'member.reveal',
    'rules.read',
    'recruitment.read',
    'recruitment.write',
    'recruitment.approve',
    'quota.write',
    'number_range.write',
    'evaluation.write',
    'evaluation.approve',
    'registration.write',
    'registration.open',
    'party.write',
    'party.review',
    'transfer.write',
    'transfer.accept',
    'dues.write',
    'dues.standards',
    'activity.write',
    'activity.review',
    'study.manage',
    'study.record',
  ],
  branch_secretary: [
    'org.read',
    'member.read',
    'member.write',
    'member.reveal',
    'recruitment.read',
    'recruitment.write',
    'evaluation.write',
    'registration.write',
    'party.write',
    'transfer.write',
    'dues.write',
    'activity.write',
    'study.record',
  ],
  member: ['org.read', 'self.service'],
}

// Deny by default: true only when one of `roles` grants `permission`.
export function hasPermission(roles: readonly string[], permission: Permission): boolean {
  return roles.some((role) => {
    const grants = (GRANTS as Record<string, readonly Permission[] | undefined>)[role]
    return grants !== undefined && grants.includes(permission)
  })
}
