// 工作台's Youth Study figure: the user's org's rate in the latest episode released (the last point of
// GET /study/trend?n=1), for those who read members. Pure; the view loads the trend.
import type { StudyApi } from '@/api/study'
import { formatPermille } from '@/format/rate'

export interface StudyFigure {
  episodeId: number
  title: string
  participants: number
  members: number
  ratePermille: number
  // '85.3' (the view adds the percent sign through i18n).
  rate: string
  // The ranking page with this episode chosen.
  to: { path: string; query: Record<string, string> }
}

export function latestStudy(trend: Pick<StudyApi.Trend, 'points'> | null | undefined): StudyFigure | null {
  const last = trend?.points[trend.points.length - 1]
  if (!last) return null
  return {
    episodeId: last.episode_id,
    title: last.title,
    participants: last.participants,
    members: last.members,
    ratePermille: last.rate_permille,
    rate: formatPermille(last.rate_permille),
    to: { path: '/study/ranking', query: { episode_id: String(last.episode_id) } },
  }
}
