import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import { listMigrations, migrate } from './migrate.ts';

test('two processes migrating an empty database at once apply each migration exactly once', async () => {
  const admin = process.env.ZT_TEST_ADMIN_URL as string;
  const name = `zt_t_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  after(async () => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const [a, b] = await Promise.all([migrate(u.toString()), migrate(u.toString())]);
  const all = listMigrations().map((m) => m.name);
  assert.deepEqual([...a.applied, ...b.applied].sort(), all.sort(), 'each migration applied by exactly one process');
  const d = new pg.Client({ connectionString: u.toString() });
  await d.connect();
  const rows = await d.query('SELECT name FROM platform_migration ORDER BY name');
  await d.end();
  assert.deepEqual(
    rows.rows.map((r) => r.name),
    all,
  );
});
