// Process entry: `npm start` (web + jobs, embedded database by default), `npm run worker`.
import { buildApp, initModules, registerJobs } from './app.ts';
import { modules } from './modules/registry.ts';
import { hasAnyAccount } from './modules/identity/index.ts';
import { createContext, openDatabase } from './platform/bootstrap.ts';
import { type ConfigError, loadConfig } from './platform/config/load-config.ts';
import { DataDirInUseError } from './platform/db/embedded.ts';

const t0 = performance.now();
const say = (msg: string) => process.stderr.write(`[政通] ${msg}\n`);

const roleArg = process.argv.find((a) => a.startsWith('--role='))?.slice('--role='.length);
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env, roleArg ? { role: roleArg as 'web' | 'worker' | 'all' } : {});
} catch (e) {
  say(`配置错误：${(e as ConfigError).message}`);
  process.exit(2);
}

let db: Awaited<ReturnType<typeof openDatabase>>;
try {
  say(
    config.databaseUrl
      ? '连接 PostgreSQL（DATABASE_URL）…'
      : `使用内置 PostgreSQL，数据目录 ${config.dataDir}`,
  );
  db = await openDatabase(config, say);
} catch (e) {
  if (e instanceof DataDirInUseError) {
    say(e.message);
    process.exit(3);
  }
  say(`数据库启动失败：${(e as Error).message}`);
  process.exit(1);
}

let ctx: Awaited<ReturnType<typeof createContext>>;
let app: Awaited<ReturnType<typeof buildApp>> | null = null;
let firstStart = false;
try {
  ctx = await createContext(config, db.url);
  registerJobs(ctx);
  await initModules(ctx);
  if (!(await hasAnyAccount(ctx.pool))) {
    firstStart = true;
    if (config.demo) {
      say('首次启动：正在生成丽水市演示数据…');
      for (const m of modules) await m.seedDemo?.(ctx, (msg) => say(`  ${msg}`));
    }
  }
  app = config.role === 'worker' ? null : await buildApp(ctx);
  if (config.role !== 'web') await ctx.jobs.start(db.url);
  if (app) await app.listen({ port: config.port, host: config.host });
} catch (e) {
  // Never leave the embedded server running behind a failed start.
  say(`启动失败：${(e as Error).stack ?? (e as Error).message}`);
  await db.close().catch(() => {});
  process.exit(1);
}

const ms = Math.round(performance.now() - t0);
const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
const base = config.publicUrl ?? `http://${shown}:${config.port}`;
if (app) {
  say(`已就绪（${ms} ms）：角色 ${config.role}`);
  say(`  门户网站      ${base}/`);
  say(`  工作人员平台  ${base}/console/`);
  say(`  接口文档      ${base}/api/v1/docs`);
  if (config.demo && (firstStart || (await hasAnyAccount(ctx.pool)))) {
    say('  演示账号（密码均为 Demo@2026，仅供演示，切勿用于生产）：');
    say('    admin 系统管理员 · security 安全管理员 · auditor 审计管理员 · qingtian.admin 青田县管理员');
    say('    citizen1 个人用户 · enterprise1 法人用户');
  }
} else {
  say(`后台任务进程已就绪（${ms} ms）`);
}
if (!config.demo && firstStart) {
  say('数据库为空且未启用演示数据（ZT_DEMO=0）。创建第一个系统管理员：');
  say('  npm run zt -- create-admin --username <用户名> --password <密码> --org <本级政府名称>');
}

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  say(`收到 ${signal}，正在停止…`);
  const force = setTimeout(() => {
    say('停止超时，强制退出');
    process.exit(1);
  }, 20_000);
  force.unref();
  try {
    await app?.close(); // stops accepting, finishes in-flight requests
    await ctx.jobs.stop(); // lets the running batch finish
    await ctx.pool.end();
    await db.close(); // embedded server: fast shutdown with checkpoint
    say('已停止');
    process.exit(0);
  } catch (e) {
    say(`停止时出错：${(e as Error).message}`);
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
