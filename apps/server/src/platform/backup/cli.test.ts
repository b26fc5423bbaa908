// The operator's commands as an operator runs them: a child process, its output and its exit code.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestApp, createTestDb, TEST_SECRET_KEY, testDataDir } from '../../testing/harness.ts';
import { systemActor } from '../audit/audit.ts';
import { withTx } from '../db/pool.ts';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cli.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function zt(args: string[], env: Record<string, string>, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ZT_LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

const { ctx } = await createTestApp();
await withTx(ctx.pool, async (tx) => {
  for (const action of ['calendar.update', 'org.create', 'user.create']) {
    await ctx.audit.record(tx, systemActor, { action, objectType: 'test', summary: `命令行测试：${action}` });
  }
});
const sourceEnv = {
  DATABASE_URL: ctx.databaseUrl,
  ZT_DATA_DIR: ctx.config.dataDir,
  ZT_SECRET_KEY: TEST_SECRET_KEY,
};
const archive = path.join(testDataDir(), 'zt.tar.gz');

describe('zt command line', () => {
  test('help and unknown commands', async () => {
    const help = await zt(['help'], {});
    assert.equal(help.code, 0);
    assert.match(help.stdout, /用法/);
    assert.match(help.stdout, /restore <文件>/);
    const unknown = await zt(['frobnicate'], {});
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /未知命令：frobnicate/);
    const bad = await zt(['backup', '--outfile', 'x'], sourceEnv);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /参数有误/);
  });

  test('backup writes one archive with Chinese progress and refuses to overwrite it', async () => {
    const r = await zt(['backup', '--out', archive], sourceEnv);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /备份：表 1\/\d+ \S+（\d+ 行）/);
    assert.match(r.stdout, /备份完成：/);
    assert.match(r.stdout, /ZT_SECRET_KEY/);
    assert.ok(fs.statSync(archive).size > 0);
    const again = await zt(['backup', '--out', archive], sourceEnv);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /已存在/);
  });

  test('restore refuses a database that is not empty, and fills an empty one', async () => {
    const refused = await zt(['restore', archive], sourceEnv);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /不是空的/);

    const target = await createTestDb({ empty: true });
    const env = { DATABASE_URL: target, ZT_DATA_DIR: testDataDir(), ZT_SECRET_KEY: TEST_SECRET_KEY };
    const r = await zt(['restore', archive], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /恢复：表 \d+\/\d+ aud_entry（3 行）/);
    assert.match(r.stdout, /恢复完成/);

    const verify = await zt(['verify-audit'], env);
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, /审计链完整：已校验 3 条记录/);

    const missing = await zt(['restore'], env);
    assert.equal(missing.code, 2);
    const absent = await zt(['restore', path.join(testDataDir(), 'nope.tar.gz')], env);
    assert.equal(absent.code, 1);
    assert.match(absent.stderr, /找不到备份文件/);
  });

  test('verify-audit exits 3 and names the entry when a row was edited', async () => {
    // A first run seals (chains) the entries written so far and finds them intact.
    const intact = await zt(['verify-audit'], sourceEnv);
    assert.equal(intact.code, 0, intact.stdout);
    const c = new pg.Client({ connectionString: ctx.databaseUrl });
    await c.connect();
    // Only a database superuser can get past the append-only trigger; that is the attack to detect.
    await c.query('ALTER TABLE aud_entry DISABLE TRIGGER aud_entry_no_update');
    await c.query(`UPDATE aud_entry SET summary = '被篡改' WHERE seq = 2`);
    await c.query('ALTER TABLE aud_entry ENABLE TRIGGER aud_entry_no_update');
    await c.end();
    const r = await zt(['verify-audit'], sourceEnv);
    assert.equal(r.code, 3);
    assert.match(r.stdout, /审计链校验未通过：前 1 条完好，第 2 条/);
  });

  test('create-admin creates the first administrator once', async () => {
    const env = {
      DATABASE_URL: await createTestDb({ empty: true }),
      ZT_DATA_DIR: testDataDir(),
      ZT_SECRET_KEY: TEST_SECRET_KEY,
    };
    const usage = await zt(['create-admin', '--username', 'admin'], env);
    assert.equal(usage.code, 2);
    const args = [
      'create-admin',
      '--username',
      'lishui.admin',
      '--password',
      '-',
      '--name',
      '李明',
      '--org',
      '丽水市人民政府',
    ];
    const r = await zt(args, env, 'Zt#Lishui-2026-Admin\n');
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /已创建系统管理员 lishui\.admin/);
    const again = await zt(args, env, 'Zt#Lishui-2026-Admin\n');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /系统管理员已存在/);
  });
});
