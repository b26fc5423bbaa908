// 信息报送 between sites (accept, return, statistics) and column subscriptions (copies by event job).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, json } from '../../testing/harness.ts';
import { CMS_USERS, cmsSetup } from './testing.ts';

async function published(s: Awaited<ReturnType<typeof cmsSetup>>, title: string): Promise<string> {
  const editor = as(s.app, await s.signIn(CMS_USERS.qtEditor));
  const reviewer = as(s.app, await s.signIn(CMS_USERS.qtReviewer));
  const columnId = await s.col('qingtian', 'zwdt');
  const a = json<{ id: string }>(
    await editor('POST', '/api/v1/articles', {
      siteId: s.qingtian.id,
      columnId,
      title,
      body: `<p>${title}的正文。</p>`,
    }),
  );
  await editor('POST', `/api/v1/articles/${a.id}/submit`);
  await reviewer('POST', `/api/v1/articles/${a.id}/publish`);
  return a.id;
}

test('a county article pushed to the city portal is accepted there as a credited copy, found by search on both sites', async () => {
  const s = await cmsSetup();
  const id = await published(s, '青田县侨乡进口商品城年交易额突破百亿元');
  const qt = as(s.app, await s.signIn(CMS_USERS.qtEditor));
  const qtRev = as(s.app, await s.signIn(CMS_USERS.qtReviewer));
  const cityRev = as(s.app, await s.signIn(CMS_USERS.cityReviewer));
  const cityCol = await s.col('city', 'zwdt');
  const qtCol = await s.col('qingtian', 'tzgg').catch(async () => s.col('qingtian', 'wjzl'));
  assert.equal(
    (await qt('POST', `/api/v1/articles/${id}/push`, { targetColumnId: qtCol })).statusCode,
    422,
    'own site',
  );
  assert.equal(
    (await qt('POST', `/api/v1/articles/${id}/push`, { targetColumnId: await s.col('city', 'bsfw') }))
      .statusCode,
    422,
    'link column',
  );
  const p = await qt('POST', `/api/v1/articles/${id}/push`, { targetColumnId: cityCol });
  assert.equal(p.statusCode, 201, p.body);
  const push = json<{ id: string; status: string }>(p);
  assert.equal(push.status, 'pending');
  assert.equal(
    (await qt('POST', `/api/v1/articles/${id}/push`, { targetColumnId: cityCol })).statusCode,
    409,
    'no duplicate pending push',
  );
  assert.equal(
    (await qtRev('POST', `/api/v1/pushes/${push.id}/accept`)).statusCode,
    403,
    'the sending site cannot accept',
  );
  const incoming = json<{ items: { id: string }[] }>(
    await cityRev('GET', `/api/v1/pushes?siteId=${s.city.id}&direction=incoming`),
  );
  assert.deepEqual(
    incoming.items.map((i) => i.id),
    [push.id],
  );
  const acc = json<{ status: string; copyArticleId: string }>(
    await cityRev('POST', `/api/v1/pushes/${push.id}/accept`),
  );
  assert.equal(acc.status, 'accepted');
  assert.equal((await cityRev('POST', `/api/v1/pushes/${push.id}/accept`)).statusCode, 409);
  const copy = json<{ url: string; credit: string; copyOf: string; title: string }>(
    await s.app.inject({ method: 'GET', url: `/api/v1/articles/${acc.copyArticleId}` }),
  );
  assert.equal(copy.url, `/articles/${acc.copyArticleId}`);
  assert.match(copy.credit, /来源：青田县人民政府/);
  assert.equal(copy.copyOf, id);
  const docs = await s.ctx.pool.query<{ site_id: string; url: string }>(
    'SELECT site_id, url FROM search_document WHERE source_id = ANY($1::uuid[]) ORDER BY url',
    [[id, acc.copyArticleId]],
  );
  assert.deepEqual(docs.rows.map((r) => r.site_id).sort(), [s.city.id, s.qingtian.id].sort());
  const found = await s.app.inject({
    method: 'GET',
    url: `/api/v1/search?q=${encodeURIComponent('进口商品城')}`,
  });
  assert.equal(found.statusCode, 200, found.body);
  {
    const urls = json<{ items: { url: string }[] }>(found).items.map((i) => i.url);
    assert.ok(
      urls.includes(`/articles/${acc.copyArticleId}`) && urls.includes(`/sites/qingtian/articles/${id}`),
      urls.join(),
    );
  }
  // Withdrawing the original withdraws its copies too.
  await qtRev('POST', `/api/v1/articles/${id}/withdraw`, { reason: '数据待核实' });
  const after = json<{ withdrawn: { reason: string } | null }>(
    await s.app.inject({ method: 'GET', url: `/api/v1/articles/${acc.copyArticleId}` }),
  );
  assert.match(after.withdrawn?.reason ?? '', /原稿已撤下/);
});

test('returned pushes need a reason; adoption statistics per sending unit per month', async () => {
  const s = await cmsSetup();
  const qt = as(s.app, await s.signIn(CMS_USERS.qtEditor));
  const cityRev = as(s.app, await s.signIn(CMS_USERS.cityReviewer));
  const cityCol = await s.col('city', 'zwdt');
  const ids = [await published(s, '稿件甲'), await published(s, '稿件乙'), await published(s, '稿件丙')];
  const pushes = [];
  for (const id of ids)
    pushes.push(
      json<{ id: string }>(await qt('POST', `/api/v1/articles/${id}/push`, { targetColumnId: cityCol })).id,
    );
  await cityRev('POST', `/api/v1/pushes/${pushes[0]}/accept`);
  assert.equal((await cityRev('POST', `/api/v1/pushes/${pushes[1]}/return`, { reason: '' })).statusCode, 422);
  const ret = json<{ status: string; reason: string }>(
    await cityRev('POST', `/api/v1/pushes/${pushes[1]}/return`, { reason: '内容与本站已发信息重复' }),
  );
  assert.equal(ret.status, 'returned');
  assert.equal(ret.reason, '内容与本站已发信息重复');
  const stats = json<{
    items: {
      orgName: string;
      sent: number;
      accepted: number;
      returned: number;
      pending: number;
      adoptionRate: number;
    }[];
  }>(await cityRev('GET', `/api/v1/pushes/stats?siteId=${s.city.id}&month=2026-11`));
  assert.deepEqual(
    stats.items.map((i) => [i.orgName, i.sent, i.accepted, i.returned, i.pending, i.adoptionRate]),
    [['青田县', 3, 1, 1, 1, 33.3]],
  );
  const empty = json<{ items: unknown[] }>(
    await cityRev('GET', `/api/v1/pushes/stats?siteId=${s.city.id}&month=2026-10`),
  );
  assert.equal(empty.items.length, 0);
  assert.equal(
    (await cityRev('GET', `/api/v1/pushes/stats?siteId=${s.city.id}&month=2026-13`)).statusCode,
    422,
  );
  assert.equal((await qt('GET', `/api/v1/pushes/stats?siteId=${s.liandu.id}&month=2026-11`)).statusCode, 403);
  const outgoing = json<{ items: { status: string }[] }>(
    await qt('GET', `/api/v1/pushes?siteId=${s.qingtian.id}&direction=outgoing`),
  );
  assert.deepEqual(outgoing.items.map((i) => i.status).sort(), ['accepted', 'pending', 'returned']);
});

test('a column subscribed to another site column receives newly published articles as linked copies', async () => {
  const s = await cmsSetup();
  const admin = as(s.app, await s.signIn(CMS_USERS.siteAdmin));
  const qtEditor = as(s.app, await s.signIn(CMS_USERS.qtEditor));
  const created = json<{ id: string }>(
    await admin('POST', `/api/v1/sites/${s.city.id}/columns`, {
      code: 'xqdt',
      name: '县区动态',
      type: 'news',
      updateDays: 14,
    }),
  );
  const source = await s.col('qingtian', 'zwdt');
  assert.equal(
    (await qtEditor('POST', `/api/v1/columns/${created.id}/subscriptions`, { sourceColumnId: source }))
      .statusCode,
    403,
  );
  const sub = await admin('POST', `/api/v1/columns/${created.id}/subscriptions`, { sourceColumnId: source });
  assert.equal(sub.statusCode, 201, sub.body);
  assert.equal(
    (await admin('POST', `/api/v1/columns/${created.id}/subscriptions`, { sourceColumnId: source }))
      .statusCode,
    409,
  );
  assert.equal(
    (
      await admin('POST', `/api/v1/columns/${created.id}/subscriptions`, {
        sourceColumnId: await s.col('city', 'zwdt'),
      })
    ).statusCode,
    422,
  );
  const id = await published(s, '青田县稻鱼共生系统获评全球重要农业文化遗产保护示范');
  await s.ctx.jobs.drain();
  const { listPublishedArticles } = await import('./index.ts');
  const list = await listPublishedArticles(s.ctx.pool, { siteId: s.city.id, columnId: created.id });
  assert.equal(list.total, 1);
  assert.equal(list.items[0]!.title, '青田县稻鱼共生系统获评全球重要农业文化遗产保护示范');
  assert.match(list.items[0]!.credit ?? '', /青田县人民政府/);
  // Running the job again does not duplicate the copy.
  const { copyToSubscribers } = await import('./use-cases/push-articles.ts');
  assert.equal(await copyToSubscribers(s.ctx, id), 0);
  assert.equal(
    (await admin('DELETE', `/api/v1/columns/${created.id}`)).statusCode,
    409,
    'a column with articles cannot be deleted',
  );
});
