// A form dialog's answer to a refused submit, on top of useFieldErrors: a rule refusal (422
// rule_violation) shows the server's message, already in the user's language and naming the
// rule in plain words ("发展对象须参加团课不少于8学时，当前7.5学时"), above the form; a 422 or 409
// that names fields puts each message under its field; a 422 naming no field shows its message
// above the form, and so does a 409 naming no field that the request client kept quiet (a call
// that lets the dialog tell "someone else acted first"). The API call keeps a 422 quiet (silent)
// so nothing is shown twice; anything else (403, 404, a network failure) was already shown by
// the request client.
import { ref } from 'vue'
import { isApiError } from '@/api/request'
import { useFieldErrors } from './useFieldErrors'

export function useRefusal() {
  const fields = useFieldErrors()
  const refusal = ref('')

  function clearErrors(): void {
    fields.clearFieldErrors()
    refusal.value = ''
  }

  function applyRefusal(error: unknown, rename: Record<string, string> = {}): void {
    if (!isApiError(error)) return
    if (error.code === 'rule_violation') {
      refusal.value = error.message
      return
    }
    if (fields.applyFieldErrors(error, rename)) return
    if (error.status === 422 || (error.status === 409 && !error.shown)) refusal.value = error.message
  }

  return { ...fields, refusal, clearErrors, applyRefusal }
}
