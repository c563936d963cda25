// Starting and stopping the real server for the browser tests. The state global-setup.ts
// leaves for the tests and global-teardown.ts travels in environment variables, which the
// runner passes on to its workers.
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'

export const ENV = {
  baseUrl: 'TJ_BASE_URL',
  adminUsername: 'TJ_E2E_ADMIN_USERNAME',
  adminPassword: 'TJ_E2E_ADMIN_PASSWORD',
  serverPid: 'TJ_E2E_SERVER_PID',
  workDir: 'TJ_E2E_WORK_DIR',
  // The database the server uses, and for PostgreSQL the URL to drop it from afterwards.
  dbUrl: 'TJ_E2E_DB_URL',
  dropDb: 'TJ_E2E_DROP_DB',
  // Set by the caller: a file holding a PostgreSQL server's base URL
  // (postgresql://postgres@127.0.0.1:PORT/, as tests/pg/pg.sh start writes it to build/pg/url):
  // the tests then run in a fresh database of that server instead of SQLite.
  pgUrlFile: 'TJ_E2E_DB_URL_FILE',
} as const

export function requireEnv(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: did global-setup.ts run?`)
  return value
}

// The newest modification time of any file below `dir` (0 when it does not exist).
function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    const time = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs
    if (time > newest) newest = time
  }
  return newest
}

// Builds web/dist when it is missing or older than the app's sources.
export function ensureWebBuild(webDir: string): void {
  const index = path.join(webDir, 'dist', 'index.html')
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0
  const sources = Math.max(
    newestMtime(path.join(webDir, 'src')),
    ...['index.html', 'vite.config.ts', 'package-lock.json'].map((f) => {
      const p = path.join(webDir, f)
      return fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0
    }),
  )
  if (built >= sources) return
  console.log('[e2e] building the web app (web/dist is missing or stale)')
  execFileSync('npm', ['run', 'build'], { cwd: webDir, stdio: 'inherit', timeout: 240_000 })
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

// A password the policy accepts, different on every run.
export function initialPassword(): string {
  return `E2e-${randomBytes(6).toString('hex')}-Qz9`
}

// Reads `username: ...` and `password: ...` from the demo command's first-login.txt.
export function readFirstLogin(file: string): { username: string; password: string } | null {
  if (!fs.existsSync(file)) return null
  const fields = new Map<string, string>()
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(\w+)\s*:\s*(.*?)\s*$/.exec(line)
    if (match?.[1] && match[2] !== undefined) fields.set(match[1].toLowerCase(), match[2])
  }
  const username = fields.get('username')
  const password = fields.get('password')
  return username && password ? { username, password } : null
}

// psql of the version tests/pg/pg.sh runs (TJ_PG_BIN, else PostgreSQL 15), else the one on PATH.
function psql(): string {
  for (const dir of [process.env.TJ_PG_BIN, '/usr/lib/postgresql/15/bin']) {
    if (dir && fs.existsSync(path.join(dir, 'psql'))) return path.join(dir, 'psql')
  }
  return 'psql'
}

// The URL with its database swapped for `db` (postgresql://user@host:port/db?options).
function withDatabase(url: string, db: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/, (_m, server: string, query?: string) =>
    `${server}/${db}${query ?? ''}`,
  )
}

export interface PgDatabase {
  url: string
  // What dropPgDatabase needs: the server's maintenance database URL and the name, as JSON.
  drop: string
}

// Creates a fresh database on the PostgreSQL server whose base URL `urlFile` holds.
export function createPgDatabase(urlFile: string): PgDatabase {
  if (!fs.existsSync(urlFile)) {
    throw new Error(
      `${urlFile} does not exist: start PostgreSQL first (TJ_PG_DIR=${path.dirname(urlFile)} bash tests/pg/pg.sh start)`,
    )
  }
  const base = fs.readFileSync(urlFile, 'utf8').trim()
  const name = `tj_e2e_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = withDatabase(base, 'postgres')
  execFileSync(psql(), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', admin, '-c', `CREATE DATABASE "${name}"`], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 60_000,
  })
  return { url: withDatabase(base, name), drop: JSON.stringify({ admin, name }) }
}

// Drops a database createPgDatabase made (the server using it must have stopped).
export function dropPgDatabase(drop: string): void {
  const { admin, name } = JSON.parse(drop) as { admin: string; name: string }
  execFileSync(psql(), ['-X', '-q', '-d', admin, '-c', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 60_000,
  })
}

export function makeWorkDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tj-e2e-'))
}

export interface StartedServer {
  pid: number
  baseUrl: string
  logFile: string
}

function tail(file: string, lines = 40): string {
  if (!fs.existsSync(file)) return ''
  return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')
}

// Starts `serve` and waits until GET /api/v1/health answers 200 (or the process dies).
export async function startServer(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  logFile: string,
): Promise<StartedServer> {
  const log = fs.openSync(logFile, 'a')
  const child = spawn(bin, args, { env, stdio: ['ignore', log, log] })
  fs.closeSync(log)
  let exited: number | string | null = null
  child.on('exit', (code, signal) => {
    exited = code ?? signal ?? 'unknown'
  })
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (exited !== null) {
      throw new Error(`the server exited (${exited}) before it was ready:\n${tail(logFile)}`)
    }
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`)
      if (response.ok) {
        child.unref()
        return { pid: child.pid ?? 0, baseUrl, logFile }
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  child.kill('SIGKILL')
  throw new Error(`the server did not answer /api/v1/health within 60 s:\n${tail(logFile)}`)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

// SIGTERM, then SIGKILL if the server has not stopped within 15 s.
export async function stopServer(pid: number): Promise<void> {
  if (!pid || !alive(pid)) return
  process.kill(pid, 'SIGTERM')
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    if (!alive(pid)) return
    await new Promise((r) => setTimeout(r, 100))
  }
  console.warn(`[e2e] server ${pid} ignored SIGTERM for 15 s; killing it`)
  process.kill(pid, 'SIGKILL')
}
