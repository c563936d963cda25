import type { RouteRecordRaw } from 'vue-router'
import { Flag } from '@element-plus/icons-vue'

// 组织生活 (shared/UI.md): 三会两制一课 (branch meetings and league classes), 主题团日 (themed days,
// the Young Pioneers' days and other activities), 达标情况 (each branch against the year's rules,
// with one branch's board) and 月报审核 (monthly reports). Reading needs member.read (as the server
// wants); recording is gated inside the pages (activity.write), and so are reviewing reports and
// keeping the year's topics (activity.review).
const routes: RouteRecordRaw[] = [
  {
    path: '/activities',
    name: 'activities',
    redirect: '/activities/meetings',
    meta: { title: 'menu.activities', icon: Flag },
    children: [
      {
        path: 'meetings',
        name: 'activities-meetings',
        component: () => import('@/views/activities/MeetingsView.vue'),
        meta: { title: 'menu.activityMeetings', permission: 'member.read' },
      },
      {
        path: 'themed-days',
        name: 'activities-themed',
        component: () => import('@/views/activities/ThemedDaysView.vue'),
        meta: { title: 'menu.activityThemed', permission: 'member.read' },
      },
      {
        path: 'compliance',
        name: 'activities-compliance',
        component: () => import('@/views/activities/ComplianceView.vue'),
        meta: { title: 'menu.compliance', permission: 'member.read' },
      },
      {
        // One branch's board; not in the menu (its path has a parameter), which keeps 达标情况 lit.
        path: 'compliance/:id(\\d+)',
        name: 'activities-compliance-branch',
        component: () => import('@/views/activities/BranchComplianceView.vue'),
        meta: { title: 'menu.complianceBranch', permission: 'member.read', activeMenu: '/activities/compliance' },
      },
      {
        path: 'reports',
        name: 'activities-reports',
        component: () => import('@/views/activities/ActivityReportsView.vue'),
        meta: { title: 'menu.activityReports', permission: 'member.read' },
      },
    ],
  },
]

export default routes
