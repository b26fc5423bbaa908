// The operator's command line: `node apps/server/src/cli.ts <command>` (npm run zt -- <command>).
// Exit codes: 0 done, 1 failed, 2 wrong usage, 3 the audit chain does not verify.
import fs from 'node:fs';
import path from 'node:path';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import pino from 'pino';
import { createFirstAdministrator } from './modules/identity/index.ts';
import { createBackup, defaultBackupPath, keyFingerprint } from './platform/backup/backup.ts';
import { RestoreError, restoreBackup } from './platform/backup/restore.ts';
import { APP_DB, createContext, masterKey, openDatabase } from './platform/bootstrap.ts';
import { type Config, ConfigError, loadConfig } from './platform/config/load-config.ts';
import type { AppContext } from './platform/context.ts';
import {
  acquireDataDirLock,
  DataDirInUseError,
  runningEmbeddedUrl,
  startEmbeddedPostgres,
} from './platform/db/embedded.ts';
import { migrate } from './platform/db/migrate.ts';
import { DiskFileStore, formatBytes } from './platform/files/file-store.ts';
import { AppError } from './platform/http/errors.ts';

const HELP = `政通 Zhengtong 运维命令

用法：node apps/server/src/cli.ts <命令> [参数]     （或 npm run zt -- <命令> [参数]）

命令：
  backup [--out 文件]        备份数据库和文件存储为一个 .tar.gz 归档
                             默认写到 backups/zhengtong-YYYYMMDD-HHmmss.tar.gz；运行中也可备份
  restore <文件>             从备份恢复到空的数据目录（ZT_DATA_DIR）或空数据库（DATABASE_URL）
  migrate                    执行数据库迁移
  create-admin --username 用户名 --password 密码 [--name 姓名] [--org 机构名] [--region 行政区划代码]
                             创建第一个系统管理员和平台根机构（--password - 表示从标准输入读取密码）
  verify-audit               校验审计日志哈希链是否完整
  help                       显示本说明

数据库：设置了 DATABASE_URL 时连接该数据库；否则使用 ZT_DATA_DIR（默认 ./data）中的内置数据库——
若政通正在运行则连接它的内置数据库，否则由命令自行启动。
退出码：0 成功，1 失败，2 用法错误，3 审计链校验未通过。
`;

class UsageError extends Error {}

const say = (m: string) => {
  console.log(m);
};

function cliLogger() {
  // JSON logs would drown the progress lines; only warnings and errors, on stderr.
  return pino({ level: 'warn' }, pino.destination(2)) as unknown as AppContext['log'];
}

function parse<O extends ParseArgsOptionsConfig>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true as const });
  } catch (e) {
    throw new UsageError(`参数有误：${(e as Error).message}`);
  }
}

function appDbUrl(serverUrl: string): string {
  return serverUrl.replace(/\/postgres$/, `/${APP_DB}`);
}

interface Connection {
  url: string;
  close(): Promise<void>;
}

/**
 * The database as it is, without migrating it (backup, verify-audit): DATABASE_URL, the embedded server
 * of a running Zhengtong, or the embedded server started here for the duration of the command.
 */
async function connectAsIs(config: Readonly<Config>): Promise<Connection> {
  if (config.databaseUrl) return { url: config.databaseUrl, close: async () => {} };
  const running = runningEmbeddedUrl(config.dataDir);
  if (running) {
    say('连接正在运行的政通内置数据库…');
    return { url: appDbUrl(running), close: async () => {} };
  }
  if (!fs.existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) {
    throw new UsageError(
      `数据目录 ${config.dataDir} 中没有政通数据库。请用 ZT_DATA_DIR 指定数据目录，或设置 DATABASE_URL`,
    );
  }
  const release = acquireDataDirLock(config.dataDir);
  try {
    const server = await startEmbeddedPostgres(config.dataDir, { progress: say });
    return {
      url: appDbUrl(server.url),
      close: async () => {
        await server.stop();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** The database migrated to this version (migrate, create-admin). */
async function connectMigrated(config: Readonly<Config>): Promise<Connection> {
  if (!config.databaseUrl) {
    const running = runningEmbeddedUrl(config.dataDir);
    if (running) {
      say('连接正在运行的政通内置数据库…');
      const url = appDbUrl(running);
      await migrate(url, { progress: say });
      return { url, close: async () => {} };
    }
  }
  const db = await openDatabase(config, say);
  return { url: db.url, close: () => db.close() };
}

async function withContext<T>(
  config: Readonly<Config>,
  conn: Connection,
  fn: (ctx: AppContext) => Promise<T>,
): Promise<T> {
  const ctx = await createContext(config, conn.url, { log: cliLogger(), poolSize: 2 });
  try {
    return await fn(ctx);
  } finally {
    await ctx.pool.end();
  }
}

/** The key fingerprint for the manifest, without generating a key where there is none. */
function fingerprintOf(config: Readonly<Config>): string | null {
  if (!config.secretKey && !fs.existsSync(path.join(config.dataDir, 'secrets.json'))) return null;
  return keyFingerprint(masterKey(config));
}

async function cmdBackup(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
  const config = loadConfig();
  const out = path.resolve(values.out ?? defaultBackupPath(new Date()));
  const fingerprint = fingerprintOf(config);
  const conn = await connectAsIs(config);
  try {
    say(`备份：开始，写入 ${out}`);
    const r = await createBackup({
      databaseUrl: conn.url,
      files: new DiskFileStore(config.dataDir, config.uploadLimitBytes),
      out,
      keyFingerprint: fingerprint,
      progress: say,
    });
    const rows = r.manifest.tables.reduce((n, t) => n + t.rows, 0);
    say(
      `备份完成：${r.file}（${formatBytes(r.bytes)}；${r.manifest.tables.length} 张表，${rows} 行，${r.manifest.blobs.count} 个文件）`,
    );
    if (r.manifest.blobs.missing.length > 0) {
      say(`警告：${r.manifest.blobs.missing.length} 个文件在文件存储中缺失，未能备份`);
    }
    say(
      config.secretKey
        ? '注意：备份不含主密钥。恢复时须设置相同的 ZT_SECRET_KEY，请另行妥善保管。'
        : `注意：备份不含主密钥。恢复时需要 ${path.join(config.dataDir, 'secrets.json')}（或其中的 secretKey 作为 ZT_SECRET_KEY），请另行妥善保管。`,
    );
    return 0;
  } finally {
    await conn.close();
  }
}

async function cmdRestore(args: string[]): Promise<number> {
  const { positionals } = parse(args, {});
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('用法：restore <备份文件>');
  const config = loadConfig();
  say(
    config.databaseUrl
      ? '恢复到 DATABASE_URL 指定的数据库（必须是空数据库）'
      : `恢复到数据目录 ${config.dataDir}（内置数据库，目录必须为空）`,
  );
  const hadSecrets = fs.existsSync(path.join(config.dataDir, 'secrets.json'));
  await restoreBackup({ archive: file, config, progress: say });
  if (!config.databaseUrl && config.secretKey && !hadSecrets) {
    say('注意：本次恢复使用了 ZT_SECRET_KEY 指定的主密钥，以后启动政通时也必须设置同一个 ZT_SECRET_KEY。');
  }
  say('现在可以用 npm start 启动政通；启动时会执行本版本新增的数据库迁移。');
  return 0;
}

async function cmdMigrate(args: string[]): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length > 0) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
  const conn = await connectMigrated(loadConfig());
  await conn.close();
  say('数据库已迁移到最新版本');
  return 0;
}

async function readStdinLine(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) {
    data += String(chunk);
    if (data.includes('\n')) break;
  }
  return data.split(/\r?\n/)[0] ?? '';
}

async function cmdCreateAdmin(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    username: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    org: { type: 'string' },
    region: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
  if (!values.username || !values.password) {
    throw new UsageError('用法：create-admin --username 用户名 --password 密码 [--name 姓名] [--org 机构名]');
  }
  const password = values.password === '-' ? await readStdinLine() : values.password;
  const config = loadConfig();
  const conn = await connectMigrated(config);
  try {
    await withContext(config, conn, async (ctx) => {
      await createFirstAdministrator(ctx, {
        username: values.username as string,
        password,
        displayName: values.name ?? '系统管理员',
        orgName: values.org,
        regionCode: values.region,
      });
    });
  } finally {
    await conn.close();
  }
  say(`已创建系统管理员 ${values.username}。首次登录后请按提示启用双因素认证。`);
  return 0;
}

async function cmdVerifyAudit(args: string[]): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length > 0) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
  const config = loadConfig();
  const conn = await connectAsIs(config);
  try {
    const r = await withContext(config, conn, (ctx) => ctx.audit.verify(ctx.pool));
    if (r.ok) {
      say(`审计链完整：已校验 ${r.checked} 条记录`);
      return 0;
    }
    say(
      `审计链校验未通过：前 ${r.checked} 条完好，第 ${r.firstBrokenSeq} 条（ID ${r.firstBrokenId}）被修改、插入或其前有记录被删除`,
    );
    return 3;
  } finally {
    await conn.close();
  }
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'backup':
        return await cmdBackup(rest);
      case 'restore':
        return await cmdRestore(rest);
      case 'migrate':
        return await cmdMigrate(rest);
      case 'create-admin':
        return await cmdCreateAdmin(rest);
      case 'verify-audit':
        return await cmdVerifyAudit(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        return 0;
      default:
        console.error(`未知命令：${command}\n`);
        console.error(HELP);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`错误：${e.message}`);
      return 2;
    }
    if (e instanceof AppError) {
      const details = e.details.map((d) => `  ${d.field}：${d.message}`).join('\n');
      console.error(`错误：${e.userMessage}${details ? `\n${details}` : ''}`);
      return 1;
    }
    if (e instanceof RestoreError || e instanceof ConfigError || e instanceof DataDirInUseError) {
      console.error(`错误：${e.message}`);
      return 1;
    }
    console.error(`错误：${(e as Error).message ?? String(e)}`);
    if (process.env.ZT_DEBUG) console.error(e);
    return 1;
  }
}

if (import.meta.main) {
  // `npm run zt -- backup | head` closes our stdout early; the backup itself must still finish.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  // Exit explicitly: a lingering handle (a pool timer, stdin) must not keep an operator's shell waiting.
  process.exit(await runCli(process.argv.slice(2)));
}
