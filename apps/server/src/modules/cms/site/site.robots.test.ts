// robots.txt of the city portal, of a site on its own domain and of a site under /sites/{code}/: the
// per-user pages and forms of every module are disallowed, each line once, with the sitemap kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cmsSetup } from '../testing.ts';

const s = await cmsSetup();

const robots = async (url: string, host?: string) => {
  const res = await s.app.inject({ method: 'GET', url, headers: host ? { host } : {} });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /^text\/plain/);
  return res.body;
};

const MUST_DISALLOW = [
  '/api/',
  '/console/',
  '/login',
  '/profile',
  '/hall/my',
  '/hall/apply',
  '/hall/drafts',
  '/disclosure/apply',
  '/disclosure/my',
];

function disallowed(body: string): string[] {
  return body
    .split('\n')
    .filter((l) => l.startsWith('Disallow: '))
    .map((l) => l.slice('Disallow: '.length));
}

test('the city portal and a site on its own domain disallow every per-user page and keep their sitemap', async () => {
  for (const [body, origin] of [
    [await robots('/robots.txt'), 'http://localhost'],
    [await robots('/robots.txt', 'www.qingtian.gov.cn'), 'http://www.qingtian.gov.cn'],
  ] as const) {
    const lines = body.trimEnd().split('\n');
    assert.equal(lines[0], 'User-agent: *');
    assert.equal(lines.filter((l) => l.startsWith('User-agent')).length, 1);
    const paths = disallowed(body);
    for (const p of MUST_DISALLOW) assert.ok(paths.includes(p), `${p} in\n${body}`);
    assert.ok(paths.includes('/search'));
    assert.equal(new Set(paths).size, paths.length, 'each Disallow once');
    // The public disclosure pages and the hall's catalogue stay indexable.
    assert.ok(!paths.some((p) => p === '/disclosure' || p === '/disclosure/' || p === '/hall'));
    assert.ok(lines.includes('Allow: /'));
    assert.equal(lines.at(-1), `Sitemap: ${origin}/sitemap.xml`);
  }
});

test('a site under /sites/{code}/ disallows its own search page besides the per-user pages', async () => {
  const body = await robots('/sites/qingtian/robots.txt');
  const paths = disallowed(body);
  for (const p of MUST_DISALLOW) assert.ok(paths.includes(p), p);
  assert.ok(paths.includes('/sites/qingtian/search'));
  assert.match(body, /^Allow: \/sites\/qingtian\/$/m);
  assert.match(body, /^Sitemap: http:\/\/localhost\/sites\/qingtian\/sitemap\.xml$/m);
});
