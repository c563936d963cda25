import { describe, expect, it } from 'vitest'
import type { StudyApi } from '@/api/study'
import {
  addDays,
  checkDates,
  checkText,
  defaultEpisode,
  episodeBody,
  episodeForm,
  episodeState,
  newEpisodeForm,
  openOn,
} from '@/study/episodes'

function episode(changes: Partial<StudyApi.Episode> = {}): StudyApi.Episode {
  return {
    id: 5,
    season_id: 2,
    season_name: '2026年春季',
    title: '第5期',
    release_date: '2026-03-02',
    closing_date: '2026-03-08',
    open: false,
    figures: { org_id: 1, org_name: '共青团镇赉县委', participants: 10, members: 200, rate_permille: 50 },
    created_at: '2026-03-01T10:00:00+08:00',
    created_by: 'admin',
    ...changes,
  }
}

describe('Youth Study episodes', () => {
  it('counts calendar days across months, years and leap days', () => {
    expect(addDays('2026-03-02', 6)).toBe('2026-03-08')
    expect(addDays('2026-01-28', 7)).toBe('2026-02-04')
    expect(addDays('2026-12-29', 6)).toBe('2027-01-04')
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })

  it('starts a new episode today for a week (seven days, both ends included)', () => {
    expect(newEpisodeForm('2026-11-27', 3)).toEqual({
      season_id: 3,
      title: '',
      release_date: '2026-11-27',
      closing_date: '2026-12-03',
    })
    expect(newEpisodeForm('2026-11-27').season_id).toBeNull()
  })

  it('sends everything for a new episode and only what changed for a change', () => {
    const form = { season_id: 2, title: ' 第6期 ', release_date: '2026-03-09', closing_date: '2026-03-15' }
    expect(episodeBody(form, null)).toEqual({
      season_id: 2,
      title: '第6期',
      release_date: '2026-03-09',
      closing_date: '2026-03-15',
    })
    const original = episode()
    expect(episodeBody(episodeForm(original), original)).toEqual({})
    expect(episodeBody({ ...episodeForm(original), title: '第5期（补）', closing_date: '2026-03-10' }, original)).toEqual({
      title: '第5期（补）',
      closing_date: '2026-03-10',
    })
  })

  it('checks names and the study window as the server does', () => {
    expect(checkText('  ', 100)).toBe('required')
    expect(checkText('第1期', 3)).toBeNull()
    expect(checkText('第10期', 3)).toBe('too_long')
    expect(checkDates('2026-03-02', '2026-03-01')).toBe('before_release')
    expect(checkDates('2026-03-02', '2026-03-02')).toBeNull()
    expect(checkDates('', '2026-03-02')).toBe('required')
  })

  it('tells open, upcoming and closed episodes apart', () => {
    const e = episode()
    expect(openOn(e, '2026-03-02')).toBe(true)
    expect(openOn(e, '2026-03-08')).toBe(true)
    expect(openOn(e, '2026-03-09')).toBe(false)
    expect(episodeState(episode({ open: true }), '2026-03-03')).toBe('open')
    expect(episodeState(e, '2026-03-01')).toBe('upcoming')
    expect(episodeState(e, '2026-03-09')).toBe('closed')
  })

  it('starts the pages with the newest open episode, else the newest released', () => {
    const future = episode({ id: 9, release_date: '2026-04-01', closing_date: '2026-04-07' })
    const open = episode({ id: 8, open: true, release_date: '2026-03-09', closing_date: '2026-03-15' })
    const old = episode({ id: 7 })
    expect(defaultEpisode([future, open, old], '2026-03-10')?.id).toBe(8)
    expect(defaultEpisode([future, old], '2026-03-20')?.id).toBe(7)
    expect(defaultEpisode([future], '2026-03-20')?.id).toBe(9)
    expect(defaultEpisode([], '2026-03-20')).toBeNull()
  })
})
