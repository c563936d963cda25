import type { RouteRecordRaw } from 'vue-router'
import { Promotion } from '@element-plus/icons-vue'

const routes: RouteRecordRaw[] = [
  {
    path: '/recruitment',
    name: 'recruitment',
    redirect: '/recruitment/applicants',
    meta: { title: 'menu.recruitment', icon: Promotion },
    children: [
      {
        path: 'applicants',
        name: 'recruitment-applicants',
        component: () => import('@/views/recruitment/ApplicantsView.vue'),
        meta: { title: 'menu.applicants', permission: 'recruitment.read' },
      },
      {
        // One file; not in the menu (its path has a parameter), which keeps 入团申请 lit.
        path: 'applicants/:id(\\d+)',
        name: 'recruitment-applicant',
        component: () => import('@/views/recruitment/ApplicantView.vue'),
        meta: { title: 'menu.applicant', permission: 'recruitment.read', activeMenu: '/recruitment/applicants' },
      },
      {
        path: 'quotas',
        name: 'recruitment-quotas',
        component: () => import('@/views/recruitment/QuotasView.vue'),
        meta: { title: 'menu.quotas', permission: 'recruitment.read' },
      },
      {
        path: 'number-ranges',
        name: 'recruitment-number-ranges',
        component: () => import('@/views/recruitment/NumberRangesView.vue'),
        meta: { title: 'menu.numberRanges', permission: 'recruitment.read' },
      },
    ],
  },
]

export default routes
