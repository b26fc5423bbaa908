// Test databases: every test file gets its own database, cloned from a migrated template that
// scripts/test.ts prepared on the server under test (embedded, then TEST_DATABASE_URL if set).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import pg from 'pg';

export const TEST_SECRET_KEY = 'a1'.repeat(32);

function adminUrl(): string {
  const url = process.env.ZT_TEST_ADMIN_URL;
  if (!url) throw new Error('ZT_TEST_ADMIN_URL is not set: run the suite with `npm test` (scripts/test.ts)');
  return url;
}

/**
 * A fresh database, dropped when the test file ends: cloned from the migrated template, or with
 * `empty` from template0 (nothing in it: migration and restore tests).
 */
export async function createTestDb(opts: { empty?: boolean } = {}): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  // The run's own prefix (scripts/test.ts): runs sharing a server never touch each other's databases.
  const name = `${process.env.ZT_TEST_DB_PREFIX ?? 'zt_t_'}${randomBytes(6).toString('hex')}`;
  const template = opts.empty ? "template0 ENCODING 'UTF8'" : (process.env.ZT_TEST_TEMPLATE ?? 'zt_template');
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  after(async () => {
    const c = new pg.Client({ connectionString: adminUrl() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await c.end();
  });
  return u.toString();
}

export function testDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-test-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
