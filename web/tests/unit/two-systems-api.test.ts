import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureRequest, resetRequestClient } from '@/api/request'
import {
  evaluationProgress,
  listCampaigns,
  listEvaluations,
  listRecommendations,
  memberEvaluations,
  registerMembers,
  registrationMembers,
  registrationRates,
  reviewRecommendation,
  saveEvaluationEntries,
  submitEvaluation,
} from '@/api/twoSystems'

interface Call {
  url: string
  method: string
  body: unknown
}

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const query = (url: string | undefined) => {
  const u = new URL(url ?? '', 'http://localhost')
  return { path: u.pathname, params: Object.fromEntries(u.searchParams) }
}

describe('two systems API client', () => {
  let calls: Call[]
  let next: Response
  let shown: string[]

  beforeEach(() => {
    calls = []
    shown = []
    resetRequestClient()
    configureRequest({ showError: (message) => shown.push(message) })
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined })
        return next
      }),
    )
  })

  afterEach(() => {
    vi.unstubAllGlobals()
    resetRequestClient()
  })

  it('lists evaluations and reads the progress of an org and year', async () => {
    next = answer(200, { items: [], total: 0, page: 1, size: 20 })
    await listEvaluations({ org_id: 4, subtree: true, year: 2025, page: 1, size: 20 })
    expect(query(calls[0]?.url)).toEqual({
      path: '/api/v1/evaluations',
      params: { org_id: '4', subtree: 'true', year: '2025', page: '1', size: '20' },
    })
    next = answer(200, { org_id: 4, children: [] })
    await evaluationProgress({ org_id: 4, year: 2025 })
    expect(calls[1]?.url).toBe('/api/v1/evaluations/progress?org_id=4&year=2025')
  })

  it('puts the entries and submits with an empty object', async () => {
    next = answer(200, { id: 3 })
    await saveEvaluationEntries(3, { meeting_date: '2026-01-10', entries: [{ member_id: 1, present: true, grade: '' }] })
    expect(calls[0]).toMatchObject({
      url: '/api/v1/evaluations/3/entries',
      method: 'PUT',
      body: { meeting_date: '2026-01-10', entries: [{ member_id: 1, present: true, grade: '' }] },
    })
    next = answer(200, { id: 3 })
    await submitEvaluation(3)
    expect(calls[1]).toMatchObject({ url: '/api/v1/evaluations/3/submit', method: 'POST', body: {} })
  })

  it('leaves a refused submission to the page (not shown twice)', async () => {
    next = answer(422, {
      error: {
        code: 'rule_violation',
        message: '“优秀”人数超出比例：上限 3 名，当前 4 名',
        details: [{ code: 'excellent_quota_exceeded', message: '“优秀”人数超出比例：上限 3 名，当前 4 名' }],
      },
    })
    await expect(submitEvaluation(3)).rejects.toMatchObject({ status: 422, code: 'rule_violation' })
    expect(shown).toEqual([])
  })

  it('reads a member\'s grades and the opened years from the items envelope', async () => {
    next = answer(200, { items: [{ year: 2025, grade: 'qualified', org_name: '一支部', approved_at: null }] })
    expect(await memberEvaluations(7)).toEqual([{ year: 2025, grade: 'qualified', org_name: '一支部', approved_at: null }])
    expect(calls[0]?.url).toBe('/api/v1/members/7/evaluations')
    next = answer(200, { items: [{ year: 2026, opens_on: '2026-03-01', deadline: '2026-04-30' }] })
    expect((await listCampaigns())[0]?.year).toBe(2026)
  })

  it('lists a year\'s members by state, registers them and reads the rates', async () => {
    next = answer(200, { items: [], total: 0, page: 1, size: 20 })
    await registrationMembers(2026, { org_id: 4, subtree: false, state: 'eligible' })
    expect(query(calls[0]?.url)).toEqual({
      path: '/api/v1/registrations/2026/members',
      params: { org_id: '4', subtree: 'false', state: 'eligible' },
    })
    next = answer(200, { registered: 2 })
    expect(await registerMembers(2026, { member_ids: [1, 2], date: '2026-03-10' })).toEqual({ registered: 2 })
    expect(calls[1]).toMatchObject({ url: '/api/v1/registrations/2026', method: 'POST', body: { member_ids: [1, 2], date: '2026-03-10' } })
    next = answer(200, { org_id: 4, rate_permille: 500, children: [] })
    await registrationRates(2026, { org_id: 4 })
    expect(calls[2]?.url).toBe('/api/v1/registrations/2026/rates?org_id=4')
  })

  it('lists recommendations by year and stage and posts a review', async () => {
    next = answer(200, { items: [], total: 0, page: 1, size: 20 })
    await listRecommendations({ year: 2026, stage: 'recommended' })
    expect(calls[0]?.url).toBe('/api/v1/party-recommendations?year=2026&stage=recommended')
    next = answer(200, { id: 5 })
    await reviewRecommendation(5, { date: '2026-11-27', decision: 'accepted', rank: 1 })
    expect(calls[1]).toMatchObject({
      url: '/api/v1/party-recommendations/5/review',
      method: 'POST',
      body: { date: '2026-11-27', decision: 'accepted', rank: 1 },
    })
  })
})
