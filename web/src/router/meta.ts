// What a route record may say about itself: its title (an i18n key, also used by the menu and
// the breadcrumb), its menu icon, the permission needed to see it, whether it is public, and
// for a page outside the menu (one record) the menu entry to keep lit.
import type { Component } from 'vue'
import type { Permission } from '@/auth/permissions'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    icon?: Component
    permission?: Permission
    public?: boolean
    activeMenu?: string
  }
}

export {}
