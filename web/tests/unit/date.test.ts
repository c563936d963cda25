import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime } from '@/format/date'

describe('formatDateTime', () => {
  const instant = '2020-05-04T14:03:27+08:00'

  it('writes Chinese dates as 2020年5月4日 14:03', () => {
    expect(formatDateTime(instant, 'zh-CN', 'Asia/Shanghai')).toBe('2020年5月4日 14:03')
  })

  it('writes English dates in ISO order', () => {
    expect(formatDateTime(instant, 'en', 'Asia/Shanghai')).toBe('2020-05-04 14:03')
  })

  it('converts the instant to the given time zone', () => {
    expect(formatDateTime('2020-05-04T23:30:00+08:00', 'en', 'UTC')).toBe('2020-05-04 15:30')
    expect(formatDateTime('2020-05-04T20:00:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('2020年5月5日 04:00')
  })

  it('pads hours and minutes and uses a 24-hour clock', () => {
    expect(formatDateTime('2021-12-31T00:05:00+08:00', 'zh-CN', 'Asia/Shanghai')).toBe(
      '2021年12月31日 00:05',
    )
  })

  it('gives an empty string for nothing or garbage', () => {
    expect(formatDateTime(null, 'zh-CN')).toBe('')
    expect(formatDateTime('', 'en')).toBe('')
    expect(formatDateTime('not a date', 'en')).toBe('')
  })
})

describe('formatDate', () => {
  it('keeps a calendar date as it is, whatever the zone', () => {
    expect(formatDate('2020-05-04', 'zh-CN', 'America/Los_Angeles')).toBe('2020年5月4日')
    expect(formatDate('2020-05-04', 'en', 'Pacific/Kiritimati')).toBe('2020-05-04')
  })

  it('takes the date of an instant in the zone', () => {
    expect(formatDate('2020-05-04T20:00:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('2020年5月5日')
  })

  it('gives an empty string for nothing', () => {
    expect(formatDate(undefined, 'en')).toBe('')
  })
})
