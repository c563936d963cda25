// The participation import in progress (参学记录导入). It lives in a store, not in the page, so that a
// long upload keeps running (and its report waits) while the user looks at other pages, as the
// member import does.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { importParticipation, type StudyApi } from '@/api/study'
import { isApiError, type ApiErrorDetail } from '@/api/request'
import { checkImportFile } from './imports'

export type StudyImportPhase = 'idle' | 'uploading' | 'checking' | 'done' | 'invalid' | 'failed'

export const useStudyImportStore = defineStore('studyImport', () => {
  const file = ref<File | null>(null)
  const episodeId = ref<number | null>(null)
  const phase = ref<StudyImportPhase>('idle')
  // Upload progress, 0..100.
  const progress = ref(0)
  const report = ref<StudyApi.ImportReport | null>(null)
  // The episode the report is of (the choice may move on after it).
  const reportEpisode = ref<number | null>(null)
  // A malformed file's details (422), in the server's order.
  const errors = ref<ApiErrorDetail[]>([])
  const message = ref('')
  let controller: AbortController | null = null

  const running = computed(() => phase.value === 'uploading' || phase.value === 'checking')

  function clearResult(): void {
    phase.value = 'idle'
    progress.value = 0
    report.value = null
    reportEpisode.value = null
    errors.value = []
    message.value = ''
  }

  function setFile(next: File | null): void {
    if (running.value) return
    file.value = next
    clearResult()
  }

  function setEpisode(next: number | null): void {
    if (running.value) return
    episodeId.value = next
  }

  // Uploads the file for the chosen episode; true when the server took it (a report came back).
  async function run(): Promise<boolean> {
    const chosen = file.value
    const episode = episodeId.value
    if (!chosen || episode === null || running.value || checkImportFile(chosen)) return false
    clearResult()
    phase.value = 'uploading'
    controller = new AbortController()
    try {
      report.value = await importParticipation(episode, chosen, {
        signal: controller.signal,
        onProgress: (fraction) => {
          progress.value = Math.round(fraction * 100)
        },
        onSent: () => {
          phase.value = 'checking'
        },
      })
      reportEpisode.value = episode
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

  return {
    file,
    episodeId,
    phase,
    progress,
    report,
    reportEpisode,
    errors,
    message,
    running,
    setFile,
    setEpisode,
    run,
    cancel,
    clearResult,
  }
})
