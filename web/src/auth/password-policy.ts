// The password policy, checked in the browser before the server sees the password (the server
// checks it again): 10 to 128 characters, at least 3 of the 4 classes upper case, lower case,
// digits and symbols (any other character, non-ASCII included, counts as a symbol), and not
// containing the username (case-insensitive).

export const MIN_PASSWORD_CHARS = 10
export const MAX_PASSWORD_CHARS = 128
export const MIN_PASSWORD_CLASSES = 3

export type PasswordRule = 'too_short' | 'too_long' | 'classes' | 'contains_username'

// How many of the four classes the password uses.
export function passwordClassCount(password: string): number {
  let upper = false
  let lower = false
  let digit = false
  let symbol = false
  for (const c of password) {
    if (c >= 'A' && c <= 'Z') upper = true
    else if (c >= 'a' && c <= 'z') lower = true
    else if (c >= '0' && c <= '9') digit = true
    else symbol = true
  }
  return Number(upper) + Number(lower) + Number(digit) + Number(symbol)
}

// Returns the rules the password breaks, in a stable order; empty when it is acceptable.
export function checkPasswordPolicy(password: string, username: string): PasswordRule[] {
  const broken: PasswordRule[] = []
  const chars = [...password].length // code points, as the server counts them
  if (chars < MIN_PASSWORD_CHARS) broken.push('too_short')
  if (chars > MAX_PASSWORD_CHARS) broken.push('too_long')
  if (passwordClassCount(password) < MIN_PASSWORD_CLASSES) broken.push('classes')
  const name = username.trim().toLowerCase()
  if (name !== '' && password.toLowerCase().includes(name)) broken.push('contains_username')
  return broken
}
