// The search API and page over the cluster index: Chinese words found by the words a citizen types
// (and not by the same characters far apart), fuzzy title matches when no word matches, filters,
// recency, pagination, hostile queries, changes visible on commit, and service items.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemActor } from '../../platform/audit/audit.ts';
import { fixedClock } from '../../platform/db/clock.ts';
import { newId } from '../../platform/db/ids.ts';
import { withTx } from '../../platform/db/pool.ts';
import { indexDocument, removeDocument, type SearchDocumentInput } from '../../platform/search/index.ts';
import { hourKeys, hourNumber } from '../../platform/search/query.ts';
import { createTestApp, json } from '../../testing/harness.ts';
import { seedScopeFixture } from '../identity/testing.ts';
import { SYSTEM_CALLER, suspendItem } from '../services/index.ts';
import { makePublishedItem } from '../services/testing.ts';
import { backfillServiceItems } from './use-cases/backfill-service-items.ts';

// 10:00 in Beijing on Tuesday 2026-11-24.
const clock = fixedClock('2026-11-24T02:00:00Z');
const t = await createTestApp({ clock });
const { app, ctx } = t;

interface Hit {
  title: string;
  url: string;
  snippet: string;
  siteId: string | null;
  publishedAt: string;
  type: string;
  extra?: Record<string, string>;
}
interface Result {
  total: number;
  totalCapped: boolean;
  matchedBy: string;
  page: number;
  pageSize: number;
  items: Hit[];
}
type Err = { error: { code: string; message: string; details: { field: string }[] } };

const SITE_CITY = newId();
const SITE_QT = newId();
const COL_NEWS = newId();
const COL_POLICY = newId();
const ORG_A = newId();

function doc(over: Partial<SearchDocumentInput> & { title: string }): SearchDocumentInput {
  const id = over.sourceId ?? newId();
  return {
    sourceType: 'article',
    sourceId: id,
    siteId: SITE_CITY,
    columnId: COL_NEWS,
    orgId: ORG_A,
    body: '',
    url: `/articles/${id}`,
    publishedAt: new Date('2026-11-20T02:00:00Z'),
    ...over,
  };
}

async function put(...docs: SearchDocumentInput[]): Promise<SearchDocumentInput[]> {
  await withTx(ctx.pool, async (tx) => {
    for (const d of docs) await indexDocument(tx, d);
  });
  return docs;
}

async function search(query: Record<string, string | number>): Promise<Result> {
  const r = await app.inject({
    method: 'GET',
    url: '/api/v1/search',
    query: query as Record<string, string>,
  });
  assert.equal(r.statusCode, 200, r.body);
  return json<Result>(r);
}

const titles = (r: Result) => r.items.map((i) => i.title);

test('a Chinese word is found by itself and by its parts, and only where the parts stand together', async () => {
  await put(
    doc({ title: '关于优化营业执照办理流程的通知', body: '即日起，企业可在网上申请营业执照，全程电子化。' }),
    doc({ title: '驾驶员培训须知', body: '营业场所应当整洁。另：驾驶执照年审请到交警窗口。' }),
  );
  const whole = await search({ q: '营业执照' });
  assert.deepEqual(
    titles(whole),
    ['关于优化营业执照办理流程的通知'],
    'the parts far apart do not match the word',
  );
  assert.equal(whole.total, 1);
  assert.equal(whole.matchedBy, 'fulltext');
  assert.match(whole.items[0]!.snippet, /<em>营业执照<\/em>/);
  const part = await search({ q: '执照' });
  assert.equal(part.total, 2, 'a part of the word finds both');
  const two = await search({ q: '营业执照 电子化' });
  assert.deepEqual(titles(two), ['关于优化营业执照办理流程的通知'], 'two words: both must be there');
  const quoted = await search({ q: '"网上申请营业执照"' });
  assert.equal(quoted.total, 1, 'a quoted phrase');
  const none = await search({ q: '营业执照 高速公路' });
  assert.equal(none.total, 0);
  assert.deepEqual(none.items, []);
});

test('when no word matches, titles are matched by substring and near-miss spelling', async () => {
  await put(doc({ title: '丽水市乡村振兴示范村建设实施方案', body: '全文略。' }));
  const substring = await search({ q: '兴示范' });
  assert.equal(substring.matchedBy, 'title');
  assert.ok(titles(substring).includes('丽水市乡村振兴示范村建设实施方案'), JSON.stringify(substring));
  const typo = await search({ q: '乡村振兴示范材' });
  assert.ok(titles(typo).includes('丽水市乡村振兴示范村建设实施方案'), 'one wrong character still finds it');
  const unrelated = await search({ q: '垃圾分类' });
  assert.equal(unrelated.total, 0);
  assert.equal(unrelated.matchedBy, 'none');
});

test('filters: site, column, type, unit and publication dates (Beijing days)', async () => {
  const tag = '智慧停车';
  await put(
    doc({ title: `${tag}市级新闻`, publishedAt: new Date('2026-10-01T01:00:00Z') }),
    doc({
      title: `${tag}青田新闻`,
      siteId: SITE_QT,
      orgId: newId(),
      publishedAt: new Date('2026-10-02T01:00:00Z'),
    }),
    doc({
      title: `${tag}管理办法`,
      sourceType: 'policy',
      columnId: COL_POLICY,
      extra: { docNumber: '丽政发〔2026〕3号' },
      // 2026-10-03 00:30 in Beijing is still 10-02 in UTC.
      publishedAt: new Date('2026-10-02T16:30:00Z'),
    }),
  );
  assert.equal((await search({ q: tag })).total, 3);
  assert.deepEqual(titles(await search({ q: tag, siteId: SITE_QT })), [`${tag}青田新闻`]);
  assert.equal((await search({ q: tag, siteId: SITE_CITY })).total, 2, "another site's pages stay out");
  assert.deepEqual(titles(await search({ q: tag, columnId: COL_POLICY })), [`${tag}管理办法`]);
  const policy = await search({ q: tag, type: 'policy' });
  assert.deepEqual(titles(policy), [`${tag}管理办法`]);
  assert.deepEqual(policy.items[0]!.extra, { docNumber: '丽政发〔2026〕3号' });
  assert.equal((await search({ q: tag, orgId: ORG_A })).total, 2);
  assert.deepEqual(titles(await search({ q: tag, from: '2026-10-03', to: '2026-10-03' })), [
    `${tag}管理办法`,
  ]);
  assert.equal((await search({ q: tag, from: '2026-10-02' })).total, 2);
  assert.equal((await search({ q: tag, to: '2026-10-01' })).total, 1);
  assert.equal((await search({ q: tag, siteId: newId() })).total, 0, 'an unknown site finds nothing');
});

test('ranking: a newer page first among equals, a title match before a body match of the same age', async () => {
  const word = '数字政府';
  const NEW = new Date('2026-11-01T02:00:00Z');
  const OLD = new Date('2024-01-05T02:00:00Z');
  await put(
    doc({ title: `${word}建设年度报告（旧）`, publishedAt: OLD }),
    doc({ title: `${word}建设年度报告（新）`, publishedAt: NEW }),
    doc({ title: '工作动态（新）', body: `推进${word}建设。`, publishedAt: NEW }),
    doc({ title: '工作动态（旧）', body: `推进${word}建设。`, publishedAt: OLD }),
  );
  const order = titles(await search({ q: word }));
  assert.equal(order.length, 4);
  assert.equal(order[0], `${word}建设年度报告（新）`);
  assert.equal(order[3], '工作动态（旧）');
  const before = (a: string, b: string) =>
    assert.ok(order.indexOf(a) < order.indexOf(b), `${a} before ${b}: ${order}`);
  before(`${word}建设年度报告（旧）`, '工作动态（旧）');
  before('工作动态（新）', '工作动态（旧）');
});

test('pagination: pages do not overlap, the last page is short, past the end is empty with the total', async () => {
  const word = '消防安全检查';
  const docs = Array.from({ length: 23 }, (_, i) =>
    doc({ title: `${word}第${i + 1}期`, publishedAt: new Date(Date.UTC(2026, 9, 1 + i)) }),
  );
  await put(...docs);
  const seen = new Set<string>();
  for (const [page, n] of [
    [1, 10],
    [2, 10],
    [3, 3],
  ] as const) {
    const r = await search({ q: word, page, pageSize: 10 });
    assert.equal(r.total, 23);
    assert.equal(r.items.length, n, `page ${page}`);
    for (const i of r.items) {
      assert.ok(!seen.has(i.url), `${i.title} shown twice`);
      seen.add(i.url);
    }
  }
  assert.equal(seen.size, 23);
  const past = await search({ q: word, page: 9, pageSize: 10 });
  assert.equal(past.items.length, 0);
  assert.equal(past.total, 23);
  assert.equal((await search({ q: word, pageSize: 50 })).items.length, 23);
});

test('hostile queries get a clean answer; markup in content and queries stays text', async () => {
  await put(
    doc({
      title: '<b>人才公寓</b>申请指南',
      body: '<script>alert(1)</script> 人才公寓 & "申请" 条件 <img src=x onerror=alert(1)>',
    }),
  );
  const nasty = [
    "'",
    '"',
    '""',
    "人才' | '公寓",
    '人才 & | ! <-> :* (公寓',
    "'); DROP TABLE search_document; --",
    '1 OR 1=1',
    '\\',
    "\\\\'",
    '😀🎉人才公寓🚀',
    '👨‍👩‍👧',
    '<script>alert(1)</script>',
    '%00',
    '人才公寓'.repeat(1000),
    'a'.repeat(4000),
    '　　　',
    '!!!???',
    '$1 $2 ::tsquery',
    'ｒｅｇｉｓｔｒａｔｉｏｎ',
    '\u202e人才',
  ];
  for (const q of nasty) {
    const r = await app.inject({ method: 'GET', url: '/api/v1/search', query: { q } });
    assert.equal(r.statusCode, 200, `${q.slice(0, 40)}: ${r.body.slice(0, 200)}`);
    const body = json<Result>(r);
    assert.equal(typeof body.total, 'number');
    for (const i of body.items) assert.doesNotMatch(i.snippet, /<(?!\/?em>)/, 'only <em> marks in snippets');
  }
  const emoji = await search({ q: '😀人才公寓🚀' });
  assert.equal(emoji.total, 1, 'emoji are ignored, the words still count');
  const hit = (await search({ q: '人才公寓' })).items[0]!;
  assert.doesNotMatch(hit.snippet, /<script|<img|<b>/);
  assert.match(hit.snippet, /&lt;script&gt;/);
  assert.match(hit.snippet, /<em>人才公寓<\/em>/);
  // The index is intact after the SQL-looking queries.
  assert.equal((await search({ q: '人才公寓' })).total, 1);
  assert.equal((await search({})).total, 0, 'no query: nothing, not everything');
});

test('bad parameters are refused with a named 400, never a 500', async () => {
  const cases: [Record<string, string>, string, string][] = [
    [{ q: '人才', page: '-1' }, 'VALIDATION_FAILED', 'page'],
    [{ q: '人才', page: '0' }, 'VALIDATION_FAILED', 'page'],
    [{ q: '人才', page: 'abc' }, 'VALIDATION_FAILED', 'page'],
    [{ q: '人才', page: '1001' }, 'VALIDATION_FAILED', 'page'],
    [{ q: '人才', pageSize: '51' }, 'VALIDATION_FAILED', 'pageSize'],
    [{ q: '人才', siteId: "1' OR '1'='1" }, 'VALIDATION_FAILED', 'siteId'],
    [{ q: '人才', columnId: '42' }, 'VALIDATION_FAILED', 'columnId'],
    [{ q: '人才', orgId: '<script>' }, 'VALIDATION_FAILED', 'orgId'],
    [{ q: '人才', type: 'users' }, 'VALIDATION_FAILED', 'type'],
    [{ q: '人才', from: '2026-13-01' }, 'VALIDATION_FAILED', 'from'],
    [{ q: '人才', to: 'yesterday' }, 'VALIDATION_FAILED', 'to'],
    [{ q: '人才', from: '2026-11-02', to: '2026-11-01' }, 'SEARCH_DATE_RANGE_INVALID', 'from'],
    [{ q: '好'.repeat(10_001) }, 'VALIDATION_FAILED', 'q'],
  ];
  for (const [query, code, field] of cases) {
    const r = await app.inject({ method: 'GET', url: '/api/v1/search', query });
    assert.equal(r.statusCode, 400, `${JSON.stringify(query).slice(0, 60)}: ${r.body.slice(0, 200)}`);
    const e = json<Err>(r).error;
    assert.equal(e.code, code);
    assert.match(e.message, /[\u4e00-\u9fff]/, 'a Chinese message');
    assert.ok(
      e.details.some((d) => d.field.includes(field)),
      `${field} named: ${JSON.stringify(e.details)}`,
    );
  }
});

test('a published change is searchable on commit; a rolled-back one never; removal takes it out', async () => {
  const d = doc({ title: '老年人助餐服务点名单', body: '各街道助餐服务点地址。' });
  await assert.rejects(
    withTx(ctx.pool, async (tx) => {
      await indexDocument(tx, d);
      throw new Error('publication failed');
    }),
  );
  assert.equal((await search({ q: '助餐' })).total, 0, 'nothing from a rolled-back transaction');
  await put(d);
  assert.equal((await search({ q: '助餐' })).total, 1);
  // A new revision replaces the document (one row per source), it does not add one.
  await put({ ...d, title: '老年食堂名单（更新）', body: '各街道老年食堂地址。' });
  assert.equal((await search({ q: '助餐' })).total, 0, 'the old words are gone');
  assert.deepEqual(titles(await search({ q: '老年食堂' })), ['老年食堂名单（更新）']);
  await withTx(ctx.pool, (tx) => removeDocument(tx, 'article', d.sourceId));
  assert.equal((await search({ q: '老年食堂' })).total, 0);
  await withTx(ctx.pool, (tx) => removeDocument(tx, 'article', 'not-a-uuid'));
});

test('service items: found once published, gone when suspended, back-filled when missing', async () => {
  const f = await seedScopeFixture(ctx);
  const item = await makePublishedItem(ctx, f.qingtianDept.id, { name: '特种设备使用登记' });
  const r = await search({ q: '特种设备' });
  assert.equal(r.total, 1);
  assert.equal(r.items[0]!.type, 'service-item');
  assert.equal(r.items[0]!.url, `/hall/items/${item.id}`);
  assert.equal(r.items[0]!.siteId, null);
  assert.equal(r.items[0]!.extra?.code, item.code);
  assert.equal((await search({ q: '特种设备', type: 'service-item' })).total, 1);
  assert.equal((await search({ q: '特种设备', type: 'article' })).total, 0);
  // Words of the guide find it too (a material's name).
  assert.equal((await search({ q: '食品安全管理制度', type: 'service-item' })).total, 1);

  await ctx.pool.query(`DELETE FROM search_document WHERE source_type = 'service-item'`);
  assert.equal(await backfillServiceItems(ctx), 1);
  assert.equal(await backfillServiceItems(ctx), 0, 'idempotent');
  assert.equal((await search({ q: '特种设备' })).total, 1);

  await suspendItem(ctx, SYSTEM_CALLER, item.id, { reason: '系统升级' }, { ...systemActor, name: '测试' });
  assert.equal((await search({ q: '特种设备' })).total, 0);
  assert.equal(await backfillServiceItems(ctx), 0, 'a suspended item is not put back');
});

test('the /search page lists results accessibly and survives bad parameters', async () => {
  await put(doc({ title: '城乡居民医保缴费指南', body: '城乡居民医保缴费可通过浙里办完成。' }));
  const r = await app.inject({ method: 'GET', url: '/search?q=%E5%8C%BB%E4%BF%9D%E7%BC%B4%E8%B4%B9' });
  assert.equal(r.statusCode, 200);
  assert.match(r.headers['content-type'] as string, /text\/html/);
  assert.match(r.body, /<p role="status"[^>]*>找到 1 条与“医保缴费”相关的结果/);
  assert.match(r.body, /<a href="\/articles\/[0-9a-f-]+">城乡居民医保缴费指南<\/a>/);
  assert.match(r.body, /<em>医保<\/em>|<em>医保缴费<\/em>/);
  assert.match(r.body, /<label for="srch-q">/);
  const home = await app.inject({ method: 'GET', url: '/' });
  assert.match(home.body, /<form class="site-search" role="search" method="get" action="\/search">/);
  for (const url of [
    '/search',
    '/search?q=',
    '/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    '/search?q=%E5%8C%BB%E4%BF%9D&page=-5',
    '/search?q=%E5%8C%BB%E4%BF%9D&page=abc&type=users',
    '/search?q=%E5%8C%BB%E4%BF%9D&page=999999',
    `/search?q=${'%E5%8C%BB'.repeat(4000)}`,
    '/search?q=a&q=b',
  ]) {
    const p = await app.inject({ method: 'GET', url });
    assert.equal(p.statusCode, 200, `${url.slice(0, 60)}: ${p.statusCode}`);
    assert.doesNotMatch(p.body, /<script>alert/, 'the query is escaped');
  }
  const last = await app.inject({ method: 'GET', url: '/search?q=%E5%8C%BB%E4%BF%9D&page=999999' });
  assert.match(last.body, /城乡居民医保缴费指南/, 'a page past the end shows the last page');
});

test('time keys: a run of hours is covered exactly, by the keys PostgreSQL stores for those hours', async () => {
  const covered = (lo: number, hi: number) => {
    const hours: number[] = [];
    for (const k of hourKeys(lo, hi)) {
      const level = Math.floor(k / 2 ** 20);
      const block = k % 2 ** 20;
      for (let h = block << level; h < (block + 1) << level; h++) hours.push(h);
    }
    return hours.sort((a, b) => a - b);
  };
  for (const [lo, hi] of [
    [0, 1],
    [235_000, 235_779],
    [17, 2 ** 20],
    [123_456, 123_457],
    [0, 2 ** 20],
  ] as const) {
    const hours = covered(lo, hi);
    assert.equal(hours.length, hi - lo, `[${lo}, ${hi})`);
    assert.equal(hours[0], lo);
    assert.equal(hours.at(-1), hi - 1);
    assert.ok(hourKeys(lo, hi).length <= 60);
  }
  for (const iso of [
    '2026-11-24T01:59:59.999Z',
    '2026-11-24T02:00:00Z',
    '1999-06-01T00:00:00Z',
    '2001-03-04T05:06:07Z',
  ]) {
    const at = new Date(iso);
    const h = hourNumber(at.getTime());
    const r = await ctx.pool.query<{ keys: number[] }>('SELECT search_time_keys($1) AS keys', [at]);
    const stored = r.rows[0]!.keys;
    assert.equal(stored.length, 10);
    for (const k of hourKeys(h, h + 1)) assert.ok(stored.includes(k), `${iso}: ${k} in ${stored}`);
    assert.ok(!stored.some((k) => hourKeys(h + 1, h + 2).includes(k)), `${iso}: not the next hour`);
  }
});
