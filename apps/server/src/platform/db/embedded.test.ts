import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { testDataDir } from '../../testing/db.ts';
import { acquireDataDirLock, startEmbeddedPostgres } from './embedded.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

async function count(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const r = await c.query('SELECT count(*)::int AS n FROM survivor');
  await c.end();
  return r.rows[0].n as number;
}

test('the embedded server recovers after its owner is killed, keeping committed data', async () => {
  const dir = testDataDir();
  // A child process starts the server, commits a row, then dies without stopping it (like kill -9).
  const script = `
    import { startEmbeddedPostgres, acquireDataDirLock } from ${JSON.stringify(path.join(here, 'embedded.ts'))};
    import pg from 'pg';
    acquireDataDirLock(process.argv[1]);
    const s = await startEmbeddedPostgres(process.argv[1]);
    const c = new pg.Client({ connectionString: s.url });
    await c.connect();
    await c.query('CREATE TABLE survivor (n int)');
    await c.query('INSERT INTO survivor VALUES (1), (2)');
    await c.end();
    process.stdout.write('ready ' + s.pid + '\\n');
    process.kill(process.pid, 'SIGKILL');`;
  const out = await new Promise<string>((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let s = '';
    child.stdout.on('data', (c: Buffer) => {
      s += c.toString();
    });
    child.on('close', () => resolve(s));
  });
  const leftoverPid = Number(out.match(/ready (\d+)/)?.[1]);
  assert.ok(leftoverPid > 0, 'child started a server');
  assert.ok(fs.existsSync(path.join(dir, 'zhengtong.pid')), 'the dead owner left its lock file');

  // The next start takes over the stale lock, stops the leftover server and starts cleanly.
  const release = acquireDataDirLock(dir);
  const server = await startEmbeddedPostgres(dir);
  try {
    assert.notEqual(server.pid, leftoverPid);
    assert.throws(() => process.kill(leftoverPid, 0), 'leftover server was stopped');
    assert.equal(await count(server.url), 2);
  } finally {
    await server.stop();
    release();
  }
});

test('a second Zhengtong process on the same data folder is refused with a clear message', async () => {
  const dir = testDataDir();
  const release = acquireDataDirLock(dir);
  try {
    // This test process holds the lock, as a running Zhengtong would; a real second start must refuse.
    const child = spawn(process.execPath, [path.join(here, '../../main.ts')], {
      env: { ...process.env, ZT_DATA_DIR: dir, PORT: '0', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 3);
    assert.match(err, new RegExp(`数据目录 .* 正被另一个政通进程（PID ${process.pid}）使用`));
  } finally {
    release();
  }
});
