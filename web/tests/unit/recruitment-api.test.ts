import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, h } from 'vue'
import { createI18n } from 'vue-i18n'
import { advanceApplicant, listApplicants, listNumberRanges } from '@/api/recruitment'
import { ApiError, configureRequest, resetRequestClient } from '@/api/request'
import { useRefusal } from '@/composables/useRefusal'

interface Call {
  url: string
  method: string
  body: unknown
}

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const RULE_REFUSAL = {
  error: {
    code: 'rule_violation',
    message: '发展对象须参加团课不少于8学时，当前7.5学时',
    details: [{ code: 'insufficient_class_hours', message: '发展对象须参加团课不少于8学时，当前7.5学时' }],
  },
}

describe('recruitment API client', () => {
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

  it('lists files with the stage filter and leaves out what is not given', async () => {
    next = answer(200, { items: [], total: 0, page: 1, size: 20 })
    await listApplicants({ org_id: 4, subtree: true, stage: 'open', page: 1, size: 20 })
    const url = new URL(calls[0]?.url ?? '', 'http://localhost')
    expect(url.pathname).toBe('/api/v1/applicants')
    expect(Object.fromEntries(url.searchParams)).toEqual({ org_id: '4', subtree: 'true', stage: 'open', page: '1', size: '20' })
  })

  it('posts a step with its data', async () => {
    next = answer(200, { id: 9, stage: 'branch_approved' })
    await advanceApplicant(9, { to: 'branch_approved', date: '2026-05-04', eligible: 30, present: 16, yes: 9 })
    expect(calls[0]).toMatchObject({
      url: '/api/v1/applicants/9/advance',
      method: 'POST',
      body: { to: 'branch_approved', date: '2026-05-04', eligible: 30, present: 16, yes: 9 },
    })
  })

  it('leaves a rule refusal to the dialog (not shown twice) but shows a 403', async () => {
    next = answer(422, RULE_REFUSAL)
    await expect(advanceApplicant(9, { to: 'candidate', date: '2026-05-04', introducer_ids: [1, 2] })).rejects.toMatchObject({
      status: 422,
      code: 'rule_violation',
    })
    expect(shown).toEqual([])
    next = answer(403, { error: { code: 'forbidden', message: '没有权限' } })
    await expect(advanceApplicant(9, { to: 'approved', date: '2026-05-04' })).rejects.toBeInstanceOf(ApiError)
    expect(shown).toEqual(['没有权限'])
  })

  it('reads the number ranges of a year from the items envelope', async () => {
    next = answer(200, { items: [{ id: 1, year: 2026 }] })
    const ranges = await listNumberRanges({ year: 2026 })
    expect(ranges).toEqual([{ id: 1, year: 2026 }])
    expect(calls[0]?.url).toBe('/api/v1/number-ranges?year=2026')
  })
})

describe('useRefusal', () => {
  function withRefusal(): ReturnType<typeof useRefusal> {
    let result: ReturnType<typeof useRefusal> | undefined
    const app = createApp(
      defineComponent({
        setup() {
          result = useRefusal()
          return () => h('div')
        },
      }),
    )
    app.use(createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': { common: { clauseSeparator: '；' } } } }))
    app.mount(document.createElement('div'))
    if (!result) throw new Error('not set up')
    return result
  }

  it('shows a rule refusal as the server worded it, above the form', () => {
    const r = withRefusal()
    const e = RULE_REFUSAL.error
    r.applyRefusal(new ApiError(422, e.code, e.message, e.details))
    expect(r.refusal.value).toBe('发展对象须参加团课不少于8学时，当前7.5学时')
    expect(r.fieldErrors.value).toEqual({})
  })

  it('puts field details under their fields, and a 422 naming no field above the form', () => {
    const r = withRefusal()
    r.applyRefusal(
      new ApiError(422, 'validation_failed', '提交的数据未通过校验', [
        { field: 'id_number', code: 'checksum', message: '校验位错误' },
        { field: 'id_number', code: 'x', message: '另一个问题' },
      ]),
    )
    expect(r.fieldErrors.value).toEqual({ id_number: '校验位错误；另一个问题' })
    expect(r.refusal.value).toBe('')
    r.clearErrors()
    r.applyRefusal(new ApiError(422, 'validation_failed', '提交的数据未通过校验', []))
    expect(r.refusal.value).toBe('提交的数据未通过校验')
    r.clearErrors()
    expect(r.refusal.value).toBe('')
    expect(r.fieldErrors.value).toEqual({})
  })

  it('leaves other failures to the request client', () => {
    const r = withRefusal()
    r.applyRefusal(new ApiError(403, 'forbidden', '没有权限'))
    r.applyRefusal(new Error('boom'))
    expect(r.refusal.value).toBe('')
    expect(r.fieldErrors.value).toEqual({})
  })
})
