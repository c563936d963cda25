// Where a signed-in user lands (after login, on '/', from the not-found page): a member who only
// serves themself (self-service without member data) on 我的团籍, everyone else on 工作台.
import type { Permission } from '@/auth/permissions'

export type HomeRoute = 'me' | 'dashboard'

export function homeRouteName(can: (permission: Permission) => boolean): HomeRoute {
  return can('self.service') && !can('member.read') ? 'me' : 'dashboard'
}
