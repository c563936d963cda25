// Money as the API carries it, integer fen (分), and as people read and type it, yuan with two
// decimals: `¥1,234.50` on screen (both languages, shared/UI.md), a plain decimal text in inputs.
// Conversions never go through floating point: a typed amount is parsed from its digits, so
// '1999.99' is exactly 199999 fen.

// Fen as `¥1,234.50` (`-¥12.00` for a refund); '' for null, undefined or a non-integer.
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return ''
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}¥${grouped}.${String(cents).padStart(2, '0')}`
}

// Fen as the text of an input in yuan, without the sign or grouping: 199999 → '1999.99',
// 300 → '3.00'; '' for null or undefined.
export function fenToYuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return ''
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

export type YuanProblem = 'required' | 'invalid_format' | 'too_many_decimals' | 'out_of_range'

export type YuanParse = { fen: number; problem?: undefined } | { fen?: undefined; problem: YuanProblem }

// The limits of an amount in fen (both inclusive).
export interface FenRange {
  min?: number
  max?: number
}

// A typed amount in yuan ('2000', '1999.9', '1,999.99', ' ¥3 ') as fen, exactly: digits with
// an optional decimal point and at most two decimals; thousands separators (',' or '，') and a
// leading '¥' are allowed; no sign (amounts typed here are never negative).
export function parseYuan(text: string | null | undefined, range: FenRange = {}): YuanParse {
  const cleaned = (text ?? '').trim().replace(/^[¥￥]\s*/, '').replace(/[,，]/g, '')
  if (cleaned === '') return { problem: 'required' }
  const m = /^(\d+)(?:\.(\d*))?$/.exec(cleaned) ?? /^()\.(\d+)$/.exec(cleaned)
  if (!m) return { problem: 'invalid_format' }
  const whole = m[1] ?? ''
  const decimals = m[2] ?? ''
  if (decimals.length > 2) return { problem: 'too_many_decimals' }
  // More digits than any amount here could have: out of range rather than imprecise.
  if (whole.replace(/^0+/, '').length > 12) return { problem: 'out_of_range' }
  const fen = Number(whole || '0') * 100 + Number(decimals.padEnd(2, '0') || '0')
  if ((range.min !== undefined && fen < range.min) || (range.max !== undefined && fen > range.max)) {
    return { problem: 'out_of_range' }
  }
  return { fen }
}
