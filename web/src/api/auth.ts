// Sign-in, the current session and the caller's own password (docs/api.md, Authentication).
import { http } from './request'

export namespace AuthApi {
  export type Role = 'system_admin' | 'committee_staff' | 'branch_secretary' | 'member'

  export interface User {
    id: number
    username: string
    display_name: string
    roles: Role[]
    org_id: number
    org_name: string
    must_change_password: boolean
  }

  export interface LoginResult {
    token: string
    expires_at: string
    csrf_token: string
    user: User
  }

  export interface Me {
    user: User
    csrf_token: string
    session: { id: number; expires_at: string }
  }
}

export const ROLES: readonly AuthApi.Role[] = [
  'system_admin',
  'committee_staff',
  'branch_secretary',
  'member',
]

// Errors are left to the login page, which shows them beside the form.
export function login(username: string, password: string): Promise<AuthApi.LoginResult> {
  return http.post<AuthApi.LoginResult>(
    '/auth/login',
    { username, password },
    { silent: true, noRedirect: true },
  )
}

export function logout(): Promise<void> {
  return http.post<void>('/auth/logout', undefined, { silent: true, noRedirect: true })
}

// The session behind the cookie; a 401 (no session) is expected and stays quiet.
export function getMe(): Promise<AuthApi.Me> {
  return http.get<AuthApi.Me>('/auth/me', {
    silent: (e) => e.status === 401,
    noRedirect: true,
  })
}

export function changePassword(
  oldPassword: string,
  newPassword: string,
): Promise<{ user: AuthApi.User }> {
  return http.post<{ user: AuthApi.User }>(
    '/auth/password',
    { old_password: oldPassword, new_password: newPassword },
  )
}
