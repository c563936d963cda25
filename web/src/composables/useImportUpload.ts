// A file import in progress, for the import stores (members, participation lists): the chosen
// file, the phase (uploading with its progress, then checking on the server), and what came back
// when the server refused the file (its 422 details and message) or the upload failed. The store
// adds its own choices and result; `clearOwn` clears that result along with the upload's.
import { computed, ref } from 'vue'
import { isApiError, type ApiErrorDetail } from '@/api/request'

export type ImportPhase = 'idle' | 'uploading' | 'checking' | 'done' | 'invalid' | 'failed'

// What an upload function takes to report progress and be cancelled.
export interface UploadHooks {
  signal: AbortSignal
  onProgress: (fraction: number) => void
  onSent: () => void
}

export function useImportUpload(clearOwn: () => void = () => {}) {
  const file = ref<File | null>(null)
  const phase = ref<ImportPhase>('idle')
  // Upload progress, 0..100.
  const progress = ref(0)
  // A refused file's details (422), in the server's order.
  const errors = ref<ApiErrorDetail[]>([])
  const message = ref('')
  let controller: AbortController | null = null

  const running = computed(() => phase.value === 'uploading' || phase.value === 'checking')

  function clearResult(): void {
    phase.value = 'idle'
    progress.value = 0
    clearOwn()
    errors.value = []
    message.value = ''
  }

  function setFile(next: File | null): void {
    if (running.value) return
    file.value = next
    clearResult()
  }

  // Sends with `send`, following its progress; true when the server took it (`took` has its
  // answer). A cancelled upload clears the result; a refusal or failure keeps the server's words.
  async function upload<T>(send: (hooks: UploadHooks) => Promise<T>, took: (answer: T) => void): Promise<boolean> {
    clearResult()
    phase.value = 'uploading'
    controller = new AbortController()
    try {
      const answer = await send({
        signal: controller.signal,
        onProgress: (fraction) => {
          progress.value = Math.round(fraction * 100)
        },
        onSent: () => {
          phase.value = 'checking'
        },
      })
      took(answer)
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

  return { file, phase, progress, errors, message, running, clearResult, setFile, upload, cancel }
}
