// UI preferences that survive a reload: the language (中文 / English) and the sidebar state.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { DEFAULT_LOCALE, i18n, isAppLocale, type AppLocale } from '@/locales'

const LOCALE_KEY = 'tj.locale'
const SIDEBAR_KEY = 'tj.sidebarCollapsed'

function readLocale(): AppLocale {
  const stored = localStorage.getItem(LOCALE_KEY)
  return isAppLocale(stored) ? stored : DEFAULT_LOCALE
}

function applyLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
}

export const useAppStore = defineStore('app', () => {
  const locale = ref<AppLocale>(readLocale())
  const sidebarCollapsed = ref(localStorage.getItem(SIDEBAR_KEY) === '1')
  applyLocale(locale.value)

  function setLocale(next: AppLocale): void {
    locale.value = next
    localStorage.setItem(LOCALE_KEY, next)
    applyLocale(next)
  }

  function toggleSidebar(): void {
    sidebarCollapsed.value = !sidebarCollapsed.value
    localStorage.setItem(SIDEBAR_KEY, sidebarCollapsed.value ? '1' : '0')
  }

  return { locale, sidebarCollapsed, setLocale, toggleSidebar }
})
