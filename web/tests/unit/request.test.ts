import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ApiError,
  buildUrl,
  configureRequest,
  http,
  resetRequestClient,
} from '@/api/request'

interface Call {
  url: string
  init: RequestInit
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  })
}

const errorBody = (code: string, message: string, details: unknown[] = []) => ({
  error: { code, message, details },
})

let calls: Call[]
let answers: (() => Response)[]
const showError = vi.fn<(message: string) => void>()
const onUnauthenticated = vi.fn<() => void>()
const onPasswordChangeRequired = vi.fn<() => void>()

beforeEach(() => {
  calls = []
  answers = []
  resetRequestClient()
  showError.mockReset()
  onUnauthenticated.mockReset()
  onPasswordChangeRequired.mockReset()
  configureRequest({
    csrfToken: () => 'csrf-123',
    language: () => 'en',
    showError,
    onUnauthenticated,
    onPasswordChangeRequired,
    networkErrorMessage: () => 'offline',
  })
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init })
      const next = answers.shift()
      if (!next) throw new Error('unexpected fetch')
      return next()
    }),
  )
})

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

const headersOf = (call: Call | undefined) => (call?.init.headers ?? {}) as Record<string, string>

describe('request client headers', () => {
  it('sends the CSRF token on POST, PATCH and DELETE but not on GET', async () => {
    answers.push(
      () => jsonResponse(200, { ok: 1 }),
      () => jsonResponse(200, { ok: 2 }),
      () => jsonResponse(200, { ok: 3 }),
      () => new Response(null, { status: 204 }),
    )
    await http.get('/orgs')
    await http.post('/orgs', { name: 'x' })
    await http.patch('/orgs/1', { name: 'y' })
    await http.delete('/orgs/1')
    expect(headersOf(calls[0])['X-CSRF-Token']).toBeUndefined()
    expect(headersOf(calls[1])['X-CSRF-Token']).toBe('csrf-123')
    expect(headersOf(calls[2])['X-CSRF-Token']).toBe('csrf-123')
    expect(headersOf(calls[3])['X-CSRF-Token']).toBe('csrf-123')
    expect(calls.map((c) => c.init.method)).toEqual(['GET', 'POST', 'PATCH', 'DELETE'])
  })

  it('sends the UI language as Accept-Language and the session cookie', async () => {
    answers.push(() => jsonResponse(200, {}))
    await http.get('/auth/me')
    expect(headersOf(calls[0])['Accept-Language']).toBe('en')
    expect(calls[0]?.init.credentials).toBe('same-origin')
  })

  it('sends JSON bodies with a JSON content type', async () => {
    answers.push(() => jsonResponse(201, { id: 7 }))
    const created = await http.post<{ id: number }>('/orgs', { name: '一中团委' })
    expect(created).toEqual({ id: 7 })
    expect(headersOf(calls[0])['Content-Type']).toBe('application/json')
    expect(calls[0]?.init.body).toBe(JSON.stringify({ name: '一中团委' }))
  })

  it('returns undefined for 204', async () => {
    answers.push(() => new Response(null, { status: 204 }))
    await expect(http.post('/auth/logout')).resolves.toBeUndefined()
  })
})

describe('buildUrl', () => {
  it('prefixes the base path and drops empty query values', () => {
    expect(buildUrl('/orgs', { org_id: 3, subtree: false, q: '', type: undefined, status: null })).toBe(
      '/api/v1/orgs?org_id=3&subtree=false',
    )
    expect(buildUrl('/users')).toBe('/api/v1/users')
    expect(buildUrl('/users', { q: '张 三' })).toBe('/api/v1/users?q=%E5%BC%A0+%E4%B8%89')
  })
})

describe('request client errors', () => {
  it('throws ApiError with the server code, message and details, and shows the message', async () => {
    answers.push(() =>
      jsonResponse(
        422,
        errorBody('validation_failed', 'The data did not pass validation', [
          { field: 'name', code: 'required', message: 'Required' },
        ]),
      ),
    )
    const error = await http.post('/orgs', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    const apiError = error as ApiError
    expect(apiError.status).toBe(422)
    expect(apiError.code).toBe('validation_failed')
    expect(apiError.details).toEqual([{ field: 'name', code: 'required', message: 'Required' }])
    expect(apiError.shown).toBe(true)
    expect(showError).toHaveBeenCalledTimes(1)
    expect(showError).toHaveBeenCalledWith('The data did not pass validation')
  })

  it('shows the same error once when several calls fail together', async () => {
    for (let i = 0; i < 3; i++) answers.push(() => jsonResponse(500, errorBody('internal', 'Server error')))
    const results = await Promise.allSettled([http.get('/a'), http.get('/b'), http.get('/c')])
    expect(results.every((r) => r.status === 'rejected')).toBe(true)
    expect(showError).toHaveBeenCalledTimes(1)
  })

  it('shows the same message again after the duplicate window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'))
    answers.push(() => jsonResponse(409, errorBody('conflict', 'Code in use')))
    await http.post('/orgs', {}).catch(() => undefined)
    vi.setSystemTime(new Date('2026-01-01T00:00:05Z'))
    answers.push(() => jsonResponse(409, errorBody('conflict', 'Code in use')))
    await http.post('/orgs', {}).catch(() => undefined)
    expect(showError).toHaveBeenCalledTimes(2)
  })

  it('stays quiet when the caller shows the error itself', async () => {
    answers.push(() => jsonResponse(401, errorBody('unauthenticated', 'Wrong username or password')))
    const error = (await http
      .post('/auth/login', {}, { silent: true, noRedirect: true })
      .catch((e: unknown) => e)) as ApiError
    expect(error.message).toBe('Wrong username or password')
    expect(error.shown).toBe(false)
    expect(showError).not.toHaveBeenCalled()
    expect(onUnauthenticated).not.toHaveBeenCalled()
  })

  it('goes to the login page on 401', async () => {
    answers.push(() => jsonResponse(401, errorBody('unauthenticated', 'Please sign in')))
    await http.get('/orgs').catch(() => undefined)
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
    expect(showError).toHaveBeenCalledTimes(1)
  })

  it('goes to the change-password page on 403 password_change_required only', async () => {
    answers.push(() => jsonResponse(403, errorBody('password_change_required', 'Change your password')))
    await http.get('/orgs').catch(() => undefined)
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1)
    answers.push(() => jsonResponse(403, errorBody('forbidden', 'Forbidden')))
    await http.post('/users', {}).catch(() => undefined)
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1)
    expect(onUnauthenticated).not.toHaveBeenCalled()
  })

  it('turns a failed connection into a network ApiError with the app message', async () => {
    answers.push(() => {
      throw new TypeError('Failed to fetch')
    })
    const error = (await http.get('/orgs').catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(0)
    expect(error.code).toBe('network')
    expect(showError).toHaveBeenCalledWith('offline')
  })

  it('copes with a non-JSON error answer', async () => {
    answers.push(() => new Response('<html>bad gateway</html>', { status: 502 }))
    const error = (await http.get('/orgs').catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(502)
    expect(error.message).toBe('HTTP 502')
    expect(showError).toHaveBeenCalledTimes(1)
  })
})
