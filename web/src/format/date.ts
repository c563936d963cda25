// Dates and instants for display: `2020年5月4日 14:03` in Chinese, ISO 8601 (`2020-05-04 14:03`)
// in English. Instants are shown in the browser's time zone unless one is given; plain dates
// (`YYYY-MM-DD`) are calendar dates and never shift with the zone.

export type DateLocale = 'zh-CN' | 'en'

interface Parts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

const pad = (n: number) => String(n).padStart(2, '0')

function partsOf(date: Date, timeZone?: string): Parts {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  })
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(format.formatToParts(date).find((p) => p.type === type)?.value ?? '0')
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') }
}

function dateText(p: Pick<Parts, 'year' | 'month' | 'day'>, locale: DateLocale): string {
  return locale === 'zh-CN'
    ? `${p.year}年${p.month}月${p.day}日`
    : `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

// An instant (ISO 8601 with offset) as date and minute; '' for null, empty or unparseable input.
export function formatDateTime(
  value: string | null | undefined,
  locale: DateLocale,
  timeZone?: string,
): string {
  if (!value) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  const p = partsOf(date, timeZone)
  return `${dateText(p, locale)} ${pad(p.hour)}:${pad(p.minute)}`
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

// A calendar date (`YYYY-MM-DD`) or the date of an instant; '' for null, empty or bad input.
export function formatDate(
  value: string | null | undefined,
  locale: DateLocale,
  timeZone?: string,
): string {
  if (!value) return ''
  const plain = PLAIN_DATE.exec(value)
  if (plain) {
    return dateText({ year: Number(plain[1]), month: Number(plain[2]), day: Number(plain[3]) }, locale)
  }
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  return dateText(partsOf(date, timeZone), locale)
}
