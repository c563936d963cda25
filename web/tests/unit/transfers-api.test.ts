import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureRequest, resetRequestClient } from '@/api/request'
import { actOnTransfer, getTransfer, listTransfers, startTransfer, transferSides } from '@/api/transfers'

interface Call {
  url: string
  method: string
  body: unknown
}

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const refusal = (status: number, code: string, message: string) => answer(status, { error: { code, message } })

describe('transfers API client', () => {
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

  it('lists by org, direction, state and overdue, and a member\'s transfers', async () => {
    next = answer(200, { items: [], total: 0, page: 1, size: 20 })
    await listTransfers({ org_id: 14, subtree: true, direction: 'incoming', state: 'open', overdue: true, page: 1, size: 20 })
    expect(calls[0]?.url).toBe(
      '/api/v1/transfers?org_id=14&subtree=true&direction=incoming&state=open&overdue=true&page=1&size=20',
    )
    next = answer(200, { items: [], total: 0, page: 1, size: 100 })
    await listTransfers({ member_id: 474, state: 'all', size: 100 })
    expect(calls[1]?.url).toBe('/api/v1/transfers?member_id=474&state=all&size=100')
  })

  it('starts a transfer and posts a step with its placement', async () => {
    next = answer(201, { id: 1, trail: [] })
    await startTransfer({ member_id: 474, to_org_id: 21, reason: 'job' })
    expect(calls[0]).toMatchObject({ url: '/api/v1/transfers', method: 'POST', body: { member_id: 474, to_org_id: 21, reason: 'job' } })
    next = answer(200, { id: 1, trail: [] })
    await actOnTransfer(1, { action: 'accept', placed_org_id: 22 })
    expect(calls[1]).toMatchObject({ url: '/api/v1/transfers/1/actions', method: 'POST', body: { action: 'accept', placed_org_id: 22 } })
    next = answer(200, { id: 1, trail: [] })
    await getTransfer(1)
    expect(calls[2]).toMatchObject({ url: '/api/v1/transfers/1', method: 'GET' })
  })

  it('leaves a step\'s rule refusal and a concurrent change to the dialog (not shown twice)', async () => {
    next = answer(422, {
      error: {
        code: 'rule_violation',
        message: '接收的团支部须在转入组织之内',
        details: [{ code: 'placement_outside', message: '接收的团支部须在转入组织之内' }],
      },
    })
    await expect(actOnTransfer(1, { action: 'accept', placed_org_id: 99 })).rejects.toMatchObject({ status: 422 })
    next = refusal(409, 'conflict', '该转接刚被他人办理，请刷新后重试')
    await expect(actOnTransfer(1, { action: 'approve_out' })).rejects.toMatchObject({ status: 409, shown: false })
    expect(shown).toEqual([])
  })

  it('shows the other side\'s step (403) itself, but leaves a start\'s 404 and 409 to the dialog', async () => {
    next = refusal(403, 'forbidden', '该操作应由转接的另一方办理')
    await expect(actOnTransfer(1, { action: 'accept', placed_org_id: 22 })).rejects.toMatchObject({ status: 403 })
    expect(shown).toEqual(['该操作应由转接的另一方办理'])
    next = refusal(404, 'not_found', '团员不存在')
    await expect(startTransfer({ member_no: '20240000000001', member_name: '某', to_org_id: 21, reason: 'job' })).rejects.toMatchObject({
      status: 404,
      shown: false,
    })
    next = refusal(409, 'conflict', '该团员已有进行中的转接')
    await expect(startTransfer({ member_id: 474, to_org_id: 21, reason: 'job' })).rejects.toMatchObject({ status: 409 })
    expect(shown).toEqual(['该操作应由转接的另一方办理'])
  })

  it('tells the ends of a transfer in the scope by the member\'s outgoing and incoming transfers', async () => {
    const page = (ids: number[]) => answer(200, { items: ids.map((id) => ({ id })), total: ids.length, page: 1, size: 500 })
    const answers = [page([5, 9]), page([2])]
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ url, method: init.method ?? 'GET', body: undefined })
        return answers.shift() ?? page([])
      }),
    )
    expect(await transferSides({ id: 9, member_id: 474 })).toEqual({ from: true, to: false })
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/transfers?member_id=474&direction=outgoing&state=all&size=500',
      '/api/v1/transfers?member_id=474&direction=incoming&state=all&size=500',
    ])
  })
})
