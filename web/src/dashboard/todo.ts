// 工作台's to-do list: the figures that ask for action in the user's scope, each shown only to
// users who may act on it, with the page that deals with it. Pure; the view loads the figures.
import type { Permission } from '@/auth/permissions'
import type { RecruitmentApi } from '@/api/recruitment'

export interface TodoFigures {
  recruitment?: RecruitmentApi.Counts
  transfersWaiting?: number // incoming, waiting for this side to accept
  transfersOverdue?: number
  evaluationsWaiting?: number // submitted, waiting for approval
  arrearsLapse?: number // six months or more unpaid
  complianceMissed?: number // branches that missed organizational life this year (达标情况)
  reportsWaiting?: number // monthly reports of orgs below, waiting for review
}

export interface TodoItem {
  key: string
  title: string // i18n key
  value: number
  to: string | { path: string; query: Record<string, string> }
  warn: boolean // draws attention when above zero
}

const OPEN_STAGES = ['applied', 'activist', 'candidate', 'branch_approved', 'approved'] as const

export function openApplicants(c: RecruitmentApi.Counts): number {
  return OPEN_STAGES.reduce((sum, s) => sum + (c[s] ?? 0), 0)
}

export function todoItems(f: TodoFigures, can: (p: Permission) => boolean): TodoItem[] {
  const items: TodoItem[] = []
  if (f.recruitment && can('recruitment.read')) {
    items.push({ key: 'recruitment', title: 'dashboard.todo.recruitmentOpen', value: openApplicants(f.recruitment),
                 to: { path: '/recruitment/applicants', query: { stage: 'open' } }, warn: false })
    items.push({ key: 'talk', title: 'dashboard.todo.talkOverdue', value: f.recruitment.talk_overdue,
                 to: { path: '/recruitment/applicants', query: { stage: 'open' } }, warn: true })
  }
  if (f.transfersWaiting !== undefined && can('transfer.accept'))
    items.push({ key: 'transfers', title: 'dashboard.todo.transfersWaiting', value: f.transfersWaiting,
                 to: { path: '/transfers/list', query: { direction: 'incoming' } }, warn: false })
  if (f.transfersOverdue !== undefined && can('member.read'))
    items.push({ key: 'transfersOverdue', title: 'dashboard.todo.transfersOverdue', value: f.transfersOverdue,
                 to: '/transfers/list', warn: true })
  if (f.evaluationsWaiting !== undefined && can('evaluation.approve'))
    items.push({ key: 'evaluations', title: 'dashboard.todo.evaluationsWaiting', value: f.evaluationsWaiting,
                 to: '/two-systems/evaluations', warn: false })
  if (f.arrearsLapse !== undefined && can('member.read'))
    items.push({ key: 'arrears', title: 'dashboard.todo.arrearsLapse', value: f.arrearsLapse,
                 to: '/dues/arrears', warn: true })
  if (f.complianceMissed !== undefined && can('member.read'))
    items.push({ key: 'compliance', title: 'dashboard.todo.complianceMissed', value: f.complianceMissed,
                 to: '/activities/compliance', warn: true })
  if (f.reportsWaiting !== undefined && can('activity.review'))
    items.push({ key: 'reports', title: 'dashboard.todo.reportsWaiting', value: f.reportsWaiting,
                 to: { path: '/activities/reports', query: { state: 'submitted' } }, warn: false })
  return items
}
