// The sidebar menu, built from the layout's route records: an entry appears only when the
// user may see its page, and a group only when it has an entry left.
import type { Component } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import type { Permission } from '@/auth/permissions'

export interface MenuItem {
  path: string
  title: string // i18n key
  icon?: Component
  children?: MenuItem[]
}

function joinPath(parent: string, path: string): string {
  if (path.startsWith('/')) return path
  return `${parent.replace(/\/$/, '')}/${path}`
}

export function buildMenu(
  records: readonly RouteRecordRaw[],
  can: (permission: Permission) => boolean,
  parentPath = '',
): MenuItem[] {
  const items: MenuItem[] = []
  for (const record of records) {
    const meta = record.meta
    if (!meta?.title || record.path.includes(':')) continue
    const path = joinPath(parentPath, record.path)
    if (record.children && record.children.length > 0) {
      const children = buildMenu(record.children, can, path)
      if (children.length === 0) continue
      items.push({ path, title: meta.title, ...(meta.icon ? { icon: meta.icon } : {}), children })
      continue
    }
    if (meta.permission && !can(meta.permission)) continue
    items.push({ path, title: meta.title, ...(meta.icon ? { icon: meta.icon } : {}) })
  }
  return items
}
