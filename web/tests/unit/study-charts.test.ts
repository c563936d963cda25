import { describe, expect, it } from 'vitest'
import type { StudyApi } from '@/api/study'
import { barChartHeight, permilleValue, rankingChart, rankingRows, trendChart, trendRows } from '@/study/charts'
import { latestStudy } from '@/dashboard/study'

const ranking: StudyApi.Ranking = {
  episode_id: 3,
  org_id: 10,
  org_name: '建设街道团工委',
  participants: 7,
  members: 230,
  rate_permille: 30,
  children: [
    { org_id: 12, org_name: '新华社区团支部', participants: 1, members: 78, rate_permille: 12, rank: 2 },
    { org_id: 11, org_name: '建设社区团支部', participants: 6, members: 72, rate_permille: 83, rank: 1 },
    { org_id: 13, org_name: '民主社区团支部', participants: 0, members: 0, rate_permille: 0, rank: 3 },
  ],
}

const trend: StudyApi.Trend = {
  org_id: 10,
  org_name: '建设街道团工委',
  points: [
    { episode_id: 1, title: '第1期', release_date: '2026-03-02', participants: 100, members: 230, rate_permille: 434 },
    { episode_id: 2, title: '第2期', release_date: '2026-03-09', participants: 120, members: 230, rate_permille: 521 },
    { episode_id: 3, title: '第3期', release_date: '2026-03-16', participants: 7, members: 230, rate_permille: 30 },
  ],
}

describe('Youth Study charts and tables', () => {
  it('turns per mille into chart percents without capping', () => {
    expect(permilleValue(853)).toBe(85.3)
    expect(permilleValue(0)).toBe(0)
    expect(permilleValue(-5)).toBe(0)
    expect(permilleValue(Number.NaN)).toBe(0)
    expect(permilleValue(1012)).toBe(101.2)
  })

  it('lays the ranking out in rank order, chart and table alike', () => {
    expect(rankingChart(ranking)).toEqual({
      categories: ['建设社区团支部', '新华社区团支部', '民主社区团支部'],
      rates: [8.3, 1.2, 0],
    })
    expect(rankingRows(ranking).map((r) => [r.rank, r.name, r.participants, r.members, r.rate])).toEqual([
      [1, '建设社区团支部', 6, 72, '8.3'],
      [2, '新华社区团支部', 1, 78, '1.2'],
      [3, '民主社区团支部', 0, 0, '0.0'],
    ])
    expect(rankingChart(null)).toEqual({ categories: [], rates: [] })
  })

  it('plots the trend oldest first and tables it newest first', () => {
    expect(trendChart(trend)).toEqual({ categories: ['第1期', '第2期', '第3期'], rates: [43.4, 52.1, 3] })
    expect(trendRows(trend).map((r) => [r.name, r.release_date, r.rate])).toEqual([
      ['第3期', '2026-03-16', '3.0'],
      ['第2期', '2026-03-09', '52.1'],
      ['第1期', '2026-03-02', '43.4'],
    ])
  })

  it('tells episodes of the same title apart by their release dates', () => {
    const twice: StudyApi.Trend = {
      ...trend,
      points: [
        { ...trend.points[0]!, title: '第1期' },
        { ...trend.points[1]!, title: '第1期' },
      ],
    }
    expect(trendChart(twice, (d) => d.replaceAll('-', '/')).categories).toEqual(['第1期（2026/03/02）', '第1期（2026/03/09）'])
  })

  it('sizes a horizontal bar chart by its categories within bounds', () => {
    expect(barChartHeight(1)).toBe(200)
    expect(barChartHeight(10)).toBe(340)
    expect(barChartHeight(100)).toBe(900)
  })

  it("gives the dashboard the latest episode's rate and a link to its ranking", () => {
    expect(latestStudy(trend)).toEqual({
      episodeId: 3,
      title: '第3期',
      participants: 7,
      members: 230,
      ratePermille: 30,
      rate: '3.0',
      to: { path: '/study/ranking', query: { episode_id: '3' } },
    })
    expect(latestStudy({ points: [] })).toBeNull()
    expect(latestStudy(null)).toBeNull()
  })
})
