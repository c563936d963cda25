#!/usr/bin/env node
// crash.checkins.<backend>: every Youth Study check-in the server acknowledged (2xx) is in the
// database after the server is killed with SIGKILL in the middle of a burst and restarted.
//
//   node tests/crash/checkin_crash.mjs --server BIN --backend sqlite|postgresql [--pg-url-file F]
//
// Seeds the demo county, opens an episode, then sends check-ins of distinct members (64 in
// flight, through the group-commit queue) and kills the process -9 once a few hundred have been
// acknowledged. After a restart on the same database, the episode's participant list must hold
// every acknowledged member (it may hold more: a batch can commit after its requests' sockets
// died), and a second check-in of each acknowledged member must answer 200 (counted once).
// Plain Node 20, no dependencies.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const INITIAL_PASSWORD = 'Init-Passw0rd-2024!';
const ADMIN_PASSWORD = 'County-Secure-77!';
const IN_FLIGHT = 64;
const KILL_AFTER_ACKS = 300;

const argv = process.argv.slice(2);
const arg = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const bin = path.resolve(arg('--server') ?? '');
const backend = arg('--backend') ?? 'sqlite';
const pgUrlFile = arg('--pg-url-file');
if (!arg('--server') || !['sqlite', 'postgresql'].includes(backend)) {
  console.error('usage: checkin_crash.mjs --server BIN --backend sqlite|postgresql [--pg-url-file F]');
  process.exit(2);
}
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

const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
function request(port, method, urlPath, { token, body } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (data) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = data.length;
    }
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode, json, text });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(20000, () => req.destroy(new Error('no answer within 20 s')));
    if (data) req.write(data);
    req.end();
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

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tj-crash-'));
const dataDir = path.join(tmp, 'data');
fs.mkdirSync(dataDir);
const env = { ...process.env, TUANJIAN_INITIAL_PASSWORD: INITIAL_PASSWORD, TUANJIAN_DEMO_ACTIVITY: '0' };
const logFile = path.join(tmp, 'server.log');
let proc = null;
let dropDb = () => {};

function serverLog() {
  try {
    return fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}

function databaseUrl() {
  if (backend === 'sqlite') return `sqlite:${path.join(tmp, 'tuanjian.db')}`;
  const base = fs.readFileSync(pgUrlFile, 'utf8').trim();
  const withDb = (u, db) => u.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/, (_, s, q) => `${s}/${db}${q ?? ''}`);
  const name = `tj_crash_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const r = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', withDb(base, 'postgres'), '-c',
                               `CREATE DATABASE "${name}"`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`CREATE DATABASE failed: ${r.stderr}`);
  dropDb = () => spawnSync('psql', ['-X', '-q', '-d', withDb(base, 'postgres'), '-c',
                                    `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
  return withDb(base, name);
}

async function start(db) {
  const port = await freePort();
  const log = fs.openSync(logFile, 'a');
  proc = spawn(bin, ['serve', '--db', db, '--data', dataDir, '--listen', `127.0.0.1:${port}`, '--workers', '64'],
               { env, stdio: ['ignore', log, log] });
  for (let i = 0; i < 300 && proc.exitCode === null; i++) {
    try {
      if ((await request(port, 'GET', '/api/v1/health')).status === 200) return port;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the server did not start\n${serverLog()}`);
}

try {
  const db = databaseUrl();
  const demo = spawnSync(bin, ['demo', '--db', db, '--data', dataDir], { env, encoding: 'utf8', timeout: 120000 });
  check(demo.status === 0, 'tuanjian demo creates the county', `exit ${demo.status}\n${demo.stdout}${demo.stderr}`);
  if (demo.status !== 0) throw new Error('cannot continue');
  let port = await start(db);

  let r = await request(port, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: INITIAL_PASSWORD } });
  let token = r.json?.token;
  await request(port, 'POST', '/api/v1/auth/password',
                { token, body: { old_password: INITIAL_PASSWORD, new_password: ADMIN_PASSWORD } });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  r = await request(port, 'POST', '/api/v1/study/seasons', { token, body: { name: '崩溃测试' } });
  const season = r.json?.id;
  r = await request(port, 'POST', '/api/v1/study/episodes',
                    { token, body: { season_id: season, title: '第1期', release_date: today, closing_date: today } });
  check(r.status === 201, 'an episode open today', r.text);
  const episode = r.json?.id;

  // Members in standing of the county, a page at a time.
  const members = [];
  for (let page = 1; ; page++) {
    r = await request(port, 'GET', `/api/v1/members?status=active&size=500&page=${page}`, { token });
    const items = r.json?.items ?? [];
    for (const m of items) members.push(m.id);
    if (items.length < 500) break;
  }
  check(members.length >= KILL_AFTER_ACKS * 2, `the county has members to check in (${members.length})`);

  // The burst: distinct members, IN_FLIGHT at a time, until the process dies.
  const acked = new Set();
  let errors = 0;
  let next = 0;
  let killedAt = null;
  const worker = async () => {
    while (next < members.length) {
      const id = members[next++];
      try {
        const res = await request(port, 'POST', `/api/v1/study/episodes/${episode}/checkins`, { token, body: { member_id: id } });
        if (res.status === 200 || res.status === 201) acked.add(id);
        else errors++;
      } catch {
        errors++;
      }
      if (killedAt === null && acked.size >= KILL_AFTER_ACKS) {
        killedAt = acked.size;
        proc.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const exited = await new Promise((resolve) => (proc.exitCode !== null || proc.signalCode !== null
    ? resolve(proc.signalCode) : proc.on('exit', (_, s) => resolve(s))));
  check(killedAt !== null && exited === 'SIGKILL', `the server was killed -9 mid-burst (${killedAt} acknowledged then)`);
  console.log(`# acknowledged ${acked.size}, failed or cut off ${errors}`);
  agent.destroy();

  // Restart on the same database: every acknowledged check-in is there.
  port = await start(db);
  r = await request(port, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
  token = r.json?.token;
  const stored = new Set();
  for (let page = 1; ; page++) {
    r = await request(port, 'GET', `/api/v1/study/episodes/${episode}/participants?size=500&page=${page}`, { token });
    const items = r.json?.items ?? [];
    for (const c of items) stored.add(c.member_id);
    if (items.length < 500) break;
  }
  const lost = [...acked].filter((id) => !stored.has(id));
  check(lost.length === 0, `every acknowledged check-in survived (${acked.size} acknowledged, ${stored.size} stored)`,
        `lost: ${lost.slice(0, 20).join(', ')}${lost.length > 20 ? ' …' : ''}`);
  r = await request(port, 'GET', `/api/v1/study/episodes/${episode}/ranking`, { token });
  check(r.json?.participants === stored.size, 'the rebuilt index counts what the table holds',
        `ranking says ${r.json?.participants}, table ${stored.size}`);
  const sample = [...acked].slice(0, 20);
  let again200 = 0;
  for (const id of sample) {
    const res = await request(port, 'POST', `/api/v1/study/episodes/${episode}/checkins`, { token, body: { member_id: id } });
    if (res.status === 200 && res.json?.created === false) again200++;
  }
  check(again200 === sample.length, 'an acknowledged member checking in again is counted once (200)',
        `${again200} of ${sample.length} answered 200`);
  proc.kill('SIGTERM');
  await new Promise((resolve) => proc.on('exit', resolve));
} catch (e) {
  if (e.message !== 'cannot continue') check(false, 'test error', `${e.stack}\n${serverLog()}`);
} finally {
  if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  agent.destroy();
  dropDb();
  console.log(`1..${n}`);
  if (failures === 0) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`# kept ${tmp}`);
}
process.exit(failures ? 1 : 0);
