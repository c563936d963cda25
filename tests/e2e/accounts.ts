// Accounts for the browser tests: the administrator creates them through the API, and each user
// signs in through the API in a browser context of their own (so several users can act in one
// test, each with the session cookie of their own context), changing the first password the way
// the server requires.
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { ENV, requireEnv } from './server'

export type Role = 'system_admin' | 'committee_staff' | 'branch_secretary' | 'member'

export interface NewAccount {
  username: string
  displayName: string
  orgId: number
  roles: Role[]
}

interface LoginAnswer {
  csrf_token: string
  user: { must_change_password: boolean }
}

// The first password (the user must change it at first login) and the one it becomes; the
// password policy refuses one that contains the username, so choose usernames not in them.
export const FIRST_PASSWORD = 'First-Login-2026!x'
export const USER_PASSWORD = 'Signed-In-2026!y'

// The CSRF token of the session the page's context holds.
export async function csrfToken(page: Page): Promise<string> {
  const base = requireEnv(ENV.baseUrl)
  const me = await page.request.get(`${base}/api/v1/auth/me`)
  expect(me.status(), await me.text()).toBe(200)
  return ((await me.json()) as { csrf_token: string }).csrf_token
}

// Creates an account with FIRST_PASSWORD; `admin` is a page signed in as an administrator.
export async function createAccount(admin: Page, account: NewAccount): Promise<number> {
  const base = requireEnv(ENV.baseUrl)
  const created = await admin.request.post(`${base}/api/v1/users`, {
    data: {
      username: account.username,
      display_name: account.displayName,
      org_id: account.orgId,
      roles: account.roles,
      password: FIRST_PASSWORD,
    },
    headers: { 'X-CSRF-Token': await csrfToken(admin) },
  })
  expect(created.status(), await created.text()).toBe(201)
  return ((await created.json()) as { id: number }).id
}

// Signs a user createAccount made in on the page's context: with FIRST_PASSWORD, which the server
// then makes them change (to USER_PASSWORD) before anything else.
export async function signInFirstTime(page: Page, username: string): Promise<void> {
  const base = requireEnv(ENV.baseUrl)
  const response = await page.request.post(`${base}/api/v1/auth/login`, {
    data: { username, password: FIRST_PASSWORD },
  })
  expect(response.status(), await response.text()).toBe(200)
  const answer = (await response.json()) as LoginAnswer
  expect(answer.user.must_change_password).toBe(true)
  const changed = await page.request.post(`${base}/api/v1/auth/password`, {
    data: { old_password: FIRST_PASSWORD, new_password: USER_PASSWORD },
    headers: { 'X-CSRF-Token': answer.csrf_token },
  })
  expect(changed.status(), await changed.text()).toBe(200)
}

// A new browser context (with the config's options) and a page in it, signed in as a user
// createAccount made.
export async function newUserPage(browser: Browser, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signInFirstTime(page, username)
  return { context, page }
}
