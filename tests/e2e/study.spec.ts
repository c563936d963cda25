// Youth Study (青年大学习) in the browser: the demo administrator (committee staff of the county
// committee, the top org) starts a season and adds an episode open today through 青年大学习 → 期次;
// imports the platform's list for it (参学记录导入) — a CSV built from real members of 民主社区团支部,
// by their member numbers, with a row the server cannot match — and sees the report; records one
// more member in the episode's participants drawer; then 参学率排名 → 建设街道团工委 shows the branch's
// participants and rate changed in the table under the chart.
//
// The episode is released today (the dialog's default: today in Asia/Shanghai, the browser's zone
// and the server's) and closes six days later, and the imported rows carry no time (the server
// takes the time of the import), so the test holds on any day. The figures before come from the
// API (a fresh episode has none), the members from the branch's roster on this database.
import { expect, test, type Page } from '@playwright/test'
import { apiGet, findOrg, pad, todayShanghai, type RosterMember } from './api'
import { ENV, requireEnv } from './server'
import { signInAsAdmin } from './session'
import { chooseOption, chooseTreeOrg, openMenu as openMenuOf } from './ui'

const TOWN = '建设街道团工委'
const BRANCH = '民主社区团支部'

interface Ranking {
  participants: number
  members: number
  rate_permille: number
  children: { org_id: number; org_name: string; participants: number; members: number; rate_permille: number; rank: number }[]
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

// A rate in per mille as the web app shows it: 83 → '8.3%'.
const percent = (permille: number) => `${Math.floor(Math.max(0, permille) / 10)}.${Math.max(0, permille) % 10}%`

// 青年大学习 → `entry` through the sidebar.
const openMenu = (page: Page, entry: string) => openMenuOf(page, '青年大学习', entry)

// The platform's list as the template lays it out (UTF-8 with a byte order mark).
function csv(rows: readonly (readonly string[])[]): Buffer {
  const text = rows.map((r) => r.join(',')).join('\r\n') + '\r\n'
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
}

test('an episode open today takes an imported list and a recorded member, and the ranking shows it', async ({ page }) => {
  const suffix = Date.now().toString(36).slice(-5)
  const today = todayShanghai().iso
  const seasonName = `e2e 季 ${suffix}`
  const title = `第${suffix}期（e2e）`

  // ---- As the demo administrator: three numbered members of the branch in standing.
  await signInAsAdmin(page)
  const town = await findOrg(page, [TOWN])
  const branch = await findOrg(page, [TOWN, BRANCH])
  const roster = await apiGet<{ members: RosterMember[] }>(page, '/activities/roster', { org_id: branch.id })
  const numbered = roster.members.filter((m) => m.member_no)
  expect(numbered.length, `members with numbers in ${BRANCH}`).toBeGreaterThanOrEqual(3)
  const [first, second, third] = numbered as [RosterMember, RosterMember, RosterMember]

  // ---- 青年大学习 → 期次: 新建季, then 新增期次 (released today, closing in six days).
  await page.goto(`${requireEnv(ENV.baseUrl)}/dashboard`)
  await openMenu(page, '期次')
  await expect(page).toHaveURL(/\/study\/episodes/)
  await page.getByTestId('study-season-create').click()
  const seasonDialog = page.getByTestId('study-season-dialog')
  await expect(seasonDialog).toBeVisible()
  await seasonDialog.getByTestId('study-season-name').fill(seasonName)
  const seasonSaved = page.waitForResponse((r) => r.url().endsWith('/api/v1/study/seasons') && r.request().method() === 'POST')
  await seasonDialog.getByTestId('study-season-submit').click()
  expect((await seasonSaved).status()).toBe(201)
  await expect(seasonDialog).toBeHidden()
  await expect(page.getByTestId('study-season-filter')).toContainText(seasonName)

  await page.getByTestId('study-episode-create').click()
  const episodeDialog = page.getByTestId('study-episode-dialog')
  await expect(episodeDialog).toBeVisible()
  await expect(episodeDialog.getByTestId('study-episode-season')).toContainText(seasonName)
  await expect(episodeDialog.locator('input[name="release_date"]')).toHaveValue(today)
  await expect(episodeDialog.locator('input[name="closing_date"]')).toHaveValue(addDays(today, 6))
  // A title is required.
  await episodeDialog.getByTestId('study-episode-submit').click()
  await expect(episodeDialog).toContainText('请填写名称')
  await episodeDialog.getByTestId('study-episode-title-input').fill(title)
  const episodeSaved = page.waitForResponse((r) => r.url().endsWith('/api/v1/study/episodes') && r.request().method() === 'POST')
  await episodeDialog.getByTestId('study-episode-submit').click()
  const created = await episodeSaved
  expect(created.status()).toBe(201)
  const episode = (await created.json()) as { id: number; open: boolean }
  expect(episode.open).toBe(true)
  await expect(episodeDialog).toBeHidden()
  const row = page.getByTestId('study-episodes-table').locator('tbody tr', { hasText: title })
  await expect(row.getByTestId('study-episode-state')).toHaveText('学习中')
  await expect(row.getByTestId('study-episode-participants')).toHaveText('0')

  // The ranking before: a fresh episode has no participants.
  const before = await apiGet<Ranking>(page, `/study/episodes/${episode.id}/ranking`, { org_id: town.id })
  const branchBefore = before.children.find((c) => c.org_id === branch.id)!
  expect(branchBefore.participants).toBe(0)

  // ---- 参学记录导入: the episode, a CSV of two members by number and one nobody has.
  await openMenu(page, '参学记录导入')
  await expect(page).toHaveURL(/\/study\/import/)
  await chooseOption(page, page.getByTestId('study-import-episode'), title)
  await page.getByTestId('study-import-upload').locator('input[type="file"]').setInputFiles({
    name: `参学名单-${suffix}.csv`,
    mimeType: 'text/csv',
    buffer: csv([
      ['姓名', '身份证号码', '团员编号', '所在组织', '学习时间'],
      [first.name, '', first.member_no!, BRANCH, ''],
      [second.name, '', second.member_no!, BRANCH, ''],
      ['查无此人', '', '20992208999999', BRANCH, ''],
    ]),
  })
  await expect(page.getByTestId('study-import-file')).toContainText(`参学名单-${suffix}.csv`)
  const imported = page.waitForResponse((r) => r.url().endsWith(`/api/v1/study/episodes/${episode.id}/imports`))
  await page.getByTestId('study-import-run').click()
  expect((await imported).status()).toBe(200)
  const report = page.getByTestId('study-import-report')
  await expect(report.getByTestId('study-import-rows')).toHaveText('3')
  await expect(report.getByTestId('study-import-matched')).toHaveText('2')
  await expect(report.getByTestId('study-import-created')).toHaveText('2')
  await expect(report.getByTestId('study-import-already')).toHaveText('0')
  await expect(report.getByTestId('study-import-unmatched')).toHaveText('1')
  const missing = report.getByTestId('study-import-unmatched-table').locator('tbody tr', { hasText: '查无此人' })
  await expect(missing).toContainText('3')
  await expect(missing).toContainText('未找到该团员')

  // ---- 期次 → 参学名单: record the third member, found by number.
  await openMenu(page, '期次')
  await expect(page).toHaveURL(/\/study\/episodes/)
  await page.getByTestId('study-episodes-table').locator('tbody tr', { hasText: title }).getByTestId('study-episode-participants-open').click()
  const drawer = page.getByTestId('study-participants-drawer')
  await expect(drawer).toBeVisible()
  const participants = drawer.getByTestId('study-participants-table')
  await expect(participants.locator('tbody tr')).toHaveCount(2)
  await expect(participants).toContainText(first.name)
  await expect(participants).toContainText('平台导入')
  const memberField = drawer.getByTestId('study-record-member')
  await memberField.locator('input').fill(third.member_no!)
  await page.locator('.el-select-dropdown__item:visible', { hasText: third.member_no! }).click()
  await expect(memberField).toContainText(third.name)
  const recorded = page.waitForResponse((r) => r.url().endsWith(`/api/v1/study/episodes/${episode.id}/checkins`))
  await drawer.getByTestId('study-record-submit').click()
  expect((await recorded).status()).toBe(201)
  await expect(participants.locator('tbody tr')).toHaveCount(3)
  await expect(participants.locator('tbody tr', { hasText: third.name })).toContainText('登记')
  await drawer.locator('.el-drawer__close-btn').click()
  await expect(drawer).toBeHidden()
  await expect(page.getByTestId('study-episodes-table').locator('tbody tr', { hasText: title }).getByTestId('study-episode-participants')).toHaveText('3')

  // ---- 参学率排名 → 建设街道团工委: the branch's row shows three participants and its new rate.
  const after = await apiGet<Ranking>(page, `/study/episodes/${episode.id}/ranking`, { org_id: town.id })
  const branchAfter = after.children.find((c) => c.org_id === branch.id)!
  expect(branchAfter.participants).toBe(3)
  expect(branchAfter.rate_permille).toBeGreaterThan(branchBefore.rate_permille)
  await openMenu(page, '参学率排名')
  await expect(page).toHaveURL(/\/study\/ranking/)
  await chooseOption(page, page.getByTestId('study-ranking-episode'), title)
  await chooseTreeOrg(page, [TOWN])
  await expect(page.getByTestId('study-ranking-org')).toHaveText(TOWN)
  const table = page.getByTestId('study-ranking-table')
  const branchRow = table.locator('tbody tr', { hasText: BRANCH })
  await expect(branchRow.getByTestId('study-ranking-participants')).toHaveText('3')
  await expect(branchRow.getByTestId('study-ranking-row-rate')).toHaveText(percent(branchAfter.rate_permille))
  await expect(branchRow.getByTestId('study-ranking-rank')).toHaveText(String(branchAfter.rank))
  await expect(page.getByTestId('study-ranking-rate')).toContainText(percent(after.rate_permille))
  await expect(page.getByTestId('study-ranking-chart')).toBeVisible()
  // The trend of the town ends with this episode.
  await expect(page.getByTestId('study-trend-table').locator('tbody tr').first()).toContainText(title)
})
