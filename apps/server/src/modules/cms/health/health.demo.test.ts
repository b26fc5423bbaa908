// Site health on the demo region: the daily job checks every demo site; the city portal's broken
// internal link (an article linking to an article that does not exist) and 云和县's stale 政务动态 are
// reported, with the indicators they break and where to fix them; no other link of the cluster is broken.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedClock } from '../../../platform/db/clock.ts';
import { as, json, login } from '../../../testing/harness.ts';
import { seedDisclosureDemo } from '../../disclosure/disclosure.seed.ts';
import { seedIdentityDemo } from '../../identity/identity.seed.ts';
import { SYSTEM_CALLER } from '../cms.scope.ts';
import { seedCmsDemo, siteByCode } from '../index.ts';
import { getSiteHealth, healthOverview } from './read-health.ts';
import { queueAllSites } from './run-health.ts';
import { healthTestApp } from './testing.ts';

interface Health {
  verdict: string;
  findings: {
    kind: string;
    indicator: string;
    severity: string;
    url?: string;
    column?: string;
    detail: string;
    fixPath?: string;
  }[];
}

test('the demo cluster: the stale column and the broken link are found', async () => {
  const { app, ctx } = await healthTestApp({ clock: fixedClock('2026-11-24T02:00:00Z') });
  await seedIdentityDemo(ctx, () => {});
  await seedCmsDemo(ctx, () => {});
  await seedDisclosureDemo(ctx, () => {});
  await ctx.jobs.drain();
  const queued = await queueAllSites(ctx);
  assert.equal(queued, 13);
  await ctx.jobs.drain();

  const lishui = (await siteByCode(ctx.pool, 'lishui'))!;
  const yunhe = (await siteByCode(ctx.pool, 'yunhe'))!;
  // The city portal's site administrator reads it through the API; 云和县 has no demo administrator.
  const admin = as(app, await login(app, 'portal.admin', 'Demo@2026'));
  const res = await admin('GET', `/api/v1/sites/${lishui.id}/health`);
  assert.equal(res.statusCode, 200, res.body);
  const city = json<Health>(res);
  assert.equal((await admin('GET', `/api/v1/sites/${yunhe.id}/health`)).statusCode, 403);
  const dead = city.findings.filter(
    (f) => f.kind === 'link-broken' && f.detail.includes('01900000-0000-7000-8000-0000000dead0'),
  );
  assert.equal(dead.length, 1, JSON.stringify(city.findings, null, 1));
  assert.equal(dead[0]!.severity, 'deduction');
  assert.equal(dead[0]!.indicator, '网站可用性（链接可用性）');
  assert.match(dead[0]!.detail, /站内链接.*页面不存在（404）/);
  assert.match(dead[0]!.url!, /^\/articles\/[0-9a-f-]{36}$/);
  assert.match(dead[0]!.fixPath!, /^\/console\/articles\/[0-9a-f-]{36}$/);
  assert.equal(dead[0]!.column, '政务动态');
  assert.notEqual(city.verdict, 'pass');

  const county = (await getSiteHealth(ctx, SYSTEM_CALLER, yunhe.id)) as Health;
  const stale = county.findings.filter((f) => f.kind === 'column-stale' && f.column === '政务动态');
  assert.equal(stale.length, 1, JSON.stringify(county.findings, null, 1));
  assert.equal(stale[0]!.severity, 'deduction');
  assert.match(stale[0]!.detail, /政务动态”已 4\d 天未更新，超过其更新周期 14 天/);
  // Its home page has had nothing new for 20 days (the last 通知公告): a veto.
  assert.ok(county.findings.some((f) => f.kind === 'home-stale' && f.severity === 'veto'));
  assert.equal(county.verdict, 'fail');

  // The planted link is the only broken one in the whole cluster: every site's 政府信息公开 column
  // leads to its unit's guide, which the demo has.
  const sites = await ctx.pool.query<{ id: string; code: string }>('SELECT id, code FROM cms_site');
  for (const site of sites.rows) {
    const h = (await getSiteHealth(ctx, SYSTEM_CALLER, site.id)) as Health;
    const broken = h.findings.filter((f) => f.kind === 'link-broken');
    assert.equal(broken.length, site.code === 'lishui' ? 1 : 0, `${site.code}: ${JSON.stringify(broken)}`);
  }

  const overview = await healthOverview(ctx, SYSTEM_CALLER);
  assert.equal(overview.totals.sites, 13);
  assert.equal(overview.totals.unchecked, 0);
  assert.equal(overview.items.find((i) => i.siteId === yunhe.id)!.verdict, 'fail');
  // The other county portals are current: no veto on them.
  const qingtian = (await siteByCode(ctx.pool, 'qingtian'))!;
  assert.notEqual(overview.items.find((i) => i.siteId === qingtian.id)!.verdict, 'fail');
  if (process.env.ZT_HEALTH_PRINT)
    for (const s of [city, county])
      console.log(
        s.verdict,
        s.findings.map((f) => `${f.severity} ${f.kind} ${f.url ?? ''} ${f.detail}`).join('\n'),
      );
});
