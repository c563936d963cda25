// The policy's broken rules as one sentence in the current language (for form validators).
import {
  checkPasswordPolicy,
  MAX_PASSWORD_CHARS,
  MIN_PASSWORD_CHARS,
  MIN_PASSWORD_CLASSES,
} from './password-policy'

type Translate = (key: string, named: Record<string, unknown>) => string

export function passwordProblems(t: Translate, password: string, username: string): string {
  return checkPasswordPolicy(password, username)
    .map((rule) =>
      t(`password.rule.${rule}`, {
        min: MIN_PASSWORD_CHARS,
        max: MAX_PASSWORD_CHARS,
        n: MIN_PASSWORD_CLASSES,
      }),
    )
    .join(t('common.clauseSeparator', {}))
}
