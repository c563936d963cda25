import type { RouteRecordRaw } from 'vue-router'
import { Odometer } from '@element-plus/icons-vue'

const routes: RouteRecordRaw[] = [
  {
    path: '/dashboard',
    name: 'dashboard',
    component: () => import('@/views/dashboard/DashboardView.vue'),
    meta: { title: 'menu.dashboard', icon: Odometer },
  },
]

export default routes
