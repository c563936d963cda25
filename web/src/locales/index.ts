// The app's i18n instance: zh-CN first, en complete. The chosen language lives in the app
// store (persisted); this module only holds the messages.
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'

export type AppLocale = 'zh-CN' | 'en'

export const LOCALES: readonly AppLocale[] = ['zh-CN', 'en']
export const DEFAULT_LOCALE: AppLocale = 'zh-CN'

export function isAppLocale(value: unknown): value is AppLocale {
  return value === 'zh-CN' || value === 'en'
}

export const i18n = createI18n({
  legacy: false,
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zhCN, en },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
})
