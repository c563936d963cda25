// Navigation rules: without a session only the login page; while the password must be
// changed only the change-password page; '/' is the user's home page (router/home.ts); a page
// whose permission the user lacks is "not found", as the server answers for things outside a
// user's scope.
import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { homeRouteName } from './home'

// A redirect target from the query, accepted only when it is a path inside this app.
export function safeRedirect(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return null
  if (value.startsWith('/login') || value.startsWith('/change-password')) return null
  return value
}

function loginRoute(to: RouteLocationNormalized): RouteLocationRaw {
  return to.fullPath === '/' ? { name: 'login' } : { name: 'login', query: { redirect: to.fullPath } }
}

export function installGuard(router: Router): void {
  router.beforeEach(async (to) => {
    const auth = useAuthStore()
    if (to.meta.public) {
      if (to.name === 'login' && (await auth.ensureSession())) {
        return safeRedirect(to.query.redirect) ?? { name: homeRouteName(auth.can) }
      }
      return true
    }
    if (!(await auth.ensureSession()) || !auth.user) return loginRoute(to)
    if (auth.user.must_change_password) {
      return to.name === 'change-password' ? true : { name: 'change-password' }
    }
    // '/' (the layout without a page): the user's home page.
    if (to.name === 'layout') return { name: homeRouteName(auth.can), replace: true }
    if (to.meta.permission && !auth.can(to.meta.permission)) {
      return {
        name: 'not-found',
        params: { pathMatch: to.path.split('/').filter(Boolean) },
        query: to.query,
        hash: to.hash,
        replace: true,
      }
    }
    return true
  })
}
