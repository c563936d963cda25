// A transfer of a member's League relationship (组织关系转接, issue 5) from start to placement, by
// the three people it takes, each in a browser of their own:
//   - the secretary of 镇赉镇团委 / 胜利村团支部 starts it (发起转接 → 转出): one of the branch's
//     members, to 坦途镇团委 in another town, named by its code since the secretary's org tree
//     shows only their own branch; the transfer is 待转出 with the branch's approval given;
//   - the staff of 镇赉镇团委, the sending committee, find it under 转出 and approve it (同意转出):
//     待接收;
//   - the staff of 坦途镇团委 find it under 转入 and accept it, placing the member in
//     东岗村团支部 (接收并安置): 已完成, with 发起, 同意转出 and 接收 in the trail.
// Then 团员名册 finds the member in 东岗村团支部 for the receiving staff and no longer for the
// sending secretary. The API only creates the three accounts (as the demo administrator), signs
// them in and finds a member of the branch with a number and no open transfer, and the orgs.
import { expect, test, type Locator, type Page } from '@playwright/test'
import { createAccount, newUserPage } from './accounts'
import { ENV, requireEnv } from './server'
import { signInAsAdmin } from './session'

const SENDING_TOWN = '镇赉镇团委'
const SENDING_BRANCH = '胜利村团支部'
const RECEIVING_TOWN = '坦途镇团委'
const PLACED_BRANCH = '东岗村团支部'

interface Org {
  id: number
  name: string
  code: string
}

interface MemberRow {
  id: number
  name: string
  member_no: string | null
  status: string
}

// The org at `path` below the caller's org (names are unique among siblings only).
async function findOrg(page: Page, path: readonly string[]): Promise<Org> {
  const base = requireEnv(ENV.baseUrl)
  let found: Org | null = null
  for (const name of path) {
    const params: Record<string, string | number> = { q: name, size: 50 }
    if (found) params.org_id = found.id
    const answer = await page.request.get(`${base}/api/v1/orgs`, { params })
    expect(answer.ok(), await answer.text()).toBe(true)
    const items = ((await answer.json()) as { items: Org[] }).items
    found = items.find((o) => o.name === name) ?? null
    if (!found) throw new Error(`no org ${path.join(' / ')}`)
  }
  if (!found) throw new Error('empty org path')
  return found
}

// A member in standing of the branch with a member number and no open transfer.
async function transferableMember(page: Page, branch: Org): Promise<MemberRow & { member_no: string }> {
  const base = requireEnv(ENV.baseUrl)
  const answer = await page.request.get(`${base}/api/v1/members`, {
    params: { org_id: branch.id, subtree: false, status: 'active', size: 100 },
  })
  expect(answer.ok(), await answer.text()).toBe(true)
  const rows = ((await answer.json()) as { items: MemberRow[] }).items
  for (const m of rows) {
    if (!m.member_no) continue
    const open = await page.request.get(`${base}/api/v1/transfers`, {
      params: { member_id: m.id, state: 'open', size: 1 },
    })
    expect(open.ok(), await open.text()).toBe(true)
    if (((await open.json()) as { total: number }).total === 0) return { ...m, member_no: m.member_no }
  }
  throw new Error(`no member of ${branch.name} to transfer`)
}

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

// The transfer's row in the list, found by the member's number.
function transferRow(page: Page, memberNo: string): Locator {
  return page.getByTestId('transfers-table').locator('.el-table__body tbody tr', { hasText: memberNo })
}

// 团员管理 → 团员名册 through the sidebar, searched for a member number; resolves with the number of
// members the server found.
async function searchRegister(page: Page, memberNo: string): Promise<number> {
  const sidebar = page.getByTestId('sidebar')
  const register = sidebar.getByText('团员名册', { exact: true })
  if (!(await register.isVisible())) await sidebar.getByText('团员管理', { exact: true }).click()
  await register.click()
  await expect(page).toHaveURL(/\/members\/list/)
  await page.getByTestId('member-search-q').fill(memberNo)
  const answered = page.waitForResponse(
    (r) => r.url().includes('/api/v1/members?') && new URL(r.url()).searchParams.get('q') === memberNo,
  )
  await page.getByTestId('member-search-submit').click()
  const answer = await answered
  expect(answer.status()).toBe(200)
  return ((await answer.json()) as { total: number }).total
}

test('a transfer from start to placement: branch secretary, sending committee, receiving committee', async ({
  page,
  browser,
}) => {
  const base = requireEnv(ENV.baseUrl)
  const suffix = Date.now().toString(36).slice(-5)

  // ---- Setup as the demo administrator: the orgs, the member, three accounts.
  await signInAsAdmin(page)
  const sendingTown = await findOrg(page, [SENDING_TOWN])
  const sendingBranch = await findOrg(page, [SENDING_TOWN, SENDING_BRANCH])
  const receivingTown = await findOrg(page, [RECEIVING_TOWN])
  const member = await transferableMember(page, sendingBranch)
  const secretary = `xfer-sec-${suffix}`
  const sendingStaff = `xfer-out-${suffix}`
  const receivingStaff = `xfer-in-${suffix}`
  await createAccount(page, {
    username: secretary,
    displayName: `胜利村书记${suffix}`,
    orgId: sendingBranch.id,
    roles: ['branch_secretary'],
  })
  await createAccount(page, {
    username: sendingStaff,
    displayName: `镇赉镇团委${suffix}`,
    orgId: sendingTown.id,
    roles: ['committee_staff'],
  })
  await createAccount(page, {
    username: receivingStaff,
    displayName: `坦途镇团委${suffix}`,
    orgId: receivingTown.id,
    roles: ['committee_staff'],
  })

  const sec = await newUserPage(browser, secretary)
  const out = await newUserPage(browser, sendingStaff)
  const into = await newUserPage(browser, receivingStaff)
  try {
    // ---- The branch secretary: the member is in their register, then 关系转接 → 发起转接 → 转出.
    const s = sec.page
    await s.goto(`${base}/dashboard`)
    expect(await searchRegister(s, member.member_no)).toBe(1)
    await expect(s.getByTestId('members-table')).toContainText(SENDING_BRANCH)
    const sidebar = s.getByTestId('sidebar')
    await sidebar.getByText('关系转接', { exact: true }).click()
    await sidebar.getByText('组织关系转接', { exact: true }).click()
    await expect(s).toHaveURL(/\/transfers\/list/)
    await expect(s.getByTestId('transfers-table')).toBeVisible()
    await s.getByTestId('transfer-start').click()
    const start = s.getByTestId('transfer-start-dialog')
    await expect(start).toBeVisible()
    await start.getByTestId('transfer-start-mode-out').click()

    // The member, found by number.
    const memberField = start.getByTestId('transfer-start-member')
    await memberField.locator('input').fill(member.member_no)
    await s.locator('.el-select-dropdown__item:visible', { hasText: member.member_no }).click()
    await expect(memberField).toContainText(member.name)

    // The destination in another town, by its code.
    await chooseDestinationByCode(start, receivingTown)

    await start.getByTestId('transfer-start-reason').click()
    await s.locator('.el-select-dropdown__item:visible', { hasText: '工作调动' }).click()
    await expect(start.getByTestId('transfer-start-reason')).toContainText('工作调动')
    await start.getByTestId('transfer-start-note').fill('到坦途镇工作（e2e）')
    await start.getByTestId('transfer-start-submit').click()
    await expect(start).toBeHidden()

    // The new transfer opens: 待转出, the branch has approved (starting is its approval), the
    // sending committee has not.
    await expect(s).toHaveURL(/\/transfers\/\d+/)
    const transferUrl = s.url()
    await expect(s.getByTestId('transfer-member')).toHaveText(member.name)
    await expect(s.getByTestId('transfer-state')).toHaveText('待转出')
    await expect(s.getByTestId('transfer-destination')).toHaveText(RECEIVING_TOWN)
    await expect(s.getByTestId('transfer-approvals')).toContainText('团支部：已同意')
    await expect(s.getByTestId('transfer-approvals')).toContainText('上级团委：待同意')
    await expect(s.getByTestId('transfer-waiting')).toHaveText('等待转出方上级团委同意')
    // The secretary has approved already: only 拒绝转出 and 撤销 remain theirs.
    await expect(s.getByTestId('transfer-action-approve_out')).toHaveCount(0)
    await expect(s.getByTestId('transfer-action-cancel')).toBeVisible()
    await expect(s.getByTestId('transfer-trail-item')).toHaveCount(1)
    await expect(s.getByTestId('transfer-trail-item').nth(0)).toContainText('发起转接')

    // ---- The sending town committee: 转出 → the transfer → 同意转出.
    const o = out.page
    await o.goto(`${base}/transfers/list`)
    await o.getByTestId('transfer-tab-outgoing').click()
    await expect(o).toHaveURL(/direction=outgoing/)
    const outRow = transferRow(o, member.member_no)
    await expect(outRow).toContainText(member.name)
    await expect(outRow).toContainText(SENDING_BRANCH)
    await expect(outRow).toContainText(RECEIVING_TOWN)
    await expect(outRow.getByTestId('transfer-row-state')).toHaveText('待转出')
    await expect(outRow.getByTestId('transfer-row-approval-branch')).toContainText('✓')
    await expect(outRow.getByTestId('transfer-row-approval-committee')).not.toContainText('✓')
    await outRow.getByTestId('transfer-row-link').click()
    await expect(o).toHaveURL(transferUrl)
    await expect(o.getByTestId('transfer-state')).toHaveText('待转出')
    await o.getByTestId('transfer-action-approve_out').click()
    const approve = o.getByTestId('transfer-action-dialog')
    await expect(approve).toBeVisible()
    await approve.getByTestId('transfer-action-reason').fill('同意（e2e）')
    await approve.getByTestId('transfer-action-submit').click()
    await expect(approve).toBeHidden()
    await expect(o.getByTestId('transfer-state')).toHaveText('待接收')
    await expect(o.getByTestId('transfer-approvals')).toContainText('上级团委：已同意')
    await expect(o.getByTestId('transfer-waiting')).toHaveText('等待转入方团委接收')
    await expect(o.getByTestId('transfer-action-approve_out')).toHaveCount(0)
    await expect(o.getByTestId('transfer-action-accept')).toHaveCount(0)

    // ---- The receiving town committee: 转入 → the transfer → 接收并安置 in 东岗村团支部.
    const r = into.page
    await r.goto(`${base}/transfers/list`)
    await r.getByTestId('transfer-tab-incoming').click()
    const inRow = transferRow(r, member.member_no)
    await expect(inRow).toContainText(member.name)
    await expect(inRow.getByTestId('transfer-row-state')).toHaveText('待接收')
    await inRow.getByTestId('transfer-row-link').click()
    await expect(r).toHaveURL(transferUrl)
    await expect(r.getByTestId('transfer-state')).toHaveText('待接收')
    await r.getByTestId('transfer-action-accept').click()
    const accept = r.getByTestId('transfer-action-dialog')
    await expect(accept).toBeVisible()
    const placed = accept.getByTestId('transfer-action-placed-org')
    await placed.click()
    await pickOrg(r, [RECEIVING_TOWN, PLACED_BRANCH])
    await expect(placed).toContainText(PLACED_BRANCH)
    await accept.getByTestId('transfer-action-submit').click()
    await expect(accept).toBeHidden()
    await expect(r.getByTestId('transfer-state')).toHaveText('已完成')
    await expect(r.getByTestId('transfer-completed')).toContainText(PLACED_BRANCH)
    await expect(r.getByTestId('transfer-placed')).toHaveText(PLACED_BRANCH)
    await expect(r.getByTestId('transfer-actions').getByRole('button')).toHaveCount(0)

    // The trail, oldest first: 发起, 同意转出, 接收, by the three of them.
    const trail = r.getByTestId('transfer-trail-item')
    await expect(trail).toHaveCount(3)
    await expect(trail.nth(0)).toContainText('发起转接')
    await expect(trail.nth(0)).toContainText('待转出')
    await expect(trail.nth(0)).toContainText(secretary)
    await expect(trail.nth(1)).toContainText('同意转出')
    await expect(trail.nth(1)).toContainText('待接收')
    await expect(trail.nth(1)).toContainText('同意（e2e）')
    await expect(trail.nth(1)).toContainText(sendingStaff)
    await expect(trail.nth(2)).toContainText('接收并安置')
    await expect(trail.nth(2)).toContainText('已完成')
    await expect(trail.nth(2)).toContainText(receivingStaff)

    // ---- 团员名册: the member is in 东岗村团支部 now for the receiving committee …
    expect(await searchRegister(r, member.member_no)).toBe(1)
    const table = r.getByTestId('members-table')
    await expect(table.locator('.el-table__body tbody tr')).toHaveCount(1)
    await expect(table).toContainText(member.name)
    await expect(table).toContainText(PLACED_BRANCH)

    // … and no longer in the sending branch for its secretary.
    expect(await searchRegister(s, member.member_no)).toBe(0)
    await expect(s.getByTestId('members-table').locator('.el-table__body tbody tr')).toHaveCount(0)
  } finally {
    await Promise.all([sec.context.close(), out.context.close(), into.context.close()])
  }
})

// Names the destination by its code in the start dialog (the secretary's org tree holds only
// their branch): 按组织编码, the code, 查找, and the dialog shows the org found by name.
async function chooseDestinationByCode(dialog: Locator, org: Org): Promise<void> {
  await dialog.getByTestId('transfer-start-destination-code').click()
  const lookup = dialog.getByTestId('transfer-start-to-code')
  await lookup.getByTestId('org-code-input').fill(org.code)
  await lookup.getByTestId('org-code-find').click()
  await expect(lookup.getByTestId('org-code-found')).toContainText(org.name)
}
