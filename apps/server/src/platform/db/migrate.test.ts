import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { createTestDb } from '../../testing/db.ts';
import { listMigrations, migrate } from './migrate.ts';

test('two processes migrating an empty database at once apply each migration exactly once', async () => {
  const url = await createTestDb({ empty: true });
  const [a, b] = await Promise.all([migrate(url), migrate(url)]);
  const all = listMigrations().map((m) => m.name);
  assert.deepEqual(
    [...a.applied, ...b.applied].sort(),
    all.sort(),
    'each migration applied by exactly one process',
  );
  const d = new pg.Client({ connectionString: url });
  await d.connect();
  const rows = await d.query('SELECT name FROM platform_migration ORDER BY name');
  await d.end();
  assert.deepEqual(
    rows.rows.map((r) => r.name),
    all,
  );
});
