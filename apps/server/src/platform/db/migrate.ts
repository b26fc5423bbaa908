import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../db/migrations',
);

// Any constant shared by all Zhengtong processes; two processes starting together queue on it.
const MIGRATION_LOCK = 7_310_220_260;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies pending migrations in name order, each in its own transaction, under a session advisory
 * lock so concurrent starts serialise. A migration whose file changed after it was applied stops the
 * start: migrations are forward-only and never edited once they land.
 */
export async function migrate(
  connectionString: string,
  opts: { progress?: (msg: string) => void; dir?: string } = {},
): Promise<{ applied: string[] }> {
  const client = new pg.Client({ connectionString, application_name: 'zhengtong-migrate' });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SET client_min_messages = warning');
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS platform_migration (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Map(
      (
        await client.query<{ name: string; checksum: string }>(
          'SELECT name, checksum FROM platform_migration',
        )
      ).rows.map((r) => [r.name, r.checksum]),
    );
    const files = listMigrations(opts.dir);
    const pending = files.filter((f) => !done.has(f.name));
    for (const f of files) {
      const sum = done.get(f.name);
      if (sum && sum !== f.checksum) {
        throw new Error(`迁移文件 ${f.name} 在应用后被修改（校验和不符）；迁移只能新增，不能修改。`);
      }
    }
    let i = 0;
    for (const f of pending) {
      i++;
      opts.progress?.(`数据库迁移 ${i}/${pending.length}：${f.name}`);
      await client.query('BEGIN');
      try {
        await client.query(f.sql);
        await client.query('INSERT INTO platform_migration (name, checksum) VALUES ($1, $2)', [
          f.name,
          f.checksum,
        ]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`迁移 ${f.name} 失败：${(e as Error).message}`);
      }
      applied.push(f.name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
  return { applied };
}
