// Test set-up for site health: a complete app with the health routes and jobs wired (they are added
// here because the cms manifest may not have them yet; both registrations are idempotent), the scope
// fixture's 丽水市 / 青田县, a city portal and a 青田县 site, their site administrators, a cluster
// administrator, and helpers to publish articles at a chosen age.
import { after } from 'node:test';
import pino from 'pino';
import { buildApp, registerJobs } from '../../../app.ts';
import { type Actor, systemActor } from '../../../platform/audit/audit.ts';
import { createContext } from '../../../platform/bootstrap.ts';
import { loadConfig } from '../../../platform/config/load-config.ts';
import type { Clock } from '../../../platform/db/clock.ts';
import {
  createTestDb,
  login,
  type Session,
  TEST_SECRET_KEY,
  type TestApp,
  testDataDir,
} from '../../../testing/harness.ts';
import {
  makeStaff,
  principalOf,
  type ScopeFixture,
  seedScopeFixture,
  TEST_PASSWORD,
} from '../../identity/testing.ts';
import { SYSTEM_CALLER } from '../cms.scope.ts';
import type { SiteView } from '../cms.views.ts';
import { approveArticle, submitArticle } from '../use-cases/article-workflow.ts';
import { createArticle } from '../use-cases/edit-article.ts';
import { createColumn, createSite } from '../use-cases/manage-sites.ts';
import { checkExternal, type LinkResult } from './crawler.ts';
import type { CrawlLimits } from './health.model.ts';
import { DAY_MS } from './health.model.ts';
import { registerHealthJobs, registerHealthRoutes, setExternalCheck } from './index.ts';

/** External link checks in tests: local servers for real, any other host left alone (no internet). */
export async function offlineCheck(url: URL, limits: CrawlLimits): Promise<LinkResult> {
  if (url.hostname === '127.0.0.1') return checkExternal(url, { ...limits, allowPrivateAddresses: true });
  return { outcome: 'ok', status: null, reason: '测试中不访问互联网' };
}

const actor: Actor = { ...systemActor, name: '测试数据' };

/** createTestApp with the health routes and jobs registered. */
export async function healthTestApp(opts: { clock?: Clock; listen?: boolean } = {}): Promise<TestApp> {
  const url = await createTestDb();
  const config = loadConfig(
    {},
    {
      demo: false,
      dataDir: testDataDir(),
      secretKey: TEST_SECRET_KEY,
      rateLoginPerMinute: 10_000,
      ratePublicPerMinute: 10_000,
      require2fa: false,
      logLevel: 'silent',
    },
  );
  const ctx = await createContext(config, url, {
    log: pino({ level: process.env.ZT_TEST_LOG ?? 'silent' }) as never,
    clock: opts.clock,
    poolSize: 5,
  });
  registerJobs(ctx);
  registerHealthJobs(ctx);
  setExternalCheck(ctx, offlineCheck);
  const app = await buildApp(ctx);
  registerHealthRoutes(app, ctx);
  if (opts.listen) await app.listen({ port: 0, host: '127.0.0.1' });
  else await app.ready();
  after(async () => {
    await app.close();
    await ctx.jobs.stop();
    await ctx.pool.end();
  });
  const addr = opts.listen ? app.server.address() : null;
  const base = addr && typeof addr === 'object' ? `http://127.0.0.1:${addr.port}` : '';
  return { app, ctx, url: base };
}

export const HEALTH_USERS = {
  cityAdmin: 'city.siteadmin',
  qtAdmin: 'qt.siteadmin',
  clusterAdmin: 'cluster.siteadmin',
  cityEditor: 'city.editor',
} as const;

export const FULL_FOOTER = {
  sponsor: '丽水市人民政府办公室',
  organiser: '丽水市大数据发展管理局',
  icp: '浙ICP备05012345号',
  psb: '浙公网安备 33110202000001号',
  phone: '0578-2121000',
  address: '浙江省丽水市莲都区',
  email: 'webmaster@lishui.gov.cn',
};

export interface HealthSetup extends TestApp {
  f: ScopeFixture;
  city: SiteView;
  qingtian: SiteView;
  col(site: SiteView, code: string): Promise<string>;
  /** Publishes an article in a column and backdates it `daysAgo` days before the clock's now. */
  publish(
    site: SiteView,
    columnCode: string,
    daysAgo: number,
    body?: string,
    title?: string,
  ): Promise<string>;
  /** A new news column with the given interval (no articles). */
  column(
    site: SiteView,
    code: string,
    kind: 'news' | 'notice' | 'policy' | 'page',
    updateDays: number | null,
  ): Promise<string>;
  signIn(username: string): Promise<Session>;
}

export async function healthSetup(opts: { clock: Clock; listen?: boolean }): Promise<HealthSetup> {
  const t = await healthTestApp(opts);
  const f = await seedScopeFixture(t.ctx);
  const root = await principalOf(t.ctx, f.platformAdmin.id);
  const staff = (username: string, orgId: string, code: string, scopeOrgId: string | null) =>
    makeStaff(t.ctx, root, {
      username,
      orgId,
      displayName: '网站管理员',
      roles: [scopeOrgId ? { code, scope: 'org', scopeOrgId } : { code }],
    });
  await staff(HEALTH_USERS.cityAdmin, f.city.id, 'cms_admin', f.city.id);
  await staff(HEALTH_USERS.qtAdmin, f.qingtianDept.id, 'cms_admin', f.qingtian.id);
  await staff(HEALTH_USERS.clusterAdmin, f.city.id, 'cms_admin', null);
  await staff(HEALTH_USERS.cityEditor, f.city.id, 'cms_editor', f.city.id);
  const city = await createSite(
    t.ctx,
    SYSTEM_CALLER,
    {
      code: 'lishui',
      name: '丽水市人民政府',
      siteCode: '3311000001',
      orgId: f.city.id,
      domains: ['www.lishui.gov.cn'],
      isDefault: true,
      footer: FULL_FOOTER,
    },
    actor,
  );
  const qingtian = await createSite(
    t.ctx,
    SYSTEM_CALLER,
    {
      code: 'qingtian',
      name: '青田县人民政府',
      siteCode: '3311210001',
      orgId: f.qingtian.id,
      domains: ['www.qingtian.gov.cn'],
      footer: { ...FULL_FOOTER, sponsor: '青田县人民政府办公室', email: 'webmaster@qingtian.gov.cn' },
    },
    actor,
  );
  const col = async (site: SiteView, code: string) => {
    const r = await t.ctx.pool.query<{ id: string }>(
      'SELECT id FROM cms_column WHERE site_id = $1 AND code = $2',
      [site.id, code],
    );
    if (!r.rows[0]) throw new Error(`no column ${code}`);
    return r.rows[0].id;
  };
  let seq = 0;
  return {
    ...t,
    f,
    city,
    qingtian,
    col,
    async publish(site, columnCode, daysAgo, body, title) {
      seq += 1;
      const a = await createArticle(
        t.ctx,
        SYSTEM_CALLER,
        {
          siteId: site.id,
          columnId: await col(site, columnCode),
          title: title ?? `测试稿件第${seq}篇`,
          body: body ?? `<p>测试正文${seq}</p>`,
          ...(columnCode === 'wjzl'
            ? { docNumber: `丽政发〔2026〕${seq}号`, writtenOn: '2026-01-05', validity: 'valid' as const }
            : {}),
        },
        actor,
      );
      await submitArticle(t.ctx, SYSTEM_CALLER, a.id, actor);
      for (let i = 0; i < 2; i++) {
        const r = await t.ctx.pool.query<{ status: string }>('SELECT status FROM cms_article WHERE id = $1', [
          a.id,
        ]);
        if (r.rows[0]?.status === 'published') break;
        await approveArticle(t.ctx, SYSTEM_CALLER, a.id, actor);
      }
      const at = new Date(opts.clock.now().getTime() - daysAgo * DAY_MS);
      await t.ctx.pool.query(
        'UPDATE cms_article SET published_at = $2, first_published_at = $2 WHERE id = $1',
        [a.id, at],
      );
      return a.id;
    },
    async column(site, code, kind, updateDays) {
      const c = await createColumn(
        t.ctx,
        SYSTEM_CALLER,
        site.id,
        { code, name: `测试栏目${code}`, type: kind, updateDays, reviewLevels: 1 },
        actor,
      );
      return c.id;
    },
    signIn: (username) => login(t.app, username, TEST_PASSWORD),
  };
}
