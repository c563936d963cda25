import { describe, expect, it } from 'vitest'
import { safeRedirect } from '@/router/guard'

describe('safeRedirect', () => {
  it('accepts paths inside the app', () => {
    expect(safeRedirect('/org/tree')).toBe('/org/tree')
    expect(safeRedirect('/system/audit?page=2')).toBe('/system/audit?page=2')
  })

  it('refuses other sites, non-strings and the auth pages themselves', () => {
    expect(safeRedirect('//evil.example/')).toBeNull()
    expect(safeRedirect('https://evil.example/')).toBeNull()
    expect(safeRedirect(['/org/tree'])).toBeNull()
    expect(safeRedirect(undefined)).toBeNull()
    expect(safeRedirect('/login')).toBeNull()
    expect(safeRedirect('/change-password')).toBeNull()
  })
})
