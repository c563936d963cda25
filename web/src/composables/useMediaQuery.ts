// Whether a CSS media query matches, kept up to date (the phone layout of the sidebar and of the
// member's pages). False until mounted.
import { onBeforeUnmount, onMounted, ref } from 'vue'

export const PHONE_QUERY = '(max-width: 768px)'

export function useMediaQuery(query: string) {
  const matches = ref(false)
  let media: MediaQueryList | null = null
  const update = () => {
    matches.value = media?.matches ?? false
  }
  onMounted(() => {
    media = window.matchMedia(query)
    update()
    media.addEventListener('change', update)
  })
  onBeforeUnmount(() => media?.removeEventListener('change', update))
  return matches
}
