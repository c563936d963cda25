import type { RouteRecordRaw } from 'vue-router'
import { User } from '@element-plus/icons-vue'

const routes: RouteRecordRaw[] = [
  {
    path: '/members',
    name: 'members',
    redirect: '/members/list',
    meta: { title: 'menu.members', icon: User },
    children: [
      {
        path: 'list',
        name: 'members-list',
        component: () => import('@/views/members/MembersView.vue'),
        meta: { title: 'menu.memberList', permission: 'member.read' },
      },
      {
        path: 'import',
        name: 'members-import',
        component: () => import('@/views/members/MemberImportView.vue'),
        meta: { title: 'menu.memberImport', permission: 'member.write' },
      },
      {
        path: 'aging-out',
        name: 'members-aging-out',
        component: () => import('@/views/members/AgingOutView.vue'),
        meta: { title: 'menu.agingOut', permission: 'member.read' },
      },
      {
        path: 'status-changes',
        name: 'members-status-changes',
        component: () => import('@/views/members/StatusChangesView.vue'),
        meta: { title: 'menu.statusChanges', permission: 'member.read' },
      },
    ],
  },
]

export default routes
