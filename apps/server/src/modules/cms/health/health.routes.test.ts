// The site health API: a site administrator reads their site's health and asks for a check (run by the
// job), a county administrator cannot read or run the city portal's, the cluster overview shows every
// site to a cluster administrator and only the reachable ones to others; bad ids, wrong types,
// missing CSRF tokens and callers without the permission are refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixedClock } from '../../../platform/db/clock.ts';
import { as, json } from '../../../testing/harness.ts';
import { HEALTH_USERS, healthSetup } from './testing.ts';

interface Health {
  verdict: string;
  verdictName: string;
  checkedAt: string | null;
  findings: {
    kind: string;
    indicator: string;
    severity: string;
    url?: string;
    detail: string;
    fixPath?: string;
  }[];
  pending: { status: string } | null;
  counts: { veto: number; deduction: number; warning: number };
}

describe('site health API', async () => {
  const clock = fixedClock('2026-11-24T02:00:00Z');
  const t = await healthSetup({ clock });
  // 青田县: a stale 政务动态 (20 days against 14) and an empty 文件资料; the city portal: current.
  for (const c of ['gkxx', 'jgzn', 'fzrxx']) {
    await t.publish(t.qingtian, c, 30);
    await t.publish(t.city, c, 30);
  }
  await t.publish(t.qingtian, 'zwdt', 20, '<p>青田县动态</p>');
  await t.publish(t.city, 'wjzl', 10);
  await t.publish(t.city, 'zwdt', 1);
  const cityAdmin = as(t.app, await t.signIn(HEALTH_USERS.cityAdmin));
  const qtAdmin = as(t.app, await t.signIn(HEALTH_USERS.qtAdmin));
  const cluster = as(t.app, await t.signIn(HEALTH_USERS.clusterAdmin));
  const editor = as(t.app, await t.signIn(HEALTH_USERS.cityEditor));

  test('before any check the site is 尚未检查; a requested check runs in the job and its findings are served', async () => {
    let res = await qtAdmin('GET', `/api/v1/sites/${t.qingtian.id}/health`);
    assert.equal(res.statusCode, 200, res.body);
    let h = json<Health>(res);
    assert.deepEqual(
      [h.verdict, h.verdictName, h.checkedAt, h.findings.length],
      ['unchecked', '尚未检查', null, 0],
    );

    res = await qtAdmin('POST', `/api/v1/sites/${t.qingtian.id}/health/run`);
    assert.equal(res.statusCode, 202, res.body);
    const queued = json<{ runId: string; status: string; queued: boolean }>(res);
    assert.deepEqual([queued.status, queued.queued], ['queued', true]);
    // A second request while one waits does not queue another.
    res = await qtAdmin('POST', `/api/v1/sites/${t.qingtian.id}/health/run`);
    assert.deepEqual(json(res), { runId: queued.runId, status: 'queued', queued: false });
    h = json<Health>(await qtAdmin('GET', `/api/v1/sites/${t.qingtian.id}/health`));
    assert.equal(h.pending?.status, 'queued');

    await t.ctx.jobs.drain();
    h = json<Health>(await qtAdmin('GET', `/api/v1/sites/${t.qingtian.id}/health`));
    assert.equal(h.pending, null);
    assert.ok(h.checkedAt);
    // 20 days without news on the home page: a veto.
    assert.equal(h.verdict, 'fail');
    assert.equal(h.verdictName, '不合格（单项否决）');
    const home = h.findings.find((f) => f.kind === 'home-stale')!;
    assert.deepEqual([home.severity, home.indicator, home.url], ['veto', '首页不更新', '/sites/qingtian/']);
    const stale = h.findings.find((f) => f.kind === 'column-stale')!;
    assert.equal(stale.severity, 'deduction');
    assert.match(stale.detail, /政务动态/);
    assert.match(stale.fixPath!, /^\/console\/sites\?siteId=[0-9a-f-]{36}&columnId=[0-9a-f-]{36}$/);
    assert.ok(h.findings.some((f) => f.kind === 'column-empty' && /文件资料/.test(f.detail)));
    assert.equal(h.counts.veto, h.findings.filter((f) => f.severity === 'veto').length);
    // Veto first, then deductions, then warnings.
    const rank = h.findings.map((f) => ['veto', 'deduction', 'warning'].indexOf(f.severity));
    assert.deepEqual(rank, [...rank].sort());

    // The run is audited (request and result).
    const audit = await t.ctx.pool.query<{ action: string }>(
      `SELECT action FROM aud_entry WHERE object_id = $1 AND action LIKE 'cms.health.%' ORDER BY seq`,
      [t.qingtian.id],
    );
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['cms.health.request', 'cms.health.checked'],
    );
  });

  test('a county site administrator can neither read nor run the city portal’s health', async () => {
    let res = await qtAdmin('GET', `/api/v1/sites/${t.city.id}/health`);
    assert.equal(res.statusCode, 403);
    assert.match(json<{ error: { message: string } }>(res).error.message, /不在您的管理范围内/);
    res = await qtAdmin('POST', `/api/v1/sites/${t.city.id}/health/run`);
    assert.equal(res.statusCode, 403);
    const live = await t.ctx.pool.query('SELECT 1 FROM cms_health_run WHERE site_id = $1', [t.city.id]);
    assert.equal(live.rowCount, 0, 'no run was queued for the city portal');
    // An editor of the city portal is not its administrator.
    assert.equal((await editor('GET', `/api/v1/sites/${t.city.id}/health`)).statusCode, 403);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: `/api/v1/sites/${t.city.id}/health` })).statusCode,
      401,
    );
  });

  test('forged and malformed ids, a missing CSRF token', async () => {
    assert.equal(
      (await cityAdmin('GET', '/api/v1/sites/01900000-0000-7000-8000-00000000dead/health')).statusCode,
      404,
    );
    for (const bad of ["1' OR '1'='1", '<script>alert(1)</script>', '123', 'x'.repeat(5000)]) {
      const res = await cityAdmin('GET', `/api/v1/sites/${encodeURIComponent(bad)}/health`);
      assert.ok([400, 404, 414].includes(res.statusCode), `${bad.slice(0, 20)} → ${res.statusCode}`);
      assert.doesNotMatch(res.body, /<script>/);
    }
    const session = await t.signIn(HEALTH_USERS.cityAdmin);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sites/${t.city.id}/health/run`,
      headers: { cookie: session.cookie },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(json<{ error: { code: string } }>(res).error.code, 'CSRF_FAILED');
  });

  test('the cluster overview: all sites for a cluster administrator, the reachable ones for others', async () => {
    assert.equal((await cityAdmin('POST', `/api/v1/sites/${t.city.id}/health/run`)).statusCode, 202);
    await t.ctx.jobs.drain();
    const all = json<{
      items: { siteId: string; verdict: string; counts: { veto: number } }[];
      totals: Record<string, number>;
    }>(await cluster('GET', '/api/v1/health/overview'));
    assert.deepEqual(all.items.map((i) => i.siteId).sort(), [t.city.id, t.qingtian.id].sort());
    assert.equal(all.totals.sites, 2);
    assert.equal(all.items.find((i) => i.siteId === t.qingtian.id)!.verdict, 'fail');
    assert.equal(all.totals.fail, 1);
    // New content on 青田县 and a new check: the overview follows the latest run.
    await t.publish(t.qingtian, 'zwdt', 0);
    const again = await qtAdmin('POST', `/api/v1/sites/${t.qingtian.id}/health/run`);
    assert.equal(json<{ queued: boolean }>(again).queued, true, again.body);
    await t.ctx.jobs.drain();
    const runs = await t.ctx.pool.query<{ status: string; note: string | null }>(
      'SELECT status, note FROM cms_health_run WHERE site_id = $1 ORDER BY created_at',
      [t.qingtian.id],
    );
    assert.deepEqual(
      runs.rows.map((r) => r.status),
      ['done', 'done'],
      JSON.stringify(runs.rows),
    );
    const h = json<Health>(await qtAdmin('GET', `/api/v1/sites/${t.qingtian.id}/health`));
    assert.equal(h.findings.filter((f) => f.kind === 'home-stale').length, 0);
    assert.notEqual(h.verdict, 'fail');
    assert.notEqual(all.items.find((i) => i.siteId === t.city.id)!.verdict, 'fail');
    const mine = json<{ items: { siteId: string }[] }>(await qtAdmin('GET', '/api/v1/health/overview'));
    assert.deepEqual(
      mine.items.map((i) => i.siteId),
      [t.qingtian.id],
    );
    assert.equal((await editor('GET', '/api/v1/health/overview')).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/health/overview' })).statusCode, 401);
  });
});
