import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { listStatusChanges, statusChangeQuery, type StatusChangeFilters } from '@/api/members'
import { resetRequestClient } from '@/api/request'

const base: StatusChangeFilters = { orgId: 7, subtree: true, status: '', range: null }

describe('statusChangeQuery', () => {
  it('sends the org, the subtree switch and the page, and leaves out empty filters', () => {
    expect(statusChangeQuery(base, 1, 20)).toEqual({ org_id: 7, subtree: true, page: 1, size: 20 })
  })

  it('sends subtree=false when the switch is off (the server defaults to true)', () => {
    expect(statusChangeQuery({ ...base, subtree: false })).toEqual({ org_id: 7, subtree: false })
  })

  it('leaves out the org before one is chosen', () => {
    expect(statusChangeQuery({ ...base, orgId: null })).toEqual({ subtree: true })
  })

  it('sends the new status and the effective-date range as from and to', () => {
    expect(
      statusChangeQuery({ ...base, status: 'aged_out', range: ['2024-01-01', '2024-12-31'] }, 3, 50),
    ).toEqual({
      org_id: 7,
      subtree: true,
      status: 'aged_out',
      from: '2024-01-01',
      to: '2024-12-31',
      page: 3,
      size: 50,
    })
  })

  it('puts a range given backwards the right way round', () => {
    const q = statusChangeQuery({ ...base, range: ['2024-06-30', '2024-06-01'] })
    expect([q.from, q.to]).toEqual(['2024-06-01', '2024-06-30'])
  })

  it('keeps a single-day range and drops empty or malformed bounds', () => {
    const day = statusChangeQuery({ ...base, range: ['2024-06-01', '2024-06-01'] })
    expect([day.from, day.to]).toEqual(['2024-06-01', '2024-06-01'])
    const half = statusChangeQuery({ ...base, range: ['', '2024-06-01'] })
    expect('from' in half).toBe(false)
    expect(half.to).toBe('2024-06-01')
    const bad = statusChangeQuery({ ...base, range: ['2024/06/01', 'yesterday'] })
    expect('from' in bad || 'to' in bad).toBe(false)
  })
})

describe('listStatusChanges', () => {
  let urls: string[]

  beforeEach(() => {
    urls = []
    resetRequestClient()
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        urls.push(url)
        return new Response(JSON.stringify({ items: [], total: 0, page: 1, size: 20 }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        })
      }),
    )
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('calls GET /members/status-changes with the built query', async () => {
    const page = await listStatusChanges(
      statusChangeQuery({ orgId: 3, subtree: false, status: 'mobile', range: ['2024-01-01', '2024-03-31'] }, 2, 20),
    )
    expect(page.total).toBe(0)
    expect(urls).toHaveLength(1)
    const url = new URL(urls[0] ?? '', 'http://localhost')
    expect(url.pathname).toBe('/api/v1/members/status-changes')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      org_id: '3',
      subtree: 'false',
      status: 'mobile',
      from: '2024-01-01',
      to: '2024-03-31',
      page: '2',
      size: '20',
    })
  })
})
