// The whole test suite: `npm test`.
// 1. starts a throw-away embedded PostgreSQL server and migrates a template database on it;
// 2. runs every test file with Node's test runner (each file clones its own database);
// 3. when TEST_DATABASE_URL is set, prepares a template there and runs the suite again on that server.
// Browser tests need Debian's chromium; without it they are skipped unless ZT_REQUIRE_BROWSER=1.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../apps/server/src/platform/db/embedded.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';

const args = process.argv.slice(2);
// Node's runner takes files and globs, not folders: a folder argument means every test below it.
function toGlob(a: string): string {
  return fs.existsSync(a) && fs.statSync(a).isDirectory() ? `${a.replace(/\/$/, '')}/**/*.test.ts` : a;
}
const only = args.filter((a) => !a.startsWith('--'));
const patterns =
  only.length > 0
    ? only.map(toGlob)
    : [
        'apps/server/src/**/*.test.ts',
        'apps/shared/**/*.test.ts',
        'tests/**/*.test.ts',
        'scripts/**/*.test.ts',
      ];
const concurrency = Number(process.env.ZT_TEST_CONCURRENCY ?? Math.max(2, os.availableParallelism()));

/**
 * This run's names on a database server: `zt_r<pid>_<random>_` for its test databases and its template.
 * Several runs may share one server (a developer's and CI's, or two at once): each drops only its own
 * databases and the leftovers of runs whose process has ended on this machine.
 */
const RUN_PREFIX = `zt_r${process.pid}_${randomBytes(3).toString('hex')}_`;
const RUN_DB_RE = /^zt_r(\d+)_[0-9a-f]{6}_/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function prepareTemplate(adminUrl: string, template: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query('SET client_min_messages = warning');
  // Leftovers of interrupted runs (and of the single-template naming used before runs had prefixes).
  const old = await c.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'zt\\_r%' OR datname LIKE 'zt\\_t\\_%' OR datname = 'zt_template'`,
  );
  for (const { datname } of old.rows) {
    const m = RUN_DB_RE.exec(datname);
    if (m && alive(Number(m[1]))) continue;
    await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
  await c.query(`CREATE DATABASE ${template}`);
  await c.end();
  const u = new URL(adminUrl);
  u.pathname = `/${template}`;
  await migrate(u.toString());
}

async function dropTemplate(adminUrl: string, template: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => {});
  await c.end();
}

interface RunResult {
  pass: number;
  fail: number;
  skipped: number;
  code: number;
}

function runSuite(label: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  console.log(`\n▶ 测试套件（${label}）：${patterns.join(' ')}，并发 ${concurrency}`);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...patterns],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      process.stdout.write(c);
      out += c.toString();
    });
    child.on('close', (code) => {
      const num = (k: string) => Number(out.match(new RegExp(`ℹ ${k} (\\d+)`))?.[1] ?? 0);
      resolve({ pass: num('pass'), fail: num('fail'), skipped: num('skipped'), code: code ?? 1 });
    });
  });
}

const started = Date.now();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-suite-'));
const results: { label: string; r: RunResult }[] = [];
const server = await startEmbeddedPostgres(tmp, { progress: (m) => console.log(`  ${m}`) });
try {
  await prepareTemplate(server.url, `${RUN_PREFIX}template`);
  results.push({
    label: 'embedded PostgreSQL',
    r: await runSuite('内置 PostgreSQL', {
      ZT_TEST_ADMIN_URL: server.url,
      ZT_TEST_TEMPLATE: `${RUN_PREFIX}template`,
      ZT_TEST_DB_PREFIX: `${RUN_PREFIX}t_`,
      ZT_TEST_TARGET: 'embedded',
    }),
  });
} finally {
  await server.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}

if (process.env.TEST_DATABASE_URL) {
  const template = `${RUN_PREFIX}template`;
  await prepareTemplate(process.env.TEST_DATABASE_URL, template);
  results.push({
    label: 'TEST_DATABASE_URL server',
    r: await runSuite('TEST_DATABASE_URL 服务器', {
      ZT_TEST_ADMIN_URL: process.env.TEST_DATABASE_URL,
      ZT_TEST_TEMPLATE: template,
      ZT_TEST_DB_PREFIX: `${RUN_PREFIX}t_`,
      ZT_TEST_TARGET: 'server',
    }),
  });
  await dropTemplate(process.env.TEST_DATABASE_URL, template);
}

const total = results.reduce(
  (a, { r }) => ({ pass: a.pass + r.pass, fail: a.fail + r.fail, skipped: a.skipped + r.skipped }),
  { pass: 0, fail: 0, skipped: 0 },
);
console.log('');
for (const { label, r } of results)
  console.log(`${label}: ${r.pass} passed, ${r.fail} failed, ${r.skipped} skipped`);
console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
const failed = results.some(({ r }) => r.code !== 0) || total.fail > 0 || total.pass === 0;
console.log(`tests: ${total.pass} passed, ${total.fail} failed, ${total.skipped} skipped`);
process.exit(failed ? 1 : 0);
