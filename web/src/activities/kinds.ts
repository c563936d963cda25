// The kinds of organizational life and the two pages that list them (shared/UI.md, 组织生活):
// 三会两制一课 (the branch meetings and league classes) and 主题团日 (themed days, the Young
// Pioneers' themed days and other activities).
import type { ActivityApi } from '@/api/activities'

type Kind = ActivityApi.Kind

export type ActivityGroup = 'meetings' | 'themed'

export const GROUP_KINDS: Record<ActivityGroup, readonly Kind[]> = {
  meetings: ['general_meeting', 'committee_meeting', 'group_meeting', 'class'],
  themed: ['themed_day', 'pioneer_day', 'other'],
}

export function groupOf(kind: Kind): ActivityGroup {
  return GROUP_KINDS.themed.includes(kind) ? 'themed' : 'meetings'
}

// The list's `kind` query: the chosen kind, or every kind of the page's group.
export function kindQuery(group: ActivityGroup, chosen: Kind | '' | null | undefined): string {
  if (chosen && GROUP_KINDS[group].includes(chosen)) return chosen
  return GROUP_KINDS[group].join(',')
}

export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

const KIND_TAG: Record<Kind, TagType> = {
  general_meeting: 'danger',
  committee_meeting: 'warning',
  group_meeting: 'info',
  class: 'primary',
  themed_day: 'success',
  pioneer_day: 'success',
  other: 'info',
}

export function kindTag(kind: Kind | string): TagType {
  return KIND_TAG[kind as Kind] ?? 'info'
}

// Only a league class has class hours, a teacher and applicants among those attending.
export const isClass = (kind: Kind | '' | null | undefined): boolean => kind === 'class'
