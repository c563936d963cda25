// The API as the browser tests read it: a GET on the signed-in page's session, an org found by its
// path of names, and today's date in the server's zone.
import { expect, type Page } from '@playwright/test'
import { ENV, requireEnv } from './server'

export interface Org {
  id: number
  name: string
}

// A member of a branch's roster (GET /activities/roster).
export interface RosterMember {
  member_id: number
  name: string
  member_no: string | null
}

export const pad = (n: number) => String(n).padStart(2, '0')

// Today in Asia/Shanghai (UTC+8, no daylight saving), as the server and the browser see it.
export function todayShanghai(): { y: number; m: number; d: number; iso: string } {
  const now = new Date(Date.now() + 8 * 3600_000)
  const y = now.getUTCFullYear()
  const m = now.getUTCMonth() + 1
  const d = now.getUTCDate()
  return { y, m, d, iso: `${y}-${pad(m)}-${pad(d)}` }
}

export async function apiGet<T>(page: Page, path: string, params: Record<string, string | number> = {}): Promise<T> {
  const answer = await page.request.get(`${requireEnv(ENV.baseUrl)}/api/v1${path}`, { params })
  expect(answer.ok(), await answer.text()).toBe(true)
  return (await answer.json()) as T
}

// The org at `path` below the caller's org (names are unique among siblings only).
export async function findOrg(page: Page, path: readonly string[]): Promise<Org> {
  let found: Org | null = null
  for (const name of path) {
    const params: Record<string, string | number> = { q: name, size: 50 }
    if (found) params.org_id = found.id
    const items = (await apiGet<{ items: Org[] }>(page, '/orgs', params)).items
    found = items.find((o) => o.name === name) ?? null
    if (!found) throw new Error(`no org ${path.join(' / ')}`)
  }
  if (!found) throw new Error('empty org path')
  return found
}
