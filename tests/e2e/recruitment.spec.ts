// Recruitment in one user story (issue 4): the demo administrator (committee staff of the
// county committee) allocates a range of member numbers and sets a school's graduating cohort,
// files a student's application in a class branch and takes the file through every stage to an
// admitted member — refused once on the way for 7.5 class hours instead of 8 — who then shows
// in 团员名册 under the range's first number. Every step is taken in the web app; the API only
// signs in, finds members to act as sponsor and introducers and checks that an ID number is
// unused.
//
// The demo county already holds number ranges for this year (镇赉县实验中学团委 among them) and
// cohorts for its schools, so the range goes to the general branch 初三团总支, the nearest org
// above the class branch, whose range admission takes first; the cohort set here replaces the
// demo's for 镇赉县实验中学团委 and next year.
import { expect, test, type Locator, type Page } from '@playwright/test'
import { freshIdNumber } from './ids'
import { ENV, requireEnv } from './server'
import { signInAsAdmin } from './session'

const SCHOOL = '镇赉县实验中学团委'
const GRADE = '初三团总支'
const BRANCH = '初三（2）班团支部'

// ---- Calendar dates ('YYYY-MM-DD') from today in Asia/Shanghai (UTC+8, no daylight saving).

interface Ymd {
  y: number
  m: number // 1–12
  d: number
}

const pad = (n: number) => String(n).padStart(2, '0')
const iso = (t: Ymd) => `${t.y}-${pad(t.m)}-${pad(t.d)}`
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

function todayShanghai(): Ymd {
  const now = new Date(Date.now() + 8 * 3600_000)
  return { y: now.getUTCFullYear(), m: now.getUTCMonth() + 1, d: now.getUTCDate() }
}

function addDays(t: Ymd, days: number): Ymd {
  const at = new Date(Date.UTC(t.y, t.m - 1, t.d + days))
  return { y: at.getUTCFullYear(), m: at.getUTCMonth() + 1, d: at.getUTCDate() }
}

// Months later (or earlier), the day kept when the month has it, else its last day.
function addMonths(t: Ymd, months: number): Ymd {
  const index = t.y * 12 + (t.m - 1) + months
  const y = Math.floor(index / 12)
  const m = (index % 12) + 1
  return { y, m, d: Math.min(t.d, daysIn(y, m)) }
}

const later = (a: Ymd, b: Ymd) => (iso(a) > iso(b) ? a : b)
const earlier = (a: Ymd, b: Ymd) => (iso(a) < iso(b) ? a : b)

// The file's dates, oldest first: applied about 8 months ago, activist for exactly 3 months
// (the day of the month kept, so "to the day" is unambiguous) before candidacy, the branch
// meeting this year (the member number's year is the meeting's), approval and admission after
// it and none in the future.
function schedule() {
  const today = todayShanghai()
  const voted = later({ y: today.y, m: 1, d: 1 }, addDays(today, -20))
  const activistAt = addMonths(addDays(voted, -10), -3)
  const activist = { ...activistAt, d: Math.min(activistAt.d, 28) }
  const candidate = addMonths(activist, 3)
  const applied = addMonths(today, -8)
  return {
    today,
    birth: addMonths(addDays(today, -70), -15 * 12),
    applied,
    talk: addDays(applied, 7),
    activist,
    hours1: addDays(activist, 30),
    hours2: addDays(activist, 60),
    candidate,
    voted,
    approved: earlier(addDays(voted, 5), today),
    admitted: today,
  }
}

// ---- Element Plus widgets.

// Picks an org in the open tree-select: opens each of `path` but the last, then chooses it.
async function pickOrg(page: Page, path: readonly string[]): Promise<void> {
  const popper = page.locator('.el-tree-select__popper:visible')
  let scope: Locator = popper
  for (const [i, name] of path.entries()) {
    const node = scope
      .locator('.el-tree-node')
      .filter({ has: page.locator(':scope > .el-tree-node__content', { hasText: name }) })
      .first()
    const content = node.locator(':scope > .el-tree-node__content')
    if (i < path.length - 1) {
      if ((await node.getAttribute('aria-expanded')) !== 'true') {
        await content.locator('.el-tree-node__expand-icon').click()
      }
      scope = node.locator(':scope > .el-tree-node__children')
    } else {
      await content.click()
    }
  }
}

async function chooseOrg(page: Page, testId: string, path: readonly string[]): Promise<void> {
  const field = page.getByTestId(testId)
  await field.click()
  await pickOrg(page, path)
  await expect(field).toContainText(path[path.length - 1] ?? '')
}

async function chooseOption(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
  await expect(page.getByTestId(testId)).toContainText(option)
}

// An el-input-number: type the value and leave the field so that it takes it.
async function setNumber(field: Locator, value: number): Promise<void> {
  const input = field.locator('input')
  await input.fill(String(value))
  await input.press('Tab')
  await expect(input).toHaveValue(String(value))
}

// An el-date-picker (found by its input's name): type the date and leave the field.
async function setDate(scope: Locator, name: string, date: Ymd): Promise<void> {
  const input = scope.locator(`input[name="${name}"]`)
  await input.click()
  await input.fill(iso(date))
  await input.press('Enter')
  await expect(input).toHaveValue(iso(date))
}

// Picks members in a MemberSelect of `dialog` by their member numbers (the search finds a
// number exactly), then closes its list with a click on the dialog's title.
async function pickMembers(page: Page, dialog: Locator, field: Locator, numbers: readonly string[]): Promise<void> {
  const input = field.locator('input')
  for (const no of numbers) {
    await input.fill(no)
    await page.locator('.el-select-dropdown__item:visible', { hasText: no }).click()
  }
  await dialog.locator('.el-dialog__title').click()
  await expect(page.locator('.el-select-dropdown__item:visible')).toHaveCount(0)
}

interface MemberRow {
  id: number
  name: string
  member_no: string | null
}

// The id of the org at `path` below the caller's org (names are unique among siblings only).
async function orgId(page: Page, path: readonly string[]): Promise<number> {
  const base = requireEnv(ENV.baseUrl)
  let parent: number | null = null
  for (const name of path) {
    const params: Record<string, string | number> = { q: name, size: 50 }
    if (parent !== null) params.org_id = parent
    const answer = await page.request.get(`${base}/api/v1/orgs`, { params })
    expect(answer.ok(), await answer.text()).toBe(true)
    const items: { id: number; name: string }[] = ((await answer.json()) as { items: { id: number; name: string }[] }).items
    const org = items.find((o) => o.name === name)
    if (!org) throw new Error(`no org ${path.join(' / ')}`)
    parent = org.id
  }
  if (parent === null) throw new Error('empty org path')
  return parent
}

// Members in standing of the branch, with numbers, to act as sponsor and introducers.
async function branchMembers(page: Page, path: readonly string[], count: number): Promise<MemberRow[]> {
  const base = requireEnv(ENV.baseUrl)
  const branch = await orgId(page, path)
  const answer = await page.request.get(`${base}/api/v1/members`, {
    params: { org_id: branch, subtree: false, status: 'active', size: 50 },
  })
  expect(answer.ok(), await answer.text()).toBe(true)
  const rows = ((await answer.json()) as { items: MemberRow[] }).items.filter((m) => m.member_no)
  expect(rows.length).toBeGreaterThanOrEqual(count)
  return rows.slice(0, count)
}

test('from application to admitted member: number range, cohort, every step, 团员名册', async ({ page }) => {
  test.setTimeout(180_000)
  await signInAsAdmin(page)
  const base = requireEnv(ENV.baseUrl)
  const when = schedule()
  const year = when.voted.y
  const graduating = when.today.y + 1
  const suffix = Date.now().toString(36).slice(-4).toUpperCase()
  const name = `发展${suffix}`
  const idNumber = await freshIdNumber(page, iso(when.birth))
  const [sponsor, introducerA, introducerB] = await branchMembers(page, [SCHOOL, GRADE, BRANCH], 3)

  await page.goto(`${base}/dashboard`)
  await expect(page.getByTestId('dashboard-summary')).toBeVisible()
  const sidebar = page.getByTestId('sidebar')

  // ---- 发展团员 → 编号段: a range of this year for 初三团总支, after the year's other ranges.
  await sidebar.getByText('发展团员').click()
  await sidebar.getByText('编号段').click()
  await expect(page).toHaveURL(/\/recruitment\/number-ranges/)
  await page.getByTestId('number-range-create').click()
  const rangeDialog = page.getByTestId('number-range-dialog')
  await expect(rangeDialog).toBeVisible()
  await chooseOrg(page, 'number-range-org', [SCHOOL, GRADE])
  await setNumber(rangeDialog.getByTestId('number-range-year'), year)
  await expect(rangeDialog.getByTestId('number-range-width').locator('input')).toHaveValue('8')
  const firstSerial = Number(await rangeDialog.getByTestId('number-range-first').locator('input').inputValue())
  expect(firstSerial).toBeGreaterThanOrEqual(1)
  await setNumber(rangeDialog.getByTestId('number-range-last'), firstSerial + 99)
  const firstNumber = `${year}${String(firstSerial).padStart(8, '0')}`
  const lastNumber = `${year}${String(firstSerial + 99).padStart(8, '0')}`
  await expect(rangeDialog.getByTestId('number-range-preview-first')).toHaveText(firstNumber)
  await expect(rangeDialog.getByTestId('number-range-preview-last')).toHaveText(lastNumber)
  await rangeDialog.getByTestId('number-range-submit').click()
  await expect(rangeDialog).toBeHidden()
  const rangeRow = page
    .getByTestId('number-ranges-table')
    .locator('.el-table__body tbody tr', { hasText: firstNumber })
  await expect(rangeRow).toContainText(GRADE)
  await expect(rangeRow).toContainText(lastNumber)
  await expect(rangeRow.getByTestId('number-range-usage')).toContainText('100')

  // ---- 配额管理: the school's cohort graduating next year.
  await sidebar.getByText('配额管理').click()
  await expect(page).toHaveURL(/\/recruitment\/quotas/)
  await page.getByTestId('quota-create').click()
  const quotaDialog = page.getByTestId('quota-form-dialog')
  await expect(quotaDialog).toBeVisible()
  await chooseOrg(page, 'quota-org', [SCHOOL])
  await setNumber(quotaDialog.getByTestId('quota-year'), graduating)
  await setNumber(quotaDialog.getByTestId('quota-students'), 300)
  await setNumber(quotaDialog.getByTestId('quota-members-before'), 30)
  await expect(quotaDialog.getByTestId('quota-preview')).toBeVisible()
  await quotaDialog.getByTestId('quota-form-submit').click()
  await expect(quotaDialog).toBeHidden()
  const quotaRow = page
    .getByTestId('quotas-table')
    .locator('.el-table__body tbody tr', { hasText: SCHOOL })
    .filter({ hasText: String(graduating) })
    .first()
  await expect(quotaRow).toContainText('300')
  await expect(quotaRow).toContainText('初中')

  // ---- 入团申请: a new application in the class branch.
  await sidebar.getByText('入团申请').click()
  await expect(page).toHaveURL(/\/recruitment\/applicants/)
  await expect(page.getByTestId('applicant-board')).toBeVisible()
  await page.getByTestId('applicant-create').click()
  const form = page.getByTestId('applicant-form-dialog')
  await expect(form).toBeVisible()
  await chooseOrg(page, 'applicant-org', [SCHOOL, GRADE, BRANCH])
  await form.getByTestId('applicant-name').fill(name)
  await form.getByTestId('applicant-id-number').fill(idNumber)
  await expect(form.getByTestId('applicant-derived')).toBeVisible()
  await form.getByTestId('applicant-phone').fill(`139${String(Date.now()).slice(-8)}`)
  await chooseOption(page, 'applicant-education', '初中')
  await chooseOption(page, 'applicant-occupation', '学生')
  await chooseOption(page, 'applicant-school-stage', '初中')
  await setNumber(form.getByTestId('applicant-graduating-year'), graduating)
  await setDate(form, 'applied_on', when.applied)
  await setDate(form, 'talk_on', when.talk)
  await form.getByTestId('applicant-talk-note').fill('了解入团动机（e2e）')
  await form.getByTestId('applicant-form-submit').click()
  await expect(form).toBeHidden()

  // The new file opens.
  await expect(page).toHaveURL(/\/recruitment\/applicants\/\d+/)
  await expect(page.getByTestId('applicant-name')).toHaveText(name)
  await expect(page.getByTestId('applicant-stage')).toHaveText('入团申请人')
  await expect(page.getByTestId('applicant-steps')).toBeVisible()
  await expect(page.getByTestId('applicant-talk-on')).toBeVisible()

  const advance = page.getByTestId('advance-dialog')
  const submitStep = async () => {
    await advance.getByTestId('advance-submit').click()
    await expect(advance).toBeHidden()
  }

  // ---- 确定为入团积极分子, with one sponsor.
  await page.getByTestId('applicant-advance-activist').click()
  await expect(advance).toBeVisible()
  await setDate(advance, 'date', when.activist)
  await pickMembers(page, advance, advance.getByTestId('advance-sponsors'), [sponsor?.member_no ?? ''])
  await expect(advance.getByTestId('advance-sponsors')).toContainText(sponsor?.name ?? '')
  await submitStep()
  await expect(page.getByTestId('applicant-stage')).toHaveText('入团积极分子')
  await expect(page.getByTestId('applicant-sponsors')).toContainText(sponsor?.name ?? '')

  // ---- 登记团课学时: 7.5 hours.
  const hours = page.getByTestId('class-hours-dialog')
  const addHours = async (date: Ymd, value: number, topic: string) => {
    await page.getByTestId('applicant-class-hours').click()
    await expect(hours).toBeVisible()
    await setDate(hours, 'date', date)
    await setNumber(hours.getByTestId('class-hours-hours'), value)
    await hours.getByTestId('class-hours-topic').fill(topic)
    await hours.getByTestId('class-hours-submit').click()
    await expect(hours).toBeHidden()
  }
  await addHours(when.hours1, 7.5, '团章学习')
  await expect(page.getByTestId('applicant-class-hours-total')).toHaveText('合计 7.5 学时')

  // ---- 确定为发展对象 with two introducers: refused, 7.5 hours are not enough.
  await page.getByTestId('applicant-advance-candidate').click()
  await expect(advance).toBeVisible()
  await setDate(advance, 'date', when.candidate)
  const introducers = advance.getByTestId('advance-introducers')
  await pickMembers(page, advance, introducers, [introducerA?.member_no ?? '', introducerB?.member_no ?? ''])
  await expect(introducers).toContainText(introducerA?.name ?? '')
  await expect(introducers).toContainText(introducerB?.name ?? '')
  await advance.getByTestId('advance-submit').click()
  await expect(advance.getByTestId('advance-refusal')).toContainText('发展对象须参加团课不少于8学时，当前7.5学时')
  await expect(advance).toBeVisible()
  await advance.getByRole('button', { name: '取消' }).click()
  await expect(advance).toBeHidden()
  await expect(page.getByTestId('applicant-stage')).toHaveText('入团积极分子')

  // Half an hour more, and the same step passes (three months as activist, to the day).
  await addHours(when.hours2, 0.5, '入团仪式教育')
  await expect(page.getByTestId('applicant-class-hours-total')).toHaveText('合计 8 学时')
  await page.getByTestId('applicant-advance-candidate').click()
  await expect(advance).toBeVisible()
  await setDate(advance, 'date', when.candidate)
  await pickMembers(page, advance, introducers, [introducerA?.member_no ?? '', introducerB?.member_no ?? ''])
  await submitStep()
  await expect(page.getByTestId('applicant-stage')).toHaveText('发展对象')
  await expect(page.getByTestId('applicant-introducers')).toContainText(introducerA?.name ?? '')
  await expect(page.getByTestId('applicant-introducers')).toContainText(introducerB?.name ?? '')

  // ---- 支部大会表决: 20 eligible, 15 present, 12 in favour.
  await page.getByTestId('applicant-advance-branch_approved').click()
  await expect(advance).toBeVisible()
  await setDate(advance, 'date', when.voted)
  await setNumber(advance.getByTestId('advance-eligible'), 20)
  await setNumber(advance.getByTestId('advance-present'), 15)
  await setNumber(advance.getByTestId('advance-yes'), 12)
  await expect(advance.getByTestId('vote-result')).toHaveText('表决通过')
  await submitStep()
  await expect(page.getByTestId('applicant-stage')).toHaveText('支部大会通过')

  // ---- 上级团委批准.
  await page.getByTestId('applicant-advance-approved').click()
  await expect(advance).toBeVisible()
  await setDate(advance, 'date', when.approved)
  await submitStep()
  await expect(page.getByTestId('applicant-stage')).toHaveText('上级团委批准')

  // ---- 办理入团: the member gets the range's first number.
  await page.getByTestId('applicant-advance-admitted').click()
  await expect(advance).toBeVisible()
  await setDate(advance, 'date', when.admitted)
  await submitStep()
  await expect(page.getByTestId('applicant-stage')).toHaveText('已入团')
  await expect(page.getByTestId('applicant-admitted')).toBeVisible()
  await expect(page.getByTestId('applicant-member-no')).toHaveText(firstNumber)
  const timeline = page.getByTestId('applicant-timeline')
  await expect(timeline).toContainText('入团积极分子→发展对象')
  await expect(timeline).toContainText('上级团委批准→已入团')
  await expect(timeline).toContainText(`团员编号${firstNumber}`)

  // The link opens the new member: joined on the day of the branch meeting.
  await page.getByTestId('applicant-member-link').click()
  const drawer = page.getByTestId('member-drawer')
  await expect(drawer.getByTestId('member-basic')).toContainText(name)
  await expect(drawer.getByTestId('member-basic')).toContainText(firstNumber)
  await expect(drawer.getByTestId('member-basic')).toContainText(`${when.voted.y}年${when.voted.m}月${when.voted.d}日`)
  await expect(drawer.getByTestId('member-basic')).toContainText(BRANCH)
  await drawer.locator('.el-drawer__close-btn').click()
  await expect(drawer).toBeHidden()

  // ---- Back on the board: the file is among the admitted ones, and its name opens it.
  await sidebar.getByText('入团申请').click()
  await expect(page).toHaveURL(/\/recruitment\/applicants(\?|$)/)
  await page.getByTestId('applicant-tab-admitted').click()
  await expect(page).toHaveURL(/stage=admitted/)
  const files = page.getByTestId('applicants-table')
  const fileRow = files.locator('.el-table__body tbody tr', { hasText: name })
  await expect(fileRow).toContainText('已入团')
  await expect(fileRow).toContainText(BRANCH)
  await fileRow.getByRole('button', { name, exact: true }).click()
  await expect(page).toHaveURL(/\/recruitment\/applicants\/\d+/)
  await expect(page.getByTestId('applicant-member-no')).toHaveText(firstNumber)

  // ---- 团员管理 → 团员名册: the member number finds the new member.
  await sidebar.getByText('团员管理').click()
  await sidebar.getByText('团员名册').click()
  await expect(page).toHaveURL(/\/members\/list/)
  await page.getByTestId('member-search-q').fill(firstNumber)
  await page.getByTestId('member-search-submit').click()
  const table = page.getByTestId('members-table')
  await expect(table.locator('.el-table__body tbody tr')).toHaveCount(1)
  await expect(table).toContainText(name)
  await expect(table).toContainText(BRANCH)
})
