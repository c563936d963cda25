// Starts the real server for the browser tests: builds web/dist when needed, creates a demo
// database (`tuanjian demo`; SQLite in a fresh temporary folder, or a fresh PostgreSQL database
// when TJ_E2E_DB_URL_FILE names the file with a server's base URL, such as build/pg/url of the
// `postgresql` ctest fixture), reads the initial admin password from first-login.txt, then runs
// `tuanjian serve` on a free port with TUANJIAN_WEB_ROOT=web/dist.
// The binary is build/tuanjian under the repository unless TJ_SERVER_BIN names another.
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import type { FullConfig } from '@playwright/test'
import {
  createPgDatabase,
  dropPgDatabase,
  ENV,
  ensureWebBuild,
  freePort,
  initialPassword,
  makeWorkDir,
  readFirstLogin,
  startServer,
  type StartedServer,
} from './server'

export default async function globalSetup(config: FullConfig): Promise<void> {
  const configFile = config.configFile ?? path.join(process.cwd(), 'playwright.config.ts')
  const repo = path.resolve(path.dirname(configFile), '..', '..')
  const bin = path.resolve(process.env.TJ_SERVER_BIN ?? path.join(repo, 'build', 'tuanjian'))
  if (!fs.existsSync(bin)) {
    throw new Error(`server binary not found at ${bin} (build it, or set TJ_SERVER_BIN)`)
  }
  const webDir = path.join(repo, 'web')
  ensureWebBuild(webDir)

  const pgUrlFile = process.env[ENV.pgUrlFile]
  const pg = pgUrlFile ? createPgDatabase(path.resolve(pgUrlFile)) : null
  if (pg) process.env[ENV.dropDb] = pg.drop
  const work = makeWorkDir()
  const db = pg ? pg.url : `sqlite:${path.join(work, 't.db')}`
  let server: StartedServer
  let firstLogin: { username: string; password: string } | null
  const password = initialPassword()
  try {
    execFileSync(bin, ['demo', '--db', db, '--data', work], {
      env: { ...process.env, TUANJIAN_INITIAL_PASSWORD: password },
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 180_000,
    })
    firstLogin = readFirstLogin(path.join(work, 'first-login.txt'))

    const port = await freePort()
    server = await startServer(
      bin,
      ['serve', '--db', db, '--data', work, '--listen', `127.0.0.1:${port}`],
      { ...process.env, TUANJIAN_WEB_ROOT: path.join(webDir, 'dist') },
      port,
      path.join(work, 'server.log'),
    )
  } catch (e) {
    // No teardown follows a failed setup: drop the PostgreSQL database here.
    const drop = process.env[ENV.dropDb]
    if (drop && !process.env.TJ_E2E_KEEP) dropPgDatabase(drop)
    throw e
  }
  console.log(`[e2e] server ${server.pid} at ${server.baseUrl}; database ${db}; data in ${work}`)

  process.env[ENV.baseUrl] = server.baseUrl
  process.env[ENV.adminUsername] = firstLogin?.username ?? 'admin'
  process.env[ENV.adminPassword] = firstLogin?.password ?? password
  process.env[ENV.serverPid] = String(server.pid)
  process.env[ENV.workDir] = work
  process.env[ENV.dbUrl] = db
}
