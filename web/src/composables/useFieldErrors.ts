// Server-side validation messages shown under form fields: a 422 answer's details[] name the
// fields; apply() puts each message under its field (through el-form-item's `error` prop).
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { isApiError } from '@/api/request'

export function useFieldErrors() {
  const { t } = useI18n()
  const fieldErrors = ref<Record<string, string>>({})

  function clearFieldErrors(): void {
    fieldErrors.value = {}
  }

  // Maps the error's details to form fields (server field name -> form field name, identity by
  // default): a 422's, and a 409's that names the field in use (an ID number, a member
  // number). Returns true when at least one field got a message.
  function applyFieldErrors(error: unknown, rename: Record<string, string> = {}): boolean {
    if (!isApiError(error) || (error.status !== 422 && error.status !== 409)) return false
    const next: Record<string, string> = {}
    for (const detail of error.details) {
      if (!detail.field) continue
      const field = rename[detail.field] ?? detail.field
      next[field] = next[field] ? `${next[field]}${t('common.clauseSeparator')}${detail.message}` : detail.message
    }
    fieldErrors.value = next
    return Object.keys(next).length > 0
  }

  // Messages for fields the form has no item for (shown above the form instead).
  function otherErrors(formFields: readonly string[]): string[] {
    return Object.entries(fieldErrors.value)
      .filter(([field]) => !formFields.includes(field))
      .map(([, message]) => message)
  }

  return { fieldErrors, clearFieldErrors, applyFieldErrors, otherErrors }
}
