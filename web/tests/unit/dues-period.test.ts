import { describe, expect, it } from 'vitest'
import { checkPeriod, defaultPeriod, periodMonths, PERIOD_SHORTCUTS, quarterOf, shortcutPeriod } from '@/dues/period'

describe('remittance period', () => {
  it('holds 1 to 12 months, the end not before the start', () => {
    expect(checkPeriod('2026-01', '2026-01')).toBeNull()
    expect(checkPeriod('2026-01', '2026-12')).toBeNull()
    expect(checkPeriod('2025-07', '2026-06')).toBeNull()
    expect(checkPeriod('2025-07', '2026-07')).toBe('too_long')
    expect(checkPeriod('2026-03', '2026-02')).toBe('order')
    expect(checkPeriod('', '2026-02')).toBe('required')
    expect(checkPeriod('2026-3', '2026-04')).toBe('invalid_format')
    expect(periodMonths({ from: '2025-11', to: '2026-02' })).toBe(4)
  })

  it('finds the quarter of a month', () => {
    expect(quarterOf('2026-01')).toEqual({ from: '2026-01', to: '2026-03' })
    expect(quarterOf('2026-06')).toEqual({ from: '2026-04', to: '2026-06' })
    expect(quarterOf('2026-11')).toEqual({ from: '2026-10', to: '2026-12' })
  })

  it('gives each shortcut its months as of this month', () => {
    expect(shortcutPeriod('thisQuarter', '2026-11')).toEqual({ from: '2026-10', to: '2026-12' })
    expect(shortcutPeriod('lastQuarter', '2026-11')).toEqual({ from: '2026-07', to: '2026-09' })
    expect(shortcutPeriod('lastQuarter', '2026-02')).toEqual({ from: '2025-10', to: '2025-12' })
    expect(shortcutPeriod('firstHalf', '2026-11')).toEqual({ from: '2026-01', to: '2026-06' })
    expect(shortcutPeriod('secondHalf', '2026-11')).toEqual({ from: '2026-07', to: '2026-12' })
    expect(shortcutPeriod('thisYear', '2026-11')).toEqual({ from: '2026-01', to: '2026-12' })
    expect(shortcutPeriod('lastYear', '2026-01')).toEqual({ from: '2025-01', to: '2025-12' })
    for (const s of PERIOD_SHORTCUTS) {
      const p = shortcutPeriod(s, '2026-05')
      expect(checkPeriod(p.from, p.to), s).toBeNull()
    }
  })

  it('starts on the last quarter that has ended', () => {
    expect(defaultPeriod('2026-11')).toEqual({ from: '2026-07', to: '2026-09' })
    expect(defaultPeriod('2026-01')).toEqual({ from: '2025-10', to: '2025-12' })
  })
})
