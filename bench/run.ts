// `npm run bench`: cold start to ready and idle memory (embedded, existing data), then requests/s and
// p99 at 50 connections for an authenticated JSON route and the portal home page (rendered, and from
// the page cache), on the embedded server and, when one answers, on the machine's PostgreSQL server.
// Load is generated from this process on the same machine, so the figures are conservative.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const MAIN = path.join(ROOT, 'apps/server/src/main.ts');
const SERVER_PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const say = (m: string) => process.stderr.write(`[bench] ${m}\n`);

interface Started {
  child: ChildProcess;
  port: number;
  readyMs: number;
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function start(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ZT_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${err}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (r.ok) break;
    } catch {}
    await sleep(20);
  }
  return { child, port, readyMs: performance.now() - t0 };
}

async function stop(s: Started): Promise<void> {
  s.child.kill('SIGTERM');
  await new Promise((r) => s.child.once('exit', r));
}

/** Proportional set size (shared pages split between processes) in MB, of a process and its descendants. */
function pssTree(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {}
  }
  let total = 0;
  const walk = (pid: number) => {
    try {
      const m = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      total += Number(m?.[1] ?? 0);
    } catch {}
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(rootPid);
  return total / 1024;
}

async function login(port: number): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${port}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'citizen1', password: 'Demo@2026' }),
  });
  if (!r.ok) throw new Error(`login failed ${r.status}`);
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('zt_session='));
  return (cookie ?? '').split(';')[0] as string;
}

async function load(url: string, headers: Record<string, string> = {}) {
  // Warm up, then measure.
  await autocannon({ url, connections: 50, duration: 2, headers });
  const r = await autocannon({ url, connections: 50, duration: DURATION, headers });
  const ok = r.non2xx === 0 && r.errors === 0;
  return { rps: Math.round(r.requests.average), p99: r.latency.p99, ok };
}

type Row = [string, string, string];
const rows: Row[] = [];

async function measureHttp(label: string, port: number): Promise<void> {
  const cookie = await login(port);
  const base = `http://127.0.0.1:${port}`;
  const fmt = (x: { rps: number; p99: number; ok: boolean }) => `${x.rps} req/s, p99 ${x.p99} ms${x.ok ? '' : ' (errors!)'}`;
  say(`${label}: authenticated JSON GET /api/v1/session`);
  rows.push([label, 'authenticated JSON (GET /api/v1/session), 50 conns', fmt(await load(`${base}/api/v1/session`, { cookie }))]);
  say(`${label}: portal home rendered (signed-in citizen, no cache)`);
  rows.push([label, 'portal home, rendered per request, 50 conns', fmt(await load(`${base}/`, { cookie }))]);
  say(`${label}: portal home from the page cache (anonymous)`);
  rows.push([label, 'portal home, from page cache, 50 conns', fmt(await load(`${base}/`))]);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-bench-'));
try {
  say('first start (initialise + demo seed), not measured');
  const first = await start({ ZT_DATA_DIR: dataDir, DATABASE_URL: '' });
  rows.push(['embedded', 'first start incl. initdb + demo seed', `${Math.round(first.readyMs)} ms`]);
  await stop(first);

  say('cold start on existing data');
  const s = await start({ ZT_DATA_DIR: dataDir, DATABASE_URL: '' });
  rows.push(['embedded', 'cold start to ready (existing data)', `${Math.round(s.readyMs)} ms`]);
  await sleep(3000);
  rows.push(['embedded', 'idle memory, Node + embedded PostgreSQL (PSS)', `${pssTree(s.child.pid as number).toFixed(0)} MB`]);
  await measureHttp('embedded', s.port);
  rows.push(['embedded', 'memory after load (PSS)', `${pssTree(s.child.pid as number).toFixed(0)} MB`]);
  await stop(s);

  let serverOk = false;
  const c = new pg.Client({ connectionString: SERVER_PG, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    serverOk = true;
  } catch {
    say(`no PostgreSQL server at ${SERVER_PG}: skipping the server rows`);
  }
  if (serverOk) {
    const v = (await c.query('SHOW server_version')).rows[0].server_version as string;
    await c.query('DROP DATABASE IF EXISTS zt_bench WITH (FORCE)');
    await c.query('CREATE DATABASE zt_bench');
    await c.end();
    const u = new URL(SERVER_PG);
    u.pathname = '/zt_bench';
    const label = `PostgreSQL ${v.split(' ')[0]}`;
    const s2 = await start({ DATABASE_URL: u.toString(), ZT_DATA_DIR: dataDir, ZT_SECRET_KEY: 'b2'.repeat(32) });
    rows.push([label, 'first start incl. migrations + demo seed', `${Math.round(s2.readyMs)} ms`]);
    await measureHttp(label, s2.port);
    await stop(s2);
  }
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const w0 = Math.max(...rows.map((r) => r[0].length), 8);
const w1 = Math.max(...rows.map((r) => r[1].length), 6);
console.log(`\n${'database'.padEnd(w0)} | ${'measure'.padEnd(w1)} | result`);
console.log(`${'-'.repeat(w0)}-|-${'-'.repeat(w1)}-|-------`);
for (const r of rows) console.log(`${r[0].padEnd(w0)} | ${r[1].padEnd(w1)} | ${r[2]}`);
console.log(`\n${os.cpus().length} cores, Node ${process.version}, ${DURATION} s per measure, load generator on the same machine`);
