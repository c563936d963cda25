// The member register in one user story: a committee worker imports members from a CSV file,
// sees exactly the two bad rows refused, fixes the file, imports all five, finds one of them in
// 团员名册, records that the member went away to work (流动) and sees it in the history.
import { expect, test, type Page } from '@playwright/test'
import { checkChar, spoil } from './ids'
import { ENV, requireEnv } from './server'
import { signInAsAdmin } from './session'

// Zhenlai county (220821) ID numbers, born in 2006, not yet registered on this server.
async function freshIdNumbers(page: Page, count: number): Promise<string[]> {
  const base = requireEnv(ENV.baseUrl)
  const ids: string[] = []
  let seq = 500 + Math.floor(Math.random() * 400)
  for (let day = 10; ids.length < count; day++) {
    seq = (seq + 37) % 1000
    const first17 = `220821200604${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`
    const id = first17 + checkChar(first17)
    const found = await page.request.get(`${base}/api/v1/members`, { params: { q: id, status: 'all' } })
    expect(found.ok()).toBe(true)
    if (((await found.json()) as { total: number }).total === 0) ids.push(id)
  }
  return ids
}

interface Row {
  name: string
  id: string
  joinDate: string
  memberNo: string
}

const HEADER = '姓名,身份证号码,民族,入团时间,团员编号,手机号码,学历,职业'

function csv(rows: Row[]): Buffer {
  const lines = rows.map((r) => `${r.name},${r.id},汉族,${r.joinDate},${r.memberNo},,高中,学生`)
  return Buffer.from(`${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8')
}

async function upload(page: Page, name: string, body: Buffer): Promise<void> {
  await page.getByTestId('import-upload').locator('input[type="file"]').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: body,
  })
  await expect(page.getByTestId('import-file')).toContainText(name)
}

test('import members from CSV, fix the bad rows, change one member to 流动', async ({ page }) => {
  await signInAsAdmin(page)
  const base = requireEnv(ENV.baseUrl)
  const suffix = Date.now().toString(36).slice(-5).toUpperCase()
  const year = new Date().getFullYear()
  const ids = await freshIdNumbers(page, 5)
  const serial = String(Math.floor(Math.random() * 9_000_000) + 1_000_000)
  const good = (i: number): Row => ({
    name: `导入${'甲乙丙丁戊'[i]}${suffix}`,
    id: ids[i] ?? '',
    joinDate: '2022-06-01',
    memberNo: `20229${serial}${i}`,
  })
  const fixed = [good(0), good(1), good(2), good(3), good(4)]
  // Row 2: a wrong check character; row 4: admitted next year.
  const broken = [
    fixed[0]!,
    { ...fixed[1]!, id: spoil(fixed[1]!.id) },
    fixed[2]!,
    { ...fixed[3]!, joinDate: `${year + 1}-03-01`, memberNo: `${year + 1}9${serial}3` },
    fixed[4]!,
  ]

  // 导入, through the sidebar.
  await page.goto(`${base}/dashboard`)
  await expect(page.getByTestId('dashboard-members')).toBeVisible()
  const sidebar = page.getByTestId('sidebar')
  await sidebar.getByText('团员管理').click()
  await sidebar.getByText('导入', { exact: true }).click()
  await expect(page).toHaveURL(/\/members\/import/)

  // Import into a branch: 建设街道团工委 / 建设社区团支部.
  await page.getByTestId('import-org').click()
  const popper = page.locator('.el-tree-select__popper:visible')
  await popper
    .locator('.el-tree-node__content', { hasText: '建设街道团工委' })
    .locator('.el-tree-node__expand-icon')
    .click()
  await popper.locator('.el-tree-node__content', { hasText: '建设社区团支部' }).click()
  await expect(page.getByTestId('import-org')).toContainText('建设社区团支部')

  // The broken file: a dry run lists exactly the two bad rows.
  await upload(page, `members-${suffix}.csv`, csv(broken))
  await page.getByTestId('import-dry-run').click()
  const errors = page.getByTestId('import-errors')
  await expect(errors).toBeVisible()
  const errorRows = page.getByTestId('import-error-table').locator('.el-table__body tbody tr')
  await expect(errorRows).toHaveCount(2)
  await expect(errorRows.nth(0).locator('td').nth(0)).toHaveText('2')
  await expect(errorRows.nth(0).locator('td').nth(1)).toHaveText('身份证号码')
  await expect(errorRows.nth(0).locator('td').nth(2)).toHaveText('checksum')
  await expect(errorRows.nth(1).locator('td').nth(0)).toHaveText('4')
  await expect(errorRows.nth(1).locator('td').nth(1)).toHaveText('入团时间')
  await expect(errorRows.nth(1).locator('td').nth(2)).toHaveText('in_future')

  // The annotated file comes back as XLSX.
  const download = page.waitForEvent('download')
  await page.getByTestId('import-annotated').click()
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/)

  // The fixed file passes the check and imports all five.
  await upload(page, `members-${suffix}-fixed.csv`, csv(fixed))
  await expect(errors).toBeHidden()
  await page.getByTestId('import-dry-run').click()
  await expect(page.getByTestId('import-result')).toContainText('校验通过：5 名团员可以导入')
  await page.getByTestId('import-run').click()
  await expect(page.getByTestId('import-result')).toContainText('已导入 5 名团员')

  // 团员名册: find one of them by name.
  await sidebar.getByText('团员名册').click()
  await expect(page).toHaveURL(/\/members\/list/)
  const member = fixed[2]!
  await page.getByTestId('member-search-q').fill(member.name)
  await page.getByTestId('member-search-submit').click()
  const table = page.getByTestId('members-table')
  await expect(table.locator('.el-table__body tbody tr')).toHaveCount(1)
  await expect(table).toContainText('建设社区团支部')
  await expect(table).toContainText(`${member.id.slice(0, 6)}********${member.id.slice(-4)}`)
  await table.getByRole('button', { name: member.name }).click()

  // Its details, then 变更状态 → 流动 with a reason.
  const drawer = page.getByTestId('member-drawer')
  await expect(drawer.getByTestId('member-basic')).toContainText(member.memberNo)
  await expect(drawer.getByTestId('member-basic')).toContainText('2022年6月1日')
  await drawer.getByTestId('member-change-status').click()
  const dialog = page.getByTestId('member-status-dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByTestId('member-status-select').click()
  await page.getByRole('option', { name: '流动', exact: true }).click()
  await dialog.getByTestId('member-status-reason').fill('外出务工（e2e）')
  await dialog.getByTestId('member-status-submit').click()
  await expect(dialog).toBeHidden()
  await expect(drawer.getByTestId('member-basic')).toContainText('流动')

  // The history shows the import and the change, newest first.
  await drawer.getByRole('tab', { name: '历史记录' }).click()
  const items = drawer.getByTestId('member-history-item')
  await expect(items).toHaveCount(2)
  await expect(items.nth(0)).toContainText('状态变更')
  await expect(items.nth(0)).toContainText('正常')
  await expect(items.nth(0)).toContainText('流动')
  await expect(items.nth(0)).toContainText('外出务工（e2e）')
  await expect(items.nth(0)).toContainText('admin')
  await expect(items.nth(1)).toContainText('导入')
})
