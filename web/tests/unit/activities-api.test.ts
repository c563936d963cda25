import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureRequest, resetRequestClient } from '@/api/request'
import {
  activityRoster,
  activityStats,
  branchCompliance,
  complianceOverview,
  createActivity,
  createTopic,
  deleteActivity,
  deleteTopic,
  getActivity,
  getMyClasses,
  listActivities,
  listReports,
  listTopics,
  reviewReport,
  submitReport,
  updateActivity,
} from '@/api/activities'

interface Call {
  url: string
  method: string
  body: unknown
}

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const refusal = (status: number, code: string, message: string) => answer(status, { error: { code, message } })

describe('organizational life API client', () => {
  let calls: Call[]
  let next: () => Response
  let shown: string[]

  beforeEach(() => {
    calls = []
    shown = []
    resetRequestClient()
    configureRequest({ showError: (message) => shown.push(message) })
    next = () => answer(200, { items: [] })
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined })
        return next()
      }),
    )
  })

  afterEach(() => {
    vi.unstubAllGlobals()
    resetRequestClient()
  })

  it('reads activities, the roster, figures, topics, compliance, reports and own classes', async () => {
    await listActivities({ org_id: 11, subtree: true, kind: 'themed_day,pioneer_day,other', from: '2026-01-01', to: '2026-03-31', q: '团章', page: 2, size: 20 })
    await getActivity(7)
    await activityRoster(11)
    await activityStats(1, 2026)
    await listTopics(2026)
    await complianceOverview(10, 2026)
    await branchCompliance(11, 2025)
    await listReports({ org_id: 1, subtree: true, state: 'submitted', month: '2026-10', page: 1, size: 20 })
    await getMyClasses(2026)
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/activities?org_id=11&subtree=true&kind=themed_day%2Cpioneer_day%2Cother&from=2026-01-01&to=2026-03-31&q=%E5%9B%A2%E7%AB%A0&page=2&size=20',
      '/api/v1/activities/7',
      '/api/v1/activities/roster?org_id=11',
      '/api/v1/activities/stats?org_id=1&year=2026',
      '/api/v1/activities/topics?year=2026',
      '/api/v1/compliance?org_id=10&year=2026',
      '/api/v1/compliance/branches/11?year=2025',
      '/api/v1/activity-reports?org_id=1&subtree=true&state=submitted&month=2026-10&page=1&size=20',
      '/api/v1/me/classes?year=2026',
    ])
  })

  it('records, changes and deletes activities and topics, submits and reviews reports', async () => {
    await createActivity({ org_id: 11, kind: 'class', held_on: '2026-03-02', topic: '学习团章', class_hours: 1.5, teacher: '张老师', attendance: [{ member_id: 1, status: 'present' }] })
    await updateActivity(7, { topic: '学习团章（二）', topic_id: null })
    next = () => new Response(null, { status: 204 })
    await deleteActivity(7)
    next = () => answer(201, {})
    await createTopic({ year: 2026, title: '学习团十九大精神', required: true })
    next = () => new Response(null, { status: 204 })
    await deleteTopic(3)
    next = () => answer(201, {})
    await submitReport({ org_id: 11, month: '2026-10', note: '本月开展团课1次' })
    await reviewReport(5, { action: 'return', comment: '请补充会议记录' })
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['POST', '/api/v1/activities', { org_id: 11, kind: 'class', held_on: '2026-03-02', topic: '学习团章', class_hours: 1.5, teacher: '张老师', attendance: [{ member_id: 1, status: 'present' }] }],
      ['PATCH', '/api/v1/activities/7', { topic: '学习团章（二）', topic_id: null }],
      ['DELETE', '/api/v1/activities/7', undefined],
      ['POST', '/api/v1/activities/topics', { year: 2026, title: '学习团十九大精神', required: true }],
      ['DELETE', '/api/v1/activities/topics/3', undefined],
      ['POST', '/api/v1/activity-reports', { org_id: 11, month: '2026-10', note: '本月开展团课1次' }],
      ['POST', '/api/v1/activity-reports/5/review', { action: 'return', comment: '请补充会议记录' }],
    ])
  })

  it("leaves a dialog's 422 and 409 to the dialog, and shows a refused deletion", async () => {
    next = () => refusal(422, 'rule_violation', '2026-10 的月报已报送，不能再修改该月记录')
    await expect(createActivity({ org_id: 11 })).rejects.toMatchObject({ status: 422, shown: false })
    next = () => refusal(409, 'conflict', '该月月报已报送')
    await expect(submitReport({ org_id: 11, month: '2026-10' })).rejects.toMatchObject({ status: 409, shown: false })
    next = () => refusal(409, 'conflict', '该主题已有活动使用，不能删除')
    await expect(deleteTopic(3)).rejects.toMatchObject({ status: 409, shown: false })
    expect(shown).toEqual([])
    next = () => refusal(422, 'rule_violation', '2026-10 的月报已报送，不能再修改该月记录')
    await expect(deleteActivity(7)).rejects.toMatchObject({ status: 422, shown: true })
    expect(shown).toEqual(['2026-10 的月报已报送，不能再修改该月记录'])
  })

  it("keeps a member page's 403 (no linked member) quiet", async () => {
    next = () => refusal(403, 'forbidden', '没有权限')
    await expect(getMyClasses(2026)).rejects.toMatchObject({ status: 403, shown: false })
    expect(shown).toEqual([])
  })
})
