// Public site pages of the website cluster: routing by Host header, /sites/{code}/ prefix and the
// default site at /; home, column, article (policy metadata, validity, withdrawn notice, print view)
// pages; the page cache (ETag, 304, invalidation on publish); RSS and sitemap parsed by a standard
// XML parser; and the theme template API with its sandbox (file includes, prototype tricks, loops).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { systemActor } from '../../../platform/audit/audit.ts';
import { as, json } from '../../../testing/harness.ts';
import { SYSTEM_CALLER } from '../cms.scope.ts';
import { CMS_USERS, type CmsSetup, cmsSetup, publishArticle } from '../testing.ts';
import { approveArticle, submitArticle, withdrawArticle } from '../use-cases/article-workflow.ts';
import { updateArticle } from '../use-cases/edit-article.ts';
import { createColumn } from '../use-cases/manage-sites.ts';

const actor = { ...systemActor, name: '测试' };

const publish = publishArticle;

/** The 通知公告 column the demo seed adds to every site. */
async function addNotices(s: CmsSetup, site: 'city' | 'qingtian'): Promise<void> {
  await createColumn(
    s.ctx,
    SYSTEM_CALLER,
    s[site].id,
    { code: 'tzgg', name: '通知公告', type: 'notice', sort: 55, updateDays: 180, reviewLevels: 1 },
    actor,
  );
}

const get = (s: CmsSetup, url: string, headers: Record<string, string> = {}) =>
  s.app.inject({ method: 'GET', url, headers });

function h1Count(html: string): number {
  return (html.match(/<h1[\s>]/g) ?? []).length;
}

test('the default site is at /, others under /sites/{code}/ or on their own domain; unknown sites are 404 pages', async () => {
  const s = await cmsSetup();
  const cityNews = await publish(s, 'city', 'zwdt', { title: '市政府召开常务会议' });
  const qtNews = await publish(s, 'qingtian', 'zwdt', { title: '青田县召开侨务工作会议' });

  const home = await get(s, '/');
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /<html lang="zh-CN"/);
  assert.match(home.body, /丽水市人民政府/);
  assert.match(home.body, new RegExp(`href="/articles/${cityNews}"`));
  assert.doesNotMatch(home.body, /青田县召开侨务工作会议/);
  assert.match(home.body, /网站标识码：3311000001/);
  assert.match(home.body, /我为政府网站找错/);
  assert.match(home.body, /action="\/search"/);
  assert.equal(h1Count(home.body), 1);

  const qt = await get(s, '/sites/qingtian/');
  assert.equal(qt.statusCode, 200);
  assert.match(qt.body, /青田县人民政府/);
  assert.match(qt.body, new RegExp(`href="/sites/qingtian/articles/${qtNews}"`));
  assert.match(qt.body, /action="\/sites\/qingtian\/search"/);
  assert.match(qt.body, /网站标识码：3311210001/);
  assert.doesNotMatch(qt.body, /市政府召开常务会议/);

  // By Host header: the same site with links from /.
  const byHost = await get(s, '/', { host: 'www.qingtian.gov.cn' });
  assert.equal(byHost.statusCode, 200);
  assert.match(byHost.body, new RegExp(`href="/articles/${qtNews}"`));
  assert.match(byHost.body, /action="\/search"/);
  const artByHost = await get(s, `/articles/${qtNews}`, { host: 'WWW.QINGTIAN.GOV.CN:8080' });
  assert.equal(artByHost.statusCode, 200);
  assert.match(artByHost.body, /青田县召开侨务工作会议/);
  // The city article is not a page of the county's domain.
  assert.equal((await get(s, `/articles/${cityNews}`, { host: 'www.qingtian.gov.cn' })).statusCode, 404);
  // Other routes still answer on a site's domain.
  assert.equal((await get(s, '/login', { host: 'www.qingtian.gov.cn' })).statusCode, 200);

  assert.equal((await get(s, '/sites/qingtian')).headers.location, '/sites/qingtian/');
  const prefixed = await get(s, '/sites/lishui/columns/zwdt?page=2');
  assert.equal(prefixed.statusCode, 301);
  assert.equal(prefixed.headers.location, '/columns/zwdt?page=2');

  for (const url of [
    '/sites/nosuch/',
    '/sites/NoSuch/',
    "/sites/qingtian/columns/zwdt';DROP TABLE cms_site;--",
    '/sites/qingtian/columns/nosuch',
    `/sites/qingtian/articles/${cityNews}`,
    '/sites/qingtian/articles/00000000-0000-0000-0000-000000000000',
    '/sites/qingtian/articles/not-a-uuid',
    '/sites/qingtian/whatever',
    '/sites/%3Cscript%3E/',
  ]) {
    const r = await get(s, url);
    assert.equal(r.statusCode, 404, url);
    assert.match(String(r.headers['content-type']), /text\/html/, url);
    assert.doesNotMatch(r.body, /<script>/, url);
  }
});

test('article pages show policy metadata, validity, interpretations, attachments-free withdrawn notice and a print view', async () => {
  const s = await cmsSetup();
  const reading = await publish(s, 'city', 'zwdt', { title: '《数字政府建设实施方案》政策解读' });
  const doc = await publish(s, 'city', 'wjzl', {
    title: '丽水市人民政府关于印发数字政府建设实施方案的通知',
    interpretationIds: [reading],
    subtitle: '<b>副标题</b>',
    source: '市政府办公室',
    author: '<script>alert(1)</script>',
    docNumber: '丽政发〔2026〕3号',
    writtenOn: '2026-11-20',
    validity: 'valid',
  });
  const old = await publish(s, 'city', 'wjzl', {
    title: '关于旧办法的通知',
    docNumber: '丽政发〔2019〕8号',
    writtenOn: '2019-05-01',
    validity: 'repealed',
  });
  const page = await get(s, `/articles/${doc}`);
  assert.equal(page.statusCode, 200);
  assert.match(
    page.body,
    new RegExp(`<h2 id="art-interp-title">政策解读</h2>[\\s\\S]*href="/articles/${reading}"`),
  );
  assert.match(
    (await get(s, `/articles/${reading}`)).body,
    new RegExp(
      `本文解读的文件</h2>[\\s\\S]*href="/articles/${doc}">丽水市人民政府关于印发数字政府建设实施方案的通知`,
    ),
  );
  assert.equal(h1Count(page.body), 1);
  assert.match(page.body, /<th scope="row">文号<\/th><td>丽政发〔2026〕3号<\/td>/);
  assert.match(page.body, /<th scope="row">成文日期<\/th><td>2026-11-20<\/td>/);
  assert.match(page.body, /<span class="cms-validity">有效<\/span>/);
  assert.match(page.body, /&lt;b&gt;副标题&lt;\/b&gt;/);
  assert.match(page.body, /作者：&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.doesNotMatch(page.body, /<script>alert/);
  assert.match(
    page.body,
    /<nav class="breadcrumb"[^>]*><a href="\/">首页<\/a>.*<a href="\/columns\/wjzl">文件资料<\/a>/,
  );
  assert.match(page.body, new RegExp(`value="http://localhost(:\\d+)?/articles/${doc}"`));
  assert.match(page.body, new RegExp(`href="/articles/${doc}\\?print=1"`));

  const repealed = await get(s, `/articles/${old}`);
  assert.match(repealed.body, /本文件已废止。/);
  assert.match(repealed.body, /cms-validity cms-validity-stale">废止/);
  const list = await get(s, '/columns/wjzl');
  assert.match(list.body, /丽政发〔2019〕8号<\/span><span class="cms-validity cms-validity-stale">已废止/);

  const print = await get(s, `/articles/${doc}?print=1`);
  assert.equal(print.statusCode, 200);
  assert.match(print.body, /<body class="print-view">/);
  assert.match(print.body, /便于打印的版本/);
  assert.doesNotMatch(print.body, /cms-share-url/);

  await withdrawArticle(s.ctx, SYSTEM_CALLER, doc, '文件内容有误，待更正后重新发布', actor);
  await s.ctx.jobs.drain();
  const gone = await get(s, `/articles/${doc}`);
  assert.equal(gone.statusCode, 200);
  assert.match(gone.body, /本文已撤稿。/);
  assert.match(gone.body, /撤稿原因：文件内容有误，待更正后重新发布/);
  assert.doesNotMatch(gone.body, /class="cms-body"/);
  assert.doesNotMatch((await get(s, '/columns/wjzl')).body, /数字政府建设实施方案/);
});

test('column lists page through their articles; bad page numbers never fail the page', async () => {
  const s = await cmsSetup();
  await addNotices(s, 'qingtian');
  for (let i = 1; i <= 23; i += 1) {
    s.clock.set(new Date(Date.UTC(2026, 10, 1, 2, i)).toISOString());
    await publish(s, 'qingtian', 'tzgg', { title: `青田县通知第${String(i).padStart(2, '0')}号` });
  }
  const first = await get(s, '/sites/qingtian/columns/tzgg');
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /共 23 条，第 1\/2 页/);
  assert.match(first.body, /青田县通知第23号/);
  assert.doesNotMatch(first.body, /青田县通知第03号/);
  assert.match(first.body, /href="\/sites\/qingtian\/columns\/tzgg\?page=2"/);
  const second = await get(s, '/sites/qingtian/columns/tzgg?page=2');
  assert.match(second.body, /青田县通知第03号/);
  assert.match(second.body, /青田县通知第01号/);
  assert.doesNotMatch(second.body, /青田县通知第04号/);
  for (const p of ['abc', '-1', '0', '99999999999', "1' OR '1'='1", '2&page=3']) {
    const r = await get(s, `/sites/qingtian/columns/tzgg?page=${encodeURIComponent(p)}`);
    assert.equal(r.statusCode, 200, p);
  }
  assert.match((await get(s, '/sites/qingtian/columns/tzgg?page=999')).body, /第 2\/2 页/);
});

test('anonymous pages carry an ETag (304 when unchanged) that changes when the site publishes; signed-in pages are private', async () => {
  const s = await cmsSetup();
  const id = await publish(s, 'qingtian', 'zwdt', { title: '第一版标题' });
  const url = `/sites/qingtian/articles/${id}`;
  const a = await get(s, url);
  const etag = String(a.headers.etag);
  assert.match(etag, /^"/);
  assert.match(String(a.headers['cache-control']), /public, max-age=\d+/);
  assert.equal((await get(s, url, { 'if-none-match': etag })).statusCode, 304);
  const home = await get(s, '/sites/qingtian/');
  const homeEtag = String(home.headers.etag);

  await updateArticle(s.ctx, SYSTEM_CALLER, id, { title: '第二版标题' } as never, actor);
  let v = await submitArticle(s.ctx, SYSTEM_CALLER, id, actor);
  while (v.status !== 'published') v = await approveArticle(s.ctx, SYSTEM_CALLER, id, actor);
  await s.ctx.jobs.drain();

  const b = await get(s, url, { 'if-none-match': etag });
  assert.equal(b.statusCode, 200);
  assert.notEqual(b.headers.etag, etag);
  assert.match(b.body, /第二版标题/);
  const home2 = await get(s, '/sites/qingtian/', { 'if-none-match': homeEtag });
  assert.equal(home2.statusCode, 200);
  assert.match(home2.body, /第二版标题/);

  const editor = await s.signIn(CMS_USERS.qtEditor);
  const signed = await get(s, url, { cookie: editor.cookie });
  assert.equal(signed.headers['cache-control'], 'private, no-store');
  assert.equal(signed.headers.etag, undefined);
});

test('RSS feeds, sitemap.xml and robots.txt parse and list published articles only, with absolute URLs', async () => {
  const s = await cmsSetup();
  await addNotices(s, 'qingtian');
  const live = await publish(s, 'qingtian', 'zwdt', { title: '青田 & 侨乡 <新闻> "引号"' });
  const withdrawn = await publish(s, 'qingtian', 'zwdt', { title: '将被撤下的稿件' });
  const notice = await publish(s, 'qingtian', 'tzgg', { title: '青田县停水通知\u0001' });
  await withdrawArticle(s.ctx, SYSTEM_CALLER, withdrawn, '重复发布', actor);
  await s.ctx.jobs.drain();
  const parser = new XMLParser({ ignoreAttributes: false });

  const feed = await get(s, '/sites/qingtian/feed.xml');
  assert.equal(feed.statusCode, 200);
  assert.match(String(feed.headers['content-type']), /application\/rss\+xml/);
  assert.equal(XMLValidator.validate(feed.body), true);
  const rss = parser.parse(feed.body);
  assert.equal(rss.rss['@_version'], '2.0');
  const items = [rss.rss.channel.item].flat();
  const titles = items.map((i: { title: string }) => i.title);
  assert.ok(titles.includes('青田 & 侨乡 <新闻> "引号"'), titles.join());
  assert.ok(!titles.includes('将被撤下的稿件'));
  const links = items.map((i: { link: string }) => i.link);
  assert.ok(links.includes(`http://localhost/sites/qingtian/articles/${live}`), links.join());
  assert.equal(
    (await get(s, '/sites/qingtian/feed.xml', { 'if-none-match': String(feed.headers.etag) })).statusCode,
    304,
  );

  const colFeed = await get(s, '/sites/qingtian/columns/tzgg/feed.xml');
  assert.equal(XMLValidator.validate(colFeed.body), true);
  const colItems = [parser.parse(colFeed.body).rss.channel.item].flat();
  assert.deepEqual(
    colItems.map((i: { link: string }) => i.link),
    [`http://localhost/sites/qingtian/articles/${notice}`],
  );
  assert.equal((await get(s, '/sites/qingtian/columns/nosuch/feed.xml')).statusCode, 404);

  const map = await get(s, '/sites/qingtian/sitemap.xml');
  assert.equal(XMLValidator.validate(map.body), true);
  const locs = [parser.parse(map.body).urlset.url].flat().map((u: { loc: string }) => u.loc);
  assert.ok(locs.includes(`http://localhost/sites/qingtian/articles/${live}`));
  assert.ok(locs.includes('http://localhost/sites/qingtian/columns/zwdt'));
  assert.ok(!locs.some((l: string) => l.includes(withdrawn)));

  // A site on its own domain: URLs on that domain.
  const hostMap = await get(s, '/sitemap.xml', { host: 'www.qingtian.gov.cn' });
  assert.ok(hostMap.body.includes(`<loc>http://www.qingtian.gov.cn/articles/${live}</loc>`));
  const robots = await get(s, '/robots.txt', { host: 'www.qingtian.gov.cn' });
  assert.match(robots.body, /Sitemap: http:\/\/www\.qingtian\.gov\.cn\/sitemap\.xml/);

  const cityRobots = await get(s, '/robots.txt');
  assert.match(cityRobots.body, /Disallow: \/api\//);
  assert.match(cityRobots.body, /Sitemap: http:\/\/localhost\/sitemap\.xml/);
  const cityMap = await get(s, '/sitemap.xml');
  assert.equal(XMLValidator.validate(cityMap.body), true);
  assert.doesNotMatch(cityMap.body, new RegExp(live));
});

test('site administrators edit templates: saved overrides render, bad templates are refused with the line, and the sandbox holds', async () => {
  const s = await cmsSetup();
  await publish(s, 'qingtian', 'zwdt', { title: '模板测试稿件' });
  const admin = as(s.app, await s.signIn(CMS_USERS.siteAdmin));
  const base = `/api/v1/sites/${s.qingtian.id}/theme/templates`;

  const list = json<{ items: { name: string; overridden: boolean }[] }>(await admin('GET', base));
  assert.ok(list.items.some((t) => t.name === 'pages/site/home' && !t.overridden));
  const orig = json<{ source: string }>(await admin('GET', `${base}/partials/site/footer`));
  assert.match(orig.source, /网站标识码/);

  const custom = orig.source.replace(
    '<div class="footer-identity">',
    '<p class="custom-mark">青田定制页脚</p><div class="footer-identity">',
  );
  const saved = await admin('PUT', `${base}/partials/site/footer`, { source: custom });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.match((await get(s, '/sites/qingtian/')).body, /青田定制页脚/);
  assert.doesNotMatch((await get(s, '/')).body, /青田定制页脚/);

  const refuse = async (source: string, pattern: RegExp) => {
    const r = await admin('PUT', `${base}/pages/site/home`, { source });
    assert.equal(r.statusCode, 422, `${source}: ${r.body}`);
    assert.match(r.body, pattern, source);
    assert.doesNotMatch(r.body, /root:|passwd:/);
  };
  await refuse("{% layout 'base' %}{% block content %}\n\n{% if %}{% endblock %}", /第 3 行/);
  await refuse("{% include '/etc/passwd' %}", /不存在的模板/);
  await refuse("{% include '../../../../../../etc/passwd' %}", /不存在的模板/);
  await refuse("{% render '../../package.json' %}", /不存在的模板/);
  await refuse('{{ "x" | shell }}', /TEMPLATE_INVALID/);
  await refuse(
    '{% for i in (1..100000000) %}{% for j in (1..1000) %}x{% endfor %}{% endfor %}',
    /渲染超时|内存/,
  );

  // Prototype and global tricks print nothing.
  const tricks =
    '{% layout \'base\' %}{% block content %}<p id="t">[{{ site.constructor }}][{{ site.__proto__ }}][{{ process.env }}][{{ "a".constructor.name }}][{{ site.name.length }}]</p>{% endblock %}';
  const ok = await admin('PUT', `${base}/pages/site/home`, { source: tricks });
  assert.equal(ok.statusCode, 200, ok.body);
  const tricked = await get(s, '/sites/qingtian/');
  assert.match(tricked.body, /<p id="t">\[\]\[\]\[\]\[\]\[\d*\]<\/p>/);

  // Not a template of the theme, another site's administrator, anonymous.
  assert.equal((await admin('PUT', `${base}/layouts/base`, { source: 'x' })).statusCode, 404);
  assert.equal((await admin('GET', `${base}/..%2F..%2Fpackage.json`)).statusCode, 404);
  assert.equal(
    (await admin('PUT', `${base}/pages/site/home`, { source: 'x'.repeat(200_001) })).statusCode,
    400,
  );
  assert.equal((await admin('PUT', `${base}/pages/site/home`, { source: 42 })).statusCode, 400);
  const editor = as(s.app, await s.signIn(CMS_USERS.qtEditor));
  assert.equal((await editor('PUT', `${base}/pages/site/home`, { source: 'x' })).statusCode, 403);
  assert.equal((await s.app.inject({ method: 'GET', url: base })).statusCode, 401);

  // Preview renders unsaved templates without storing them, in a sandboxed response.
  const prev = await admin('POST', `/api/v1/sites/${s.qingtian.id}/theme/preview`, {
    page: 'article',
    templates: { 'partials/site/footer': orig.source.replace('网站标识码', '预览标识码') },
  });
  assert.equal(prev.statusCode, 200, prev.body);
  assert.match(prev.body, /预览标识码/);
  assert.match(prev.body, /模板测试稿件/);
  assert.match(String(prev.headers['content-security-policy']), /sandbox/);
  assert.doesNotMatch(
    (await get(s, '/sites/qingtian/articles/' + (await firstArticle(s)))).body,
    /预览标识码/,
  );

  // Reset restores the theme's template.
  assert.equal((await admin('DELETE', `${base}/pages/site/home`)).statusCode, 200);
  assert.doesNotMatch((await get(s, '/sites/qingtian/')).body, /<p id="t">/);
});

async function firstArticle(s: CmsSetup): Promise<string> {
  const r = await s.ctx.pool.query<{ id: string }>('SELECT id FROM cms_article WHERE site_id = $1 LIMIT 1', [
    s.qingtian.id,
  ]);
  return r.rows[0]?.id ?? '';
}

test('the site search page searches that site only, in the site frame', async () => {
  const s = await cmsSetup();
  await publish(s, 'qingtian', 'zwdt', { title: '青田石雕文化节开幕' });
  await publish(s, 'city', 'zwdt', { title: '丽水石雕展览开幕' });
  const r = await get(s, `/sites/qingtian/search?q=${encodeURIComponent('石雕')}`);
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /青田县人民政府站内搜索/);
  assert.match(r.body, /青田石雕文化节开幕|青田<em>石雕<\/em>文化节开幕/);
  assert.doesNotMatch(r.body, /丽水石雕展览/);
  assert.match(r.body, /网站标识码：3311210001/);
  const hostile = await get(
    s,
    `/sites/qingtian/search?q=${encodeURIComponent('<script>alert(1)</script>" OR 1=1 --')}`,
  );
  assert.equal(hostile.statusCode, 200);
  assert.doesNotMatch(hostile.body, /<script>alert/);
});
