// The demo cluster: the city portal as default site, nine county portals and department sites, policy
// documents with valid 文号 and their 解读, pushes and subscription copies, a stale column and a broken
// internal link for site health, quickly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedClock } from '../../platform/db/clock.ts';
import { validateDocNumber } from '../../platform/ids/doc-number.ts';
import { createTestApp, json } from '../../testing/harness.ts';
import { seedIdentityDemo } from '../identity/identity.seed.ts';
import { NO_2FA } from '../identity/testing.ts';
import { getPublishedArticle, listPublishedArticles, seedCmsDemo, siteByCode, siteForHost } from './index.ts';

test('the demo seed builds the cluster with findings for site health', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA, clock: fixedClock('2026-11-24T02:00:00Z') });
  await seedIdentityDemo(ctx, () => {});
  const lines: string[] = [];
  // (Its time, about 2 s on an idle machine, is a benchmark figure, never a test assertion.)
  await seedCmsDemo(ctx, (m) => lines.push(m));
  const sites = json<{ items: { code: string; url: string; name: string }[] }>(
    await app.inject({ method: 'GET', url: '/api/v1/sites' }),
  );
  assert.equal(sites.items.length, 13, lines.join('\n'));
  assert.equal(sites.items[0]!.code, 'lishui');
  assert.equal(sites.items[0]!.url, '/');
  for (const c of [
    'liandu',
    'longquan',
    'qingtian',
    'yunhe',
    'qingyuan',
    'jinyun',
    'suichang',
    'songyang',
    'jingning',
  ])
    assert.ok(
      sites.items.some((s) => s.code === c),
      c,
    );
  const city = (await siteByCode(ctx.pool, 'lishui'))!;
  assert.equal((await siteForHost(ctx.pool, 'WWW.LISHUI.GOV.CN:443'))?.id, city.id);

  const policies = await ctx.pool.query<{ id: string; doc_number: string }>(
    `SELECT id, doc_number FROM cms_article WHERE site_id = $1 AND doc_number IS NOT NULL`,
    [city.id],
  );
  assert.ok(policies.rows.length >= 3);
  for (const p of policies.rows) assert.ok(validateDocNumber(p.doc_number).ok, p.doc_number);
  const withInterp = [];
  for (const p of policies.rows) {
    const pub = await getPublishedArticle(ctx.pool, p.id);
    if (pub?.interpretations.length) withInterp.push(pub);
  }
  assert.equal(withInterp.length, 1);
  assert.match(withInterp[0]!.interpretations[0]!.title, /政策解读/);
  const repealed = await ctx.pool.query(`SELECT 1 FROM cms_article WHERE validity = 'repealed'`);
  assert.equal(repealed.rowCount, 1);

  // Stale: 云和县 政务动态 last updated more than its 14-day interval ago.
  const stale = await ctx.pool.query<{ site: string; name: string }>(
    `SELECT s.code AS site, c.name FROM cms_column c JOIN cms_site s ON s.id = c.site_id
     WHERE c.update_days IS NOT NULL AND c.last_published_at < $1::timestamptz - make_interval(days => c.update_days)`,
    [ctx.clock.now()],
  );
  assert.ok(
    stale.rows.some((r) => r.site === 'yunhe' && r.name === '政务动态'),
    JSON.stringify(stale.rows),
  );
  // Broken internal link: points at an article that does not exist.
  const linking = await ctx.pool.query<{ body: string }>(
    `SELECT body FROM cms_article WHERE body LIKE '%0000000dead0%'`,
  );
  assert.equal(linking.rowCount, 1);
  const target = /\/articles\/([0-9a-f-]{36})/.exec(linking.rows[0]!.body)![1]!;
  assert.equal(await getPublishedArticle(ctx.pool, target), null);

  // Images are public through the cms file route; push and subscription copies exist.
  const img = /\/api\/v1\/cms\/files\/([0-9a-f-]{36})/.exec(
    (
      await ctx.pool.query<{ body: string }>(
        `SELECT body FROM cms_article WHERE body LIKE '%/api/v1/cms/files/%' LIMIT 1`,
      )
    ).rows[0]!.body,
  )![1];
  const res = await app.inject({ method: 'GET', url: `/api/v1/cms/files/${img}` });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'image/png');
  const copies = await ctx.pool.query<{ copy_kind: string }>(
    `SELECT copy_kind FROM cms_article WHERE copy_of IS NOT NULL`,
  );
  assert.ok(copies.rows.some((r) => r.copy_kind === 'push'));
  assert.ok(copies.rows.some((r) => r.copy_kind === 'subscription'));
  const xqdt = await ctx.pool.query<{ id: string }>(
    `SELECT id FROM cms_column WHERE site_id = $1 AND code = 'xqdt'`,
    [city.id],
  );
  const listed = await listPublishedArticles(ctx.pool, { siteId: city.id, columnId: xqdt.rows[0]!.id });
  assert.ok(listed.total >= 3);
  const searchable = await ctx.pool.query(`SELECT 1 FROM search_document WHERE site_id = $1`, [city.id]);
  assert.ok((searchable.rowCount ?? 0) >= 8);

  const again: string[] = [];
  await seedCmsDemo(ctx, (m) => again.push(m));
  assert.match(again.join(), /已存在/);
});
