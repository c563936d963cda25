import { describe, expect, it } from 'vitest'
import { checkRange, memberNumber, nextFreeSerial, quotaCap, rangePreview, usedPercent } from '@/recruitment/numbers'

describe('memberNumber', () => {
  it('is the year and the serial zero-padded to the width', () => {
    expect(memberNumber(2026, 8, 15)).toBe('202600000015')
    expect(memberNumber(2026, 4, 9999)).toBe('20269999')
    expect(memberNumber(2027, 12, 1)).toBe('2027000000000001')
  })
})

describe('checkRange (width 4–12, 1 ≤ first ≤ last < 10^width)', () => {
  const good = { year: 2026, serial_width: 8, first_serial: 1, last_serial: 5000 }

  it('accepts a good range and previews its numbers', () => {
    expect(checkRange(good)).toEqual({})
    expect(rangePreview(good)).toEqual({ first: '202600000001', last: '202600005000', count: 5000 })
    expect(rangePreview({ ...good, first_serial: 7, last_serial: 7 })).toEqual({
      first: '202600000007',
      last: '202600000007',
      count: 1,
    })
  })

  it('asks for every field as a whole number', () => {
    expect(checkRange({ ...good, last_serial: null })).toEqual({ last_serial: { code: 'required' } })
    expect(checkRange({ ...good, serial_width: 8.5 })).toEqual({ serial_width: { code: 'whole' } })
    expect(rangePreview({ ...good, year: undefined })).toBeNull()
  })

  it('bounds the width and the serials by the width', () => {
    expect(checkRange({ ...good, serial_width: 3 }).serial_width).toEqual({ code: 'out_of_range', min: 4, max: 12 })
    expect(checkRange({ ...good, serial_width: 13 }).serial_width).toEqual({ code: 'out_of_range', min: 4, max: 12 })
    expect(checkRange({ ...good, serial_width: 4, last_serial: 10000 }).last_serial).toEqual({
      code: 'out_of_range',
      min: 1,
      max: 9999,
    })
    expect(checkRange({ ...good, serial_width: 4, last_serial: 9999 })).toEqual({})
    expect(checkRange({ ...good, first_serial: 0 }).first_serial).toEqual({ code: 'out_of_range', min: 1, max: 99999999 })
  })

  it('refuses a last serial below the first', () => {
    expect(checkRange({ ...good, first_serial: 10, last_serial: 9 })).toEqual({ last_serial: { code: 'below_first' } })
  })

  it('bounds the year', () => {
    expect(checkRange({ ...good, year: 1999 }).year).toEqual({ code: 'out_of_range', min: 2000, max: 2100 })
  })
})

describe('nextFreeSerial', () => {
  const ranges = [
    { year: 2026, serial_width: 8, last_serial: 5000 },
    { year: 2026, serial_width: 8, last_serial: 12000 },
    { year: 2026, serial_width: 6, last_serial: 90000 },
    { year: 2025, serial_width: 8, last_serial: 99999 },
  ]

  it('starts after the last range of the same year and width', () => {
    expect(nextFreeSerial(ranges, 2026, 8)).toBe(12001)
    expect(nextFreeSerial(ranges, 2026, 6)).toBe(90001)
    expect(nextFreeSerial(ranges, 2027, 8)).toBe(1)
  })
})

describe('quotas', () => {
  it('caps at floor(percent × students / 100)', () => {
    expect(quotaCap(30, 200)).toBe(60)
    expect(quotaCap(30, 199)).toBe(59) // 59.7
    expect(quotaCap(60, 1)).toBe(0)
    expect(quotaCap(20, 0)).toBe(0)
  })

  it('shows the share used as a whole percent, full when nothing remains', () => {
    expect(usedPercent(30, 60)).toBe(50)
    expect(usedPercent(60, 60)).toBe(100)
    expect(usedPercent(61, 60)).toBe(100)
    expect(usedPercent(1, 3)).toBe(33)
    expect(usedPercent(0, 0)).toBe(0)
    expect(usedPercent(2, 0)).toBe(100)
  })
})
