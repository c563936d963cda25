// The route table: the pages outside the layout (login, password change, not found) and the
// layout's children, one module a menu area in the order of the sidebar (shared/UI.md).
import type { RouteRecordRaw } from 'vue-router'
import activities from './modules/activities'
import dashboard from './modules/dashboard'
import dues from './modules/dues'
import me from './modules/me'
import members from './modules/members'
import org from './modules/org'
import recruitment from './modules/recruitment'
import study from './modules/study'
import system from './modules/system'
import transfers from './modules/transfers'
import twoSystems from './modules/twoSystems'
import './meta'

// The layout's children; the sidebar menu is built from them.
// Self-service (我的团籍) comes first: it is the only page of most member accounts.
export const layoutRoutes: RouteRecordRaw[] = [
  ...me,
  ...dashboard,
  ...org,
  ...members,
  ...recruitment,
  ...transfers,
  ...dues,
  ...activities,
  ...twoSystems,
  ...study,
  ...system,
]

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/LoginView.vue'),
    meta: { title: 'menu.login', public: true },
  },
  {
    path: '/change-password',
    name: 'change-password',
    component: () => import('@/views/auth/ChangePasswordView.vue'),
    meta: { title: 'menu.changePassword' },
  },
  {
    path: '/',
    name: 'layout',
    component: () => import('@/layouts/BasicLayout.vue'),
    // '/' itself: the guard sends the user to their home page (router/home.ts).
    children: [
      ...layoutRoutes,
      {
        path: '/:pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/error/NotFoundView.vue'),
        meta: { title: 'menu.notFound' },
      },
    ],
  },
]
