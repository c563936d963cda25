import type { RouteRecordRaw } from 'vue-router'
import { Connection } from '@element-plus/icons-vue'

// 关系转接 (shared/UI.md): the transfers of members' League relationships, both directions on one
// page (tabs 转入 / 转出 / 全部), 学社衔接 (the graduate hand-off), and one transfer's page.
const routes: RouteRecordRaw[] = [
  {
    path: '/transfers',
    name: 'transfers',
    redirect: '/transfers/list',
    meta: { title: 'menu.transfers', icon: Connection },
    children: [
      {
        path: 'list',
        name: 'transfers-list',
        component: () => import('@/views/transfers/TransfersView.vue'),
        meta: { title: 'menu.transferList', permission: 'member.read' },
      },
      {
        // 学社衔接: graduates of school branches, sent on in bulk.
        path: 'handoff',
        name: 'transfers-handoff',
        component: () => import('@/views/transfers/HandoffView.vue'),
        meta: { title: 'menu.handoff', permission: 'member.read' },
      },
      {
        // One transfer; not in the menu (its path has a parameter), which keeps 组织关系转接 lit.
        path: ':id(\\d+)',
        name: 'transfers-detail',
        component: () => import('@/views/transfers/TransferView.vue'),
        meta: { title: 'menu.transfer', permission: 'member.read', activeMenu: '/transfers/list' },
      },
    ],
  },
]

export default routes
