// The member import in progress. It lives in a store, not in the page, so that a long upload
// keeps running (and its result waits) while the user looks at other pages.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { annotatedImport, importContentType, importMembers } from '@/api/members'
import { isApiError, type ApiErrorDetail } from '@/api/request'

export type ImportPhase = 'idle' | 'uploading' | 'checking' | 'done' | 'invalid' | 'failed'

export const useMemberImportStore = defineStore('memberImport', () => {
  const file = ref<File | null>(null)
  const org = ref<{ id: number; name: string } | null>(null)
  const phase = ref<ImportPhase>('idle')
  const dryRun = ref(false)
  // Upload progress, 0..100.
  const progress = ref(0)
  const imported = ref(0)
  // The bad cells of the last run (422 details), in the server's order.
  const errors = ref<ApiErrorDetail[]>([])
  const message = ref('')
  let controller: AbortController | null = null

  const running = computed(() => phase.value === 'uploading' || phase.value === 'checking')

  function clearResult(): void {
    phase.value = 'idle'
    progress.value = 0
    imported.value = 0
    errors.value = []
    message.value = ''
  }

  function setFile(next: File | null): void {
    if (running.value) return
    file.value = next
    clearResult()
  }

  function setOrg(next: { id: number; name: string } | null): void {
    if (running.value) return
    org.value = next
  }

  // Uploads the file; true when the run went through (a dry run without errors included).
  async function run(asDryRun: boolean): Promise<boolean> {
    const chosen = file.value
    if (!chosen || running.value || !importContentType(chosen.name)) return false
    clearResult()
    dryRun.value = asDryRun
    phase.value = 'uploading'
    controller = new AbortController()
    try {
      const result = await importMembers(chosen, {
        orgId: org.value?.id ?? null,
        dryRun: asDryRun,
        signal: controller.signal,
        onProgress: (fraction) => {
          progress.value = Math.round(fraction * 100)
        },
        onSent: () => {
          phase.value = 'checking'
        },
      })
      imported.value = result.imported
      phase.value = 'done'
      return true
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') {
        clearResult()
      } else if (isApiError(e) && e.status === 422) {
        errors.value = e.details
        message.value = e.message
        phase.value = 'invalid'
      } else {
        message.value = isApiError(e) ? e.message : String(e)
        phase.value = 'failed'
      }
      return false
    } finally {
      controller = null
    }
  }

  function cancel(): void {
    controller?.abort()
  }

  // The uploaded file as XLSX with each row's errors in an added column.
  function annotated() {
    if (!file.value) return Promise.reject(new Error('no file'))
    return annotatedImport(file.value, org.value?.id ?? null)
  }

  return {
    file,
    org,
    phase,
    dryRun,
    progress,
    imported,
    errors,
    message,
    running,
    setFile,
    setOrg,
    run,
    cancel,
    annotated,
    clearResult,
  }
})
