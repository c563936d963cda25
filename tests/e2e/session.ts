// Signing the demo administrator in for a browser test without the login form (the foundation
// spec walks through that form and the forced password change). The specs share one server and
// one database, in one worker: whichever spec runs first changes the initial password to
// ADMIN_PASSWORD, and the others sign in with it.
import { expect, type Page } from '@playwright/test'
import { ENV, requireEnv } from './server'

// The administrator's password once the forced change has happened.
export const ADMIN_PASSWORD = 'Tuanjian-2026!e2e'

interface LoginAnswer {
  csrf_token: string
  user: { must_change_password: boolean }
}

// Signs in through the API on the page's browser context (so the session cookie is the
// browser's), changing the initial password first when the server still asks for that.
export async function signInAsAdmin(page: Page): Promise<void> {
  const base = requireEnv(ENV.baseUrl)
  const username = requireEnv(ENV.adminUsername)
  const initial = requireEnv(ENV.adminPassword)
  for (const password of [ADMIN_PASSWORD, initial]) {
    const response = await page.request.post(`${base}/api/v1/auth/login`, {
      data: { username, password },
    })
    if (response.status() === 401) continue
    expect(response.status(), await response.text()).toBe(200)
    const answer = (await response.json()) as LoginAnswer
    if (answer.user.must_change_password) {
      const changed = await page.request.post(`${base}/api/v1/auth/password`, {
        data: { old_password: password, new_password: ADMIN_PASSWORD },
        headers: { 'X-CSRF-Token': answer.csrf_token },
      })
      expect(changed.status(), await changed.text()).toBe(200)
    }
    return
  }
  throw new Error('neither the initial nor the changed administrator password was accepted')
}
