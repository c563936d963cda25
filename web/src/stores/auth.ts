// The signed-in user and the session's CSRF token. The session itself is the HttpOnly cookie;
// on a reload the store asks GET /auth/me once to learn whether it is still alive.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  changePassword as apiChangePassword,
  getMe,
  login as apiLogin,
  logout as apiLogout,
  type AuthApi,
} from '@/api/auth'
import { hasPermission, type Permission } from '@/auth/permissions'

export const useAuthStore = defineStore('auth', () => {
  const user = ref<AuthApi.User | null>(null)
  const csrfToken = ref<string | null>(null)
  let probe: Promise<boolean> | null = null

  const roles = computed<readonly AuthApi.Role[]>(() => user.value?.roles ?? [])

  function can(permission: Permission): boolean {
    return hasPermission(roles.value, permission)
  }

  function setSession(next: AuthApi.User, token: string): void {
    user.value = next
    csrfToken.value = token
  }

  function clear(): void {
    user.value = null
    csrfToken.value = null
  }

  // True when there is a live session (asking the server once if the store is empty).
  function ensureSession(): Promise<boolean> {
    if (user.value) return Promise.resolve(true)
    if (!probe) {
      probe = getMe()
        .then((me) => {
          setSession(me.user, me.csrf_token)
          return true
        })
        .catch(() => false)
        .finally(() => {
          probe = null
        })
    }
    return probe
  }

  async function login(username: string, password: string): Promise<AuthApi.User> {
    const result = await apiLogin(username, password)
    setSession(result.user, result.csrf_token)
    return result.user
  }

  // Ends the session on the server; the local state is dropped even when that call fails
  // (an expired session, a network failure), since the user asked to leave.
  async function logout(): Promise<void> {
    try {
      await apiLogout()
    } catch {
      // nothing to do: the cookie is gone or will expire on the server
    } finally {
      clear()
    }
  }

  async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
    const result = await apiChangePassword(oldPassword, newPassword)
    user.value = result.user
  }

  // The server said the password must be changed first (403 password_change_required).
  function requirePasswordChange(): void {
    if (user.value) user.value = { ...user.value, must_change_password: true }
  }

  return {
    user,
    csrfToken,
    roles,
    can,
    ensureSession,
    login,
    logout,
    changePassword,
    clear,
    requirePasswordChange,
  }
})
