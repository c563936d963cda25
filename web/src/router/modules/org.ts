import type { RouteRecordRaw } from 'vue-router'
import { OfficeBuilding } from '@element-plus/icons-vue'

const routes: RouteRecordRaw[] = [
  {
    path: '/org',
    name: 'org',
    redirect: '/org/tree',
    meta: { title: 'menu.org', icon: OfficeBuilding },
    children: [
      {
        path: 'tree',
        name: 'org-tree',
        component: () => import('@/views/org/OrgTreeView.vue'),
        meta: { title: 'menu.orgTree', permission: 'org.read' },
      },
      {
        path: 'cadres',
        name: 'org-cadres',
        component: () => import('@/views/org/cadres/CadresView.vue'),
        meta: { title: 'menu.cadres', permission: 'member.read' },
      },
    ],
  },
]

export default routes
