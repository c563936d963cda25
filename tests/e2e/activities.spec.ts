// Organizational life (组织生活) in the browser: the demo administrator (committee staff of the
// county committee) records a league class of 民主社区团支部 (组织生活 → 三会两制一课, the branch
// chosen in the org tree, 记录) held today, with everyone present but one member on leave and a
// guest; the list and the drawer show it. Then 达标情况 → 建设街道团工委 → the branch's board: this
// quarter's class cell counts one more class, and the member present has one more class while the
// member on leave has not. A second test has the branch's last month reported and returned (月报审核).
//
// The figures before come from the API (the branch's board), so the test holds on any day and on
// a database where the branch already has classes; the class is held today (the form's default),
// in the quarter that holds today in Asia/Shanghai, the server's zone and the browser's.
import { expect, test, type Page } from '@playwright/test'
import { createAccount, newUserPage } from './accounts'
import { apiGet, findOrg, pad, todayShanghai, type RosterMember } from './api'
import { ENV, requireEnv } from './server'
import { signInAsAdmin } from './session'
import { chooseOption, chooseTreeOrg, openMenu as openMenuOf } from './ui'

const TOWN = '建设街道团工委'
const BRANCH = '民主社区团支部'

interface Board {
  requirements: { requirement: string; required: number; periods: { period: string; count: number; status: string }[] }[]
  classes_required: number
  members: { member_id: number; classes: number }[]
}

// 组织生活 → `entry` through the sidebar.
const openMenu = (page: Page, entry: string) => openMenuOf(page, '组织生活', entry)

test('a league class with attendance counts on its branch compliance board', async ({ page }) => {
  const suffix = Date.now().toString(36).slice(-5)
  const today = todayShanghai()
  const quarter = `${today.y}-Q${Math.ceil(today.m / 3)}`
  const topic = `学习团章（e2e ${suffix}）`

  // ---- As the demo administrator: the branch, two of its members, its board before.
  await signInAsAdmin(page)
  const branch = await findOrg(page, [TOWN, BRANCH])
  const roster = await apiGet<{ members: RosterMember[] }>(page, '/activities/roster', { org_id: branch.id })
  const numbered = roster.members.filter((m) => m.member_no)
  expect(numbered.length, `members with numbers in ${BRANCH}`).toBeGreaterThanOrEqual(2)
  const present = numbered[0]!
  const onLeave = numbered[1]!
  const before = await apiGet<Board>(page, `/compliance/branches/${branch.id}`, { year: today.y })
  const classRule = before.requirements.find((r) => r.requirement === 'class')!
  const classesBefore = classRule.periods.find((p) => p.period === quarter)!.count
  const memberClasses = (b: Board, id: number) => b.members.find((m) => m.member_id === id)?.classes ?? 0
  const presentBefore = memberClasses(before, present.member_id)
  const onLeaveBefore = memberClasses(before, onLeave.member_id)

  // ---- 组织生活 → 三会两制一课, the branch in the tree.
  await page.goto(`${requireEnv(ENV.baseUrl)}/dashboard`)
  await openMenu(page, '三会两制一课')
  await expect(page).toHaveURL(/\/activities\/meetings/)
  const listed = page.waitForResponse(
    (r) => r.url().includes('/api/v1/activities?') && new URL(r.url()).searchParams.get('org_id') === String(branch.id),
  )
  await chooseTreeOrg(page, [TOWN, BRANCH])
  expect((await listed).status()).toBe(200)

  // ---- 记录: a class today, everyone present but one on leave, a guest.
  await page.getByTestId('activity-create').click()
  const dialog = page.getByTestId('activity-form-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('activity-form-org')).toContainText(BRANCH)
  await chooseOption(page, dialog.getByTestId('activity-form-kind'), '团课')
  await expect(dialog.locator('input[name="held_on"]')).toHaveValue(today.iso)
  await dialog.getByTestId('activity-form-topic').fill(topic)
  await dialog.getByTestId('activity-form-place').fill('社区活动室')
  const hours = dialog.getByTestId('activity-form-hours').locator('input')
  await hours.fill('2')
  await hours.press('Tab')
  await expect(hours).toHaveValue('2.0')
  await dialog.getByTestId('activity-form-teacher').fill('王老师')

  // The roster, everyone present at first.
  const picker = dialog.getByTestId('attendance-picker')
  const total = roster.members.length
  await expect(picker.getByTestId('attendance-counts')).toContainText(`出席 ${total} 人，请假 0 人，缺席 0 人`)
  await picker.getByTestId(`attendance-status-${onLeave.member_id}`).getByTestId('attendance-leave').click()
  await expect(picker.getByTestId('attendance-counts')).toContainText(`出席 ${total - 1} 人，请假 1 人，缺席 0 人`)
  const guests = picker.getByTestId('attendance-guests').locator('input')
  await guests.fill('社区书记（e2e）')
  await guests.press('Enter')
  await expect(picker.getByTestId('attendance-guests')).toContainText('社区书记（e2e）')
  await expect(picker.getByTestId('attendance-participants')).toHaveText(`参与人次：${total}`)

  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/activities') && r.request().method() === 'POST')
  await dialog.getByTestId('activity-form-submit').click()
  expect((await saved).status()).toBe(201)
  await expect(dialog).toBeHidden()

  // The drawer shows the new class; the list has it.
  const drawer = page.getByTestId('activity-drawer')
  await expect(drawer.getByTestId('activity-drawer-title')).toHaveText(topic)
  await expect(drawer.getByTestId('activity-drawer-hours')).toHaveText('2 学时')
  await expect(drawer.getByTestId('activity-drawer-participants')).toHaveText(String(total))
  await drawer.getByRole('tab', { name: '出席情况' }).click()
  const leaveRow = drawer.getByTestId('activity-drawer-attendance').locator('tbody tr', { hasText: onLeave.member_no! })
  await expect(leaveRow).toContainText('请假')
  await expect(drawer.getByTestId('activity-drawer-guests')).toContainText('社区书记（e2e）')
  await drawer.locator('.el-drawer__close-btn').click()
  await expect(drawer).toBeHidden()
  const row = page.getByTestId('activities-table').locator('tbody tr', { hasText: topic })
  await expect(row.getByTestId('activity-row-kind')).toHaveText('团课')
  await expect(row.getByTestId('activity-row-participants')).toHaveText(String(total))

  // ---- 达标情况 → 建设街道团工委 → the branch's board.
  await openMenu(page, '达标情况')
  await expect(page).toHaveURL(/\/activities\/compliance/)
  await chooseTreeOrg(page, [TOWN])
  await expect(page.getByTestId('compliance-summary')).toContainText(TOWN)
  const branchRow = page.getByTestId('compliance-branches').locator('tbody tr', { hasText: BRANCH })
  await branchRow.getByTestId('compliance-branch-link').click()
  await expect(page).toHaveURL(new RegExp(`/activities/compliance/${branch.id}\\?year=${today.y}`))
  await expect(page.getByTestId('compliance-board-name')).toHaveText(BRANCH)

  // This quarter's class cell: one more class, met once the rule's number is reached.
  const cell = page.getByTestId(`compliance-cell-class-${quarter}`)
  const required = classRule.required
  await expect(cell.getByTestId('compliance-cell-count')).toHaveText(`${classesBefore + 1}/${required}`)
  if (classesBefore + 1 >= required) await expect(cell).toHaveAttribute('data-status', 'met')

  // The member present has one more class; the member on leave has not.
  const members = page.getByTestId('compliance-members-table')
  const name = page.getByTestId('compliance-member-name')
  await name.fill(present.member_no!)
  await expect(members.locator('tbody tr')).toHaveCount(1)
  await expect(members.getByTestId('compliance-member-classes')).toHaveText(`${presentBefore + 1}/${before.classes_required}`)
  await name.fill(onLeave.member_no!)
  await expect(members.locator('tbody tr')).toHaveCount(1)
  await expect(members.getByTestId('compliance-member-classes')).toHaveText(`${onLeaveBefore}/${before.classes_required}`)
})

test("a branch's monthly report, submitted by its secretary and returned by the committee", async ({ page, browser }) => {
  const base = requireEnv(ENV.baseUrl)
  const suffix = Date.now().toString(36).slice(-5)
  const today = todayShanghai()
  // Last month (begun, and holding no record of the first test, which is today's).
  const month = today.m === 1 ? `${today.y - 1}-12` : `${today.y}-${pad(today.m - 1)}`

  await signInAsAdmin(page)
  const branch = await findOrg(page, [TOWN, BRANCH])
  const secretary = `life-sec-${suffix}`
  await createAccount(page, { username: secretary, displayName: `民主社区书记${suffix}`, orgId: branch.id, roles: ['branch_secretary'] })
  // The test may meet a report of that month left by an earlier run on this database: none when fresh.
  const existing = await apiGet<{ items: { state: string }[] }>(page, '/activity-reports', {
    org_id: branch.id,
    subtree: 'false',
    month,
  })
  test.skip(
    existing.items.some((r) => r.state !== 'returned'),
    `${BRANCH} has reported ${month} already on this database`,
  )

  const sec = await newUserPage(browser, secretary)
  try {
    // ---- The secretary: 月报审核 → 报送月报 (their branch, last month).
    const s = sec.page
    await s.goto(`${base}/dashboard`)
    await openMenu(s, '月报审核')
    await expect(s).toHaveURL(/\/activities\/reports/)
    await s.getByTestId('report-submit').click()
    const submit = s.getByTestId('report-submit-dialog')
    await expect(submit).toBeVisible()
    await expect(submit.getByTestId('report-submit-org')).toContainText(BRANCH)
    await expect(submit.locator('input[name="month"]')).toHaveValue(month)
    await submit.getByTestId('report-submit-note').fill('上月组织生活情况（e2e）')
    await submit.getByTestId('report-submit-submit').click()
    await expect(submit).toBeHidden()
    const mine = s.getByTestId('reports-table').locator('tbody tr', { hasText: month })
    await expect(mine.getByTestId('report-row-state')).toHaveText('待审核')
    // Their own report is not theirs to review.
    await expect(mine.getByTestId('report-row-review')).toHaveCount(0)

    // ---- The county committee: 月报审核 → the branch's report → 退回 with a comment.
    await page.goto(`${base}/dashboard`)
    await openMenu(page, '月报审核')
    await chooseTreeOrg(page, [TOWN, BRANCH])
    const report = page.getByTestId('reports-table').locator('tbody tr', { hasText: month })
    await expect(report).toContainText(BRANCH)
    await report.getByTestId('report-row-review').click()
    const review = page.getByTestId('report-review-dialog')
    await expect(review).toBeVisible()
    await review.getByTestId('report-review-action').getByText('退回').click()
    await review.getByTestId('report-review-submit').click()
    // A return needs a comment.
    await expect(review).toContainText('退回时请填写审核意见')
    await review.getByTestId('report-review-comment').fill('请补充支部委员会记录（e2e）')
    await review.getByTestId('report-review-submit').click()
    await expect(review).toBeHidden()
    await expect(report.getByTestId('report-row-state')).toHaveText('已退回')
    await expect(report).toContainText('请补充支部委员会记录（e2e）')

    // ---- The secretary sees it returned, and may submit it again.
    await s.reload()
    await expect(mine.getByTestId('report-row-state')).toHaveText('已退回')
    await expect(mine.getByTestId('report-row-resubmit')).toBeVisible()
  } finally {
    await sec.context.close()
  }
})
