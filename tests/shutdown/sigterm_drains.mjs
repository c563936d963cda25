#!/usr/bin/env node
// shutdown.sigterm_drains: SIGTERM lets in-flight requests finish, refuses new connections and
// exits 0.
//
//   node tests/shutdown/sigterm_drains.mjs --server BIN
//
// Starts `tuanjian serve` on a fresh SQLite database with TUANJIAN_TEST_ROUTES=1, sends
// GET /api/v1/_test/sleep?ms=2000, and 300 ms later SIGTERM. The slow request must still be
// answered 200 after its full 2 s, a new connection made while it drains must be refused, and
// the process must exit with code 0 soon after, although an idle keep-alive connection is
// still open. Plain Node 20, no dependencies.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const SLEEP_MS = 2000;
const SIGTERM_AFTER_MS = 300;
const EXIT_WITHIN_MS = 5000;

const argv = process.argv.slice(2);
const serverArg = argv.indexOf('--server');
if (serverArg < 0 || !argv[serverArg + 1]) {
  console.error('usage: sigterm_drains.mjs --server BIN');
  process.exit(2);
}
const bin = path.resolve(argv[serverArg + 1]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let n = 0;
let failures = 0;
function check(ok, what, detail) {
  n++;
  if (ok) console.log(`ok ${n} - ${what}`);
  else {
    failures++;
    console.log(`not ok ${n} - ${what}`);
    if (detail) console.log(String(detail).split('\n').map((l) => `    ${l}`).join('\n'));
  }
}

function get(port, urlPath, agent = false) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(15000, () => req.destroy(new Error('no answer within 15 s')));
    req.end();
  });
}

// Resolves 'refused' when the connection is refused, 'accepted' when it opens.
function tryConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve('accepted');
    });
    s.once('error', (e) => resolve(e.code === 'ECONNREFUSED' ? 'refused' : `error ${e.code}`));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tj-shutdown-'));
const dataDir = path.join(tmp, 'data');
fs.mkdirSync(dataDir);
const db = `sqlite:${path.join(tmp, 'tuanjian.db')}`;
const env = { ...process.env, TUANJIAN_TEST_ROUTES: '1', TUANJIAN_INITIAL_PASSWORD: 'Init-Passw0rd-2024!' };
const logFile = path.join(tmp, 'server.log');
let proc = null;

function serverLog() {
  try {
    return fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}

try {
  const demo = spawnSync(bin, ['demo', '--db', db, '--data', dataDir], { env, encoding: 'utf8', timeout: 60000 });
  check(demo.status === 0, 'tuanjian demo creates the database', `exit ${demo.status}\n${demo.stdout}${demo.stderr}`);
  if (demo.status !== 0) throw new Error('cannot continue');

  const port = await freePort();
  const log = fs.openSync(logFile, 'a');
  proc = spawn(bin, ['serve', '--db', db, '--data', dataDir, '--listen', `127.0.0.1:${port}`],
               { env, stdio: ['ignore', log, log] });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));

  let up = false;
  for (let i = 0; i < 200 && proc.exitCode === null; i++) {
    try {
      if ((await get(port, '/api/v1/health')).status === 200) {
        up = true;
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  check(up, 'the server answers /api/v1/health', serverLog());
  if (!up) throw new Error('cannot continue');

  // An idle keep-alive connection (a browser tab left open) must not hold up the exit.
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const idle = await get(port, '/api/v1/health', keepAlive);
  check(idle.status === 200, 'a keep-alive connection is open and idle', idle.body);

  const started = Date.now();
  const slow = get(port, `/api/v1/_test/sleep?ms=${SLEEP_MS}`).then(
    (r) => ({ ...r, at: Date.now() }), (e) => ({ error: e, at: Date.now() }));
  await sleep(SIGTERM_AFTER_MS);
  proc.kill('SIGTERM');
  const termAt = Date.now();

  // While the slow request drains, new connections must be refused. Give the server a moment
  // to close its acceptor, and keep trying until the slow request is due.
  let refused = null;
  let attempts = 0;
  await sleep(100);
  while (Date.now() < started + SLEEP_MS - 200) {
    attempts++;
    const r = await tryConnect(port);
    if (r === 'refused') {
      refused = Date.now() - termAt;
      break;
    }
    await sleep(100);
  }
  check(refused !== null, 'a new connection after SIGTERM is refused',
        `${attempts} connection attempts in the ${SLEEP_MS - 200 - SIGTERM_AFTER_MS} ms after SIGTERM were accepted`);
  if (refused !== null) console.log(`# refused ${refused} ms after SIGTERM`);

  const r = await slow;
  check(!r.error && r.status === 200, 'the in-flight request is answered 200',
        r.error ? r.error.message : `status ${r.status}\n${r.body}`);
  if (!r.error) {
    let body = null;
    try {
      body = JSON.parse(r.body);
    } catch {
      // checked below
    }
    check(body?.slept_ms === SLEEP_MS, `its body is {"slept_ms":${SLEEP_MS}}`, r.body);
    check(r.at - started >= SLEEP_MS - 50, `it was answered after the full ${SLEEP_MS} ms`,
          `answered after ${r.at - started} ms`);
  }

  const exit = await Promise.race([exited, sleep(EXIT_WITHIN_MS + SLEEP_MS).then(() => null)]);
  check(exit !== null, `the process exits within ${EXIT_WITHIN_MS} ms of the last answer`, serverLog());
  if (exit) {
    check(exit.code === 0, 'the exit code is 0', `code ${exit.code}, signal ${exit.signal}\n${serverLog()}`);
    check(exit.at >= r.at - 50, 'the process exits only after answering', `exited ${r.at - exit.at} ms before the answer`);
    console.log(`# exited ${exit.at - termAt} ms after SIGTERM`);
  }
} catch (e) {
  if (e.message !== 'cannot continue') check(false, 'test error', e.stack);
} finally {
  if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  console.log(`1..${n}`);
  if (failures === 0) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`# kept ${tmp}`);
}
process.exit(failures ? 1 : 0);
