// Youth Study (青年大学习) (docs/api.md, Youth Study): the top committee's seasons and weekly episodes,
// members' participations (a member's own check-in, staff recording one, the platform's list
// imported), each episode's figures and ranking of an org's children, the participants, an org's
// trend over the latest episodes, and a member's own studies. Rates are in per mille
// (`rate_permille`, participants of the subtree ÷ its members in standing today); dates are
// 'YYYY-MM-DD', instants ISO 8601 with offset.
import { http, upload, type Page } from './request'

export namespace StudyApi {
  export interface Season {
    id: number
    name: string
    episodes: number
    created_at: string
    created_by: string
  }

  // An org's participation in an episode.
  export interface Figures {
    org_id: number
    org_name: string
    participants: number
    members: number
    rate_permille: number
  }

  export interface Episode {
    id: number
    season_id: number
    season_name: string
    title: string
    release_date: string
    closing_date: string
    // Taking participations today (release day through closing day).
    open: boolean
    // The caller's org's.
    figures: Figures
    created_at: string
    created_by: string
  }

  export interface EpisodeQuery {
    season_id?: number
    page?: number
    size?: number
  }

  // A new episode (all fields) or a change (any of title and the dates).
  export interface EpisodeBody {
    season_id?: number
    title?: string
    release_date?: string
    closing_date?: string
  }

  // 本人 (the member's own), 登记 (staff or an integration recording it), 导入 (the platform's list).
  export type Source = 'self' | 'api' | 'import'

  export interface Checkin {
    episode_id: number
    member_id: number
    org_id: number
    checked_at: string
    source: Source | string
    // false: the member had taken part already (the first participation's time).
    created: boolean
  }

  export type UnmatchedReason = 'not_found' | 'name_mismatch' | 'not_in_standing'

  export interface Unmatched {
    // The file's row (1 = the first row under the headers).
    row: number
    name: string
    reason: UnmatchedReason | string
  }

  export interface ImportReport {
    rows: number
    matched: number
    created: number
    already: number
    unmatched: Unmatched[]
  }

  export interface RankedChild extends Figures {
    rank: number
  }

  export interface Ranking extends Figures {
    episode_id: number
    children: RankedChild[]
  }

  export interface Participant {
    episode_id: number
    member_id: number
    name: string
    member_no: string | null
    org_id: number
    org_name: string
    checked_at: string
    source: Source | string
    recorded_by: string
  }

  export interface ParticipantQuery {
    org_id?: number
    subtree?: boolean
    page?: number
    size?: number
  }

  export interface TrendPoint {
    episode_id: number
    title: string
    release_date: string
    participants: number
    members: number
    rate_permille: number
  }

  export interface Trend {
    org_id: number
    org_name: string
    // Oldest first.
    points: TrendPoint[]
  }

  export interface TrendQuery {
    org_id?: number
    season_id?: number
    // 1–104 (the server's default 12).
    n?: number
  }

  export interface MyStudy {
    episode_id: number
    title: string
    season_name: string
    release_date: string
    closing_date: string
    open: boolean
    // null: not taken part.
    checked_at: string | null
  }
}

export const STUDY_SOURCES: readonly StudyApi.Source[] = ['self', 'api', 'import']
export const UNMATCHED_REASONS: readonly StudyApi.UnmatchedReason[] = ['not_found', 'name_mismatch', 'not_in_standing']
// The most episodes a trend asks for.
export const MAX_TREND_POINTS = 104

// A dialog shows its own refusals (422 fields, 409 a season name taken).
const DIALOG_SHOWS = { silent: (e: { status: number }) => e.status === 422 || e.status === 409 }
// The member's own page explains a 403 (an account linked to no member) itself.
const PAGE_SHOWS_403 = { silent: (e: { status: number }) => e.status === 403 }

export function listSeasons(): Promise<StudyApi.Season[]> {
  return http.get<{ items: StudyApi.Season[] }>('/study/seasons').then((r) => r.items)
}

export function createSeason(name: string): Promise<StudyApi.Season> {
  return http.post<StudyApi.Season>('/study/seasons', { name }, DIALOG_SHOWS)
}

export function listEpisodes(query: StudyApi.EpisodeQuery = {}): Promise<Page<StudyApi.Episode>> {
  return http.get<Page<StudyApi.Episode>>('/study/episodes', { query: { ...query } })
}

export function getEpisode(id: number): Promise<StudyApi.Episode> {
  return http.get<StudyApi.Episode>(`/study/episodes/${id}`)
}

export function createEpisode(body: StudyApi.EpisodeBody): Promise<StudyApi.Episode> {
  return http.post<StudyApi.Episode>('/study/episodes', body, DIALOG_SHOWS)
}

export function updateEpisode(id: number, body: StudyApi.EpisodeBody): Promise<StudyApi.Episode> {
  return http.patch<StudyApi.Episode>(`/study/episodes/${id}`, body, DIALOG_SHOWS)
}

// Staff record a member's participation; the caller shows a rule refusal (episode_not_open,
// member_not_in_standing) itself.
export function recordCheckin(episodeId: number, memberId: number): Promise<StudyApi.Checkin> {
  return http.post<StudyApi.Checkin>(`/study/episodes/${episodeId}/checkins`, { member_id: memberId }, {
    silent: (e) => e.status === 422,
  })
}

// The signed-in member takes part (no body); the page shows a refusal itself.
export function checkInMyself(episodeId: number): Promise<StudyApi.Checkin> {
  return http.post<StudyApi.Checkin>(`/study/episodes/${episodeId}/checkins`, undefined, {
    silent: (e) => e.status === 422 || e.status === 403,
  })
}

export interface ImportOptions {
  onProgress?: (fraction: number) => void
  onSent?: () => void
  signal?: AbortSignal
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

// The content type of a participation list by its name; null for anything but CSV and XLSX.
export function studyImportType(filename: string): string | null {
  const lower = filename.toLowerCase()
  if (lower.endsWith('.csv')) return 'text/csv'
  if (lower.endsWith('.xlsx')) return XLSX_TYPE
  return null
}

// The platform's list for an episode as the raw body. A malformed file (422 with the columns and
// rows at fault) is the page's to show.
export function importParticipation(episodeId: number, file: File, options: ImportOptions = {}): Promise<StudyApi.ImportReport> {
  return upload<StudyApi.ImportReport>(`/study/episodes/${episodeId}/imports`, {
    file,
    contentType: studyImportType(file.name) ?? 'text/csv',
    silent: (e) => e.status === 422,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.onSent ? { onSent: options.onSent } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })
}

export function episodeRanking(episodeId: number, orgId: number): Promise<StudyApi.Ranking> {
  return http.get<StudyApi.Ranking>(`/study/episodes/${episodeId}/ranking`, { query: { org_id: orgId } })
}

export function listParticipants(episodeId: number, query: StudyApi.ParticipantQuery = {}): Promise<Page<StudyApi.Participant>> {
  return http.get<Page<StudyApi.Participant>>(`/study/episodes/${episodeId}/participants`, { query: { ...query } })
}

export function studyTrend(query: StudyApi.TrendQuery = {}): Promise<StudyApi.Trend> {
  return http.get<StudyApi.Trend>('/study/trend', { query: { ...query } })
}

export function getMyStudies(n?: number): Promise<StudyApi.MyStudy[]> {
  return http
    .get<{ items: StudyApi.MyStudy[] }>('/me/studies', { query: { n }, ...PAGE_SHOWS_403 })
    .then((r) => r.items)
}
