import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureRequest, resetRequestClient } from '@/api/request'
import {
  checkInMyself,
  createEpisode,
  createSeason,
  episodeRanking,
  getEpisode,
  getMyStudies,
  importParticipation,
  listEpisodes,
  listParticipants,
  listSeasons,
  recordCheckin,
  studyTrend,
  updateEpisode,
} from '@/api/study'
import { deleteActivityFile, uploadActivityFile } from '@/api/activities'

interface Call {
  url: string
  method: string
  body: BodyInit | null | undefined
  headers: Record<string, string>
}

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

// A stand-in for XMLHttpRequest (uploads) that records what was sent and answers when told to.
class FakeXhr {
  static last: FakeXhr | null = null
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown = null
  withCredentials = false
  status = 0
  responseText = ''
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null; onload: (() => void) | null } = {
    onprogress: null,
    onload: null,
  }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  onabort: (() => void) | null = null
  constructor() {
    FakeXhr.last = this
  }
  open(method: string, url: string): void {
    this.method = method
    this.url = url
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value
  }
  getResponseHeader(name: string): string | null {
    return name === 'Content-Type' ? 'application/json' : null
  }
  send(body: unknown): void {
    this.body = body
  }
  abort(): void {
    this.onabort?.()
  }
  answer(status: number, body: unknown): void {
    this.upload.onload?.()
    this.status = status
    this.responseText = JSON.stringify(body)
    this.onload?.()
  }
}

describe('Youth Study API client', () => {
  let calls: Call[]
  let next: () => Response
  let shown: string[]

  beforeEach(() => {
    calls = []
    shown = []
    resetRequestClient()
    configureRequest({ showError: (message) => shown.push(message), csrfToken: () => 'csrf-1' })
    next = () => answer(200, { items: [] })
    FakeXhr.last = null
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ url, method: init.method ?? 'GET', body: init.body, headers: init.headers as Record<string, string> })
        return next()
      }),
    )
  })

  afterEach(() => {
    vi.unstubAllGlobals()
    resetRequestClient()
  })

  it('reads seasons, episodes, a ranking, participants, a trend and own studies', async () => {
    await listSeasons()
    await listEpisodes({ season_id: 2, page: 1, size: 20 })
    await getEpisode(5)
    await episodeRanking(5, 10)
    await listParticipants(5, { org_id: 10, subtree: true, page: 2, size: 50 })
    await studyTrend({ org_id: 10, n: 12 })
    await getMyStudies(12)
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/v1/study/seasons',
      'GET /api/v1/study/episodes?season_id=2&page=1&size=20',
      'GET /api/v1/study/episodes/5',
      'GET /api/v1/study/episodes/5/ranking?org_id=10',
      'GET /api/v1/study/episodes/5/participants?org_id=10&subtree=true&page=2&size=50',
      'GET /api/v1/study/trend?org_id=10&n=12',
      'GET /api/v1/me/studies?n=12',
    ])
  })

  it('creates seasons and episodes and changes episodes with JSON bodies', async () => {
    next = () => answer(201, { id: 1 })
    await createSeason('2026年春季')
    await createEpisode({ season_id: 1, title: '第1期', release_date: '2026-03-02', closing_date: '2026-03-08' })
    next = () => answer(200, { id: 1 })
    await updateEpisode(1, { closing_date: '2026-03-09' })
    expect(calls.map((c) => [c.method, c.url, JSON.parse(String(c.body))])).toEqual([
      ['POST', '/api/v1/study/seasons', { name: '2026年春季' }],
      ['POST', '/api/v1/study/episodes', { season_id: 1, title: '第1期', release_date: '2026-03-02', closing_date: '2026-03-08' }],
      ['PATCH', '/api/v1/study/episodes/1', { closing_date: '2026-03-09' }],
    ])
    expect(calls.every((c) => c.headers['X-CSRF-Token'] === 'csrf-1')).toBe(true)
  })

  it("checks a member in with no body, and staff record a member's participation by id", async () => {
    next = () => answer(201, { episode_id: 5, member_id: 9, created: true })
    await checkInMyself(5)
    await recordCheckin(5, 172)
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/api/v1/study/episodes/5/checkins', body: undefined })
    expect(calls[1]).toMatchObject({ method: 'POST', url: '/api/v1/study/episodes/5/checkins' })
    expect(JSON.parse(String(calls[1]!.body))).toEqual({ member_id: 172 })
  })

  it('leaves a rule refusal of a check-in and a refused season name to the page', async () => {
    next = () => answer(422, { error: { code: 'rule_violation', message: '本期学习时间为 2026-03-02 至 2026-03-08，当前不在学习时间内' } })
    await expect(recordCheckin(5, 1)).rejects.toBeInstanceOf(ApiError)
    await expect(checkInMyself(5)).rejects.toBeInstanceOf(ApiError)
    next = () => answer(409, { error: { code: 'conflict', message: '该季名称已存在' } })
    await expect(createSeason('2026年春季')).rejects.toMatchObject({ status: 409 })
    expect(shown).toEqual([])
  })

  it('uploads a participation list as the raw body with its type', async () => {
    const file = new File(['姓名,团员编号\n'], '名单.csv')
    const done = importParticipation(5, file)
    const xhr = FakeXhr.last!
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toBe('/api/v1/study/episodes/5/imports')
    expect(xhr.headers['Content-Type']).toBe('text/csv')
    expect(xhr.headers['X-CSRF-Token']).toBe('csrf-1')
    expect(xhr.body).toBe(file)
    xhr.answer(200, { rows: 1, matched: 1, created: 1, already: 0, unmatched: [] })
    await expect(done).resolves.toEqual({ rows: 1, matched: 1, created: 1, already: 0, unmatched: [] })
  })

  it("keeps a malformed list's 422 quiet so the page can table its details", async () => {
    const done = importParticipation(5, new File(['x'], '名单.xlsx'))
    expect(FakeXhr.last!.headers['Content-Type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const details = [{ field: '学习时间', row: 2, code: 'invalid_format', message: '学习时间格式应为“2026-03-02 20:15”' }]
    FakeXhr.last!.answer(422, { error: { code: 'validation_failed', message: '提交的数据未通过校验', details } })
    await expect(done).rejects.toMatchObject({ status: 422, details })
    expect(shown).toEqual([])
  })

  it("attaches an activity's file with its name in the query and deletes one", async () => {
    const photo = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], '合影 1.png', { type: 'image/png' })
    const done = uploadActivityFile(7, photo)
    const xhr = FakeXhr.last!
    expect(xhr.url).toBe('/api/v1/activities/7/files?name=%E5%90%88%E5%BD%B1+1.png')
    expect(xhr.headers['Content-Type']).toBe('image/png')
    expect(xhr.body).toBe(photo)
    xhr.answer(201, { id: 3, name: '合影 1.png', content_type: 'image/png', size: 4, url: '/api/v1/activities/7/files/3' })
    await expect(done).resolves.toMatchObject({ id: 3, url: '/api/v1/activities/7/files/3' })

    const refused = uploadActivityFile(7, new File(['%PDF'], '材料.pdf'))
    expect(FakeXhr.last!.headers['Content-Type']).toBe('application/pdf')
    FakeXhr.last!.answer(422, {
      error: { code: 'validation_failed', message: '提交的数据未通过校验', details: [{ field: 'file', code: 'too_many', message: '最多 9 项' }] },
    })
    await expect(refused).rejects.toMatchObject({ status: 422 })
    expect(shown).toEqual([])

    next = () => new Response(null, { status: 204 })
    await deleteActivityFile(7, 3)
    expect(calls.at(-1)).toMatchObject({ method: 'DELETE', url: '/api/v1/activities/7/files/3' })
  })
})
