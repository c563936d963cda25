import type { RouteRecordRaw } from 'vue-router'
import { Setting } from '@element-plus/icons-vue'

const routes: RouteRecordRaw[] = [
  {
    path: '/system',
    name: 'system',
    redirect: '/system/accounts',
    meta: { title: 'menu.system', icon: Setting },
    children: [
      {
        path: 'accounts',
        name: 'system-accounts',
        component: () => import('@/views/system/accounts/AccountsView.vue'),
        meta: { title: 'menu.accounts', permission: 'user.read' },
      },
      {
        path: 'rules',
        name: 'system-rules',
        component: () => import('@/views/system/rules/RulesView.vue'),
        meta: { title: 'menu.rules', permission: 'rules.read' },
      },
      {
        path: 'audit',
        name: 'system-audit',
        component: () => import('@/views/system/audit/AuditView.vue'),
        meta: { title: 'menu.audit', permission: 'audit.read' },
      },
    ],
  },
]

export default routes
