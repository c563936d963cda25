import type { RouteRecordRaw } from 'vue-router'
import { UserFilled } from '@element-plus/icons-vue'

// Member self-service (shared/UI.md, pages under /me): 我的团籍 — the member's record, dues and
// transfer requests on one phone-first page. First in the menu, and the member's landing page
// (router/home.ts).
const routes: RouteRecordRaw[] = [
  {
    path: '/me',
    name: 'me',
    component: () => import('@/views/me/MyMembershipView.vue'),
    meta: { title: 'menu.me', icon: UserFilled, permission: 'self.service' },
  },
]

export default routes
