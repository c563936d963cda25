#!/usr/bin/env node
// API scenario runner: drives a real `tuanjian serve` through text-file scenarios.
//
//   node tests/api/run.mjs --server BIN --backend sqlite|postgresql [--pg-url-file F]
//                          [--routes-dir DIR] [--keep] scenario.txt...
//   node tests/api/run.mjs --server BIN --check-openapi [--docs docs/api.md] [--routes-dir DIR]
//   node tests/api/run.mjs --syntax-only scenario.txt...   (parse only, no server)
//
// Each scenario gets a fresh database and its own server: `tuanjian demo` seeds it (admin's
// password is INITIAL_PASSWORD), `tuanjian serve` listens on a free port with the scenario's
// env, the steps run in order, then SIGTERM must stop the server with exit code 0. The file
// format is described in tests/api/README.md. Plain Node 20, no dependencies.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fixtures from './fixtures/members.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const INITIAL_PASSWORD = 'Init-Passw0rd-2024!';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const REQUEST_TIMEOUT_MS = 30000;

// ---------------------------------------------------------------------------------------------
// Command line

function parseArgs(argv) {
  const opts = { files: [], backend: 'sqlite', keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--server') opts.server = path.resolve(next());
    else if (a === '--backend') opts.backend = next();
    else if (a === '--pg-url-file') opts.pgUrlFile = next();
    else if (a === '--routes-dir') opts.routesDir = next();
    else if (a === '--docs') opts.docs = next();
    else if (a === '--check-openapi') opts.checkOpenapi = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--syntax-only') opts.syntaxOnly = true;
    else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--keep-going') opts.keepGoing = true;
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else opts.files.push(a);
  }
  if (!opts.server && !opts.syntaxOnly) usage('--server is required');
  if (!['sqlite', 'postgresql'].includes(opts.backend)) usage('--backend is sqlite or postgresql');
  if (!opts.checkOpenapi && opts.files.length === 0) usage('no scenario files');
  opts.docs = opts.docs ?? path.join(REPO, 'docs/api.md');
  return opts;
}

function usage(msg) {
  console.error(`run.mjs: ${msg}`);
  console.error('usage: run.mjs --server BIN --backend sqlite|postgresql [--pg-url-file F] ' +
                '[--routes-dir DIR] [--keep] scenario.txt...');
  console.error('       run.mjs --server BIN --check-openapi [--docs api.md] [--routes-dir DIR]');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Scenario parsing

class ScenarioError extends Error {}

const RE_REQUEST = new RegExp(`^(${METHODS.join('|')})\\s+(\\S+)$`);
const RE_HEADER = /^([A-Za-z][A-Za-z0-9-]*):\s?(.*)$/;

// Parses a scenario file into { title, env, steps }. Steps:
//   request {method, path, headers, body, bodyBytes, expect:{statuses, headers, body}, captures}
//   exec {command, stdin, expect:{exit, output[]}}, sleep {ms}, set {name, value},
//   repeat {count, steps}, if {backend, steps}, parallel {steps}, generate {file, generator, params},
//   scan {target: db|log, want: has|lacks, text}, check {what: distinct|consecutive, values}
function parseScenario(file, seen = new Set()) {
  const abs = path.resolve(file);
  if (seen.has(abs)) throw new ScenarioError(`${file}: include cycle`);
  seen.add(abs);
  const lines = fs.readFileSync(abs, 'utf8').split(/\r?\n/);
  const scenario = { title: path.basename(file), env: {}, steps: [] };
  const stack = [{ steps: scenario.steps, kind: 'top' }];
  let current = null;  // the last request/exec step
  let mode = 'none';   // what the next plain lines belong to
  const where = (n) => `${path.relative(process.cwd(), abs)}:${n + 1}`;
  const fail = (n, msg) => {
    throw new ScenarioError(`${where(n)}: ${msg}`);
  };
  const push = (step, n) => {
    step.where = where(n);
    stack[stack.length - 1].steps.push(step);
    return step;
  };

  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n];
    const line = raw.trimEnd();
    const t = line.trim();
    let m;
    if (t === '') {
      mode = 'none';
      continue;
    }
    if (t.startsWith('#')) {
      if ((m = /^#\s*title:\s*(.*)$/.exec(t))) scenario.title = m[1];
      else if ((m = /^#\s*env:\s*(.*)$/.exec(t))) {
        for (const kv of m[1].split(/\s+/).filter(Boolean)) {
          const eq = kv.indexOf('=');
          if (eq <= 0) fail(n, `bad env entry "${kv}"`);
          scenario.env[kv.slice(0, eq)] = kv.slice(eq + 1);
        }
      }
      continue;
    }
    if ((m = RE_REQUEST.exec(t))) {
      current = push({ kind: 'request', method: m[1], path: m[2], headers: [], body: null,
                       bodyBytes: null, bodyFile: null, expect: null, captures: [], saves: [] }, n);
      mode = 'req-headers';
      continue;
    }
    if ((m = /^exec\s+(.+)$/.exec(t))) {
      current = push({ kind: 'exec', command: m[1], stdin: null, expect: null, captures: [] }, n);
      mode = 'exec';
      continue;
    }
    if ((m = /^=>\s*(.*)$/.exec(t))) {
      if (!current) fail(n, '"=>" without a request or exec before it');
      if (current.expect) fail(n, 'second "=>" for the same step');
      const what = m[1].trim();
      if (current.kind === 'exec') {
        const e = /^exit\s+(\d+|nonzero)$/.exec(what);
        if (!e) fail(n, 'an exec expects "=> exit N" or "=> exit nonzero"');
        current.expect = { exit: e[1] === 'nonzero' ? 'nonzero' : Number(e[1]), output: [] };
        mode = 'exec-expect';
      } else {
        if (!/^\d{3}(\s*\|\s*\d{3})*$/.test(what)) fail(n, 'expected "=> STATUS" (e.g. "=> 200" or "=> 401|423")');
        current.expect = { statuses: what.split('|').map((s) => Number(s.trim())), headers: [],
                           body: null, bodyLine: null };
        mode = 'exp-headers';
      }
      continue;
    }
    if ((m = /^capture\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)$/.exec(t))) {
      if (!current || current.kind !== 'request') fail(n, 'capture must follow a request');
      current.captures.push({ name: m[1], expr: m[2] });
      mode = 'none';
      continue;
    }
    if ((m = /^save\s+(\S+)$/.exec(t))) {
      if (!current || current.kind !== 'request' || !current.expect) fail(n, 'save must follow a request\'s expectation');
      current.saves.push(m[1]);
      mode = 'none';
      continue;
    }
    if ((m = /^generate\s+(\S+)\s+([A-Za-z_][A-Za-z0-9_]*)((?:\s+[A-Za-z_][A-Za-z0-9_]*=\S*)*)\s*$/.exec(t))) {
      if (!fixtures.generators[m[2]]) {
        fail(n, `unknown generator "${m[2]}" (known: ${Object.keys(fixtures.generators).join(', ')})`);
      }
      const params = {};
      for (const kv of m[3].trim().split(/\s+/).filter(Boolean)) {
        const eq = kv.indexOf('=');
        params[kv.slice(0, eq)] = kv.slice(eq + 1);
      }
      push({ kind: 'generate', file: m[1], generator: m[2], params }, n);
      current = null;
      mode = 'none';
      continue;
    }
    if ((m = /^scan\s+(db|log)\s+(has|lacks)\s+(.+)$/.exec(t))) {
      push({ kind: 'scan', target: m[1], want: m[2], text: m[3] }, n);
      current = null;
      mode = 'none';
      continue;
    }
    if ((m = /^check\s+(distinct|consecutive)(?:\s+(.*))?$/.exec(t))) {
      if (!m[2]) fail(n, `check ${m[1]} needs values`);
      push({ kind: 'check', what: m[1], values: m[2] }, n);
      current = null;
      mode = 'none';
      continue;
    }
    if (/^(generate|scan|save|check)\b/.test(t) && mode !== 'req-body' && mode !== 'exp-body') {
      fail(n, `cannot parse: ${t} (see tests/api/README.md for generate, scan, save and check)`);
    }
    if ((m = /^sleep\s+(\d+)$/.exec(t))) {
      push({ kind: 'sleep', ms: Number(m[1]) }, n);
      current = null;
      mode = 'none';
      continue;
    }
    if ((m = /^set\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(t))) {
      push({ kind: 'set', name: m[1], value: m[2] }, n);
      current = null;
      mode = 'none';
      continue;
    }
    if ((m = /^repeat\s+(\d+)$/.exec(t))) {
      const step = push({ kind: 'repeat', count: Number(m[1]), steps: [] }, n);
      stack.push({ kind: 'repeat', steps: step.steps });
      current = null;
      mode = 'none';
      continue;
    }
    if (t === 'parallel') {
      const step = push({ kind: 'parallel', steps: [] }, n);
      stack.push({ kind: 'parallel', steps: step.steps });
      current = null;
      mode = 'none';
      continue;
    }
    if ((m = /^if\s+(sqlite|postgresql)$/.exec(t))) {
      const step = push({ kind: 'if', backend: m[1], steps: [] }, n);
      stack.push({ kind: 'if', steps: step.steps });
      current = null;
      mode = 'none';
      continue;
    }
    if ((m = /^end(?:\s+(repeat|if|parallel))?$/.exec(t))) {
      if (stack.length === 1) fail(n, '"end" without "repeat", "if" or "parallel"');
      if (m[1] && m[1] !== stack[stack.length - 1].kind) {
        fail(n, `"end ${m[1]}" closes a "${stack[stack.length - 1].kind}" block`);
      }
      stack.pop();
      current = null;
      mode = 'none';
      continue;
    }
    if ((m = /^include\s+(\S+)$/.exec(t))) {
      const inc = parseScenario(path.resolve(path.dirname(abs), m[1]), new Set(seen));
      Object.assign(scenario.env, inc.env);
      for (const s of inc.steps) stack[stack.length - 1].steps.push(s);
      current = null;
      mode = 'none';
      continue;
    }
    // Lines that belong to the current step.
    switch (mode) {
      case 'req-headers':
      case 'req-body':
        if (mode === 'req-headers' && (m = /^body-bytes\s+(\d+)$/.exec(t))) {
          current.bodyBytes = Number(m[1]);
          mode = 'none';
        } else if (mode === 'req-headers' && (m = /^body-file\s+(\S+)$/.exec(t))) {
          current.bodyFile = m[1];
          mode = 'none';
        } else if (mode === 'req-headers' && (m = RE_HEADER.exec(t))) {
          current.headers.push([m[1], m[2]]);
        } else {
          current.body = current.body === null ? line : `${current.body}\n${line}`;
          mode = 'req-body';
        }
        break;
      case 'exp-headers':
      case 'exp-body':
        if (mode === 'exp-headers' && (m = RE_HEADER.exec(t))) {
          current.expect.headers.push([m[1], m[2]]);
        } else {
          const e = current.expect;
          if (e.body === null) e.bodyLine = where(n);
          e.body = e.body === null ? line : `${e.body}\n${line}`;
          mode = 'exp-body';
        }
        break;
      case 'exec':
        if ((m = /^stdin:\s?(.*)$/.exec(t))) current.stdin = current.stdin === null ? m[1] : `${current.stdin}\n${m[1]}`;
        else fail(n, `unexpected line in exec step: ${t}`);
        break;
      case 'exec-expect':
        if ((m = /^output:\s?(.*)$/.exec(t))) current.expect.output.push(m[1]);
        else fail(n, `expected "output: TEXT" after "=> exit": ${t}`);
        break;
      default:
        fail(n, `cannot parse: ${t}`);
    }
  }
  if (stack.length !== 1) throw new ScenarioError(`${where(lines.length - 1)}: missing "end"`);
  checkExpectations(scenario.steps);
  return scenario;
}

function checkExpectations(steps) {
  for (const s of steps) {
    if ((s.kind === 'request' || s.kind === 'exec') && !s.expect) {
      throw new ScenarioError(`${s.where}: step has no "=>" expectation`);
    }
    if (s.steps) checkExpectations(s.steps);
  }
}

// ---------------------------------------------------------------------------------------------
// Variables

// ${NAME} is a variable; ${fn(a,b)} calls one of the `functions` of fixtures/members.mjs
// (idno, idno_badcheck, mask_id, date, add, ...: tests/api/README.md) on its comma-separated
// arguments, which may themselves hold ${NAME} or ${fn(...)} (innermost first).
function interpolate(text, vars, where) {
  let out = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name) => {
    if (!(name in vars)) throw new ScenarioError(`${where}: unknown variable \${${name}}`);
    const v = vars[name];
    return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  });
  const call = /\$\{([A-Za-z_][A-Za-z0-9_]*)\(([^(){}$]*)\)\}/;
  for (let guard = 0; call.test(out) && guard < 100; guard++) {
    out = out.replace(new RegExp(call.source, 'g'), (_, name, args) => {
      const fn = fixtures.functions[name];
      if (!fn) throw new ScenarioError(`${where}: unknown function ${name}() (known: ${Object.keys(fixtures.functions).join(', ')})`);
      try {
        return String(fn(...args.split(',').map((a) => a.trim())));
      } catch (e) {
        throw new ScenarioError(`${where}: ${name}(${args}): ${e.message}`);
      }
    });
  }
  return out;
}

// Evaluates a capture expression against a response: body.a.b[0].c, header.Name, cookie.name,
// status.
function evaluate(expr, res, where) {
  let m;
  if (expr === 'status') return res.status;
  if ((m = /^header\.(.+)$/.exec(expr))) {
    const v = res.headers[m[1].toLowerCase()];
    if (v === undefined) throw new ScenarioError(`${where}: no header ${m[1]} to capture`);
    return Array.isArray(v) ? v[0] : v;
  }
  if ((m = /^cookie\.(.+)$/.exec(expr))) {
    for (const c of setCookies(res)) {
      const first = c.split(';')[0];
      const eq = first.indexOf('=');
      if (eq > 0 && first.slice(0, eq).trim() === m[1]) return first.slice(eq + 1).trim();
    }
    throw new ScenarioError(`${where}: no Set-Cookie for ${m[1]} to capture`);
  }
  if (expr === 'body' || expr.startsWith('body.') || expr.startsWith('body[')) {
    let v = parseJsonOrNull(res.body);
    const tokens = expr.slice(4).match(/\.[^.[\]]+|\[\d+\]/g) ?? [];
    if (tokens.join('') !== expr.slice(4)) throw new ScenarioError(`${where}: bad capture path ${expr}`);
    for (const tok of tokens) {
      const key = tok.startsWith('[') ? Number(tok.slice(1, -1)) : tok.slice(1);
      if (v === null || typeof v !== 'object' || !(key in v)) {
        throw new ScenarioError(`${where}: ${expr} is not in the response`);
      }
      v = v[key];
    }
    return v;
  }
  throw new ScenarioError(`${where}: capture expression must start with body, header., cookie. or be status`);
}

function setCookies(res) {
  const v = res.headers['set-cookie'];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function parseJsonOrNull(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Matching expected JSON against actual JSON

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Returns null when `actual` matches `expected`, else a message naming the first mismatch.
function match(expected, actual, at = '$') {
  if (typeof expected === 'string' && /^<.*>$/s.test(expected)) {
    return matchSpecial(expected.slice(1, -1), actual, at);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at}: expected an array, got ${show(actual)}`;
    const open = expected.length > 0 && expected[expected.length - 1] === '...';
    const want = open ? expected.slice(0, -1) : expected;
    if (!open) {
      if (want.length !== actual.length) {
        return `${at}: expected ${want.length} elements, got ${actual.length}`;
      }
      for (let i = 0; i < want.length; i++) {
        const r = match(want[i], actual[i], `${at}[${i}]`);
        if (r) return r;
      }
      return null;
    }
    // Open array: every listed element matches a different actual element, in any order.
    const used = new Array(actual.length).fill(false);
    const assign = (i) => {
      if (i === want.length) return true;
      for (let j = 0; j < actual.length; j++) {
        if (!used[j] && match(want[i], actual[j], `${at}[${j}]`) === null) {
          used[j] = true;
          if (assign(i + 1)) return true;
          used[j] = false;
        }
      }
      return false;
    };
    if (assign(0)) return null;
    for (let i = 0; i < want.length; i++) {
      if (!actual.some((a, j) => match(want[i], a, `${at}[${j}]`) === null)) {
        return `${at}: no element matches ${JSON.stringify(want[i])}`;
      }
    }
    return `${at}: the listed elements do not match distinct elements`;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return `${at}: expected an object, got ${show(actual)}`;
    }
    for (const [k, v] of Object.entries(expected)) {
      const here = `${at}.${k}`;
      if (v === '<absent>') {
        if (k in actual) return `${here}: expected no such key, got ${show(actual[k])}`;
        continue;
      }
      if (!(k in actual)) return `${here}: missing`;
      const r = match(v, actual[k], here);
      if (r) return r;
    }
    return null;
  }
  if (expected !== actual) return `${at}: expected ${JSON.stringify(expected)}, got ${show(actual)}`;
  return null;
}

function matchSpecial(spec, actual, at) {
  const bad = (what) => `${at}: expected ${what}, got ${show(actual)}`;
  if (spec.startsWith('regex:')) {
    if (typeof actual !== 'string') return bad(`a string matching /${spec.slice(6)}/`);
    return new RegExp(spec.slice(6), 'u').test(actual) ? null : bad(`a string matching /${spec.slice(6)}/`);
  }
  if (spec.startsWith('length:')) {
    const n = Number(spec.slice(7));
    const len = Array.isArray(actual) || typeof actual === 'string' ? actual.length : undefined;
    return len === n ? null : bad(`an array or string of length ${n}${len === undefined ? '' : ` (length ${len})`}`);
  }
  switch (spec) {
    case 'any': return actual === undefined ? bad('a value') : null;
    case 'string': return typeof actual === 'string' ? null : bad('a string');
    case 'nonempty': return typeof actual === 'string' && actual.length > 0 ? null : bad('a non-empty string');
    case 'number': return typeof actual === 'number' ? null : bad('a number');
    case 'integer': return Number.isInteger(actual) ? null : bad('an integer');
    case 'id': return Number.isInteger(actual) && actual > 0 ? null : bad('a positive integer id');
    case 'bool': return typeof actual === 'boolean' ? null : bad('a boolean');
    case 'array': return Array.isArray(actual) ? null : bad('an array');
    case 'object': return actual !== null && typeof actual === 'object' && !Array.isArray(actual) ? null : bad('an object');
    case 'instant': return typeof actual === 'string' && ISO_INSTANT.test(actual) ? null : bad('an ISO 8601 instant with offset');
    case 'date': return typeof actual === 'string' && ISO_DATE.test(actual) ? null : bad('a YYYY-MM-DD date');
    case 'absent': return bad('no value');
    default: throw new ScenarioError(`unknown matcher <${spec}>`);
  }
}

function show(v) {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}...` : s;
}

// Header expectation: exact value or a <matcher>; passes when any of the header's values match.
function matchHeader(name, expected, res) {
  const lower = name.toLowerCase();
  let values = res.headers[lower];
  values = values === undefined ? [] : Array.isArray(values) ? values : [values];
  if (expected === '<absent>') return values.length === 0 ? null : `header ${name}: expected none, got ${show(values)}`;
  if (values.length === 0) return `header ${name}: missing`;
  for (const v of values) {
    const r = /^<.*>$/.test(expected) ? matchSpecial(expected.slice(1, -1), v, name) : v === expected ? null : 'no';
    if (r === null) return null;
  }
  return `header ${name}: expected ${expected}, got ${show(values)}`;
}

// ---------------------------------------------------------------------------------------------
// HTTP

function request(port, method, urlPath, headers, body) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (body !== null) h['Content-Length'] = String(body.length);
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers: h, agent: false });
    let res = null;
    const chunks = [];
    const finish = (note) => {
      const raw = Buffer.concat(chunks);
      resolve({ status: res.statusCode, headers: res.headers, raw, body: raw.toString('utf8'), note });
    };
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)),
                             REQUEST_TIMEOUT_MS);
    req.on('response', (r) => {
      res = r;
      r.on('data', (c) => chunks.push(c));
      r.on('end', () => {
        clearTimeout(timer);
        finish();
      });
      r.on('error', (e) => {
        clearTimeout(timer);
        finish(`response cut short: ${e.message}`);
      });
    });
    req.on('error', (e) => {
      if (res) return;  // the server answered early (e.g. 413) and closed; the answer counts
      clearTimeout(timer);
      reject(e);
    });
    if (body === null) req.end();
    else if (body.length <= 1 << 20) req.end(body);
    else {
      // A large body goes out in pieces, and stops when the server has answered already
      // (413 after the headers): writing on into a closed connection only ends in EPIPE, and
      // the reset that follows may take the unread answer with it. The first piece goes
      // alone, then a pause gives an early answer the time to arrive.
      const CHUNK = 1 << 16;
      let off = 0;
      const next = () => {
        if (res || req.destroyed || off >= body.length) return;
        const piece = body.subarray(off, off + CHUNK);
        off += piece.length;
        if (off >= body.length) {
          req.end(piece);
          return;
        }
        const more = req.write(piece);
        if (off === piece.length) setTimeout(next, 200);
        else if (more) setImmediate(next);
        else req.once('drain', next);
      };
      next();
    }
  });
}

async function waitForHealth(port, proc, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`server exited before answering /api/v1/health (code ${proc.exitCode}, signal ${proc.signalCode})`);
    }
    try {
      const r = await request(port, 'GET', '/api/v1/health', {}, null);
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`server did not answer /api/v1/health within ${ms} ms`);
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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Routes from docs/api.md, to name what a request exercised

function docRoutes(docsFile) {
  const routes = [];
  for (const line of fs.readFileSync(docsFile, 'utf8').split('\n')) {
    if (!line.startsWith('|')) continue;
    const cell = line.split('|')[1] ?? '';
    const m = new RegExp(`^\\s*\`(${METHODS.join('|')}) (/[^\`\\s]*)\`\\s*$`).exec(cell);
    if (m) routes.push({ method: m[1], path: `/api/v1${m[2]}` });
  }
  return routes;
}

// The documented route a request exercised; a literal segment wins over a {parameter}
// (GET /members/export is not GET /members/{id}).
function routePattern(routes, method, urlPath) {
  const p = urlPath.split('?')[0];
  let best = null;
  let bestParams = Infinity;
  for (const r of routes) {
    if (r.method !== method) continue;
    const re = new RegExp(`^${r.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const params = (r.path.match(/\{/g) ?? []).length;
    if (re.test(p) && params < bestParams) {
      best = `${r.method} ${r.path}`;
      bestParams = params;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Databases

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60000, ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return r;
}

async function createDatabase(opts, tmp, name) {
  if (opts.backend === 'sqlite') {
    const file = path.join(tmp, 'tuanjian.db');
    return { url: `sqlite:${file}`, path: file, drop() {} };
  }
  const dbName = `tj_api_${name.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`.slice(0, 40) +
                 `_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  // The base URL names the server (postgresql://postgres@127.0.0.1:PORT/); swap in a database.
  const withDb = (u, db) => u.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/, (_, s, q) => `${s}/${db}${q ?? ''}`);
  let base = null;
  if (opts.pgUrlFile && fs.existsSync(opts.pgUrlFile)) base = fs.readFileSync(opts.pgUrlFile, 'utf8').trim();
  let url;
  if (base) {
    const r = sh('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', withDb(base, 'postgres'),
                          '-c', `CREATE DATABASE "${dbName}"`]);
    if (r.status !== 0) throw new Error(`CREATE DATABASE failed: ${r.stderr}`);
    url = withDb(base, dbName);
  } else {
    const pgsh = path.join(REPO, 'tests/pg/pg.sh');
    if (!fs.existsSync(pgsh)) {
      throw new Error(`no PostgreSQL: --pg-url-file ${opts.pgUrlFile ?? '(not given)'} is missing and ${pgsh} does not exist`);
    }
    const r = sh('bash', [pgsh, 'createdb', dbName]);
    if (r.status !== 0) throw new Error(`pg.sh createdb failed: ${r.stdout}${r.stderr}`);
    url = r.stdout.trim().split('\n').pop().trim();
    base = url;
  }
  const admin = withDb(base, 'postgres');
  return {
    url,
    path: '',
    drop() {
      sh('psql', ['-X', '-q', '-d', admin, '-c', `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`]);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Running one scenario

class Server {
  constructor(bin, args, env, logFile) {
    this.log = fs.openSync(logFile, 'a');
    this.logFile = logFile;
    this.proc = spawn(bin, args, { env, stdio: ['ignore', this.log, this.log] });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
  }

  async stop(ms = 15000) {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
      return { code: this.proc.exitCode, signal: this.proc.signalCode, early: true };
    }
    this.proc.kill('SIGTERM');
    const r = await Promise.race([this.exited, sleep(ms).then(() => null)]);
    if (r === null) {
      this.proc.kill('SIGKILL');
      await this.exited;
      return { code: null, signal: 'SIGKILL', timeout: true };
    }
    return r;
  }

  tail(lines = 30) {
    try {
      return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}

function indent(text, prefix = '    ') {
  return String(text).split('\n').map((l) => prefix + l).join('\n');
}

function truncate(s, n = 2000) {
  return s.length > n ? `${s.slice(0, n)}... (${s.length} chars)` : s;
}

async function runScenario(file, opts, routes) {
  const scenario = parseScenario(file);
  const name = path.basename(file, '.txt');
  console.log(`# ${name} [${opts.backend}]: ${scenario.title}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `tj-api-${name}-`));
  const dataDir = path.join(tmp, 'data');
  fs.mkdirSync(dataDir);
  const exercised = new Set();
  let db = null;
  let server = null;
  let n = 0;
  let failed = false;
  const ok = (what) => console.log(`ok ${++n} - ${what}`);
  const notOk = (what, detail) => {
    failed = true;
    console.log(`not ok ${++n} - ${what}`);
    if (detail) console.log(indent(detail));
  };

  try {
    db = await createDatabase(opts, tmp, name);
    // The register only (no sample recruitment, evaluations or county rules): scenarios make
    // the League work they check, and a year's rules start as the national defaults.
    const env = { ...process.env, TUANJIAN_INITIAL_PASSWORD: INITIAL_PASSWORD,
                  TUANJIAN_DEMO_ACTIVITY: '0', ...scenario.env };
    const demo = sh(opts.server, ['demo', '--db', db.url, '--data', dataDir], { env });
    if (demo.status !== 0) {
      notOk('tuanjian demo', `exit ${demo.status}\n${demo.stdout}${demo.stderr}`);
      return false;
    }
    ok('tuanjian demo');
    // The free port may be taken by a parallel test before the server binds it: try again.
    let port;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      server = new Server(opts.server,
                          ['serve', '--db', db.url, '--data', dataDir, '--listen', `127.0.0.1:${port}`],
                          env, path.join(tmp, 'server.log'));
      try {
        await waitForHealth(port, server.proc, 20000);
        break;
      } catch (e) {
        const exitedEarly = server.proc.exitCode !== null;
        await server.stop();
        if (!exitedEarly || attempt === 3) {
          notOk('tuanjian serve starts', `${e.message}\nserver log:\n${indent(server.tail())}`);
          server = null;
          return false;
        }
      }
    }
    ok(`tuanjian serve listens on ${port}`);

    const vars = {
      INITIAL_PASSWORD, BACKEND: opts.backend, DB_URL: db.url, DB_PATH: db.path,
      SERVER_BIN: opts.server, BASE_URL: `http://127.0.0.1:${port}`, PORT: port, TMP: tmp,
      // Today in the server's default deployment zone (Asia/Shanghai), for date filters.
      // With TUANJIAN_TEST_NOW, the pinned day (not updated by POST /_test/clock).
      TODAY: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
        .format(scenario.env.TUANJIAN_TEST_NOW ? new Date(scenario.env.TUANJIAN_TEST_NOW) : new Date()),
    };
    const ctx = { port, vars, opts, exercised, routes };
    const run = async (steps) => {
      for (const step of steps) {
        if (failed && !opts.keepGoing) return;
        try {
          if (step.kind === 'set') {
            vars[step.name] = interpolate(step.value, vars, step.where);
          } else if (step.kind === 'sleep') {
            await sleep(step.ms);
          } else if (step.kind === 'repeat') {
            for (let i = 1; i <= step.count && (!failed || opts.keepGoing); i++) {
              vars.i = i;
              await run(step.steps);
            }
          } else if (step.kind === 'if') {
            if (step.backend === opts.backend) await run(step.steps);
          } else if (step.kind === 'parallel') {
            // Every step at once, each on its own connection; each checked on its own.
            const inner = step.steps.map((s) => s.kind === 'request' ? s : null);
            if (inner.includes(null)) throw new ScenarioError(`${step.where}: parallel holds requests only`);
            const results = await Promise.all(inner.map((s) => runRequest(s, ctx).catch((e) => {
              if (!(e instanceof ScenarioError)) throw e;
              return { title: s.where, error: e.message };
            })));
            for (const r of results) {
              if (r.error) notOk(`${r.title} [parallel]`, r.error);
              else ok(`${r.title} [parallel]`);
            }
          } else if (step.kind === 'request') {
            const r = await runRequest(step, ctx);
            if (r.error) notOk(r.title, r.error);
            else ok(r.title);
          } else if (step.kind === 'exec') {
            const r = runExec(step, ctx);
            if (r.error) notOk(r.title, r.error);
            else ok(r.title);
          } else if (step.kind === 'generate') {
            const file = resolveFile(interpolate(step.file, vars, step.where));
            const params = Object.fromEntries(Object.entries(step.params)
              .map(([k, v]) => [k, interpolate(v, vars, step.where)]));
            let bytes;
            try {
              bytes = fixtures.generators[step.generator](params);
            } catch (e) {
              throw new ScenarioError(`${step.where}: generate ${step.generator}: ${e.message}`);
            }
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, bytes);
            ok(`generate ${path.basename(file)} (${bytes.length} bytes, ${step.generator})  (${step.where})`);
          } else if (step.kind === 'scan') {
            const r = runScan(step, ctx, db, server);
            if (r.error) notOk(r.title, r.error);
            else ok(r.title);
          } else if (step.kind === 'check') {
            const r = runCheck(step, ctx);
            if (r.error) notOk(r.title, r.error);
            else ok(r.title);
          }
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
          notOk(`${step.where}`, e.message);
        }
      }
    };
    await run(scenario.steps);
    if (failed) console.log(indent(`server log (last lines):\n${indent(server.tail(), '  ')}`, '# '));

    const stop = await server.stop();
    server = null;
    if (stop.code === 0) ok('SIGTERM stops the server with exit code 0');
    else notOk('SIGTERM stops the server with exit code 0',
               stop.timeout ? 'the server did not exit within 15 s' :
               `exit code ${stop.code}, signal ${stop.signal}${stop.early ? ' (it had already exited)' : ''}`);
    return !failed;
  } catch (e) {
    notOk(`${name}: runner error`, e instanceof ScenarioError ? e.message : e.stack);
    return false;
  } finally {
    if (server) await server.stop();
    console.log(`1..${n}`);
    if (opts.routesDir) {
      fs.mkdirSync(opts.routesDir, { recursive: true });
      fs.writeFileSync(path.join(opts.routesDir, `${opts.backend}.${name}.txt`),
                       [...exercised].sort().join('\n') + '\n');
    }
    if (db && (!failed || !opts.keep)) {
      try {
        db.drop();
      } catch {
        // best effort
      }
    }
    if (failed && opts.keep) console.log(`# kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function runRequest(step, ctx) {
  const { vars } = ctx;
  // Non-ASCII (Chinese search terms) goes out percent-encoded as UTF-8.
  const urlPath = interpolate(step.path, vars, step.where)
    .replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
  const title = `${step.method} ${urlPath} => ${step.expect.statuses.join('|')}  (${step.where})`;
  const headers = {};
  for (const [k, v] of step.headers) headers[k] = interpolate(v, vars, step.where);
  let body = null;
  let bodyShown = '';
  if (step.bodyFile !== null) {
    const file = resolveFile(interpolate(step.bodyFile, vars, step.where));
    if (!fs.existsSync(file)) throw new ScenarioError(`${step.where}: body-file ${file} does not exist`);
    body = fs.readFileSync(file);
    bodyShown = `(${body.length} bytes from ${path.relative(REPO, file).startsWith('..') ? path.basename(file) : path.relative(REPO, file)})`;
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/octet-stream';
    }
  } else if (step.bodyBytes !== null) {
    // Valid JSON of exactly N bytes, so only the size can be the reason to refuse it.
    const pad = Math.max(0, step.bodyBytes - '{"name":""}'.length);
    body = Buffer.from(`{"name":"${'x'.repeat(pad)}"}`);
    bodyShown = `(${body.length} bytes of JSON)`;
  } else if (step.body !== null) {
    const text = interpolate(step.body, vars, step.where);
    body = Buffer.from(text, 'utf8');
    bodyShown = text;
  }
  if (body !== null && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }
  const pattern = routePattern(ctx.routes, step.method, urlPath);
  if (pattern) ctx.exercised.add(pattern);

  const describeRequest = () =>
    `request: ${step.method} ${urlPath}\n` +
    Object.entries(headers).map(([k, v]) => `  ${k}: ${v}\n`).join('') +
    (bodyShown ? `  ${truncate(bodyShown, 500)}\n` : '');
  let res;
  try {
    res = await request(ctx.port, step.method, urlPath, headers, body);
  } catch (e) {
    return { title, error: `${describeRequest()}no response: ${e.message}` };
  }
  const describeResponse = () =>
    `actual: ${res.status}${res.note ? ` (${res.note})` : ''}\n` +
    Object.entries(res.headers).map(([k, v]) => `  ${k}: ${Array.isArray(v) ? v.join(' | ') : v}\n`).join('') +
    `  ${truncate(res.body)}`;
  if (ctx.opts.verbose) console.log(indent(`${res.status} ${truncate(res.body, 600)}`, '#   '));
  const e = step.expect;
  const expectedBody = e.body === null ? null : interpolate(e.body, vars, e.bodyLine);
  const describeExpected = () =>
    `expected: ${e.statuses.join('|')}\n` + e.headers.map(([k, v]) => `  ${k}: ${v}\n`).join('') +
    (expectedBody !== null ? `  ${expectedBody.replace(/\n/g, '\n  ')}\n` : '');
  const failWith = (why) => {
    // With --keep-going, later steps may still use what this answer holds.
    if (ctx.opts.keepGoing) {
      for (const c of step.captures) {
        try {
          vars[c.name] = evaluate(c.expr, res, step.where);
        } catch {
          // left unset
        }
      }
    }
    return { title, error: `${why}\n${describeRequest()}${describeExpected()}${describeResponse()}` };
  };

  if (!e.statuses.includes(res.status)) return failWith(`status ${res.status}, expected ${e.statuses.join(' or ')}`);
  for (const [k, v] of e.headers) {
    const r = matchHeader(k, interpolate(v, vars, step.where), res);
    if (r) return failWith(r);
  }
  const json = parseJsonOrNull(res.body);
  // Every non-2xx answer carries the error body (API conventions).
  if (res.status >= 300 && step.method !== 'HEAD') {
    const r = match({ error: { code: '<nonempty>', message: '<nonempty>' } }, json);
    if (r) return failWith(`a non-2xx answer must have the error body: ${r}`);
  }
  // Lines starting with "(" are directives (checkDirectives); the others, if any, are JSON.
  const bodyLines = expectedBody === null ? [] : expectedBody.split('\n');
  const directives = bodyLines.filter((l) => l.trim().startsWith('(')).join('\n');
  const jsonPart = bodyLines.filter((l) => !l.trim().startsWith('(')).join('\n');
  if (directives) {
    const r = checkDirectives(directives, res, e.bodyLine);
    if (r) return failWith(r);
  }
  if (expectedBody !== null && jsonPart.trim() !== '') {
    {
      let want;
      try {
        want = JSON.parse(jsonPart);
      } catch (err) {
        throw new ScenarioError(`${e.bodyLine}: expected body is not JSON: ${err.message}`);
      }
      if (json === null && res.body.trim() !== 'null') return failWith('the response body is not JSON');
      const ct = res.headers['content-type'] ?? '';
      if (!/^application\/json\b/.test(ct)) return failWith(`Content-Type is "${ct}", not application/json`);
      const r = match(want, json);
      if (r) return failWith(r);
    }
  }
  for (const c of step.captures) {
    try {
      vars[c.name] = evaluate(c.expr, res, step.where);
    } catch (err) {
      return failWith(err.message);
    }
  }
  for (const s of step.saves) {
    const file = resolveFile(interpolate(s, vars, step.where));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, res.raw);
  }
  return { title };
}

// A file named in a scenario: absolute, or relative to tests/api/ (fixtures/x.csv).
function resolveFile(p) {
  return path.isAbsolute(p) ? p : path.join(HERE, p);
}

// Checks a body written as directives, one a line:
//   (empty)                  no body at all
//   (starts-with TEXT)       the raw body starts with TEXT (e.g. PK for XLSX)
//   (contains TEXT)          the body (UTF-8) contains TEXT; (lacks TEXT): it does not
//   (bytes-at-least N)       the body has at least N bytes
//   (xlsx-rows N)            the first worksheet of the XLSX body has N rows (the header too)
//   (xlsx-row N = a,b,c)     row N (1 = the header) has exactly these cells
//   (xlsx-row N has TEXT)    a cell of row N contains TEXT; (xlsx-row N lacks TEXT)
//   (xlsx-contains TEXT)     some cell of the first worksheet contains TEXT; (xlsx-lacks TEXT)
// Returns null when all hold, else what failed.
function checkDirectives(text, res, where) {
  let sheet = null;
  const rows = () => {
    if (sheet === null) {
      try {
        sheet = fixtures.readXlsx(res.raw);
      } catch (e) {
        throw new Error(`the body is not a readable XLSX file: ${e.message}`);
      }
    }
    return sheet;
  };
  const cellsOf = (n) => (rows()[n - 1] ?? []).map((c) => c ?? '');
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^\(([a-z-]+)(?:\s(.*))?\)$/s.exec(line);
    if (!m) throw new ScenarioError(`${where}: expected a JSON body or (directive) lines, got: ${line}`);
    const [, name, arg = ''] = m;
    try {
      switch (name) {
        case 'empty':
          if (res.raw.length !== 0) return `expected an empty body, got ${res.raw.length} bytes`;
          break;
        case 'starts-with':
          if (!res.raw.subarray(0, Buffer.byteLength(arg)).equals(Buffer.from(arg))) {
            return `the body does not start with "${arg}" (starts with ${JSON.stringify(res.raw.subarray(0, 16).toString('latin1'))})`;
          }
          break;
        case 'contains':
          if (!res.body.includes(arg)) return `the body does not contain "${arg}"`;
          break;
        case 'lacks':
          if (res.body.includes(arg)) return `the body contains "${arg}"`;
          break;
        case 'bytes-at-least':
          if (res.raw.length < Number(arg)) return `the body has ${res.raw.length} bytes, fewer than ${arg}`;
          break;
        case 'xlsx-rows': {
          const n = rows().filter((r) => r && r.some((c) => c !== '')).length;
          if (n !== Number(arg)) return `the worksheet has ${n} non-empty rows, expected ${arg}`;
          break;
        }
        case 'xlsx-row': {
          const r = /^(\d+)\s+(=|has|lacks)\s(.*)$/.exec(arg);
          if (!r) throw new ScenarioError(`${where}: (xlsx-row N = a,b,c), (xlsx-row N has TEXT) or (xlsx-row N lacks TEXT)`);
          const cells = cellsOf(Number(r[1]));
          while (cells.length && cells[cells.length - 1] === '') cells.pop();
          if (r[2] === '=' && cells.join(',') !== r[3]) return `row ${r[1]} is ${JSON.stringify(cells.join(','))}, expected ${JSON.stringify(r[3])}`;
          if (r[2] === 'has' && !cells.some((c) => c.includes(r[3]))) return `no cell of row ${r[1]} contains "${r[3]}": ${JSON.stringify(cells)}`;
          if (r[2] === 'lacks' && cells.some((c) => c.includes(r[3]))) return `a cell of row ${r[1]} contains "${r[3]}": ${JSON.stringify(cells)}`;
          break;
        }
        case 'xlsx-contains':
        case 'xlsx-lacks': {
          const found = rows().some((r) => r && r.some((c) => (c ?? '').includes(arg)));
          if (name === 'xlsx-contains' && !found) return `no cell of the worksheet contains "${arg}"`;
          if (name === 'xlsx-lacks' && found) return `a cell of the worksheet contains "${arg}"`;
          break;
        }
        default:
          throw new ScenarioError(`${where}: unknown body directive (${name} ...)`);
      }
    } catch (e) {
      if (e instanceof ScenarioError) throw e;
      return e.message;
    }
  }
  return null;
}

// scan db|log has|lacks TEXT: the database (SQLite: the file and its -wal/-shm/-journal, raw
// bytes; PostgreSQL: `pg_dump --data-only`) or the server's output so far.
function runScan(step, ctx, db, server) {
  const text = interpolate(step.text, ctx.vars, step.where);
  const title = `scan ${step.target} ${step.want} ${truncate(text, 60)}  (${step.where})`;
  const needle = Buffer.from(text, 'utf8');
  const places = [];  // [name, Buffer]
  if (step.target === 'log') {
    places.push(['server.log', fs.readFileSync(server.logFile)]);
  } else if (db.path) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      if (fs.existsSync(db.path + suffix)) places.push([path.basename(db.path + suffix), fs.readFileSync(db.path + suffix)]);
    }
  } else {
    const r = spawnSync(pgDump(), ['--data-only', '--no-owner', '--no-privileges', '-d', db.url],
                        { maxBuffer: 1 << 30, timeout: 60000 });
    if (r.error || r.status !== 0) {
      return { title, error: `pg_dump failed: ${r.error?.message ?? ''}${r.stderr?.toString() ?? ''}` };
    }
    places.push(['pg_dump --data-only', r.stdout]);
  }
  const hits = places.filter(([, buf]) => buf.indexOf(needle) >= 0).map(([name]) => name);
  const scanned = places.map(([name, buf]) => `${name} (${buf.length} bytes)`).join(', ');
  if (step.want === 'lacks' && hits.length) {
    const [name, buf] = places.find(([n]) => n === hits[0]);
    const at = buf.indexOf(needle);
    const context = buf.subarray(Math.max(0, at - 150), at + needle.length + 150).toString('utf8').replace(/[^\x20-\x7e\u00a0-\uffff\n]/g, '.');
    return { title, error: `"${text}" found in ${hits.join(', ')}\n  ${name} around it:\n${indent(context, '    ')}` };
  }
  if (step.want === 'has' && !hits.length) return { title, error: `"${text}" not found in ${scanned}` };
  return { title };
}

// check distinct V...: no two values are the same (e.g. member numbers captured from requests
// sent in parallel). check consecutive [from N] V...: the values are whole numbers (any number
// of digits) that, sorted, step by one, so they are distinct too; with `from N` the smallest is N.
// The values are the line after interpolation, split at white space.
function runCheck(step, ctx) {
  const words = interpolate(step.values, ctx.vars, step.where).trim().split(/\s+/).filter(Boolean);
  let from = null;
  if (step.what === 'consecutive' && words[0] === 'from') {
    if (words.length < 2) throw new ScenarioError(`${step.where}: check consecutive from N needs N`);
    from = words[1];
    words.splice(0, 2);
  }
  const title = `check ${step.what}${from === null ? '' : ` from ${from}`} of ${words.length} values  (${step.where})`;
  const shown = `values: ${truncate(words.join(' '), 1000)}`;
  if (words.length === 0) return { title, error: 'no values to check' };
  if (step.what === 'distinct') {
    const seen = new Map();
    const dup = [];
    for (const w of words) seen.set(w, (seen.get(w) ?? 0) + 1);
    for (const [w, k] of seen) if (k > 1) dup.push(`${w} (${k} times)`);
    return dup.length ? { title, error: `not distinct: ${dup.join(', ')}\n${shown}` } : { title };
  }
  const bad = [...words, ...(from === null ? [] : [from])].filter((w) => !/^\d+$/.test(w));
  if (bad.length) return { title, error: `not whole numbers: ${bad.join(', ')}\n${shown}` };
  const sorted = words.map((w) => BigInt(w)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (from !== null && sorted[0] !== BigInt(from)) {
    return { title, error: `the smallest is ${sorted[0]}, expected ${from}\n${shown}` };
  }
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k] !== sorted[k - 1] + 1n) {
      return { title, error: `not consecutive: ${sorted[k - 1]} is followed by ${sorted[k]} (sorted)\n${shown}` };
    }
  }
  return { title };
}

// pg_dump of the version the `postgresql` fixture runs (TJ_PG_BIN, else PostgreSQL 15), else
// whatever PATH has.
function pgDump() {
  for (const dir of [process.env.TJ_PG_BIN, '/usr/lib/postgresql/15/bin']) {
    if (dir && fs.existsSync(path.join(dir, 'pg_dump'))) return path.join(dir, 'pg_dump');
  }
  return 'pg_dump';
}

function runExec(step, ctx) {
  const cmd = interpolate(step.command, ctx.vars, step.where);
  const stdin = step.stdin === null ? undefined : `${interpolate(step.stdin, ctx.vars, step.where)}\n`;
  const e = step.expect;
  const title = `exec ${truncate(cmd, 120)} => exit ${e.exit}  (${step.where})`;
  const r = spawnSync('/bin/sh', ['-c', cmd], { input: stdin, encoding: 'utf8', timeout: 60000,
                                                env: { ...process.env } });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const detail = () => `command: ${cmd}\nexit: ${r.status}${r.signal ? ` (signal ${r.signal})` : ''}\noutput:\n${indent(truncate(out), '  ')}`;
  if (r.error) return { title, error: `${r.error.message}\n${detail()}` };
  if (e.exit === 'nonzero' ? r.status === 0 || r.status === null : r.status !== e.exit) {
    return { title, error: `expected exit ${e.exit}\n${detail()}` };
  }
  for (const want of e.output) {
    const w = interpolate(want, ctx.vars, step.where);
    if (!out.includes(w)) return { title, error: `output does not contain "${w}"\n${detail()}` };
  }
  return { title };
}

// ---------------------------------------------------------------------------------------------
// openapi.json covers every documented route

async function checkOpenapi(opts, routes) {
  console.log('# openapi.json lists every route of docs/api.md (and only those)');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tj-api-openapi-'));
  const dataDir = path.join(tmp, 'data');
  fs.mkdirSync(dataDir);
  const url = `sqlite:${path.join(tmp, 'tuanjian.db')}`;
  const env = { ...process.env, TUANJIAN_INITIAL_PASSWORD: INITIAL_PASSWORD, TUANJIAN_DEMO_ACTIVITY: '0' };
  let server = null;
  let n = 0;
  let failed = false;
  const ok = (what) => console.log(`ok ${++n} - ${what}`);
  const notOk = (what, detail) => {
    failed = true;
    console.log(`not ok ${++n} - ${what}`);
    if (detail) console.log(indent(detail));
  };
  try {
    if (routes.length < 10) notOk(`docs/api.md lists routes`, `only ${routes.length} routes parsed from ${opts.docs}`);
    const demo = sh(opts.server, ['demo', '--db', url, '--data', dataDir], { env });
    if (demo.status !== 0) {
      notOk('tuanjian demo', `exit ${demo.status}\n${demo.stdout}${demo.stderr}`);
      return false;
    }
    const port = await freePort();
    server = new Server(opts.server, ['serve', '--db', url, '--data', dataDir, '--listen', `127.0.0.1:${port}`],
                        env, path.join(tmp, 'server.log'));
    await waitForHealth(port, server.proc, 20000);
    const res = await request(port, 'GET', '/api/v1/openapi.json', {}, null);
    const doc = parseJsonOrNull(res.body);
    if (res.status !== 200 || !doc) {
      notOk('GET /api/v1/openapi.json answers 200 JSON', `status ${res.status}\n${truncate(res.body)}`);
      return false;
    }
    ok('GET /api/v1/openapi.json answers 200 JSON');
    if (typeof doc.openapi === 'string' && doc.openapi.startsWith('3.0')) ok(`openapi ${doc.openapi}`);
    else notOk('the document is OpenAPI 3.0', `openapi: ${show(doc.openapi)}`);

    // Paths may be written in full (/api/v1/orgs) or under a server URL ending in /api/v1.
    let prefix = '';
    const serverUrl = doc.servers?.[0]?.url ?? '';
    const sp = /^(?:[a-z]+:\/\/[^/]+)?(\/.*)?$/.exec(serverUrl)?.[1] ?? '';
    if (sp && sp !== '/') prefix = sp.replace(/\/$/, '');
    const norm = (p) => p.replace(/\{[^}]+\}/g, '{}');
    const published = new Set();
    for (const [p, item] of Object.entries(doc.paths ?? {})) {
      const full = p.startsWith('/api/') ? p : `${prefix}${p}`;
      for (const m of Object.keys(item ?? {})) {
        if (METHODS.includes(m.toUpperCase())) published.add(`${m.toUpperCase()} ${norm(full)}`);
      }
    }
    const documented = new Set(routes.map((r) => `${r.method} ${norm(r.path)}`));
    let missing = 0;
    for (const r of routes) {
      const key = `${r.method} ${norm(r.path)}`;
      if (published.has(key)) ok(`openapi.json has ${r.method} ${r.path}`);
      else {
        missing++;
        notOk(`openapi.json has ${r.method} ${r.path}`);
      }
    }
    if (missing) console.log(`# openapi.json publishes (${published.size}):\n${[...published].sort().map((k) => `#   ${k}`).join('\n')}`);
    for (const key of [...published].sort()) {
      if (!documented.has(key)) notOk(`docs/api.md documents ${key} (published in openapi.json)`);
    }

    // What the scenarios exercised (informational: the scenarios may not have run yet).
    if (opts.routesDir && fs.existsSync(opts.routesDir)) {
      const seen = new Set();
      for (const f of fs.readdirSync(opts.routesDir)) {
        for (const l of fs.readFileSync(path.join(opts.routesDir, f), 'utf8').split('\n')) if (l) seen.add(l);
      }
      const missing = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !seen.has(k));
      console.log(`# scenarios exercised ${routes.length - missing.length} of ${routes.length} documented routes`);
      for (const k of missing) console.log(`#   not exercised: ${k}`);
    }
  } catch (e) {
    notOk('runner error', `${e.stack}${server ? `\nserver log:\n${indent(server.tail())}` : ''}`);
  } finally {
    if (server) {
      const stop = await server.stop();
      if (stop.code === 0) ok('SIGTERM stops the server with exit code 0');
      else notOk('SIGTERM stops the server with exit code 0', JSON.stringify(stop));
    }
    console.log(`1..${n}`);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return !failed;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.syntaxOnly) {
    let bad = 0;
    const count = (steps) => steps.reduce((n, s) => n + (s.steps ? count(s.steps) : 1), 0);
    for (const f of opts.files) {
      try {
        const s = parseScenario(f);
        console.log(`ok - ${path.basename(f)}: ${count(s.steps)} steps: ${s.title}`);
      } catch (e) {
        bad++;
        console.log(`not ok - ${e.message}`);
      }
    }
    process.exit(bad ? 1 : 0);
  }
  if (!fs.existsSync(opts.server)) {
    console.error(`run.mjs: no server binary at ${opts.server}`);
    process.exit(2);
  }
  const routes = docRoutes(opts.docs);
  if (opts.checkOpenapi) {
    process.exit((await checkOpenapi(opts, routes)) ? 0 : 1);
  }
  const results = [];
  for (const f of opts.files) {
    let passed;
    try {
      passed = await runScenario(f, opts, routes);
    } catch (e) {
      console.log(`not ok - ${f}: ${e.message}`);
      passed = false;
    }
    results.push([f, passed]);
  }
  const bad = results.filter(([, p]) => !p);
  console.log(`# ${results.length - bad.length} of ${results.length} scenarios passed [${opts.backend}]`);
  for (const [f] of bad) console.log(`# FAILED ${path.basename(f)}`);
  process.exit(bad.length ? 1 : 0);
}

main();
