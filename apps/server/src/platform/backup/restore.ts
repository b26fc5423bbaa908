// Restore a backup made by backup.ts into an EMPTY target: an empty data folder (the embedded server is
// initialised and started here) or an empty database named by DATABASE_URL. Order matters:
//   1. check the archive (format, migrations this code knows, the master key) before touching anything;
//   2. create the schema with exactly the migrations the backup was taken at, so old rows load into the
//      schema they were written for (newer migrations run on the next normal start, back-fills included);
//   3. put the blobs in the file store, each checked against its SHA-256 name;
//   4. load all tables in one transaction in foreign-key order, check every row count, then commit.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import * as tar from 'tar';
import { type Database, openDatabase } from '../bootstrap.ts';
import type { Config } from '../config/load-config.ts';
import { listMigrations } from '../db/migrate.ts';
import { DiskFileStore, writeFileAtomic } from '../files/file-store.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupManifest,
  blobArchivePath,
  keyFingerprint,
  listTables,
  type Progress,
  quoteIdent,
  setPortableSession,
} from './backup.ts';

/** A refusal or failure the operator must act on; the message says what to do. */
export class RestoreError extends Error {}

/** Entries a data folder may hold and still count as empty: the master key brought from the old folder. */
const ALLOWED_IN_EMPTY_DATA_DIR = new Set(['secrets.json']);

/**
 * Load order: every table after the tables it references. Self-references are ignored (rows are
 * checked at the end of the COPY statement). Ties are broken by name so the order is stable.
 */
export function loadOrder(
  tables: readonly string[],
  edges: readonly { child: string; parent: string }[],
): string[] {
  const known = new Set(tables);
  const deps = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) {
    if (e.child === e.parent || !known.has(e.child) || !known.has(e.parent)) continue;
    deps.get(e.child)?.add(e.parent);
  }
  const out: string[] = [];
  const placed = new Set<string>();
  while (out.length < tables.length) {
    const ready = [...deps.entries()]
      .filter(([t, ps]) => !placed.has(t) && [...ps].every((p) => placed.has(p)))
      .map(([t]) => t)
      .sort();
    if (ready.length === 0) {
      const left = tables.filter((t) => !placed.has(t));
      throw new RestoreError(`表之间的外键存在循环，无法确定导入顺序：${left.join('、')}`);
    }
    for (const t of ready) {
      placed.add(t);
      out.push(t);
    }
  }
  return out;
}

async function foreignKeys(c: pg.Client): Promise<{ child: string; parent: string }[]> {
  const r = await c.query<{ child: string; parent: string }>(
    `SELECT ch.relname::text AS child, pa.relname::text AS parent
     FROM pg_constraint k
     JOIN pg_class ch ON ch.oid = k.conrelid
     JOIN pg_class pa ON pa.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = ch.relnamespace
     WHERE k.contype = 'f' AND k.conparentid = 0 AND n.nspname = 'public'`,
  );
  return r.rows;
}

/** Reads and checks the manifest of an extracted archive against this version of the code. */
export function checkManifest(raw: unknown, migrationsDir?: string): BackupManifest {
  const m = raw as Partial<BackupManifest> | null;
  if (!m || m.format !== BACKUP_FORMAT || !Array.isArray(m.tables) || !Array.isArray(m.migrations)) {
    throw new RestoreError('这不是政通备份文件（manifest.json 缺失或格式不对）');
  }
  if (typeof m.formatVersion !== 'number' || m.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new RestoreError(
      `备份格式版本 ${m.formatVersion} 比本程序支持的版本（${BACKUP_FORMAT_VERSION}）新，请先升级政通再恢复`,
    );
  }
  const local = new Map(listMigrations(migrationsDir).map((f) => [f.name, f.checksum]));
  const unknown = m.migrations.filter((x) => !local.has(x.name)).map((x) => x.name);
  if (unknown.length > 0) {
    throw new RestoreError(
      `备份来自更新版本的政通，包含本程序没有的数据库迁移：${unknown.join('、')}。请先升级政通到相同或更新的版本再恢复`,
    );
  }
  const changed = m.migrations.filter((x) => local.get(x.name) !== x.checksum).map((x) => x.name);
  if (changed.length > 0) {
    throw new RestoreError(`备份中的迁移与本程序的迁移文件内容不一致：${changed.join('、')}，无法安全恢复`);
  }
  return m as BackupManifest;
}

function readSecretKeyOfDataDir(dataDir: string): string | null {
  const file = path.join(dataDir, 'secrets.json');
  if (!fs.existsSync(file)) return null;
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as { secretKey?: unknown };
    return typeof s.secretKey === 'string' ? s.secretKey : null;
  } catch {
    throw new RestoreError(`${file} 无法解析，请检查该文件`);
  }
}

/** The restored data is only usable with the key it was encrypted and chained with. */
function checkKey(manifest: BackupManifest, config: Readonly<Config>): void {
  if (!manifest.keyFingerprint) return;
  const hex = config.secretKey ?? readSecretKeyOfDataDir(config.dataDir);
  if (!hex) {
    throw new RestoreError(
      '备份的数据用主密钥加密和签链，恢复目标却没有主密钥。请把原数据目录中的 secrets.json 复制到 ' +
        `${config.dataDir}，或用 ZT_SECRET_KEY 指定原来的主密钥，然后重试`,
    );
  }
  if (keyFingerprint(Buffer.from(hex, 'hex')) !== manifest.keyFingerprint) {
    throw new RestoreError(
      '恢复目标的主密钥与备份时使用的不同：恢复后个人信息将无法解密、审计链无法校验。' +
        '请使用原来的 ZT_SECRET_KEY 或原数据目录的 secrets.json',
    );
  }
}

function checkDataDirEmpty(dataDir: string): void {
  if (!fs.existsSync(dataDir)) return;
  const extra = fs.readdirSync(dataDir).filter((e) => !ALLOWED_IN_EMPTY_DATA_DIR.has(e));
  if (extra.length > 0) {
    throw new RestoreError(
      `数据目录 ${dataDir} 不是空的（含 ${extra.slice(0, 5).join('、')}${extra.length > 5 ? ' 等' : ''}）。` +
        '恢复只能写入空的数据目录：请用 ZT_DATA_DIR 指定一个新目录',
    );
  }
}

async function checkDatabaseEmpty(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url, application_name: 'zhengtong-restore' });
  await c.connect();
  try {
    const r = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
    );
    const n = r.rows[0]?.n ?? 0;
    if (n > 0) {
      throw new RestoreError(`目标数据库不是空的（public 模式中已有 ${n} 个表或序列）。恢复只能写入空数据库`);
    }
  } finally {
    await c.end();
  }
}

/** A folder holding exactly the migrations the backup was taken at, for migrate({dir}). */
async function migrationsUpTo(manifest: BackupManifest, dir: string, sourceDir?: string): Promise<string> {
  await fsp.mkdir(dir, { recursive: true });
  const byName = new Map(listMigrations(sourceDir).map((f) => [f.name, f]));
  for (const m of manifest.migrations) {
    const f = byName.get(m.name);
    if (f) await fsp.writeFile(path.join(dir, f.name), f.sql);
  }
  return dir;
}

/** Opens the restore target through bootstrap's openDatabase, migrated only up to the backup. */
function openTarget(config: Readonly<Config>, migrationsDir: string, progress: Progress): Promise<Database> {
  return openDatabase(config, (m) => void progress(m), {
    migrationsDir,
    beforeMigrate: config.databaseUrl ? checkDatabaseEmpty : undefined,
  });
}

async function sha256OfFile(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function placeBlobs(
  staging: string,
  store: DiskFileStore,
  manifest: BackupManifest,
  progress: Progress,
): Promise<number> {
  const root = path.join(staging, 'files');
  const shas: string[] = [];
  const entries = fs.existsSync(root)
    ? await fsp.readdir(root, { recursive: true, withFileTypes: true })
    : [];
  for (const f of entries) if (f.isFile()) shas.push(f.name);
  if (shas.length !== manifest.blobs.count) {
    throw new RestoreError(
      `备份中的文件数（${shas.length}）与清单记录（${manifest.blobs.count}）不符，备份可能不完整`,
    );
  }
  shas.sort();
  const step = Math.max(1, Math.round(shas.length / 20));
  for (const [i, sha] of shas.entries()) {
    const src = path.join(staging, blobArchivePath(sha));
    if (!/^[0-9a-f]{64}$/.test(sha) || !fs.existsSync(src) || (await sha256OfFile(src)) !== sha) {
      throw new RestoreError(`备份中的文件 ${sha} 已损坏（内容与其 SHA-256 不符）`);
    }
    const dst = store.blobPath(sha);
    const st = await fsp.stat(dst).catch(() => null);
    const size = (await fsp.stat(src)).size;
    if (!(st?.isFile() && st.size === size)) {
      await fsp.mkdir(path.dirname(dst), { recursive: true });
      try {
        await fsp.rename(src, dst);
      } catch {
        await writeFileAtomic(dst, fs.createReadStream(src));
      }
    }
    if ((i + 1) % step === 0 || i + 1 === shas.length) await progress(`恢复：文件 ${i + 1}/${shas.length}`);
  }
  return shas.length;
}

async function loadTables(
  url: string,
  staging: string,
  manifest: BackupManifest,
  store: DiskFileStore,
  progress: Progress,
) {
  const c = new pg.Client({ connectionString: url, application_name: 'zhengtong-restore' });
  await c.connect();
  try {
    await setPortableSession(c);
    const present = new Map((await listTables(c)).map((t) => [t.name, t]));
    const absent = manifest.tables.filter((t) => !present.has(t.name)).map((t) => t.name);
    if (absent.length > 0) {
      throw new RestoreError(`迁移后的数据库缺少备份中的表：${absent.join('、')}`);
    }
    const order = loadOrder(
      manifest.tables.map((t) => t.name),
      await foreignKeys(c),
    );
    const byName = new Map(manifest.tables.map((t) => [t.name, t]));
    await c.query('BEGIN');
    try {
      // Migrations may seed rows (built-in roles …); the backup holds them as they were, so they go first.
      const seeded: string[] = [];
      for (const name of order) {
        const r = await c.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(name)}) AS any`);
        if (r.rows[0]?.any) seeded.push(name);
      }
      if (seeded.length > 0) {
        await c.query(`SET LOCAL zt.audit_purge = 'on'`);
        for (const name of [...seeded].reverse()) await c.query(`DELETE FROM ${quoteIdent(name)}`);
      }
      let total = 0;
      for (const [i, name] of order.entries()) {
        const t = byName.get(name);
        if (!t) continue;
        const src = path.join(staging, t.file);
        if (!fs.existsSync(src)) throw new RestoreError(`备份中缺少表 ${name} 的数据文件`);
        const cols = t.columns.map(quoteIdent).join(', ');
        // HEADER MATCH: PostgreSQL checks the CSV's column names against the list, so a column
        // mismatch stops the load instead of shifting values into the wrong columns.
        await pipeline(
          fs.createReadStream(src),
          c.query(copyFrom(`COPY ${quoteIdent(name)} (${cols}) FROM STDIN WITH (FORMAT csv, HEADER MATCH)`)),
        );
        total += t.rows;
        await progress(`恢复：表 ${i + 1}/${order.length} ${name}（${t.rows} 行）`);
      }
      await progress('恢复：正在校验行数…');
      for (const t of manifest.tables) {
        const r = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(t.name)}`);
        const n = r.rows[0]?.n ?? -1;
        if (n !== t.rows)
          throw new RestoreError(`恢复校验失败：表 ${t.name} 应有 ${t.rows} 行，实际 ${n} 行`);
      }
      for (const s of manifest.sequences) {
        // Counters made on first use (zt_next_sequence) are not in a freshly migrated schema.
        if (/^zt_seq_[0-9a-f]{24}$/.test(s.name))
          await c.query(`CREATE SEQUENCE IF NOT EXISTS ${quoteIdent(s.name)}`);
        await c.query('SELECT setval($1::regclass, $2, $3)', [quoteIdent(s.name), s.lastValue, s.isCalled]);
      }
      if (present.has('platform_blob')) {
        const blobs = await c.query<{ sha256: string; size: number }>(
          'SELECT sha256, size FROM platform_blob',
        );
        const missing = new Set(manifest.blobs.missing);
        for (const b of blobs.rows) {
          if (missing.has(b.sha256)) continue;
          if (!(await store.hasBlob(b)))
            throw new RestoreError(`恢复校验失败：文件 ${b.sha256} 不在文件存储中`);
        }
      }
      await c.query('COMMIT');
      return total;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
  } finally {
    await c.end().catch(() => {});
  }
}

export interface RestoreOptions {
  archive: string;
  /** The target: DATABASE_URL (an empty database) or ZT_DATA_DIR (an empty folder, embedded server). */
  config: Readonly<Config>;
  progress?: Progress;
  /** Migrations folder of this code (tests). */
  migrationsDir?: string;
}

export interface RestoreResult {
  manifest: BackupManifest;
  databaseUrl: string;
  rows: number;
  blobs: number;
}

export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const progress: Progress = opts.progress ?? (() => {});
  const { config } = opts;
  const archive = path.resolve(opts.archive);
  if (!fs.existsSync(archive) || !fs.statSync(archive).isFile())
    throw new RestoreError(`找不到备份文件 ${archive}`);
  if (!config.databaseUrl) checkDataDirEmpty(config.dataDir);

  await fsp.mkdir(config.dataDir, { recursive: true });
  const hadSecrets = fs.existsSync(path.join(config.dataDir, 'secrets.json'));
  const staging = path.join(config.dataDir, `.restore-${randomBytes(4).toString('hex')}`);
  await fsp.mkdir(staging);
  let target: Database | null = null;
  let ok = false;
  try {
    await progress('恢复：正在解开备份归档…');
    try {
      await tar.x({
        file: archive,
        cwd: staging,
        strict: true,
        // Only plain files and folders: a link in a crafted archive must not point outside the folder.
        filter: (_p, entry) => 'type' in entry && (entry.type === 'File' || entry.type === 'Directory'),
      });
    } catch (e) {
      throw new RestoreError(`备份文件无法解开（已损坏或不是 .tar.gz）：${(e as Error).message}`);
    }
    const manifestFile = path.join(staging, 'manifest.json');
    if (!fs.existsSync(manifestFile)) throw new RestoreError('这不是政通备份文件（缺少 manifest.json）');
    const manifest = checkManifest(JSON.parse(await fsp.readFile(manifestFile, 'utf8')), opts.migrationsDir);
    checkKey(manifest, config);
    await progress(
      `恢复：备份创建于 ${manifest.createdAt}，${manifest.tables.length} 张表，${manifest.blobs.count} 个文件，` +
        `迁移至 ${manifest.migrations.at(-1)?.name ?? '（无）'}`,
    );

    const migrationsDir = await migrationsUpTo(
      manifest,
      path.join(staging, '.migrations'),
      opts.migrationsDir,
    );
    target = await openTarget(config, migrationsDir, progress);
    const store = new DiskFileStore(config.dataDir, config.uploadLimitBytes);
    const blobs = await placeBlobs(staging, store, manifest, progress);
    const rows = await loadTables(target.url, staging, manifest, store, progress);

    const c = new pg.Client({ connectionString: target.url });
    await c.connect();
    await c.query('ANALYZE').finally(() => c.end());
    if (manifest.blobs.missing.length > 0) {
      await progress(`恢复：警告：备份时已有 ${manifest.blobs.missing.length} 个文件缺失，这些文件无法恢复`);
    }
    await progress(`恢复完成：${manifest.tables.length} 张表，${rows} 行，${blobs} 个文件`);
    ok = true;
    return { manifest, databaseUrl: target.url, rows, blobs };
  } catch (e) {
    if (target && config.databaseUrl) {
      throw new RestoreError(
        `${(e as Error).message}。目标数据库已建好表结构但数据未导入；请删除并重新创建一个空数据库后再恢复`,
        { cause: e },
      );
    }
    throw e;
  } finally {
    await target?.close().catch(() => {});
    await fsp.rm(staging, { recursive: true, force: true });
    if (!ok && !config.databaseUrl) {
      // The folder was empty when we started, so everything in it is ours: leave it empty again so
      // the operator can simply retry. A secrets.json they brought stays.
      for (const e of await fsp.readdir(config.dataDir).catch(() => [] as string[])) {
        if (e === 'secrets.json' && hadSecrets) continue;
        await fsp.rm(path.join(config.dataDir, e), { recursive: true, force: true }).catch(() => {});
      }
    }
  }
}
