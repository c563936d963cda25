import type { RouteRecordRaw } from 'vue-router'
import { Wallet } from '@element-plus/icons-vue'

// 团费管理 (shared/UI.md): 缴费标准, 缴纳登记 (a branch's month grid), 欠缴, 收缴统计, 上缴与核对. Reading
// needs member.read (as the server wants); recording is gated inside the pages (dues.write,
// dues.standards).
const routes: RouteRecordRaw[] = [
  {
    path: '/dues',
    name: 'dues',
    redirect: '/dues/grid',
    meta: { title: 'menu.dues', icon: Wallet },
    children: [
      {
        path: 'standards',
        name: 'dues-standards',
        component: () => import('@/views/dues/DuesStandardsView.vue'),
        meta: { title: 'menu.duesStandards', permission: 'member.read' },
      },
      {
        path: 'grid',
        name: 'dues-grid',
        component: () => import('@/views/dues/DuesGridView.vue'),
        meta: { title: 'menu.duesGrid', permission: 'member.read' },
      },
      {
        path: 'arrears',
        name: 'dues-arrears',
        component: () => import('@/views/dues/DuesArrearsView.vue'),
        meta: { title: 'menu.duesArrears', permission: 'member.read' },
      },
      {
        path: 'stats',
        name: 'dues-stats',
        component: () => import('@/views/dues/DuesStatsView.vue'),
        meta: { title: 'menu.duesStats', permission: 'member.read' },
      },
      {
        path: 'remittances',
        name: 'dues-remittances',
        component: () => import('@/views/dues/DuesRemittancesView.vue'),
        meta: { title: 'menu.duesRemittances', permission: 'member.read' },
      },
    ],
  },
]

export default routes
