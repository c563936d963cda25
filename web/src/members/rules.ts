// The member rules the server checks (docs/api.md, Members; DOMAIN.md, Members), mirrored so
// that a form can tell the user as they type. The server stays the judge: these functions
// return the same problem codes its 422 details carry, and the form shows a message per code.
//
// Dates are calendar dates as 'YYYY-MM-DD' strings (they compare correctly as text).

import type { MemberApi } from '@/api/members'

// GB 11643-1999 / ISO 7064 MOD 11-2.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const

export const MIN_AGE = 14
export const MAX_AGE = 28
// Admissions from this date on need a member number.
export const MEMBER_NO_REQUIRED_FROM = '2017-01-01'

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`
}

// Today in the browser's calendar.
export function todayIso(now: Date = new Date()): string {
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate())
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function daysIn(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
}

interface Ymd {
  year: number
  month: number
  day: number
}

// A real calendar date from 'YYYY-MM-DD', or null.
export function parseIsoDate(text: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return null
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null
  return { year, month, day }
}

// The check character of the first 17 digits of an ID number; null if they are not 17 digits.
export function checkChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0)
  return CHECK_CHARS[sum % 11] ?? null
}

// Whole years from `birth` to `on`; a 29 February birthday falls on 1 March in other years.
export function ageOn(birth: string, on: string): number {
  const b = parseIsoDate(birth)
  const o = parseIsoDate(on)
  if (!b || !o) return Number.NaN
  let month = b.month
  let day = b.day
  if (month === 2 && day === 29 && !isLeap(o.year)) {
    month = 3
    day = 1
  }
  let age = o.year - b.year
  if (o.month < month || (o.month === month && o.day < day)) age -= 1
  return age
}

// The date a person born on `birth` turns `years` (29 February → 1 March in other years).
export function birthday(birth: string, years: number): string {
  const b = parseIsoDate(birth)
  if (!b) return ''
  const year = b.year + years
  if (b.month === 2 && b.day === 29 && !isLeap(year)) return isoDate(year, 3, 1)
  return isoDate(year, b.month, b.day)
}

export interface ResidentId {
  number: string // normalized: upper-case X
  divisionCode: string
  birthDate: string
  gender: MemberApi.Gender
}

export type IdNumberProblem = 'required' | 'format' | 'birth_date' | 'checksum'

export type Checked<T, P extends string> = { ok: true; value: T } | { ok: false; problem: P }

// Checks an ID number as the server does: 18 characters (17 digits and a digit or X), a real
// birth date from 1900 up to today, the right check character. Gender: odd 17th digit = male.
export function parseIdNumber(text: string, today: string = todayIso()): Checked<ResidentId, IdNumberProblem> {
  let n = text.trim()
  if (n === '') return { ok: false, problem: 'required' }
  if (n.length === 18 && n[17] === 'x') n = `${n.slice(0, 17)}X`
  if (!/^\d{17}[\dX]$/.test(n)) return { ok: false, problem: 'format' }
  const year = Number(n.slice(6, 10))
  const birthDate = `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`
  if (!parseIsoDate(birthDate) || year < 1900 || birthDate > today) {
    return { ok: false, problem: 'birth_date' }
  }
  if (checkChar(n.slice(0, 17)) !== n[17]) return { ok: false, problem: 'checksum' }
  return {
    ok: true,
    value: {
      number: n,
      divisionCode: n.slice(0, 6),
      birthDate,
      gender: Number(n[16]) % 2 === 1 ? 'male' : 'female',
    },
  }
}

export type JoinDateProblem =
  | 'required'
  | 'invalid_format'
  | 'in_future'
  | 'before_14th_birthday'
  | 'age_out_of_range'

// The admission date: not in the future, and (when the birth date is known) on or after the
// 14th birthday and before the 28th.
export function checkJoinDate(
  joinDate: string,
  birthDate: string | null,
  today: string = todayIso(),
): JoinDateProblem | null {
  const text = joinDate.trim()
  if (text === '') return 'required'
  if (!parseIsoDate(text)) return 'invalid_format'
  if (text > today) return 'in_future'
  if (birthDate && parseIsoDate(birthDate)) {
    const age = ageOn(birthDate, text)
    if (age < MIN_AGE) return 'before_14th_birthday'
    if (age >= MAX_AGE) return 'age_out_of_range'
  }
  return null
}

export type MemberNoProblem = 'required_since_2017' | 'invalid_format' | 'year_mismatch'

// The member number: required for admissions since 2017-01-01, 8–20 digits, beginning with the
// admission year. `joinDate` null (or invalid) skips the checks that need it.
export function checkMemberNo(memberNo: string, joinDate: string | null): MemberNoProblem | null {
  const no = memberNo.trim()
  const join = joinDate && parseIsoDate(joinDate) ? joinDate : null
  if (no === '') return join && join >= MEMBER_NO_REQUIRED_FROM ? 'required_since_2017' : null
  if (!/^\d{8,20}$/.test(no)) return 'invalid_format'
  if (join && no.slice(0, 4) !== join.slice(0, 4)) return 'year_mismatch'
  return null
}

// A phone number: an 11-digit mobile number (1[3-9]…) or a landline 0AAA-NNNNNNN (area code of
// 3 or 4 characters with the leading 0, number of 7 or 8 digits). Empty is allowed.
export function checkPhone(phone: string): 'invalid_format' | null {
  const p = phone.trim()
  if (p === '') return null
  if (/^1[3-9]\d{9}$/.test(p)) return null
  if (/^0\d{2,3}-\d{7,8}$/.test(p)) return null
  return 'invalid_format'
}
