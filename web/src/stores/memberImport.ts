// The member import in progress. It lives in a store, not in the page, so that a long upload
// keeps running (and its result waits) while the user looks at other pages.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { annotatedImport, importContentType, importMembers } from '@/api/members'
import { useImportUpload } from '@/composables/useImportUpload'

export type { ImportPhase } from '@/composables/useImportUpload'

export const useMemberImportStore = defineStore('memberImport', () => {
  const org = ref<{ id: number; name: string } | null>(null)
  const dryRun = ref(false)
  const imported = ref(0)
  // The bad cells of the last run are `errors` (422 details), in the server's order.
  const { file, phase, progress, errors, message, running, clearResult, setFile, upload, cancel } = useImportUpload(() => {
    imported.value = 0
  })

  function setOrg(next: { id: number; name: string } | null): void {
    if (running.value) return
    org.value = next
  }

  // Uploads the file; true when the run went through (a dry run without errors included).
  async function run(asDryRun: boolean): Promise<boolean> {
    const chosen = file.value
    if (!chosen || running.value || !importContentType(chosen.name)) return false
    dryRun.value = asDryRun
    return upload(
      (hooks) => importMembers(chosen, { orgId: org.value?.id ?? null, dryRun: asDryRun, ...hooks }),
      (result) => {
        imported.value = result.imported
      },
    )
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
