// The foundation in one user story: the initial administrator signs in, is made to change the
// password before anything else, creates an org under the top of the tree, sees it in the
// tree, and switches the app to English.
import { expect, test, type Page } from '@playwright/test'
import { ENV, requireEnv } from './server'
import { ADMIN_PASSWORD as NEW_PASSWORD } from './session'

async function chooseOption(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click()
  await page.getByRole('option', { name: option, exact: true }).click()
}

test('first login, forced password change, create an org, switch to English', async ({ page }) => {
  const base = requireEnv(ENV.baseUrl)
  const username = requireEnv(ENV.adminUsername)
  const password = requireEnv(ENV.adminPassword)
  const suffix = Date.now().toString(36).toUpperCase()
  const orgName = `第一中学团委${suffix}`

  // Without a session every page leads to the login page.
  await page.goto(`${base}/org/tree`)
  await expect(page).toHaveURL(/\/login\?redirect=/)
  await expect(page.getByRole('heading', { name: '用户登录' })).toBeVisible()

  // A wrong password is refused with the server's message.
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(`${password}-wrong`)
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByTestId('login-error')).toBeVisible()

  // The initial password works, and the password must be changed first.
  await page.locator('input[name="password"]').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page).toHaveURL(/\/change-password/)
  await expect(page.getByTestId('forced-notice')).toBeVisible()

  // Nothing else is reachable until the password has been changed.
  await page.goto(`${base}/dashboard`)
  await expect(page).toHaveURL(/\/change-password/)
  await expect(page.getByTestId('forced-notice')).toBeVisible()

  // The policy is checked in the browser: a password with the username in it is refused.
  await page.locator('input[name="old_password"]').fill(password)
  await page.locator('input[name="new_password"]').fill(`${username}Abc123!x`)
  await page.locator('input[name="confirm_password"]').fill(`${username}Abc123!x`)
  await page.getByRole('button', { name: '确认修改' }).click()
  await expect(page.getByText('不能包含用户名').first()).toBeVisible()
  await expect(page).toHaveURL(/\/change-password/)

  await page.locator('input[name="new_password"]').fill(NEW_PASSWORD)
  await page.locator('input[name="confirm_password"]').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: '确认修改' }).click()
  await expect(page).toHaveURL(/\/dashboard/)
  await expect(page.getByTestId('dashboard-summary')).toBeVisible()

  // To the org tree through the sidebar.
  const sidebar = page.getByTestId('sidebar')
  await sidebar.getByText('组织管理').click()
  await sidebar.getByText('组织架构').click()
  await expect(page).toHaveURL(/\/org\/tree/)
  const tree = page.getByTestId('org-tree')
  const root = tree.locator('.el-tree-node').first()
  await expect(root).toBeVisible()
  await expect(page.getByTestId('org-details')).toBeVisible()

  // Create a school committee directly under the root.
  await page.getByTestId('org-create-child').click()
  const dialog = page.getByTestId('org-form-dialog')
  await expect(dialog).toBeVisible()
  await dialog.locator('input[name="name"]').fill(orgName)
  await chooseOption(page, 'org-type', '基层团委')
  await chooseOption(page, 'org-sector', '学校')
  await dialog.locator('input[name="code"]').fill(`E2E-${suffix}`)
  await dialog.getByTestId('org-form-submit').click()
  await expect(dialog).toBeHidden()

  // It shows in the tree under the root.
  const created = tree.locator('.el-tree-node__children .el-tree-node__content', { hasText: orgName })
  await expect(created).toBeVisible()
  await expect(created.getByText('基层团委')).toBeVisible()

  // Its details open when chosen.
  await created.click()
  await expect(page.getByTestId('org-details')).toContainText(orgName)
  await expect(page.getByTestId('org-details')).toContainText(`E2E-${suffix}`)

  // Switch the language to English: the menu, the page and the enum labels follow.
  await page.getByTestId('locale-switch').first().click()
  await page.getByTestId('locale-en').click()
  await expect(sidebar.getByText('Organizations')).toBeVisible()
  await expect(sidebar.getByText('Org structure')).toBeVisible()
  await expect(page.getByText('Organization details')).toBeVisible()
  await expect(page.getByTestId('org-details')).toContainText('Grassroots committee')
  await expect(created.getByText('Grassroots', { exact: true })).toBeVisible()

  // The choice survives a reload.
  await page.reload()
  await expect(page.getByTestId('sidebar').getByText('Administration')).toBeVisible()
  await expect(page.getByTestId('org-details')).toContainText('Local committee')
  await expect(page.getByTestId('org-tree')).toContainText(orgName)
})
