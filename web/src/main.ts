import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import App from './App.vue'
import { configureRequest } from './api/request'
import { i18n } from './locales'
import { router } from './router'
import { useAppStore } from './stores/app'
import { useAuthStore } from './stores/auth'
import './styles/main.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)

const appStore = useAppStore()
const auth = useAuthStore()
const t = i18n.global.t

configureRequest({
  csrfToken: () => auth.csrfToken,
  language: () => appStore.locale,
  showError: (message) => {
    ElMessage({ type: 'error', message, grouping: true, showClose: true })
  },
  networkErrorMessage: () => t('error.network'),
  unexpectedErrorMessage: (status) => t('error.unexpected', { status }),
  onUnauthenticated: () => {
    auth.clear()
    const current = router.currentRoute.value
    if (current.name !== 'login') {
      void router.replace({ name: 'login', query: { redirect: current.fullPath } })
    }
  },
  onPasswordChangeRequired: () => {
    auth.requirePasswordChange()
    void router.replace({ name: 'change-password' })
  },
})

app.use(router)
app.mount('#app')
