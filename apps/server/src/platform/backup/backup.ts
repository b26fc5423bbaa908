// Backup: one .tar.gz holding manifest.json, one CSV per table and the blobs of the file store.
//
// Consistency while the platform runs: every table is read inside ONE repeatable-read, read-only
// transaction, so all CSVs come from the same snapshot (an audit entry and the change it records are
// either both in the backup or both absent). Blobs are immutable and written to disk before the rows
// that name them commit, so copying the blobs listed by the snapshot's platform_blob rows after the
// snapshot finds every one. CSV is used because it loads into any PostgreSQL from 15 on.
// See restore.ts for the way back and docs/adr for the decision.
import { createHash, hkdfSync } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import * as tar from 'tar';
import type { FileStore } from '../context.ts';
import { type Clock, systemClock } from '../db/clock.ts';

export const BACKUP_FORMAT = 'zhengtong-backup';
export const BACKUP_FORMAT_VERSION = 1;

export type Progress = (msg: string) => void | Promise<void>;

export interface BackupTable {
  name: string;
  /** Path of the table's CSV inside the archive. */
  file: string;
  columns: string[];
  rows: number;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  postgresVersion: string;
  /** Migrations applied to the database the backup was taken from, in order. */
  migrations: { name: string; checksum: string }[];
  tables: BackupTable[];
  sequences: { name: string; lastValue: number; isCalled: boolean }[];
  blobs: { count: number; bytes: number; missing: string[] };
  /**
   * Identifies the master key (ZT_SECRET_KEY or secrets.json) the data was encrypted and chained
   * with, without revealing it: restore refuses a different key, which would leave personal data
   * unreadable and the audit chain unverifiable.
   */
  keyFingerprint: string | null;
}

/** A one-way tag of the master key, safe to store beside the data. */
export function keyFingerprint(masterKey: Buffer): string {
  const k = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'zhengtong:backup-key-check', 32));
  return createHash('sha256').update(k).digest('hex').slice(0, 24);
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Session settings shared by backup and restore, so values are written and read the same way. */
export async function setPortableSession(c: pg.Client): Promise<void> {
  await c.query(`SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD';
    SET IntervalStyle = 'postgres'; SET extra_float_digits = 3; SET bytea_output = 'hex';
    SET client_min_messages = warning`);
}

export interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
}

/** Tables of the public schema (partitioned parents, not their partitions), except the migration log. */
export async function listTables(c: pg.Client): Promise<TableInfo[]> {
  const r = await c.query<{ name: string; columns: string[] | null; pk: string[] | null }>(
    `SELECT c.relname::text AS name,
       (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns,
       (SELECT array_agg(a.attname::text ORDER BY array_position(i.indkey::int2[], a.attnum))
          FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
         WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND c.relname <> 'platform_migration'
     ORDER BY c.relname`,
  );
  return r.rows.map((t) => ({ name: t.name, columns: t.columns ?? [], primaryKey: t.pk ?? [] }));
}

export function blobArchivePath(sha256: string): string {
  return `files/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

function stamp(d: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}`;
}

/** backups/zhengtong-YYYYMMDD-HHmmss.tar.gz, in Beijing time. */
export function defaultBackupPath(now: Date, dir = 'backups'): string {
  return path.join(dir, `zhengtong-${stamp(now)}.tar.gz`);
}

async function linkOrCopy(src: string, dst: string): Promise<void> {
  await fsp.mkdir(path.dirname(dst), { recursive: true });
  try {
    // A hard link costs no space; blobs never change, so sharing the inode is safe.
    await fsp.link(src, dst);
  } catch {
    await fsp.copyFile(src, dst);
  }
}

export interface BackupOptions {
  databaseUrl: string;
  files: FileStore;
  /** The archive to write; written as <out>.partial and renamed when complete. */
  out: string;
  keyFingerprint?: string | null;
  progress?: Progress;
  clock?: Clock;
}

export async function createBackup(
  opts: BackupOptions,
): Promise<{ file: string; manifest: BackupManifest; bytes: number }> {
  const progress: Progress = opts.progress ?? (() => {});
  const clock = opts.clock ?? systemClock;
  const out = path.resolve(opts.out);
  if (fs.existsSync(out)) throw new Error(`备份文件 ${out} 已存在，不会覆盖`);
  await fsp.mkdir(path.dirname(out), { recursive: true });
  const staging = await fsp.mkdtemp(path.join(path.dirname(out), '.zt-backup-'));
  const partial = `${out}.partial`;
  try {
    await fsp.mkdir(path.join(staging, 'tables'));
    await fsp.mkdir(path.join(staging, 'files'));

    const c = new pg.Client({ connectionString: opts.databaseUrl, application_name: 'zhengtong-backup' });
    await c.connect();
    let manifest: BackupManifest;
    let blobs: { sha256: string; size: number }[];
    try {
      await setPortableSession(c);
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // The snapshot is taken by the first statement of the transaction and holds for all below.
      const hasMigrations = await c.query(
        `SELECT to_regclass('public.platform_migration') IS NOT NULL AS ok`,
      );
      if (!hasMigrations.rows[0]?.ok) throw new Error('目标库不是政通数据库（没有 platform_migration 表）');
      const migrations = (
        await c.query<{ name: string; checksum: string }>(
          'SELECT name, checksum FROM platform_migration ORDER BY name',
        )
      ).rows;
      const version = (await c.query<{ v: string }>('SHOW server_version')).rows[0]?.v ?? '';
      const tables = await listTables(c);
      const seqNames = (
        await c.query<{ name: string }>(
          `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
        )
      ).rows.map((r) => r.name);
      const sequences: BackupManifest['sequences'] = [];
      for (const name of seqNames) {
        const s = await c.query<{ last_value: string; is_called: boolean }>(
          `SELECT last_value::text, is_called FROM ${quoteIdent(name)}`,
        );
        const row = s.rows[0];
        if (row) sequences.push({ name, lastValue: Number(row.last_value), isCalled: row.is_called });
      }
      blobs = tables.some((t) => t.name === 'platform_blob')
        ? (
            await c.query<{ sha256: string; size: number }>(
              'SELECT sha256, size FROM platform_blob ORDER BY sha256',
            )
          ).rows
        : [];

      const done: BackupTable[] = [];
      for (const [i, t] of tables.entries()) {
        const cols = t.columns.map(quoteIdent).join(', ');
        // Primary keys are UUIDv7, so key order is creation order: parents precede their children,
        // which lets a self-referencing table (idn_org.parent_id) load in one COPY.
        const order = t.primaryKey.length > 0 ? ` ORDER BY ${t.primaryKey.map(quoteIdent).join(', ')}` : '';
        const file = `tables/${t.name}.csv`;
        const stream = c.query(
          copyTo(
            `COPY (SELECT ${cols} FROM ${quoteIdent(t.name)}${order}) TO STDOUT WITH (FORMAT csv, HEADER true)`,
          ),
        );
        await pipeline(stream, fs.createWriteStream(path.join(staging, file), { flags: 'wx' }));
        done.push({ name: t.name, file, columns: t.columns, rows: stream.rowCount });
        await progress(`备份：表 ${i + 1}/${tables.length} ${t.name}（${stream.rowCount} 行）`);
      }
      await c.query('COMMIT');
      manifest = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt: clock.now().toISOString(),
        postgresVersion: version,
        migrations,
        tables: done,
        sequences,
        blobs: { count: 0, bytes: 0, missing: [] },
        keyFingerprint: opts.keyFingerprint ?? null,
      };
    } finally {
      await c.end().catch(() => {});
    }

    const step = Math.max(1, Math.round(blobs.length / 20));
    for (const [i, b] of blobs.entries()) {
      const src = opts.files.blobPath(b.sha256);
      if (!src) throw new Error('当前文件存储不在本地磁盘上，备份暂不支持远程文件存储');
      const st = await fsp.stat(src).catch(() => null);
      if (!st?.isFile()) {
        manifest.blobs.missing.push(b.sha256);
        await progress(`备份：警告：文件 ${b.sha256} 在文件存储中缺失，未能备份`);
      } else {
        await linkOrCopy(src, path.join(staging, blobArchivePath(b.sha256)));
        manifest.blobs.count++;
        manifest.blobs.bytes += st.size;
      }
      if ((i + 1) % step === 0 || i + 1 === blobs.length)
        await progress(`备份：文件 ${i + 1}/${blobs.length}`);
    }

    await fsp.writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await progress('备份：正在压缩归档…');
    await tar.c({ gzip: true, file: partial, cwd: staging, portable: true }, [
      'manifest.json',
      'tables',
      'files',
    ]);
    const fh = await fsp.open(partial, 'r+');
    await fh.sync().finally(() => fh.close());
    await fsp.rename(partial, out);
    const bytes = (await fsp.stat(out)).size;
    return { file: out, manifest, bytes };
  } finally {
    await fsp.rm(staging, { recursive: true, force: true });
    await fsp.rm(partial, { force: true });
  }
}
