// Member number ranges and graduating-class quotas (docs/api.md, Member number ranges;
// Graduating-class quotas), mirrored for the forms' previews and checks. The server checks
// them again (and alone knows about overlaps with other ranges).

// A member number: the year followed by the serial zero-padded to `width` digits
// (2026, 8, 15 → 202600000015).
export function memberNumber(year: number, width: number, serial: number): string {
  return `${year}${String(serial).padStart(width, '0')}`
}

export const SERIAL_WIDTH = { min: 4, max: 12, default: 8 } as const
export const RANGE_YEAR = { min: 2000, max: 2100 } as const

export interface RangeForm {
  year: number | null | undefined
  serial_width: number | null | undefined
  first_serial: number | null | undefined
  last_serial: number | null | undefined
}

export type RangeField = keyof RangeForm

export type RangeProblem =
  | { code: 'required' }
  | { code: 'whole' }
  | { code: 'out_of_range'; min: number; max: number }
  | { code: 'below_first' }

const present = (n: number | null | undefined): n is number => typeof n === 'number' && !Number.isNaN(n)

// The problems of a range form, by field: width 4–12, 1 ≤ first ≤ last < 10^width.
export function checkRange(form: RangeForm): Partial<Record<RangeField, RangeProblem>> {
  const problems: Partial<Record<RangeField, RangeProblem>> = {}
  for (const field of ['year', 'serial_width', 'first_serial', 'last_serial'] as const) {
    const value = form[field]
    if (!present(value)) problems[field] = { code: 'required' }
    else if (!Number.isInteger(value)) problems[field] = { code: 'whole' }
  }
  const { year, serial_width: width, first_serial: first, last_serial: last } = form
  if (!problems.year && present(year) && (year < RANGE_YEAR.min || year > RANGE_YEAR.max)) {
    problems.year = { code: 'out_of_range', min: RANGE_YEAR.min, max: RANGE_YEAR.max }
  }
  let widthOk = false
  if (!problems.serial_width && present(width)) {
    if (width < SERIAL_WIDTH.min || width > SERIAL_WIDTH.max) {
      problems.serial_width = { code: 'out_of_range', min: SERIAL_WIDTH.min, max: SERIAL_WIDTH.max }
    } else {
      widthOk = true
    }
  }
  const maxSerial = widthOk && present(width) ? 10 ** width - 1 : Number.MAX_SAFE_INTEGER
  if (!problems.first_serial && present(first) && (first < 1 || first > maxSerial)) {
    problems.first_serial = { code: 'out_of_range', min: 1, max: maxSerial }
  }
  if (!problems.last_serial && present(last)) {
    if (last < 1 || last > maxSerial) problems.last_serial = { code: 'out_of_range', min: 1, max: maxSerial }
    else if (!problems.first_serial && present(first) && last < first) problems.last_serial = { code: 'below_first' }
  }
  return problems
}

// The first and last numbers of a range form and how many it holds; null while it has problems.
export function rangePreview(form: RangeForm): { first: string; last: string; count: number } | null {
  if (Object.keys(checkRange(form)).length > 0) return null
  const year = form.year as number
  const width = form.serial_width as number
  const first = form.first_serial as number
  const last = form.last_serial as number
  return { first: memberNumber(year, width, first), last: memberNumber(year, width, last), count: last - first + 1 }
}

// The share of a whole that is used, as a whole percent 0–100 for a progress bar (a cap of 0
// with something used counts as full).
export function usedPercent(used: number, total: number): number {
  if (total <= 0) return used > 0 ? 100 : 0
  return Math.min(100, Math.max(0, Math.round((used / total) * 100)))
}

// The graduating-class cap: floor(cap % × students), in integers as the server computes it.
export function quotaCap(capPercent: number, students: number): number {
  return Math.floor((capPercent * students) / 100)
}

// The first free serial after the ranges already allocated for `year` with `width` digits (1
// when there are none), to start a new range where the last one ended. Ranges of other years
// or widths never overlap it.
export function nextFreeSerial(
  ranges: readonly { year: number; serial_width: number; last_serial: number }[],
  year: number,
  width: number,
): number {
  let last = 0
  for (const r of ranges) if (r.year === year && r.serial_width === width && r.last_serial > last) last = r.last_serial
  return last + 1
}
