// The participation import in progress (参学记录导入). It lives in a store, not in the page, so that a
// long upload keeps running (and its report waits) while the user looks at other pages, as the
// member import does.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { importParticipation, type StudyApi } from '@/api/study'
import { useImportUpload, type ImportPhase } from '@/composables/useImportUpload'
import { checkImportFile } from './imports'

export type StudyImportPhase = ImportPhase

export const useStudyImportStore = defineStore('studyImport', () => {
  const episodeId = ref<number | null>(null)
  const report = ref<StudyApi.ImportReport | null>(null)
  // The episode the report is of (the choice may move on after it).
  const reportEpisode = ref<number | null>(null)
  const { file, phase, progress, errors, message, running, clearResult, setFile, upload, cancel } = useImportUpload(() => {
    report.value = null
    reportEpisode.value = null
  })

  function setEpisode(next: number | null): void {
    if (running.value) return
    episodeId.value = next
  }

  // Uploads the file for the chosen episode; true when the server took it (a report came back).
  async function run(): Promise<boolean> {
    const chosen = file.value
    const episode = episodeId.value
    if (!chosen || episode === null || running.value || checkImportFile(chosen)) return false
    return upload(
      (hooks) => importParticipation(episode, chosen, hooks),
      (answer) => {
        report.value = answer
        reportEpisode.value = episode
      },
    )
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
