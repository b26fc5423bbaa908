// The fast lane over real HTTP: repeat anonymous hits of a cached site page are answered from memory
// with the same bytes and security headers the full stack sent; sessions, other hosts, the care mode
// and revalidation get what the full stack would give; a publication is visible at once, and a
// second web process on the same database drops its copies when the first one publishes.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { buildApp } from '../../app.ts';
import { createContext } from '../../platform/bootstrap.ts';
import { fastLaneOf } from '../../platform/http/fast-lane.ts';
import { CMS_USERS, type CmsSetup, cmsSetup, publishArticle } from '../cms/testing.ts';

async function listening(s: CmsSetup): Promise<string> {
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = s.app.server.address();
  assert.ok(addr && typeof addr === 'object');
  return `http://127.0.0.1:${addr.port}`;
}

const SECURITY_HEADERS = [
  'content-security-policy',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'cache-control',
  'etag',
  'vary',
  'content-type',
];

test('a repeat anonymous visit is answered from the fast lane with the full stack’s bytes and headers', async () => {
  const s = await cmsSetup();
  const base = await listening(s);
  const lane = fastLaneOf(s.ctx);
  const url = `${base}/sites/qingtian/`;

  const first = await fetch(url);
  const firstBody = await first.text();
  assert.equal(first.status, 200);
  assert.match(firstBody, /青田县人民政府/);
  const before = lane.stats().hits;

  const second = await fetch(url);
  const secondBody = await second.text();
  assert.equal(lane.stats().hits, before + 1, 'the second visit is a lane hit');
  assert.equal(second.status, 200);
  assert.equal(secondBody, firstBody);
  for (const h of SECURITY_HEADERS) assert.equal(second.headers.get(h), first.headers.get(h), h);
  assert.ok(second.headers.get('content-security-policy'));
  assert.ok(second.headers.get('x-request-id'));
  assert.notEqual(second.headers.get('x-request-id'), first.headers.get('x-request-id'));

  // Revalidation: 304 with no body.
  const etag = second.headers.get('etag') as string;
  const notModified = await fetch(url, { headers: { 'if-none-match': etag } });
  assert.equal(notModified.status, 304);
  assert.equal(await notModified.text(), '');
  assert.equal(lane.stats().notModified >= 1, true);

  // HEAD: headers, no body.
  const head = await fetch(url, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(firstBody)));
  assert.equal(await head.text(), '');
});

test('sessions, the care mode and other hosts never get a page meant for someone else', async () => {
  const s = await cmsSetup();
  const base = await listening(s);
  const lane = fastLaneOf(s.ctx);
  const url = `${base}/sites/qingtian/`;
  await fetch(url).then((r) => r.text());
  await fetch(url).then((r) => r.text());
  const hits = lane.stats().hits;

  // A signed-in editor gets a fresh private page naming them, never the shared copy.
  const session = await s.signIn(CMS_USERS.qtEditor);
  const mine = await fetch(url, { headers: { cookie: `a=1; ${session.cookie}` } });
  assert.equal(mine.headers.get('cache-control'), 'private, no-store');
  assert.equal(lane.stats().hits, hits);

  // An unknown session cookie goes to Fastify too (it decides what an expired session means).
  await fetch(url, { headers: { cookie: 'zt_session=forged' } }).then((r) => r.text());
  assert.equal(lane.stats().hits, hits);

  // The care mode is a different page.
  const care = await (await fetch(url, { headers: { cookie: 'zt_mode=care' } })).text();
  assert.match(care, /class="mode-care"/);
  const care2 = await (await fetch(url, { headers: { cookie: 'zt_mode=care' } })).text();
  assert.match(care2, /class="mode-care"/);
  const standard = await (await fetch(url)).text();
  assert.doesNotMatch(standard, /class="mode-care"/);

  // The same path on another host is another site.
  // fetch() will not send another Host header; node:http will.
  const home = (host: string) =>
    new Promise<string>((resolve, reject) => {
      http
        .get(`${base}/`, { headers: { host } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            body += c;
          });
          res.on('end', () => resolve(body));
        })
        .on('error', reject);
    });
  for (let i = 0; i < 2; i += 1) {
    assert.match(await home('www.qingtian.gov.cn'), /<title>[^<]*青田县人民政府/);
    assert.match(await home('www.lishui.gov.cn'), /<title>[^<]*丽水市人民政府/);
  }

  // POST is never answered from memory.
  const post = await fetch(url, { method: 'POST' });
  assert.notEqual(post.status, 200);
});

test('a publication shows at once here and in a second web process on the same database', async () => {
  const s = await cmsSetup();
  const base = await listening(s);
  const ctx2 = await createContext(s.ctx.config, s.ctx.databaseUrl, {
    log: pino({ level: 'silent' }) as never,
    poolSize: 2,
  });
  const app2 = await buildApp(ctx2);
  try {
    await app2.listen({ port: 0, host: '127.0.0.1' });
    const addr = app2.server.address();
    assert.ok(addr && typeof addr === 'object');
    const base2 = `http://127.0.0.1:${addr.port}`;
    const page = (b: string) => fetch(`${b}/sites/qingtian/`).then((r) => r.text());
    // Both processes hold the page (the second hit of each is a lane hit).
    for (const b of [base, base, base2, base2]) assert.doesNotMatch(await page(b), /瓯江夜游/);
    assert.ok(fastLaneOf(ctx2).stats().hits >= 1);

    await publishArticle(s, 'qingtian', 'zwdt', { title: '瓯江夜游线路开通' });
    assert.match(await page(base), /瓯江夜游线路开通/, 'the publishing process shows it at once');
    let seen = false;
    for (let i = 0; i < 50 && !seen; i += 1) {
      seen = /瓯江夜游线路开通/.test(await page(base2));
      if (!seen) await sleep(100);
    }
    assert.ok(seen, 'the other web process dropped its cached copy');
  } finally {
    await app2.close();
    await ctx2.pool.end();
  }
});
