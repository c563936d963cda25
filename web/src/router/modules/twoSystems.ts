import type { RouteRecordRaw } from 'vue-router'
import { Stamp } from '@element-plus/icons-vue'

// 两制: annual evaluation (教育评议), registration (团籍注册) and Party recommendation (推优入党).
const routes: RouteRecordRaw[] = [
  {
    path: '/two-systems',
    name: 'two-systems',
    redirect: '/two-systems/evaluations',
    meta: { title: 'menu.twoSystems', icon: Stamp },
    children: [
      {
        path: 'evaluations',
        name: 'two-systems-evaluations',
        component: () => import('@/views/twoSystems/EvaluationsView.vue'),
        meta: { title: 'menu.evaluations', permission: 'member.read' },
      },
      {
        // One branch's evaluation; not in the menu (its path has a parameter), which keeps 教育评议 lit.
        path: 'evaluations/:id(\\d+)',
        name: 'two-systems-evaluation',
        component: () => import('@/views/twoSystems/EvaluationView.vue'),
        meta: { title: 'menu.evaluation', permission: 'member.read', activeMenu: '/two-systems/evaluations' },
      },
      {
        path: 'registration',
        name: 'two-systems-registration',
        component: () => import('@/views/twoSystems/RegistrationView.vue'),
        meta: { title: 'menu.registration', permission: 'member.read' },
      },
      {
        path: 'party',
        name: 'two-systems-party',
        component: () => import('@/views/twoSystems/PartyView.vue'),
        meta: { title: 'menu.party', permission: 'member.read' },
      },
    ],
  },
]

export default routes
