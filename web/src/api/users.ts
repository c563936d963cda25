// Staff and member accounts (docs/api.md, Accounts).
import type { AuthApi } from './auth'
import { http, type Page } from './request'

export namespace UserApi {
  export type Status = 'active' | 'disabled'

  export interface Account {
    id: number
    username: string
    display_name: string
    org_id: number
    org_name: string
    roles: AuthApi.Role[]
    status: Status
    must_change_password: boolean
    locked_until: string | null
    last_login_at: string | null
    created_at: string
    updated_at: string
    // A member's own account (role member): the member it opens self-service to.
    member_id: number | null
  }

  export interface ListQuery {
    org_id?: number
    subtree?: boolean
    q?: string
    role?: AuthApi.Role
    status?: Status
    page?: number
    size?: number
  }

  export interface CreateBody {
    username: string
    display_name: string
    org_id: number
    roles: AuthApi.Role[]
    password: string
    // Only with the member role: a member in standing of the account's org.
    member_id?: number
  }

  export interface PatchBody {
    display_name?: string
    org_id?: number
    roles?: AuthApi.Role[]
    status?: Status
  }
}

export const ACCOUNT_STATUSES: readonly UserApi.Status[] = ['active', 'disabled']

export function listUsers(query: UserApi.ListQuery = {}): Promise<Page<UserApi.Account>> {
  return http.get<Page<UserApi.Account>>('/users', { query: { ...query } })
}

export function getUser(id: number): Promise<UserApi.Account> {
  return http.get<UserApi.Account>(`/users/${id}`)
}

export function createUser(body: UserApi.CreateBody): Promise<UserApi.Account> {
  return http.post<UserApi.Account>('/users', body)
}

export function updateUser(id: number, body: UserApi.PatchBody): Promise<UserApi.Account> {
  return http.patch<UserApi.Account>(`/users/${id}`, body)
}

export function resetPassword(id: number, password: string): Promise<UserApi.Account> {
  return http.post<UserApi.Account>(`/users/${id}/reset-password`, { password })
}

export function unlockUser(id: number): Promise<UserApi.Account> {
  return http.post<UserApi.Account>(`/users/${id}/unlock`)
}

// Whether the account is locked out at `now` (a lock in the past has expired).
export function isLocked(account: Pick<UserApi.Account, 'locked_until'>, now = new Date()): boolean {
  return account.locked_until !== null && new Date(account.locked_until).getTime() > now.getTime()
}
