import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { makeIdNumber } from '../../platform/ids/gb11643.ts';
import { makeCreditCode } from '../../platform/ids/gb32100.ts';
import { createPortalRenderer } from '../../platform/templating/portal-renderer.ts';
import { createTestApp } from '../../testing/harness.ts';

// One app for the file (top level, so the harness closes it when the whole file ends).
const { app } = await createTestApp();
let seq = 100;

function header(res: LightMyRequestResponse, name: string): string {
  const v = res.headers[name];
  return Array.isArray(v) ? v.join(', ') : String(v ?? '');
}

/** A minimal cookie jar over inject(). */
class Browser {
  readonly cookies = new Map<string, string>();

  async request(
    method: 'GET' | 'POST' | 'HEAD',
    url: string,
    form?: Record<string, string>,
    headers: Record<string, string> = {},
  ) {
    const res = await app.inject({
      method,
      url,
      headers: {
        accept: 'text/html',
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const gone = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }

  post(url: string, form: Record<string, string>) {
    return this.request('POST', url, form);
  }
}

function hiddenCsrf(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  assert.ok(m, 'form has a _csrf field');
  return m[1]!;
}

function newCitizen(overrides: Record<string, string> = {}) {
  seq += 1;
  return {
    kind: 'citizen',
    username: `citizen${seq}`,
    password: 'Lishui#2026ok',
    passwordConfirm: 'Lishui#2026ok',
    realName: '张晓明',
    idNumber: makeIdNumber('331102', '19880316', seq % 1000),
    phone: `1390578${String(seq).padStart(4, '0')}`,
    agree: '1',
    ...overrides,
  };
}

describe('home page and page cache', () => {
  test('/ is a zh-CN HTML page with a strong ETag, shared for 60 s', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(header(res, 'content-type'), /^text\/html; charset=utf-8/);
    assert.match(res.body, /<html lang="zh-CN"/);
    assert.match(res.body, /丽水市人民政府/);
    assert.match(header(res, 'etag'), /^"[\w-]{27}"$/);
    assert.equal(header(res, 'cache-control'), 'public, max-age=60');
    assert.match(header(res, 'vary'), /cookie/i);
    assert.match(header(res, 'content-security-policy'), /script-src 'self'/);
    assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline scripts');

    const again = await app.inject({
      method: 'GET',
      url: '/?utm_source=x',
      headers: { 'if-none-match': header(res, 'etag') },
    });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal(header(again, 'etag'), header(res, 'etag'));

    const other = await app.inject({
      method: 'GET',
      url: '/',
      headers: { 'if-none-match': '"something-else"' },
    });
    assert.equal(other.statusCode, 200);
    const head = await app.inject({ method: 'HEAD', url: '/' });
    assert.equal(head.statusCode, 200);
  });

  test("the cached page does not carry one visitor's query string into another's page", async () => {
    const res = await app.inject({ method: 'GET', url: '/?"><x=1' });
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /"><x=1/);
    assert.match(res.body, /href="\/\?mode=care"/);
  });

  test('navigation shows only sections whose pages exist', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    const nav = res.body.match(/<nav class="site-nav"[\s\S]*?<\/nav>/)?.[0] ?? '';
    assert.match(nav, />首页</);
    for (const section of ['政务公开', '政务服务', '互动交流', '走进丽水']) {
      const exists = app.hasRoute({
        method: 'GET',
        url: { 政务公开: '/zwgk', 政务服务: '/hall', 互动交流: '/hdjl', 走进丽水: '/zjls' }[section]!,
      });
      assert.equal(nav.includes(section), exists, section);
    }
    assert.equal(res.body.includes('action="/search"'), app.hasRoute({ method: 'GET', url: '/search' }));
  });
});

describe('关怀模式', () => {
  test('?mode=care sets a cookie and comes back; the page switches to large text', async () => {
    const b = new Browser();
    const res = await b.get('/?mode=care');
    assert.equal(res.statusCode, 303);
    assert.equal(header(res, 'location'), '/');
    assert.match(header(res, 'set-cookie'), /zt_mode=care;.*HttpOnly/i);
    assert.equal(b.cookies.get('zt_mode'), 'care');

    const care = await b.get('/');
    assert.match(care.body, /<html lang="zh-CN" class="mode-care">/);
    assert.match(care.body, /退出关怀模式/);
    const standard = await app.inject({ method: 'GET', url: '/' });
    assert.notEqual(header(care, 'etag'), header(standard, 'etag'));

    const back = await b.get('/?mode=standard');
    assert.equal(back.statusCode, 303);
    assert.equal(b.cookies.has('zt_mode'), false);
    assert.doesNotMatch((await b.get('/')).body, /mode-care/);
  });

  test('the switch keeps the other query parameters and never redirects off-site', async () => {
    const keep = await app.inject({ method: 'GET', url: '/login?mode=care&next=%2Fprofile' });
    assert.equal(header(keep, 'location'), '/login?next=%2Fprofile');
    for (const url of ['//evil.example/?mode=care', '/\\evil.example/?mode=care']) {
      const res = await app.inject({ method: 'GET', url });
      if (res.statusCode === 303) assert.equal(header(res, 'location'), '/', url);
    }
  });

  test('the care stylesheet uses a base size of at least 20px', () => {
    const css = createPortalRenderer().assets.get('css/portal.css')!.body.toString();
    const m = css.match(/html\.mode-care\s*{[^}]*font-size:\s*(\d+)px/);
    assert.ok(m && Number(m[1]) >= 20);
  });
});

describe('robots, assets and error pages', () => {
  test('robots.txt', async () => {
    const res = await app.inject({ method: 'GET', url: '/robots.txt' });
    assert.equal(res.statusCode, 200);
    assert.match(header(res, 'content-type'), /^text\/plain/);
    assert.match(res.body, /^User-agent: \*$/m);
    assert.match(res.body, /^Disallow: \/api\/$/m);
    // Applicants' own pages in the service hall are never indexed.
    assert.match(res.body, /^Disallow: \/hall\/my$/m);
  });

  test('theme assets: long cache with the content hash, ETag and 304 without', async () => {
    const home = await app.inject({ method: 'GET', url: '/' });
    const href = home.body.match(/href="(\/assets\/css\/portal\.css\?v=[^"]+)"/)?.[1];
    assert.ok(href);
    const hashed = await app.inject({ method: 'GET', url: href });
    assert.equal(hashed.statusCode, 200);
    assert.match(header(hashed, 'content-type'), /^text\/css/);
    assert.equal(header(hashed, 'cache-control'), 'public, max-age=31536000, immutable');

    const plain = await app.inject({ method: 'GET', url: '/assets/css/portal.css' });
    assert.equal(header(plain, 'cache-control'), 'public, max-age=3600, must-revalidate');
    const again = await app.inject({
      method: 'GET',
      url: '/assets/css/portal.css',
      headers: { 'if-none-match': header(plain, 'etag') },
    });
    assert.equal(again.statusCode, 304);

    const js = await app.inject({ method: 'GET', url: '/assets/js/portal.js' });
    assert.match(header(js, 'content-type'), /^text\/javascript/);
    for (const url of [
      '/assets/../../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.doesNotMatch(res.body, /"name": "zhengtong"/);
    }
  });

  test('unknown pages get a themed 404; API paths keep the JSON error', async () => {
    const res = await app.inject({ method: 'GET', url: '/no-such-page', headers: { accept: 'text/html' } });
    assert.equal(res.statusCode, 404);
    assert.match(header(res, 'content-type'), /^text\/html/);
    assert.match(res.body, /<html lang="zh-CN"/);
    assert.match(res.body, /页面不存在/);
    assert.match(res.body, /class="site-footer"/);
    assert.equal(header(res, 'cache-control'), 'no-store');

    const api = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    assert.equal(api.statusCode, 404);
    assert.equal(JSON.parse(api.body).error.code, 'NOT_FOUND');
  });
});

describe('template sandbox', () => {
  test('refuses includes outside the theme and escapes data', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-portal-theme-'));
    after(() => fs.rmSync(root, { recursive: true, force: true }));
    fs.mkdirSync(path.join(root, 't', 'pages'), { recursive: true });
    fs.writeFileSync(path.join(root, 't', 'pages', 'evil.liquid'), "{% include '../../etc/passwd' %}");
    fs.writeFileSync(path.join(root, 't', 'pages', 'show.liquid'), '<p>{{ v }}</p>');
    const r = createPortalRenderer({ themesDir: root, theme: 't' });
    await assert.rejects(r.render('evil', {}), /ENOENT|Failed to lookup/);
    assert.equal(
      await r.render('show', { v: '<script>alert(1)</script>' }),
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });

  test('what a visitor types is escaped when the form comes back', async () => {
    const b = new Browser();
    const token = hiddenCsrf((await b.get('/login')).body);
    const res = await b.post('/login', {
      _csrf: token,
      username: '<script>alert(1)</script>',
      password: 'x',
    });
    assert.equal(res.statusCode, 401);
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.match(res.body, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
  });
});

describe('identity pages', () => {
  test('anonymous forms need the double-submit token', async () => {
    const b = new Browser();
    const page = await b.get('/login');
    assert.equal(page.statusCode, 200);
    assert.equal(header(page, 'cache-control'), 'no-store');
    assert.match(header(page, 'set-cookie'), /zt_csrf=[\w-]{43};.*SameSite=Strict/i);
    const token = hiddenCsrf(page.body);
    assert.equal(token, b.cookies.get('zt_csrf'));

    const noToken = await b.post('/login', { username: 'someone', password: 'x' });
    assert.equal(noToken.statusCode, 403);
    assert.match(noToken.body, /页面已过期/);
    const wrong = await b.post('/login', { _csrf: 'A'.repeat(43), username: 'someone', password: 'x' });
    assert.equal(wrong.statusCode, 403);
    const reg = await new Browser().post('/register', { ...newCitizen(), _csrf: token });
    assert.equal(reg.statusCode, 403, 'a token without its cookie is refused');
  });

  test('registration shows field errors next to the fields and keeps what was typed, never the password', async () => {
    const b = new Browser();
    const token = hiddenCsrf((await b.get('/register')).body);
    const data = newCitizen({ idNumber: '331102198803161234', passwordConfirm: 'different#2026A' });
    const res = await b.post('/register', { ...data, _csrf: token });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /id="error-summary"/);
    assert.match(res.body, /<a href="#f-idNumber">身份证号：/);
    assert.match(
      res.body,
      /id="f-idNumber-error">[\s\S]*?<input[^>]*id="f-idNumber"[^>]*value="331102198803161234"[^>]*aria-invalid="true"[^>]*aria-describedby="f-idNumber-hint f-idNumber-error"/,
    );
    assert.match(res.body, /两次输入的密码不一致/);
    assert.match(res.body, new RegExp(`value="${data.username}"`));
    assert.doesNotMatch(res.body, /Lishui#2026ok|different#2026A/);
    assert.match(res.body, /name="agree"[^>]*checked/);

    const noAgree = await b.post('/register', { ...newCitizen(), agree: '', _csrf: token });
    assert.equal(noAgree.statusCode, 422);
    assert.match(noAgree.body, /id="f-agree"[^>]*aria-invalid="true"/);
  });

  test('a citizen registers, lands on 个人中心 with masked identifiers, and signs out', async () => {
    const b = new Browser();
    const token = hiddenCsrf((await b.get('/register?kind=citizen')).body);
    const data = newCitizen();
    const res = await b.post('/register', { ...data, _csrf: token });
    assert.equal(res.statusCode, 303, res.body);
    assert.match(header(res, 'location'), /^\/profile/);
    assert.ok(b.cookies.get('zt_session'));

    const profile = await b.get(header(res, 'location'));
    assert.equal(profile.statusCode, 200);
    assert.equal(header(profile, 'cache-control'), 'private, no-store');
    assert.match(profile.body, new RegExp(data.username));
    assert.match(profile.body, /个人用户/);
    assert.doesNotMatch(profile.body, new RegExp(data.idNumber));
    assert.match(profile.body, new RegExp(`${data.idNumber.slice(0, 3)}\\*+`));
    assert.doesNotMatch(profile.body, new RegExp(data.phone));

    const home = await b.get('/');
    assert.equal(header(home, 'cache-control'), 'private, no-store');
    assert.equal(header(home, 'etag'), '');
    assert.match(home.body, /您好，张晓明/);

    const csrf = hiddenCsrf(home.body);
    const forged = await b.post('/logout', { _csrf: 'forged' });
    assert.equal(forged.statusCode, 403);
    const out = await b.post('/logout', { _csrf: csrf });
    assert.equal(out.statusCode, 303);
    assert.equal(header(out, 'location'), '/login?out=1');
    assert.equal(b.cookies.has('zt_session'), false);
    const anonymous = await b.get('/profile');
    assert.equal(anonymous.statusCode, 303);
    assert.equal(header(anonymous, 'location'), '/login?next=%2Fprofile');
  });

  test('an enterprise registers', async () => {
    const b = new Browser();
    const page = await b.get('/register?kind=enterprise');
    assert.match(page.body, /统一社会信用代码/);
    seq += 1;
    const res = await b.post('/register', {
      _csrf: hiddenCsrf(page.body),
      kind: 'enterprise',
      username: `firm${seq}`,
      password: 'Qiye#2026good',
      passwordConfirm: 'Qiye#2026good',
      name: '丽水市绿谷茶业有限公司',
      creditCode: makeCreditCode('91', '331102', `MA2${String(seq).padStart(5, '0')}`),
      legalRepresentative: '王建国',
      phone: `1390578${String(seq).padStart(4, '0')}`,
      agree: '1',
    });
    assert.equal(res.statusCode, 303, res.body);
    const profile = await b.get('/profile');
    assert.match(profile.body, /法人用户/);
    assert.match(profile.body, /丽水市绿谷茶业有限公司/);
  });

  test('sign-in follows ?next= only to local paths', async () => {
    const b = new Browser();
    const token = hiddenCsrf((await b.get('/register')).body);
    const data = newCitizen();
    await b.post('/register', { ...data, _csrf: token });
    b.cookies.delete('zt_session');

    for (const [next, expected] of [
      ['//evil.example/', '/profile'],
      ['https://evil.example/', '/profile'],
      ['/profile?tab=1', '/profile?tab=1'],
    ] as const) {
      const page = await b.get(`/login?next=${encodeURIComponent(next)}`);
      const res = await b.post('/login', {
        _csrf: hiddenCsrf(page.body),
        username: data.username,
        password: data.password,
        next,
      });
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(header(res, 'location'), expected, next);
      b.cookies.delete('zt_session');
    }
  });
});
