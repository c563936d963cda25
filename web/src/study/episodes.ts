// Youth Study seasons and episodes as the server checks them (docs/api.md, Youth Study), mirrored so
// the forms can tell the user early, and the request bodies built from the forms. An episode takes
// participations from its release day through its closing day (both inclusive, the deployment's
// calendar); the server decides and checks everything again.
import type { StudyApi } from '@/api/study'

export const LIMITS = { seasonName: 100, title: 200 } as const
// A new episode's default window: a week from today (the platform releases weekly).
export const DEFAULT_EPISODE_DAYS = 7

const pad = (n: number) => String(n).padStart(2, '0')

// 'YYYY-MM-DD' `days` after the calendar date `day` (negative: before), without time zones.
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number)
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1))
  date.setUTCDate(date.getUTCDate() + days)
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}

export interface EpisodeForm {
  season_id: number | null
  title: string
  release_date: string
  closing_date: string
}

// A new episode: released today, closing a week later (inclusive: seven days in all).
export function newEpisodeForm(today: string, seasonId: number | null = null): EpisodeForm {
  return { season_id: seasonId, title: '', release_date: today, closing_date: addDays(today, DEFAULT_EPISODE_DAYS - 1) }
}

export function episodeForm(e: StudyApi.Episode): EpisodeForm {
  return { season_id: e.season_id, title: e.title, release_date: e.release_date, closing_date: e.closing_date }
}

// The request body: a new episode sends everything; a change only the fields that changed (the
// season stays), which may be nothing.
export function episodeBody(form: EpisodeForm, original: StudyApi.Episode | null): StudyApi.EpisodeBody {
  const title = form.title.trim()
  if (original === null) {
    return {
      ...(form.season_id !== null ? { season_id: form.season_id } : {}),
      title,
      release_date: form.release_date,
      closing_date: form.closing_date,
    }
  }
  const body: StudyApi.EpisodeBody = {}
  if (title !== original.title) body.title = title
  if (form.release_date !== original.release_date) body.release_date = form.release_date
  if (form.closing_date !== original.closing_date) body.closing_date = form.closing_date
  return body
}

export type TextProblem = 'required' | 'too_long'

export function checkText(text: string, max: number): TextProblem | null {
  const value = text.trim()
  if (!value) return 'required'
  if ([...value].length > max) return 'too_long'
  return null
}

export type DatesProblem = 'required' | 'before_release'

// The closing date (the field the server names) against the release date.
export function checkDates(release: string, closing: string): DatesProblem | null {
  if (!release || !closing) return 'required'
  if (closing < release) return 'before_release'
  return null
}

// Whether an episode takes participations on `today` (as the server's `open` says for its today).
export function openOn(e: Pick<StudyApi.Episode, 'release_date' | 'closing_date'>, today: string): boolean {
  return e.release_date <= today && today <= e.closing_date
}

export type EpisodeState = 'open' | 'upcoming' | 'closed'

// Open (the server's flag), not yet released, or closed.
export function episodeState(e: Pick<StudyApi.Episode, 'open' | 'release_date'>, today: string): EpisodeState {
  if (e.open) return 'open'
  return e.release_date > today ? 'upcoming' : 'closed'
}

const STATE_TAG: Record<EpisodeState, 'success' | 'info' | 'warning'> = {
  open: 'success',
  upcoming: 'warning',
  closed: 'info',
}

export function episodeStateTag(state: EpisodeState): 'success' | 'info' | 'warning' {
  return STATE_TAG[state]
}

// The episode a page starts with: the newest open one, else the newest released by today, else
// the first (lists come newest first); null for none.
export function defaultEpisode<T extends Pick<StudyApi.Episode, 'open' | 'release_date'>>(
  episodes: readonly T[],
  today: string,
): T | null {
  return episodes.find((e) => e.open) ?? episodes.find((e) => e.release_date <= today) ?? episodes[0] ?? null
}
