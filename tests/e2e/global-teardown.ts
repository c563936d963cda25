// Stops the server global-setup.ts started (SIGTERM) and removes its temporary folder and its
// PostgreSQL database (if it used one), unless TJ_E2E_KEEP is set (to look at the database and
// server.log after a failure).
import * as fs from 'node:fs'
import { dropPgDatabase, ENV, stopServer } from './server'

export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env[ENV.serverPid] ?? 0)
  await stopServer(pid)
  const work = process.env[ENV.workDir]
  if (work && !process.env.TJ_E2E_KEEP) fs.rmSync(work, { recursive: true, force: true })
  else if (work) console.log(`[e2e] kept ${work}`)
  const drop = process.env[ENV.dropDb]
  if (drop && !process.env.TJ_E2E_KEEP) dropPgDatabase(drop)
  else if (drop) console.log(`[e2e] kept the database ${process.env[ENV.dbUrl] ?? ''}`)
}
