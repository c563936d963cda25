import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { defineComponent } from 'vue'
import { installGuard } from '@/router/guard'
import { resetRequestClient } from '@/api/request'
import { useAuthStore } from '@/stores/auth'
import type { AuthApi } from '@/api/auth'

const Page = defineComponent({ render: () => null })

function makeRouter(): Router {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: Page, meta: { public: true } },
      { path: '/change-password', name: 'change-password', component: Page },
      { path: '/', name: 'layout', component: Page },
      { path: '/dashboard', name: 'dashboard', component: Page },
      { path: '/me', name: 'me', component: Page, meta: { permission: 'self.service' } },
      { path: '/org/tree', name: 'org-tree', component: Page, meta: { permission: 'org.read' } },
      { path: '/system/accounts', name: 'system-accounts', component: Page, meta: { permission: 'user.read' } },
      { path: '/:pathMatch(.*)*', name: 'not-found', component: Page },
    ],
  })
  installGuard(router)
  return router
}

const user = (over: Partial<AuthApi.User> = {}): AuthApi.User => ({
  id: 1,
  username: 'admin',
  display_name: '管理员',
  roles: ['system_admin'],
  org_id: 1,
  org_name: '某县团委',
  must_change_password: false,
  ...over,
})

let meAnswer: () => Response

beforeEach(() => {
  setActivePinia(createPinia())
  resetRequestClient()
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => meAnswer()),
  )
})

afterEach(() => vi.unstubAllGlobals())

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

describe('navigation guard', () => {
  it('sends a visitor without a session to the login page, remembering the target', async () => {
    meAnswer = () => json(401, { error: { code: 'unauthenticated', message: '请先登录' } })
    const router = makeRouter()
    await router.push('/org/tree')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/org/tree')
  })

  it('allows only the change-password page while the password must be changed', async () => {
    meAnswer = () =>
      json(200, { user: user({ must_change_password: true }), csrf_token: 't', session: { id: 1, expires_at: '' } })
    const router = makeRouter()
    await router.push('/org/tree')
    expect(router.currentRoute.value.name).toBe('change-password')
    await router.push('/system/accounts')
    expect(router.currentRoute.value.name).toBe('change-password')
    await router.push('/dashboard')
    expect(router.currentRoute.value.name).toBe('change-password')
  })

  it('opens everything again once the password has been changed', async () => {
    meAnswer = () =>
      json(200, { user: user({ must_change_password: true }), csrf_token: 't', session: { id: 1, expires_at: '' } })
    const router = makeRouter()
    await router.push('/dashboard')
    const auth = useAuthStore()
    auth.user = user({ must_change_password: false })
    await router.push('/org/tree')
    expect(router.currentRoute.value.name).toBe('org-tree')
  })

  it('answers "not found" for a page the role may not use', async () => {
    meAnswer = () =>
      json(200, { user: user({ roles: ['branch_secretary'] }), csrf_token: 't', session: { id: 1, expires_at: '' } })
    const router = makeRouter()
    await router.push('/system/accounts')
    expect(router.currentRoute.value.name).toBe('not-found')
    expect(router.currentRoute.value.path).toBe('/system/accounts')
  })

  it('keeps the CSRF token from GET /auth/me', async () => {
    meAnswer = () => json(200, { user: user(), csrf_token: 'tok-9', session: { id: 1, expires_at: '' } })
    const router = makeRouter()
    await router.push('/dashboard')
    expect(useAuthStore().csrfToken).toBe('tok-9')
  })

  it('sends \'/\' and a signed-in visit of the login page to the user\'s home page', async () => {
    meAnswer = () => json(200, { user: user({ roles: ['member'] }), csrf_token: 't', session: { id: 1, expires_at: '' } })
    const router = makeRouter()
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('me')
    await router.push('/login')
    expect(router.currentRoute.value.name).toBe('me')
    useAuthStore().user = user({ roles: ['committee_staff'] })
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('dashboard')
  })

  it('keeps staff out of 我的团籍', async () => {
    meAnswer = () => json(200, { user: user({ roles: ['committee_staff'] }), csrf_token: 't', session: { id: 1, expires_at: '' } })
    const router = makeRouter()
    await router.push('/me')
    expect(router.currentRoute.value.name).toBe('not-found')
  })
})
