import { describe, expect, it } from 'vitest'
import { fenToYuanText, formatFen, parseYuan } from '@/format/money'

describe('formatFen', () => {
  it('shows yuan with two decimals, a ¥ sign and thousands separators', () => {
    expect(formatFen(123450)).toBe('¥1,234.50')
    expect(formatFen(20)).toBe('¥0.20')
    expect(formatFen(5)).toBe('¥0.05')
    expect(formatFen(0)).toBe('¥0.00')
    expect(formatFen(199999)).toBe('¥1,999.99')
    expect(formatFen(100000000)).toBe('¥1,000,000.00')
  })

  it('puts the sign of a refund before the ¥', () => {
    expect(formatFen(-150)).toBe('-¥1.50')
    expect(formatFen(-123456789)).toBe('-¥1,234,567.89')
  })

  it('shows nothing for what is not an amount in fen', () => {
    expect(formatFen(null)).toBe('')
    expect(formatFen(undefined)).toBe('')
    expect(formatFen(1.5)).toBe('')
    expect(formatFen(Number.NaN)).toBe('')
  })
})

describe('fenToYuanText', () => {
  it('gives the plain decimal text an input starts with', () => {
    expect(fenToYuanText(199999)).toBe('1999.99')
    expect(fenToYuanText(300)).toBe('3.00')
    expect(fenToYuanText(20)).toBe('0.20')
    expect(fenToYuanText(0)).toBe('0.00')
    expect(fenToYuanText(null)).toBe('')
  })

  it('round-trips through parseYuan exactly', () => {
    for (const fen of [0, 1, 20, 50, 300, 199999, 200000, 999900, 1000000, 1500000, 100000000]) {
      expect(parseYuan(fenToYuanText(fen)).fen).toBe(fen)
    }
  })
})

describe('parseYuan', () => {
  it('turns typed yuan into fen without floating point error', () => {
    expect(parseYuan('1999.99')).toEqual({ fen: 199999 })
    expect(parseYuan('2000')).toEqual({ fen: 200000 })
    expect(parseYuan('0.1')).toEqual({ fen: 10 })
    expect(parseYuan('0.29')).toEqual({ fen: 29 })
    // 0.07 * 100 is 7.000000000000001 in floating point; the digits give exactly 7.
    expect(parseYuan('0.07')).toEqual({ fen: 7 })
    expect(parseYuan('4.35')).toEqual({ fen: 435 })
    expect(parseYuan('9999')).toEqual({ fen: 999900 })
  })

  it('accepts a trailing point, a leading point, separators, a ¥ and spaces', () => {
    expect(parseYuan('12.')).toEqual({ fen: 1200 })
    expect(parseYuan('.5')).toEqual({ fen: 50 })
    expect(parseYuan('1,999.99')).toEqual({ fen: 199999 })
    expect(parseYuan('1，000')).toEqual({ fen: 100000 })
    expect(parseYuan(' ¥3 ')).toEqual({ fen: 300 })
    expect(parseYuan('￥ 0.20')).toEqual({ fen: 20 })
    expect(parseYuan('007')).toEqual({ fen: 700 })
  })

  it('names the problem of what is not an amount', () => {
    expect(parseYuan('')).toEqual({ problem: 'required' })
    expect(parseYuan('   ')).toEqual({ problem: 'required' })
    expect(parseYuan(null)).toEqual({ problem: 'required' })
    expect(parseYuan('abc')).toEqual({ problem: 'invalid_format' })
    expect(parseYuan('-3')).toEqual({ problem: 'invalid_format' })
    expect(parseYuan('1e3')).toEqual({ problem: 'invalid_format' })
    expect(parseYuan('1.2.3')).toEqual({ problem: 'invalid_format' })
    expect(parseYuan('.')).toEqual({ problem: 'invalid_format' })
    expect(parseYuan('1.999')).toEqual({ problem: 'too_many_decimals' })
    expect(parseYuan('1234567890123')).toEqual({ problem: 'out_of_range' })
  })

  it('checks the limits in fen, both inclusive', () => {
    const range = { min: 0, max: 100000 }
    expect(parseYuan('1000', range)).toEqual({ fen: 100000 })
    expect(parseYuan('1000.01', range)).toEqual({ problem: 'out_of_range' })
    expect(parseYuan('0', { min: 1 })).toEqual({ problem: 'out_of_range' })
    expect(parseYuan('0.01', { min: 1 })).toEqual({ fen: 1 })
  })
})
