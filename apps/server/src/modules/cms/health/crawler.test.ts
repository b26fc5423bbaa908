// The crawler: link extraction and classification, the SSRF guard, external checks against local HTTP
// servers started here (never the internet): HEAD with a GET fallback, redirects, 404, timeouts that
// give a finding instead of a hang, the concurrency cap and the per-host pause; and whole runs over a
// site: broken internal and external links in article bodies, the per-run link cap, and the footer
// identity on rendered pages.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { fixedClock } from '../../../platform/db/clock.ts';
import {
  checkExternal,
  classifyLink,
  extractLinks,
  httpFetcher,
  injectFetcher,
  isPrivateAddress,
  type PageFetcher,
  Politeness,
} from './crawler.ts';
import { type CrawlLimits, DEFAULT_CRAWL_LIMITS, type Finding } from './health.model.ts';
import { healthSite } from './health.queries.ts';
import { checkSite } from './run-health.ts';
import { healthSetup, offlineCheck } from './testing.ts';

interface Hit {
  method: string;
  url: string;
  port: number;
  at: number;
  ua: string;
}

/** Local servers sharing one log; /slow never answers, /delay answers after 150 ms. */
const hits: Hit[] = [];
let inFlight = 0;
let peakInFlight = 0;
const perPortInFlight = new Map<number, number>();
let peakPerPort = 0;

async function startServer(): Promise<{ port: number; origin: string }> {
  const server = http.createServer((req, res) => {
    const port = (server.address() as AddressInfo).port;
    hits.push({
      method: req.method!,
      url: req.url!,
      port,
      at: Date.now(),
      ua: String(req.headers['user-agent']),
    });
    const path = req.url!.split('?')[0];
    const counted = path === '/delay';
    if (counted) {
      inFlight += 1;
      peakInFlight = Math.max(peakInFlight, inFlight);
      perPortInFlight.set(port, (perPortInFlight.get(port) ?? 0) + 1);
      peakPerPort = Math.max(peakPerPort, perPortInFlight.get(port)!);
    }
    const done = (status: number, headers: Record<string, string> = {}) => {
      if (counted) {
        inFlight -= 1;
        perPortInFlight.set(port, perPortInFlight.get(port)! - 1);
      }
      res.writeHead(status, headers).end(req.method === 'HEAD' ? undefined : 'body');
    };
    if (path === '/ok') return done(200);
    if (path === '/missing') return done(404);
    if (path === '/nohead') return done(req.method === 'HEAD' ? 405 : 200);
    if (path === '/redir') return done(302, { location: '/missing' });
    if (path === '/redir-ok') return done(301, { location: `http://127.0.0.1:${port}/ok` });
    if (path === '/delay') return void setTimeout(() => done(200), 150);
    if (path === '/slow') return; // never answers
    return done(500);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  const port = (server.address() as AddressInfo).port;
  return { port, origin: `http://127.0.0.1:${port}` };
}

const local: CrawlLimits = {
  ...DEFAULT_CRAWL_LIMITS,
  allowPrivateAddresses: true,
  perHostIntervalMs: 0,
  timeoutMs: 800,
};

describe('link extraction and classification', () => {
  test('links, images and frames are found; fragments, mailto:, tel: and javascript: are not', () => {
    const html = `<p><a href="/a?x=1&amp;y=2#top">a</a> <A HREF='https://gov.cn/b'>b</A> <a href=c.html>c</a>
      <img alt="x" src="/img.png"> <a href="#only">frag</a> <a href="mailto:x@y.cn">m</a>
      <a href="tel:12345">t</a> <a href="javascript:alert(1)">j</a> <a href=" ">blank</a>
      <link rel="stylesheet" href="/s.css"><link rel="canonical" href="/canon"><script src="/x.js"></script>
      <iframe src="/frame"></iframe><a name="anchor">no href</a><img href="/not-an-img-attr"></p>`;
    assert.deepEqual(extractLinks(html).sort(), [
      '/a?x=1&y=2#top',
      '/frame',
      '/img.png',
      '/s.css',
      '/x.js',
      'c.html',
      'https://gov.cn/b',
    ]);
  });

  test('relative links and cluster domains are internal; other hosts and schemes are not', () => {
    const hosts = new Set(['www.lishui.gov.cn', 'www.qingtian.gov.cn']);
    const a = classifyLink('c.html', '/sites/qingtian/articles/1', hosts)!;
    assert.deepEqual([a.internal, a.path, a.host], [true, '/sites/qingtian/articles/c.html', null]);
    const b = classifyLink('https://WWW.QINGTIAN.GOV.CN/columns/zwdt?page=2#x', '/', hosts)!;
    assert.deepEqual([b.internal, b.path, b.host], [true, '/columns/zwdt?page=2', 'www.qingtian.gov.cn']);
    const c = classifyLink('https://www.gov.cn/zhengce/', '/', hosts)!;
    assert.equal(c.internal, false);
    assert.equal(c.url!.href, 'https://www.gov.cn/zhengce/');
    assert.equal(classifyLink('ftp://example.com/x', '/', hosts), null);
    assert.equal(classifyLink('http://[::1', '/', hosts), null);
  });

  test('private, loopback and link-local addresses are recognised', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
    ])
      assert.equal(isPrivateAddress(ip), true, ip);
    for (const ip of ['202.96.134.133', '114.114.114.114', '2400:3200::1'])
      assert.equal(isPrivateAddress(ip), false, ip);
  });
});

describe('external link checks against local servers', async () => {
  const s = await startServer();

  test('200 is fine, 404 and a redirect to 404 are broken, HEAD refused falls back to GET', async () => {
    assert.equal((await checkExternal(new URL(`${s.origin}/ok`), local)).outcome, 'ok');
    const missing = await checkExternal(new URL(`${s.origin}/missing`), local);
    assert.deepEqual([missing.outcome, missing.status], ['broken', 404]);
    assert.match(missing.reason, /页面不存在（404）/);
    assert.equal((await checkExternal(new URL(`${s.origin}/redir`), local)).outcome, 'broken');
    assert.equal((await checkExternal(new URL(`${s.origin}/redir-ok`), local)).outcome, 'ok');
    hits.length = 0;
    assert.equal((await checkExternal(new URL(`${s.origin}/nohead`), local)).outcome, 'ok');
    assert.deepEqual(
      hits.map((h) => h.method),
      ['HEAD', 'GET'],
    );
    assert.match(hits[0]!.ua, /^Zhengtong-SiteHealth\/1\.0/);
  });

  test('a server that never answers gives a timeout result within the limit, not a hang', async () => {
    const started = Date.now();
    const r = await checkExternal(new URL(`${s.origin}/slow`), { ...local, timeoutMs: 300 });
    const ms = Date.now() - started;
    assert.equal(r.outcome, 'broken');
    assert.match(r.reason, /超时/);
    assert.ok(ms >= 250 && ms < 2000, `took ${ms} ms`);
  });

  test('private addresses are refused without being contacted (no SSRF through an article link)', async () => {
    hits.length = 0;
    const strict = { ...local, allowPrivateAddresses: false };
    for (const u of [`${s.origin}/ok`, `http://localhost:${s.port}/ok`, `http://[::1]:${s.port}/ok`]) {
      const r = await checkExternal(new URL(u), strict);
      assert.equal(r.outcome, 'broken', u);
      assert.match(r.reason, /内网或本机地址/, u);
    }
    assert.equal(hits.length, 0, 'the local server was never called');
  });

  test('at most `concurrency` requests at once over all hosts, one at a time per host', async () => {
    const servers = [s, ...(await Promise.all([1, 2, 3, 4, 5].map(() => startServer())))];
    peakInFlight = 0;
    peakPerPort = 0;
    const p = new Politeness(4, 0);
    const jobs = servers.flatMap((srv) => [1, 2, 3].map(() => srv));
    const results = await Promise.all(
      jobs.map((srv) =>
        p.run(`127.0.0.1:${srv.port}`, () => checkExternal(new URL(`${srv.origin}/delay`), local)),
      ),
    );
    assert.ok(results.every((r) => r.outcome === 'ok'));
    assert.equal(p.peak, 4);
    assert.equal(peakInFlight, 4, 'the servers saw four requests at once, never more');
    assert.equal(peakPerPort, 1, 'never two at once to one host');
  });

  test('requests to one host are spaced by the per-host pause', async () => {
    hits.length = 0;
    const p = new Politeness(4, 200);
    await Promise.all(
      [1, 2, 3].map(() =>
        p.run(`127.0.0.1:${s.port}`, () => checkExternal(new URL(`${s.origin}/ok`), local)),
      ),
    );
    const times = hits.filter((h) => h.method === 'HEAD').map((h) => h.at);
    assert.equal(times.length, 3);
    for (let i = 1; i < times.length; i++)
      assert.ok(times[i]! - times[i - 1]! >= 190, `gap ${times[i]! - times[i - 1]!} ms`);
  });
});

const offline = offlineCheck;

describe('a whole run over a site', async () => {
  const clock = fixedClock('2026-11-24T02:00:00Z');
  const t = await healthSetup({ clock });
  const srv = await startServer();
  const missingArticle = '01900000-0000-7000-8000-00000000beef';
  await t.publish(
    t.qingtian,
    'zwdt',
    1,
    `<p>见<a href="/sites/qingtian/articles/${missingArticle}">相关报道</a>，
     <a href="/api/v1/sites">网站列表</a>，<a href="https://www.lishui.gov.cn/api/v1/sites">市门户接口</a>，
     <a href="${srv.origin}/ok">外部正常</a>，<a href="${srv.origin}/missing">外部失效</a>，
     <a href="${srv.origin}/slow">外部超时</a>，<a href="https://www.lishui.gov.cn/no-such-page">市门户失效页</a></p>`,
    '带链接的稿件',
  );
  const site = (await healthSite(t.ctx.pool, t.qingtian.id))!;
  /** Broken links attributed to the article's own page (nav and footer links are found on the home page first). */
  const broken = (fs: Finding[]) =>
    fs.filter(
      (f) =>
        f.kind === 'link-broken' &&
        f.severity === 'deduction' &&
        f.url?.startsWith('/sites/qingtian/articles/'),
    );

  test('broken internal and external links in a published article are findings with the article to fix', async () => {
    const started = Date.now();
    const r = await checkSite(t.ctx, site, {
      fetcher: injectFetcher(t.app),
      limits: { ...local, timeoutMs: 2000 },
      externalCheck: offline,
    });
    assert.ok(Date.now() - started < 10_000);
    const details = broken(r.findings).map((f) => f.detail);
    assert.equal(details.length, 4, details.join('\n'));
    assert.ok(
      details.some((d) => d.includes(missingArticle) && d.startsWith('站内链接') && d.includes('404')),
    );
    assert.ok(details.some((d) => d.includes('/missing') && d.startsWith('站外链接')));
    assert.ok(details.some((d) => d.includes('/slow') && /超时/.test(d)));
    assert.ok(
      details.some((d) => d.includes('https://www.lishui.gov.cn/no-such-page') && d.startsWith('站内链接')),
    );
    const f = broken(r.findings)[0]!;
    assert.match(f.url!, /^\/sites\/qingtian\/articles\//);
    assert.match(f.fixPath!, /^\/console\/articles\/[0-9a-f-]{36}$/);
    assert.equal(f.columnName, '政务动态');
    assert.equal(f.indicator, '网站可用性（链接可用性）');
    assert.ok(r.linksChecked >= 7, String(r.linksChecked));
    assert.equal(r.linksSkipped, 0);
    assert.notEqual(r.verdict, 'pass');
  });

  test('links over the per-run cap are counted as skipped and said so, not checked', async () => {
    hits.length = 0;
    const r = await checkSite(t.ctx, site, {
      fetcher: injectFetcher(t.app),
      limits: { ...local, timeoutMs: 2000, maxLinks: 2 },
      externalCheck: offline,
    });
    assert.equal(r.linksChecked, 2);
    assert.ok(r.linksSkipped >= 5, String(r.linksSkipped));
    const w = r.findings.find((f) => f.kind === 'link-broken' && f.severity === 'warning');
    assert.match(w!.detail, new RegExp(`${r.linksSkipped} 个链接未检查`));
    assert.equal(hits.length, 0, 'the article links come after the first two and were not fetched');
  });

  test('rendered pages missing the footer identity are findings; complete ones are not', async () => {
    const footer = (extra: string) =>
      `<!doctype html><html lang="zh-CN"><body><main><a href="/api/v1/sites">x</a></main><footer>
       主办单位：青田县人民政府办公室 网站标识码：3311210001 浙ICP备05012345号
       <a href="https://beian.mps.gov.cn/">浙公网安备 33110202000001号</a> 电话：0578-2121000 ${extra}</footer></body></html>`;
    const pages: Record<string, string> = {
      '/sites/qingtian/': footer('<a href="https://zfwzzc.www.gov.cn/">我为政府网站找错</a>'),
      '/sites/qingtian/columns/zwdt': footer('').replace('网站标识码：3311210001', ''),
    };
    const stub: PageFetcher = {
      async get(path) {
        const body = pages[path];
        if (body) return { status: 200, contentType: 'text/html; charset=utf-8', body, location: null };
        return injectFetcher(t.app).get(path, null);
      },
    };
    const stubbed = (f: Finding) => f.kind === 'page-footer-missing' && !!f.url && f.url in pages;
    const r = await checkSite(t.ctx, site, {
      fetcher: stub,
      limits: { ...local, timeoutMs: 2000 },
      externalCheck: offline,
    });
    const pf = r.findings.filter(stubbed);
    assert.equal(pf.length, 1, pf.map((f) => f.detail).join('\n'));
    assert.equal(pf[0]!.url, '/sites/qingtian/columns/zwdt');
    assert.equal(pf[0]!.detail, '页面底部缺少网站标识码');
    assert.ok(r.pagesCrawled >= 2);
    assert.equal(r.findings.filter((f) => f.kind === 'home-unreachable').length, 0);
    // Without the "我为政府网站找错" entry on the home page, that is named too.
    pages['/sites/qingtian/'] = footer('');
    const r2 = await checkSite(t.ctx, site, {
      fetcher: stub,
      limits: { ...local, timeoutMs: 2000 },
      externalCheck: offline,
    });
    assert.ok(
      r2.findings.some(
        (f) => stubbed(f) && f.url === '/sites/qingtian/' && /我为政府网站找错/.test(f.detail),
      ),
    );
  });

  test('a home page that does not open is a warning of 站点无法访问 (one probe is not the weekly veto)', async () => {
    const down: PageFetcher = {
      async get(path) {
        if (path === '/sites/qingtian/')
          return { status: 503, contentType: 'text/html', body: '', location: null };
        return injectFetcher(t.app).get(path, null);
      },
    };
    const r = await checkSite(t.ctx, site, {
      fetcher: down,
      limits: { ...local, timeoutMs: 2000 },
      externalCheck: offline,
    });
    const w = r.findings.filter((f) => f.kind === 'home-unreachable');
    assert.equal(w.length, 1);
    assert.equal(w[0]!.severity, 'warning');
    assert.equal(w[0]!.indicator, '站点无法访问');
    assert.match(w[0]!.detail, /返回 503/);
  });
});

describe('the worker’s page fetcher (no routes in the process: the public URL)', async () => {
  const s = await startServer();
  test('fetches pages at the public URL with the platform’s User-Agent and reports redirects', async () => {
    hits.length = 0;
    const f = httpFetcher(`${s.origin}/`, 1000);
    const ok = await f.get('/ok?page=2', null);
    assert.deepEqual([ok.status, ok.body], [200, 'body']);
    const redir = await f.get('/redir', null);
    assert.deepEqual([redir.status, redir.location], [302, '/missing']);
    assert.deepEqual(
      hits.map((h) => h.url),
      ['/ok?page=2', '/redir'],
    );
    assert.ok(hits.every((h) => h.ua.startsWith('Zhengtong-SiteHealth/')));
  });
});
