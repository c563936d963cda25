import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ApiError,
  configureRequest,
  filenameFromDisposition,
  requestFile,
  resetRequestClient,
  upload,
} from '@/api/request'
import { annotatedImport, exportMembers, importContentType, importMembers, listQuery } from '@/api/members'

// A stand-in for XMLHttpRequest that records what was sent and answers when told to.
class FakeXhr {
  static last: FakeXhr | null = null
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown = null
  withCredentials = false
  status = 0
  responseText = ''
  responseHeaders: Record<string, string> = {}
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
    return this.responseHeaders[name] ?? null
  }
  send(body: unknown): void {
    this.body = body
  }
  abort(): void {
    this.onabort?.()
  }
  // Test side: report progress, then answer.
  progress(loaded: number, total: number): void {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total })
  }
  answer(status: number, body: unknown): void {
    this.upload.onload?.()
    this.status = status
    this.responseHeaders = { 'Content-Type': 'application/json; charset=utf-8' }
    this.responseText = JSON.stringify(body)
    this.onload?.()
  }
}

const showError = vi.fn<(message: string) => void>()
let fetchCalls: { url: string; init: RequestInit }[]
let fetchAnswer: () => Response

beforeEach(() => {
  resetRequestClient()
  showError.mockReset()
  configureRequest({ csrfToken: () => 'csrf-9', language: () => 'zh-CN', showError })
  FakeXhr.last = null
  vi.stubGlobal('XMLHttpRequest', FakeXhr)
  fetchCalls = []
  fetchAnswer = () => new Response('', { status: 500 })
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      fetchCalls.push({ url, init })
      return fetchAnswer()
    }),
  )
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('filenameFromDisposition', () => {
  it('prefers the UTF-8 filename* and decodes it', () => {
    expect(
      filenameFromDisposition(
        `attachment; filename="members.xlsx"; filename*=UTF-8''%E5%9B%A2%E5%91%98%E5%90%8D%E5%86%8C.xlsx`,
      ),
    ).toBe('团员名册.xlsx')
  })

  it('falls back to the plain filename, and to null', () => {
    expect(filenameFromDisposition('attachment; filename="import-errors.xlsx"')).toBe('import-errors.xlsx')
    expect(filenameFromDisposition('attachment; filename=plain.csv')).toBe('plain.csv')
    expect(filenameFromDisposition('attachment')).toBeNull()
    expect(filenameFromDisposition(null)).toBeNull()
  })
})

describe('upload', () => {
  it('POSTs the raw file with the CSRF token, language and content type, reporting progress', async () => {
    const fractions: number[] = []
    let sent = false
    const file = new Blob(['姓名\n'], { type: 'text/csv' })
    const done = upload<{ imported: number }>('/members/import', {
      file,
      contentType: 'text/csv',
      query: { org_id: 11, dry_run: true },
      onProgress: (f) => fractions.push(f),
      onSent: () => {
        sent = true
      },
    })
    const xhr = FakeXhr.last!
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toBe('/api/v1/members/import?org_id=11&dry_run=true')
    expect(xhr.headers['X-CSRF-Token']).toBe('csrf-9')
    expect(xhr.headers['Accept-Language']).toBe('zh-CN')
    expect(xhr.headers['Content-Type']).toBe('text/csv')
    expect(xhr.withCredentials).toBe(true)
    expect(xhr.body).toBe(file)
    xhr.progress(50, 200)
    xhr.answer(200, { imported: 3, dry_run: true })
    await expect(done).resolves.toEqual({ imported: 3, dry_run: true })
    expect(fractions).toEqual([0.25, 1])
    expect(sent).toBe(true)
  })

  it('rejects with the ApiError of a 422, quietly when asked', async () => {
    const done = importMembers(new File(['x'], 'members.csv'), { orgId: 3, dryRun: false })
    const details = [{ field: '身份证号码', row: 2, code: 'checksum', message: '身份证号码校验位错误' }]
    FakeXhr.last!.answer(422, { error: { code: 'validation_failed', message: '未通过校验', details } })
    const error = (await done.catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(422)
    expect(error.details).toEqual(details)
    expect(showError).not.toHaveBeenCalled()
  })

  it('shows other failures', async () => {
    const done = importMembers(new File(['x'], 'members.xlsx'), { orgId: null, dryRun: true })
    const xhr = FakeXhr.last!
    expect(xhr.headers['Content-Type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(xhr.url).toBe('/api/v1/members/import?dry_run=true')
    xhr.answer(413, { error: { code: 'payload_too_large', message: '文件太大' } })
    await expect(done).rejects.toBeInstanceOf(ApiError)
    expect(showError).toHaveBeenCalledWith('文件太大')
  })

  it('can be cancelled', async () => {
    const controller = new AbortController()
    const done = importMembers(new File(['x'], 'a.csv'), { orgId: 1, dryRun: false, signal: controller.signal })
    controller.abort()
    await expect(done).rejects.toMatchObject({ name: 'AbortError' })
  })
})

describe('file answers', () => {
  it('exports with the list filters but not the page, and names the file from the answer', async () => {
    fetchAnswer = () =>
      new Response(new Blob(['PK']), {
        status: 200,
        headers: { 'Content-Disposition': `attachment; filename*=UTF-8''%E5%9B%A2.xlsx` },
      })
    const file = await exportMembers({ org_id: 4, subtree: false, q: '', status: 'in_standing', page: 3, size: 50, reveal: true })
    expect(fetchCalls[0]?.url).toBe('/api/v1/members/export?org_id=4&subtree=false&status=in_standing')
    expect(fetchCalls[0]?.init.method).toBe('GET')
    expect(file.filename).toBe('团.xlsx')
  })

  it('POSTs the file for the annotated copy with the CSRF token', async () => {
    fetchAnswer = () => new Response(new Blob(['PK']), { status: 200 })
    const csv = new File(['姓名'], 'm.csv')
    const file = await annotatedImport(csv, 9)
    const headers = fetchCalls[0]?.init.headers as Record<string, string>
    expect(fetchCalls[0]?.url).toBe('/api/v1/members/import/annotated?org_id=9')
    expect(headers['X-CSRF-Token']).toBe('csrf-9')
    expect(headers['Content-Type']).toBe('text/csv')
    expect(fetchCalls[0]?.init.body).toBe(csv)
    expect(file.filename).toBe('import-errors.xlsx')
  })

  it('turns an error answer into an ApiError', async () => {
    fetchAnswer = () =>
      new Response(JSON.stringify({ error: { code: 'forbidden', message: '无权操作' } }), {
        status: 403,
        headers: { 'Content-Type': 'application/json' },
      })
    await expect(requestFile('GET', '/members/export', { fallbackName: 'x.xlsx' })).rejects.toMatchObject({
      status: 403,
      code: 'forbidden',
    })
    expect(showError).toHaveBeenCalledWith('无权操作')
  })
})

describe('member API helpers', () => {
  it('picks the import content type from the file name', () => {
    expect(importContentType('名册.CSV')).toBe('text/csv')
    expect(importContentType('名册.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(importContentType('名册.xls')).toBeNull()
  })

  it('leaves empty filters out of the query', () => {
    expect(listQuery({ q: '', status: 'all', is_cadre: false, gender: undefined, page: 1 })).toEqual({
      status: 'all',
      is_cadre: false,
      page: 1,
    })
  })
})
