// Resident ID numbers (GB 11643) for the browser tests: the check character, a spoiled copy,
// and fresh numbers for a birth date that no member on the test server has yet.
import { expect, type Page } from '@playwright/test'
import { ENV, requireEnv } from './server'

// GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits of an ID number.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export function checkChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0)
  return CHECK[sum % 11] ?? '?'
}

// The same number with a wrong check character.
export function spoil(id: string): string {
  const right = id.slice(-1)
  const wrong = [...CHECK].find((c) => c !== right) ?? '0'
  return id.slice(0, 17) + wrong
}

// A Zhenlai county (220821) ID number of someone born on `birth` ('YYYY-MM-DD').
export function idNumber(birth: string, seq: number): string {
  const first17 = `220821${birth.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`
  return first17 + checkChar(first17)
}

// An ID number of someone born on `birth` that is no member's on the test server (the caller
// must be signed in as a user who sees the whole county).
export async function freshIdNumber(page: Page, birth: string): Promise<string> {
  const base = requireEnv(ENV.baseUrl)
  let seq = 100 + Math.floor(Math.random() * 800)
  for (let attempt = 0; attempt < 20; attempt++, seq += 7) {
    const id = idNumber(birth, seq)
    const found = await page.request.get(`${base}/api/v1/members`, { params: { q: id, status: 'all' } })
    expect(found.ok()).toBe(true)
    if (((await found.json()) as { total: number }).total === 0) return id
  }
  throw new Error(`no free ID number for ${birth}`)
}
