// End-to-end tests: the real server (built by CMake) serving the built web app, driven through
// Debian's Chromium. global-setup.ts starts the server on a free port with a fresh demo
// database (SQLite; PostgreSQL when TJ_E2E_DB_URL_FILE names a file with a server's base URL,
// e.g. TJ_E2E_DB_URL_FILE=../build/pg/url npm run test:e2e) and hands the address to the tests
// in TJ_BASE_URL.
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: '.',
  // The foundation spec walks through the administrator's first login with the initial
  // password, so it runs before every other spec (which sign in with the changed one).
  projects: [
    { name: 'foundation', testMatch: 'foundation.spec.ts' },
    { name: 'modules', testMatch: '*.spec.ts', testIgnore: 'foundation.spec.ts', dependencies: ['foundation'] },
  ],
  outputDir: './test-results',
  reporter: 'list',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  use: {
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.TJ_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
})
