// Steps through the web app's shared controls for the browser tests: a sidebar entry, an org in
// the org tree of a list page, an option of a select.
import { expect, type Locator, type Page } from '@playwright/test'

// `group` → `entry` through the sidebar (opening the group when the entry is hidden).
export async function openMenu(page: Page, group: string, entry: string): Promise<void> {
  const sidebar = page.getByTestId('sidebar')
  const item = sidebar.getByText(entry, { exact: true })
  if (!(await item.isVisible())) await sidebar.getByText(group, { exact: true }).click()
  await item.click()
}

// Chooses an org in the org tree on the left of a page: opens each of `path` but the last (below
// the root, which is open), then clicks the last.
export async function chooseTreeOrg(page: Page, path: readonly string[]): Promise<void> {
  let scope: Locator = page.getByTestId('org-tree')
  for (const [i, name] of path.entries()) {
    const node = scope
      .locator('.el-tree-node')
      .filter({ has: page.locator(':scope > .el-tree-node__content', { hasText: name }) })
      .first()
    const content = node.locator(':scope > .el-tree-node__content')
    await expect(content).toBeVisible()
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

export async function chooseOption(page: Page, field: Locator, option: string): Promise<void> {
  await field.click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
  await expect(field).toContainText(option)
}
