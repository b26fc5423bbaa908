// Round trip: a running platform is backed up while it keeps writing, the archive is restored into an
// empty database (and, separately, an empty data folder with its own embedded server), and what
// comes back is exactly the snapshot: row counts, row contents, file bytes and an intact audit chain.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import * as tar from 'tar';
import { createTestApp, createTestDb, TEST_SECRET_KEY, testDataDir } from '../../testing/harness.ts';
import { type Actor, diffFields } from '../audit/audit.ts';
import { createContext, openDatabase } from '../bootstrap.ts';
import { type Config, loadConfig } from '../config/load-config.ts';
import type { AppContext } from '../context.ts';
import { newId } from '../db/ids.ts';
import { withTx } from '../db/pool.ts';
import { createBackup, listTables } from './backup.ts';
import { loadOrder, RestoreError, restoreBackup } from './restore.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% 营业执照\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const LATE_PDF = Buffer.from('%PDF-1.4\n% written while the backup ran\n%%EOF\n');
const ID_NUMBER = '11010519491231002X';

const actor: Actor = {
  userId: null,
  name: '测试管理员（admin）',
  orgId: null,
  ip: '10.0.0.8',
  userAgent: 'node-test',
  requestId: null,
};

async function counts(db: pg.Pool | pg.Client): Promise<Record<string, number>> {
  const c = db instanceof pg.Pool ? await db.connect() : db;
  try {
    const out: Record<string, number> = {};
    for (const t of await listTables(c as pg.Client)) {
      const r = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t.name}"`);
      out[t.name] = r.rows[0]?.n ?? -1;
    }
    return out;
  } finally {
    if (db instanceof pg.Pool) (c as pg.PoolClient).release();
  }
}

async function tableCount(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'`,
    );
    return r.rows[0]?.n ?? -1;
  } finally {
    await c.end();
  }
}

function targetConfig(over: Partial<Config>): Readonly<Config> {
  return loadConfig(
    {},
    { demo: false, dataDir: testDataDir(), secretKey: TEST_SECRET_KEY, logLevel: 'silent', ...over },
  );
}

test('load order puts referenced tables first and ignores self-references', () => {
  const order = loadOrder(
    ['idn_user', 'idn_org', 'idn_role_assignment', 'idn_role', 'platform_file', 'platform_blob'],
    [
      { child: 'idn_org', parent: 'idn_org' },
      { child: 'idn_user', parent: 'idn_org' },
      { child: 'idn_role_assignment', parent: 'idn_user' },
      { child: 'idn_role_assignment', parent: 'idn_role' },
      { child: 'idn_role_assignment', parent: 'idn_org' },
      { child: 'platform_file', parent: 'platform_blob' },
    ],
  );
  const before = (a: string, b: string) =>
    assert.ok(order.indexOf(a) < order.indexOf(b), `${a} before ${b}: ${order}`);
  before('idn_org', 'idn_user');
  before('idn_user', 'idn_role_assignment');
  before('idn_role', 'idn_role_assignment');
  before('platform_blob', 'platform_file');
  assert.throws(
    () =>
      loadOrder(
        ['a', 'b'],
        [
          { child: 'a', parent: 'b' },
          { child: 'b', parent: 'a' },
        ],
      ),
    RestoreError,
  );
});

// The source: a full app on a fresh test database, with rows in several tables, a file and audit entries.
const { ctx } = await createTestApp();
const progress: string[] = [];
const ids = {
  city: newId(),
  // The county is created before the bureau it is later moved under, so its id (UUIDv7) sorts
  // before its parent's: the restore must still load it.
  movedOrg: newId(),
  newParent: newId(),
  staff: newId(),
  citizen: newId(),
  fileId: '',
  lateOrg: '',
  lateFileSha: '',
};
await withTx(ctx.pool, async (tx) => {
  await tx.query(
    `INSERT INTO idn_org (id, parent_id, kind, name, region_code, path, depth) VALUES
     ($1, NULL, 'region', '丽水市', '331100', $2, 0),
     ($3, $1, 'region', '莲都区', '331102', $4, 1),
     ($5, $1, 'department', '市行政审批局', NULL, $6, 1)`,
    [
      ids.city,
      `/${ids.city}/`,
      ids.movedOrg,
      `/${ids.city}/${ids.movedOrg}/`,
      ids.newParent,
      `/${ids.city}/${ids.newParent}/`,
    ],
  );
  await tx.query('UPDATE idn_org SET parent_id = $2, path = $3, depth = 2 WHERE id = $1', [
    ids.movedOrg,
    ids.newParent,
    `/${ids.city}/${ids.newParent}/${ids.movedOrg}/`,
  ]);
  await tx.query(
    `INSERT INTO idn_user (id, username, kind, display_name, org_id, password_hash, email) VALUES
     ($1, 'wangjing', 'staff', '王静', $2, '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', 'wj@example.gov.cn'),
     ($3, 'zhangsan', 'citizen', '张三', NULL, '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', NULL)`,
    [ids.staff, ids.newParent, ids.citizen],
  );
  await tx.query(
    `INSERT INTO idn_citizen (user_id, real_name, id_number_enc, id_number_hash, birth_date, sex)
     VALUES ($1, '张三', $2, $3, '1949-12-31', 'female')`,
    [ids.citizen, ctx.pii.encrypt(ID_NUMBER), ctx.pii.blindIndex('id_number', ID_NUMBER)],
  );
  const f = await ctx.files.put(tx, {
    data: PDF,
    name: '营业执照（副本）.pdf',
    purpose: 'attachment',
    ownerUserId: ids.citizen,
    orgId: ids.newParent,
  });
  ids.fileId = f.id;
  await ctx.audit.record(tx, actor, {
    action: 'org.update',
    objectType: 'org',
    objectId: ids.movedOrg,
    summary: '调整莲都区的上级机构',
    changes: diffFields(
      { parentId: ids.city, note: null },
      { parentId: ids.newParent, note: '含"引号",逗号\n和换行' },
    ),
  });
  await ctx.audit.record(tx, actor, { action: 'file.upload', objectType: 'file', objectId: f.id });
  await ctx.notify.email(tx, { to: 'zhangsan@example.com', subject: '受理通知', body: '您的申请已受理。' });
  await ctx.notify.inbox(tx, { userId: ids.staff, title: '新的待办', link: '/console/tasks' });
});
await withTx(ctx.pool, (tx) =>
  ctx.audit.record(
    tx,
    { ...actor, userId: ids.staff },
    { action: 'user.login', objectType: 'user', objectId: ids.staff },
  ),
);
const snapshot = await counts(ctx.pool);

const archive = path.join(testDataDir(), 'backups', 'zhengtong-test.tar.gz');
let wroteDuringBackup = false;
const backup = await createBackup({
  databaseUrl: ctx.databaseUrl,
  files: ctx.files,
  out: archive,
  keyFingerprint: null,
  progress: async (m) => {
    progress.push(m);
    if (wroteDuringBackup) return;
    wroteDuringBackup = true;
    // The platform keeps working while the backup runs: none of this may appear in the backup,
    // and the audit chain in the backup must still end where the snapshot saw it end.
    await withTx(ctx.pool, async (tx) => {
      ids.lateOrg = newId();
      await tx.query(
        `INSERT INTO idn_org (id, parent_id, kind, name, path, depth) VALUES ($1, $2, 'department', '备份期间新建', $3, 1)`,
        [ids.lateOrg, ids.city, `/${ids.city}/${ids.lateOrg}/`],
      );
      const late = await ctx.files.put(tx, {
        data: LATE_PDF,
        name: '备份期间上传.pdf',
        purpose: 'attachment',
      });
      ids.lateFileSha = late.sha256;
      await ctx.audit.record(tx, actor, { action: 'org.create', objectType: 'org', objectId: ids.lateOrg });
    });
  },
});
const manifestTables = backup.manifest.tables.length;

describe('backup and restore', () => {
  test('the archive is written whole under its final name', () => {
    assert.equal(backup.file, archive);
    assert.ok(fs.existsSync(archive));
    assert.ok(!fs.existsSync(`${archive}.partial`));
    assert.equal(backup.manifest.blobs.count, 1);
    assert.equal(backup.manifest.tables.find((t) => t.name === 'aud_entry')?.rows, 3);
  });

  test('the backup is one archive with a manifest, a CSV per table and the file blobs', async () => {
    const entries: string[] = [];
    await tar.t({ file: archive, onReadEntry: (e) => void entries.push(e.path) });
    assert.ok(entries.includes('manifest.json'));
    assert.ok(entries.includes('tables/aud_entry.csv'));
    assert.ok(entries.includes('tables/idn_org.csv'));
    assert.ok(!entries.includes('tables/platform_migration.csv'));
    const blobs = entries.filter((e) => /^files\/.+[0-9a-f]{64}$/.test(e));
    assert.equal(blobs.length, 1, 'only the blob the snapshot references');
    const tableLines = progress.filter((l) => l.startsWith('备份：表 '));
    assert.equal(tableLines.length, manifestTables);
    const orgLine = new RegExp(`^备份：表 \\d+/${manifestTables} idn_org（3 行）$`);
    assert.ok(
      tableLines.some((l) => orgLine.test(l)),
      tableLines.join('\n'),
    );
    assert.ok(progress.includes('备份：文件 1/1'), progress.join('\n'));
  });

  test('restores into an empty database exactly what the snapshot held', async () => {
    const url = await createTestDb({ empty: true });
    const config = targetConfig({ databaseUrl: url });
    const lines: string[] = [];
    const r = await restoreBackup({ archive, config, progress: (m) => void lines.push(m) });
    assert.equal(r.databaseUrl, url);
    assert.ok(
      lines.some((l) => /^恢复：表 \d+\/\d+ aud_entry（3 行）$/.test(l)),
      lines.join('\n'),
    );
    assert.ok(lines.at(-1)?.startsWith('恢复完成'));

    const restored = await createContext(config, url, {
      log: pino({ level: 'silent' }) as never,
      poolSize: 2,
    });
    after(() => restored.pool.end());

    // Row counts are those of the snapshot, although the source has moved on since.
    assert.deepEqual(await counts(restored.pool), snapshot);
    const live = await counts(ctx.pool);
    assert.equal(live.aud_entry, (snapshot.aud_entry ?? 0) + 1);
    assert.equal(live.idn_org, (snapshot.idn_org ?? 0) + 1);

    const migrations = async (c: AppContext) =>
      (await c.pool.query<{ name: string }>('SELECT name FROM platform_migration ORDER BY name')).rows.map(
        (x) => x.name,
      );
    assert.deepEqual(await migrations(restored), await migrations(ctx));

    // Row contents, including the child whose parent sorts after it.
    const orgs = async (c: AppContext) =>
      (await c.pool.query('SELECT * FROM idn_org WHERE id <> $1 ORDER BY id', [ids.lateOrg])).rows;
    assert.deepEqual(await orgs(restored), await orgs(ctx));
    const moved = await restored.pool.query('SELECT parent_id FROM idn_org WHERE id = $1', [ids.movedOrg]);
    assert.equal(moved.rows[0]?.parent_id, ids.newParent);
    const auditRows = async (c: AppContext) =>
      (await c.pool.query('SELECT * FROM aud_entry ORDER BY seq LIMIT 3')).rows;
    assert.deepEqual(await auditRows(restored), await auditRows(ctx));
    const citizen = await restored.pool.query<{ id_number_enc: string; birth_date: string }>(
      'SELECT id_number_enc, birth_date FROM idn_citizen WHERE user_id = $1',
      [ids.citizen],
    );
    assert.equal(restored.pii.decrypt(citizen.rows[0]?.id_number_enc as string), ID_NUMBER);
    assert.equal(citizen.rows[0]?.birth_date, '1949-12-31');

    // The file comes back byte for byte; the one uploaded during the backup does not.
    const file = await restored.files.get(restored.pool, ids.fileId);
    assert.ok(file);
    assert.equal(file.name, '营业执照（副本）.pdf');
    assert.deepEqual(await restored.files.read(file), PDF);
    assert.ok(!fs.existsSync(restored.files.blobPath(ids.lateFileSha) as string));

    // The audit chain verifies, and ends where the snapshot saw it end.
    assert.deepEqual(await restored.audit.verify(restored.pool), { ok: true, checked: snapshot.aud_entry });
  });

  test('refuses a database that is not empty and leaves it alone', async () => {
    const before = await counts(ctx.pool);
    await assert.rejects(
      restoreBackup({ archive, config: targetConfig({ databaseUrl: ctx.databaseUrl }) }),
      (e: unknown) => e instanceof RestoreError && /不是空的/.test(e.message),
    );
    assert.deepEqual(await counts(ctx.pool), before);
  });

  test('refuses a backup from a newer version before touching the target', async () => {
    const dir = testDataDir();
    await tar.x({ file: archive, cwd: dir });
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    m.migrations.push({ name: '29991231000000_from_the_future.sql', checksum: 'x' });
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m));
    const newer = path.join(testDataDir(), 'newer.tar.gz');
    await tar.c({ gzip: true, file: newer, cwd: dir }, ['manifest.json', 'tables', 'files']);
    const url = await createTestDb({ empty: true });
    await assert.rejects(
      restoreBackup({ archive: newer, config: targetConfig({ databaseUrl: url }) }),
      (e: unknown) =>
        e instanceof RestoreError && /更新版本/.test(e.message) && e.message.includes('29991231000000'),
    );
    assert.equal(await tableCount(url), 0);
  });

  test('refuses a target whose master key differs from the backup’s', async () => {
    const keyed = path.join(testDataDir(), 'keyed.tar.gz');
    const { keyFingerprint } = await import('./backup.ts');
    await createBackup({
      databaseUrl: ctx.databaseUrl,
      files: ctx.files,
      out: keyed,
      keyFingerprint: keyFingerprint(Buffer.from(TEST_SECRET_KEY, 'hex')),
    });
    const url = await createTestDb({ empty: true });
    await assert.rejects(
      restoreBackup({
        archive: keyed,
        config: targetConfig({ databaseUrl: url, secretKey: 'b2'.repeat(32) }),
      }),
      (e: unknown) => e instanceof RestoreError && /主密钥/.test(e.message),
    );
    assert.equal(await tableCount(url), 0);
  });

  test('restores into an empty data folder with its own embedded server', async () => {
    const busy = testDataDir();
    fs.writeFileSync(path.join(busy, 'notes.txt'), 'x');
    await assert.rejects(
      restoreBackup({ archive, config: targetConfig({ dataDir: busy, databaseUrl: null }) }),
      (e: unknown) => e instanceof RestoreError && /不是空的/.test(e.message),
    );

    // The folder itself (not a subfolder): as root, the embedded server opens only the data folder
    // to the postgres user, not the 0700 temporary folder above it.
    const config = targetConfig({ databaseUrl: null });
    await restoreBackup({ archive, config });
    // The server the restore started is stopped again; a normal start finds the data.
    const db = await openDatabase(config, () => {});
    try {
      const restored = await createContext(config, db.url, {
        log: pino({ level: 'silent' }) as never,
        poolSize: 2,
      });
      try {
        assert.deepEqual(await counts(restored.pool), snapshot);
        assert.deepEqual(await restored.audit.verify(restored.pool), {
          ok: true,
          checked: snapshot.aud_entry,
        });
        const file = await restored.files.get(restored.pool, ids.fileId);
        assert.ok(file);
        assert.deepEqual(await restored.files.read(file), PDF);
      } finally {
        await restored.pool.end();
      }
    } finally {
      await db.close();
    }
  });
});
