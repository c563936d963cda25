// The numbers of the ranking page (参学率排名) as chart series and table rows: an episode's ranking of
// an org's children by rate, and an org's trend over the latest episodes. Rates come in per mille
// (rounded down by the server); charts plot them as percents with one decimal, tables show the
// same numbers through format/rate.ts. Pure; the page loads the answers.
import type { StudyApi } from '@/api/study'
import { formatPermille } from '@/format/rate'

// A rate in per mille as a percent number for a chart (853 → 85.3). Not capped: participants count
// in the org they belonged to at the time, so an org that lost members may pass 100%.
export function permilleValue(permille: number): number {
  if (!Number.isFinite(permille) || permille <= 0) return 0
  return Math.floor(permille) / 10
}

export interface ChartData {
  categories: string[]
  // Percents, one a category.
  rates: number[]
}

// The children in the ranking's order (rank 1 first).
export function rankingChart(ranking: Pick<StudyApi.Ranking, 'children'> | null | undefined): ChartData {
  const children = [...(ranking?.children ?? [])].sort((a, b) => a.rank - b.rank)
  return { categories: children.map((c) => c.org_name), rates: children.map((c) => permilleValue(c.rate_permille)) }
}

// The episodes oldest first, as the server sends them; two episodes of the same title (in two
// seasons) stay apart by their release dates.
export function trendChart(trend: Pick<StudyApi.Trend, 'points'> | null | undefined, dateText: (day: string) => string = (d) => d): ChartData {
  const points = trend?.points ?? []
  const counts = new Map<string, number>()
  for (const p of points) counts.set(p.title, (counts.get(p.title) ?? 0) + 1)
  return {
    categories: points.map((p) => ((counts.get(p.title) ?? 0) > 1 ? `${p.title}（${dateText(p.release_date)}）` : p.title)),
    rates: points.map((p) => permilleValue(p.rate_permille)),
  }
}

export interface RateRow {
  key: number
  rank: number | null
  name: string
  participants: number
  members: number
  rate_permille: number
  // '85.3' (the page adds the percent sign through i18n).
  rate: string
}

// The ranking's table: each child with its rank, then nothing else (the org's own figures are the
// page's header).
export function rankingRows(ranking: Pick<StudyApi.Ranking, 'children'> | null | undefined): RateRow[] {
  return [...(ranking?.children ?? [])]
    .sort((a, b) => a.rank - b.rank)
    .map((c) => ({
      key: c.org_id,
      rank: c.rank,
      name: c.org_name,
      participants: c.participants,
      members: c.members,
      rate_permille: c.rate_permille,
      rate: formatPermille(c.rate_permille),
    }))
}

// The trend's table, newest first (the latest episode on top, as lists read).
export function trendRows(trend: Pick<StudyApi.Trend, 'points'> | null | undefined): (RateRow & { release_date: string })[] {
  return [...(trend?.points ?? [])].reverse().map((p) => ({
    key: p.episode_id,
    rank: null,
    name: p.title,
    release_date: p.release_date,
    participants: p.participants,
    members: p.members,
    rate_permille: p.rate_permille,
    rate: formatPermille(p.rate_permille),
  }))
}

// The chart's height for `n` categories laid out horizontally (one bar a line, within bounds).
export function barChartHeight(n: number): number {
  return Math.min(900, Math.max(200, 60 + n * 28))
}
