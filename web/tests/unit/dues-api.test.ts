import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureRequest, resetRequestClient } from '@/api/request'
import {
  createStandard,
  duesGrid,
  duesStats,
  getLedger,
  listArrears,
  listRemittances,
  listStandards,
  newestPayment,
  recordPayment,
  recordRefund,
  recordRemittance,
  setProfile,
} from '@/api/dues'
import { getMyDues, getMyMember, getMyTransfers, requestMyTransfer } from '@/api/me'
import { findDestination, listGraduates, startBulkTransfers } from '@/api/transfers'

interface Call {
  url: string
  method: string
  body: unknown
}

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const refusal = (status: number, code: string, message: string) => answer(status, { error: { code, message } })

describe('dues, self-service and hand-off API clients', () => {
  let calls: Call[]
  let next: () => Response
  let shown: string[]

  beforeEach(() => {
    calls = []
    shown = []
    resetRequestClient()
    configureRequest({ showError: (message) => shown.push(message) })
    next = () => answer(200, {})
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

  it('reads standards, ledgers, the grid, arrears, statistics and remittances', async () => {
    await listStandards()
    await getLedger(474)
    await duesGrid(16, 2026)
    await listArrears({ org_id: 14, subtree: true, min_months: 6, page: 2, size: 20 })
    await duesStats(14, '2026-10')
    await listRemittances(14, '2026-07', '2026-09')
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/dues/standards',
      '/api/v1/dues/members/474',
      '/api/v1/dues/grid?org_id=16&year=2026',
      '/api/v1/dues/arrears?org_id=14&subtree=true&min_months=6&page=2&size=20',
      '/api/v1/dues/stats?org_id=14&month=2026-10',
      '/api/v1/dues/remittances?org_id=14&from=2026-07&to=2026-09',
    ])
  })

  it('records payments, refunds, categories, remittances and standards with fen and months', async () => {
    await recordPayment(474, { months: 3, paid_on: '2026-11-27', method: 'cash', receipt_no: 'R-1' })
    await recordRefund(474, { months: 1, paid_on: '2026-11-27', method: 'bank', note: '多缴' })
    await setProfile(474, { category: 'waged', wage_fen: 199999 })
    await setProfile(474, { category: '' })
    await recordRemittance(14, '2026-07', '2026-09')
    await createStandard({ effective_from: '2027-01-01', low_wage_fen: 350 })
    expect(calls).toEqual([
      {
        url: '/api/v1/dues/members/474/payments',
        method: 'POST',
        body: { months: 3, paid_on: '2026-11-27', method: 'cash', receipt_no: 'R-1' },
      },
      { url: '/api/v1/dues/members/474/refunds', method: 'POST', body: { months: 1, paid_on: '2026-11-27', method: 'bank', note: '多缴' } },
      { url: '/api/v1/dues/members/474', method: 'PATCH', body: { category: 'waged', wage_fen: 199999 } },
      { url: '/api/v1/dues/members/474', method: 'PATCH', body: { category: '' } },
      { url: '/api/v1/dues/remittances', method: 'POST', body: { org_id: 14, from: '2026-07', to: '2026-09' } },
      { url: '/api/v1/dues/standards', method: 'POST', body: { effective_from: '2027-01-01', low_wage_fen: 350 } },
    ])
  })

  it('leaves a dialog\'s 422 and 409 to the dialog', async () => {
    next = () => refusal(422, 'rule_violation', '已缴月份不足，只有 1 个月可退')
    await expect(recordRefund(474, { months: 2, paid_on: '2026-11-27', method: 'cash', note: 'x' })).rejects.toMatchObject({ status: 422 })
    next = () => refusal(409, 'conflict', '该组织此期间的上缴已登记')
    await expect(recordRemittance(14, '2026-07', '2026-09')).rejects.toMatchObject({ status: 409, shown: false })
    expect(shown).toEqual([])
  })

  it('finds the newest payment of a ledger by id', () => {
    const p = (id: number, amount_fen: number) => ({ id, amount_fen }) as never
    expect(newestPayment({ payments: [p(3, 150), p(9, -50), p(4, 20)] })).toMatchObject({ id: 9, amount_fen: -50 })
    expect(newestPayment({ payments: [] })).toBeNull()
  })

  it('reads the member\'s own record, dues and transfers, keeping a 403 (no linked member) for the page', async () => {
    await getMyMember()
    await getMyDues()
    await getMyTransfers()
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/me/member', '/api/v1/me/dues', '/api/v1/me/transfers'])
    next = () => refusal(403, 'forbidden', '没有权限')
    await expect(getMyMember()).rejects.toMatchObject({ status: 403, shown: false })
    expect(shown).toEqual([])
  })

  it('asks for the member\'s own transfer by org code', async () => {
    await requestMyTransfer({ to_org_code: 'BC-77', reason: 'job', note: '调往白城' })
    expect(calls[0]).toEqual({ url: '/api/v1/me/transfers', method: 'POST', body: { to_org_code: 'BC-77', reason: 'job', note: '调往白城' } })
  })

  it('looks up a destination by code, keeping a 404 for the lookup to show', async () => {
    await findDestination(' BC-77 ')
    expect(calls[0]?.url).toBe('/api/v1/transfers/destination?code=BC-77')
    next = () => refusal(404, 'not_found', '组织不存在')
    await expect(findDestination('nope')).rejects.toMatchObject({ status: 404, shown: false })
    expect(shown).toEqual([])
  })

  it('lists graduates by day and starts bulk transfers', async () => {
    await listGraduates({ org_id: 100, subtree: true, on: '2026-07-01', page: 1, size: 50 })
    expect(calls[0]?.url).toBe('/api/v1/transfers/graduates?org_id=100&subtree=true&on=2026-07-01&page=1&size=50')
    await startBulkTransfers({ member_ids: [1, 2], to_org_id: 88, reason: 'graduation' })
    expect(calls[1]).toEqual({ url: '/api/v1/transfers/bulk', method: 'POST', body: { member_ids: [1, 2], to_org_id: 88, reason: 'graduation' } })
  })
})
