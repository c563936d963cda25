import { describe, expect, it } from 'vitest'
import { historyLines } from '@/members/history'

describe('member history lines', () => {
  it('show field changes as before and after, in the server\'s order', () => {
    expect(historyLines({ name: { from: '张三', to: '张叁' }, phone: { to: '138****5678' } })).toEqual([
      { key: 'name', from: '张三', to: '张叁', change: true },
      { key: 'phone', from: null, to: '138****5678', change: true },
    ])
  })

  it('show an evaluation grade with its year and attendance, ids left out', () => {
    expect(historyLines({ evaluation_id: 4, grade: 'excellent', present: true, year: 2025 })).toEqual([
      { key: 'year', from: null, to: 2025, change: false },
      { key: 'grade', from: null, to: 'excellent', change: false },
      { key: 'present', from: null, to: true, change: false },
    ])
  })

  it('tell a Party vote\'s head count from an evaluation\'s attendance', () => {
    const lines = historyLines({ recommendation_id: 2, stage: 'recommended', eligible: 30, present: 20, yes: 15 })
    expect(lines.map((l) => [l.key, l.to])).toEqual([
      ['stage', 'recommended'],
      ['eligible', 30],
      ['present_count', 20],
      ['yes', 15],
    ])
  })

  it('show a review\'s stage, rank and note, a registration\'s year and an admission\'s number', () => {
    expect(historyLines({ recommendation_id: 2, stage: 'reviewed', rank: 1, note: '优秀' }).map((l) => l.key)).toEqual([
      'stage',
      'rank',
      'note',
    ])
    expect(historyLines({ year: 2026 }).map((l) => [l.key, l.to])).toEqual([['year', 2026]])
    expect(historyLines({ applicant_id: 7, member_no: '202600000015', join_date: '2026-05-04' }).map((l) => l.key)).toEqual([
      'member_no',
      'join_date',
    ])
  })

  it('show a transfer as the org it moved the member from and to, and one out of the system by its destination', () => {
    expect(historyLines({ transfer_id: 3, org: { from: '东风村团支部', to: '坦途村团支部' } })).toEqual([
      { key: 'org', from: '东风村团支部', to: '坦途村团支部', change: true },
    ])
    expect(
      historyLines({ transfer_id: 4, external_code: 'TB-01', external_name: '洮北区团委' }).map((l) => [l.key, l.to]),
    ).toEqual([
      ['external_name', '洮北区团委'],
      ['external_code', 'TB-01'],
    ])
  })

  it('skip what is not a value and survive no changes', () => {
    expect(historyLines({ nested: null, list: [1] as unknown as number })).toEqual([])
    expect(historyLines(null)).toEqual([])
    expect(historyLines({})).toEqual([])
  })
})
