// The one request client of the web app: every call to the server goes through request().
//
// It sends the session cookie (same origin), the CSRF token on unsafe methods, and the UI
// language as Accept-Language; it turns every non-2xx answer into an ApiError and shows the
// server's message once (the same text is not shown twice within a short window, so a burst of
// failing calls produces one message). 401 sends the user to the login page and 403
// password_change_required to the change-password page, through hooks the app installs at
// start (configureRequest), so this module knows nothing of the router or the stores.
// requestFile() (answers that are files) and upload() (a raw file body with upload progress,
// over XMLHttpRequest) send the same headers and handle errors the same way.

export const API_BASE = '/api/v1'

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

const UNSAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])

export interface ApiErrorDetail {
  field?: string
  row?: number
  code: string
  message: string
}

interface ApiErrorBody {
  error: { code: string; message: string; details?: ApiErrorDetail[] }
}

// A failed call: the HTTP status (0 when the server could not be reached), the server's
// machine code and message, and the per-field details of a 422.
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: ApiErrorDetail[]
  // True once the message has been shown to the user; callers must not show it again.
  shown = false

  constructor(status: number, code: string, message: string, details: ApiErrorDetail[] = []) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

export interface RequestHooks {
  csrfToken: () => string | null
  language: () => string
  showError: (message: string) => void
  onUnauthenticated: () => void
  onPasswordChangeRequired: () => void
  // Texts for failures that carry no server message (network down, a non-JSON answer).
  networkErrorMessage: () => string
  unexpectedErrorMessage: (status: number) => string
}

const defaultHooks: RequestHooks = {
  csrfToken: () => null,
  language: () => 'zh-CN',
  showError: () => {},
  onUnauthenticated: () => {},
  onPasswordChangeRequired: () => {},
  networkErrorMessage: () => 'Network error',
  unexpectedErrorMessage: (status) => `HTTP ${status}`,
}

let hooks: RequestHooks = { ...defaultHooks }

export function configureRequest(next: Partial<RequestHooks>): void {
  hooks = { ...hooks, ...next }
}

// Restores the hooks and forgets recently shown messages (for tests).
export function resetRequestClient(): void {
  hooks = { ...defaultHooks }
  lastShown = null
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

export interface RequestOptions {
  query?: Query
  body?: unknown
  signal?: AbortSignal
  // Do not show the error message (the caller shows it its own way). A function decides per
  // error, e.g. to keep quiet only about an expected 401.
  silent?: boolean | ((error: ApiError) => boolean)
  // Do not redirect on 401 / 403 password_change_required (login and session probing).
  noRedirect?: boolean
}

const DUPLICATE_WINDOW_MS = 2000
let lastShown: { text: string; at: number } | null = null

function show(error: ApiError): void {
  const now = Date.now()
  if (lastShown && lastShown.text === error.message && now - lastShown.at < DUPLICATE_WINDOW_MS) {
    error.shown = true
    return
  }
  lastShown = { text: error.message, at: now }
  hooks.showError(error.message)
  error.shown = true
}

export function buildUrl(path: string, query?: Query): string {
  let url = API_BASE + path
  if (query) {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === '') continue
      params.append(key, String(value))
    }
    const text = params.toString()
    if (text) url += (url.includes('?') ? '&' : '?') + text
  }
  return url
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const error = (value as { error: unknown }).error
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  )
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('Content-Type') ?? ''
  if (!type.includes('json')) return undefined
  try {
    return await response.json()
  } catch {
    return undefined
  }
}

// The headers every call sends: the UI language, and the CSRF token on unsafe methods.
export function baseHeaders(method: HttpMethod, accept = 'application/json'): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: accept,
    'Accept-Language': hooks.language(),
  }
  if (UNSAFE_METHODS.has(method)) {
    const token = hooks.csrfToken()
    if (token) headers['X-CSRF-Token'] = token
  }
  return headers
}

// The ApiError of a non-2xx answer from its status and parsed body (undefined: not JSON).
function errorOf(status: number, body: unknown): ApiError {
  return isErrorBody(body)
    ? new ApiError(status, body.error.code, body.error.message, body.error.details ?? [])
    : new ApiError(status, 'http_error', hooks.unexpectedErrorMessage(status))
}

export async function request<T>(
  method: HttpMethod,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers = baseHeaders(method)
  const init: RequestInit = { method, headers, credentials: 'same-origin' }
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(options.body)
  }
  if (options.signal) init.signal = options.signal

  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), init)
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    const error = new ApiError(0, 'network', hooks.networkErrorMessage())
    fail(error, options)
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T
    return (await readJson(response)) as T
  }

  fail(errorOf(response.status, await readJson(response)), options)
}

function fail(error: ApiError, options: RequestOptions): never {
  const silent =
    typeof options.silent === 'function' ? options.silent(error) : options.silent === true
  if (!silent) show(error)
  if (!options.noRedirect) {
    if (error.status === 401) hooks.onUnauthenticated()
    else if (error.status === 403 && error.code === 'password_change_required')
      hooks.onPasswordChangeRequired()
  }
  throw error
}

type BodyOptions = Omit<RequestOptions, 'body'>

// A file the server sent (an export, a template, an annotated import).
export interface FileAnswer {
  blob: Blob
  // From Content-Disposition (filename* preferred), or the caller's fallback.
  filename: string
}

// The file name of a Content-Disposition header: the RFC 5987 filename* when present (UTF-8,
// percent-encoded), else the plain filename; null when there is neither.
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim())
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(header)
  const name = plain?.[1] ?? plain?.[2]
  return name ? name.trim() : null
}

export interface FileRequestOptions extends Omit<RequestOptions, 'body'> {
  // A raw body (an uploaded file) and its type.
  body?: Blob
  contentType?: string
  // The name to save under when the answer names none.
  fallbackName: string
}

// A call whose successful answer is a file (GET export, POST annotated import). Errors are
// handled like request()'s.
export async function requestFile(
  method: HttpMethod,
  path: string,
  options: FileRequestOptions,
): Promise<FileAnswer> {
  const headers = baseHeaders(method, '*/*')
  const init: RequestInit = { method, headers, credentials: 'same-origin' }
  if (options.body !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'application/octet-stream'
    init.body = options.body
  }
  if (options.signal) init.signal = options.signal
  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), init)
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    fail(new ApiError(0, 'network', hooks.networkErrorMessage()), options)
  }
  if (!response.ok) fail(errorOf(response.status, await readJson(response)), options)
  const filename =
    filenameFromDisposition(response.headers.get('Content-Disposition')) ?? options.fallbackName
  return { blob: await response.blob(), filename }
}

export interface UploadOptions extends Omit<RequestOptions, 'body' | 'signal'> {
  file: Blob
  contentType: string
  // Share of the body sent so far, 0..1 (XMLHttpRequest upload progress).
  onProgress?: (fraction: number) => void
  // Called once the body has been sent and the server is working on it.
  onSent?: () => void
  signal?: AbortSignal
}

// POSTs a file as the raw body with upload progress (fetch cannot report it), with the same
// headers, error handling and redirects as request(). Resolves with the JSON answer.
export function upload<T>(path: string, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', buildUrl(path, options.query))
    xhr.withCredentials = true
    for (const [name, value] of Object.entries(baseHeaders('POST'))) xhr.setRequestHeader(name, value)
    xhr.setRequestHeader('Content-Type', options.contentType)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total)
    }
    xhr.upload.onload = () => {
      options.onProgress?.(1)
      options.onSent?.()
    }
    const settle = (action: () => void) => {
      try {
        action()
      } catch (e) {
        reject(e)
      }
    }
    xhr.onload = () =>
      settle(() => {
        const type = xhr.getResponseHeader('Content-Type') ?? ''
        let body: unknown
        if (type.includes('json')) {
          try {
            body = JSON.parse(xhr.responseText)
          } catch {
            body = undefined
          }
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body as T)
        else fail(errorOf(xhr.status, body), options)
      })
    xhr.onerror = () => settle(() => fail(new ApiError(0, 'network', hooks.networkErrorMessage()), options))
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'))
    if (options.signal) {
      if (options.signal.aborted) {
        reject(new DOMException('The upload was cancelled', 'AbortError'))
        return
      }
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true })
    }
    xhr.send(options.file)
  })
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: BodyOptions) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: BodyOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: BodyOptions) =>
    request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
}

// The list envelope every list route answers with.
export interface Page<T> {
  items: T[]
  total: number
  page: number
  size: number
}

// Largest page the server gives (lists of children in a tree, pickers).
export const MAX_PAGE_SIZE = 500
