import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { createPortalRenderer, localPath } from './portal-renderer.ts';

/** A throw-away theme folder with the given templates (relative path → source). */
function themeWith(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-theme-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  for (const [rel, src] of Object.entries(files)) {
    const file = path.join(root, 'sandbox', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, src);
  }
  // A secret next to the theme, as an attacker would hope to reach.
  fs.writeFileSync(path.join(root, 'secret.liquid'), 'TOP-SECRET');
  fs.writeFileSync(path.join(root, 'sandbox', 'secret.liquid'), 'THEME-ROOT-SECRET');
  return root;
}

describe('portal renderer sandbox', () => {
  test('the default theme renders the home page with site chrome in Chinese', async () => {
    const r = createPortalRenderer({
      site: { siteCode: '3311000001', icp: '浙ICP备12345678号', psb: '浙公网安备 33110202000001号' },
    });
    const html = await r.render('home', { title: '首页' }, { path: '/' });
    assert.match(html, /^<!doctype html>\s*<html lang="zh-CN">/);
    assert.match(html, /<title>首页_丽水市人民政府<\/title>/);
    assert.match(html, /网站标识码：3311000001/);
    assert.match(html, /浙ICP备12345678号/);
    assert.match(html, /浙公网安备 33110202000001号/);
    assert.match(html, /我为政府网站找错/);
    assert.match(html, /<a href="\/" aria-current="page">首页<\/a>/);
    assert.match(html, /href="\/assets\/css\/portal\.css\?v=[\w-]{10}"/);
    assert.doesNotMatch(html, /<script>/, 'no inline scripts');
  });

  test('care mode and the signed-in user reach the layout', async () => {
    const r = createPortalRenderer();
    const html = await r.render(
      'home',
      {},
      { care: true, user: { displayName: '张三', username: 'zhangsan', kind: 'citizen' }, csrfToken: 'tok' },
    );
    assert.match(html, /<html lang="zh-CN" class="mode-care">/);
    assert.match(html, /您好，张三/);
    assert.match(html, /name="_csrf" value="tok"/);
    assert.match(html, /退出关怀模式/);
  });

  test('navigation and the search box follow what the portal says exists', async () => {
    const r = createPortalRenderer();
    assert.doesNotMatch(await r.render('home', {}), /action="\/search"/);
    r.nav = [
      { title: '首页', href: '/' },
      { title: '政务公开', href: '/zwgk' },
    ];
    r.hasSearch = true;
    const html = await r.render('home', {}, { path: '/zwgk/abc' });
    assert.match(html, /<form class="site-search" role="search" method="get" action="\/search">/);
    assert.match(html, /<a href="\/zwgk" aria-current="page">政务公开<\/a>/);
    assert.match(html, /<a href="\/">首页<\/a>/);
  });

  test('the organisation directory is a fragment rendered once and embedded as HTML', async () => {
    const r = createPortalRenderer();
    const fragment = await r.renderFragment('org-directory', {
      orgGroups: [
        { name: '丽水市', units: ['丽水市教育局', '<b>局</b>'] },
        { name: '莲都区', units: [] },
      ],
    });
    assert.match(fragment, /<h2 class="section-title" id="org-directory-title">机构设置<\/h2>/);
    assert.match(fragment, /<li>丽水市教育局<\/li>/);
    assert.match(fragment, /<li>&lt;b&gt;局&lt;\/b&gt;<\/li>/);
    assert.equal((await r.renderFragment('org-directory', { orgGroups: [] })).trim(), '');
    const html = await r.render('home', { orgDirectoryHtml: fragment });
    assert.ok(html.includes(fragment));
    await assert.rejects(r.renderFragment('../pages/home', {}), /invalid fragment name/);
  });

  test('data is HTML-escaped by default', async () => {
    const r = createPortalRenderer();
    const evil = '<script>alert(1)</script>"\'><img src=x onerror=alert(1)>';
    const html = await r.render('error', { title: evil, status: 404, message: evil });
    assert.doesNotMatch(html, /<script>alert/);
    assert.doesNotMatch(html, /<img src=x/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  test('include, render and layout cannot leave the theme folders', async () => {
    const root = themeWith({
      'layouts/base.liquid': '[{% block content %}{% endblock %}]',
      'partials/ok.liquid': 'OK',
      'pages/dotdot.liquid': "{% include '../../etc/passwd' %}",
      'pages/deep.liquid': "{% include '../../../../../../../../etc/passwd' %}",
      'pages/absolute.liquid': "{% include '/etc/passwd' %}",
      'pages/sibling.liquid': "{% include '../secret' %}",
      'pages/above.liquid': "{% render '../../secret' %}",
      'pages/layout-escape.liquid': "{% layout '../../secret' %}x",
      'pages/backslash.liquid': "{% include '..\\\\..\\\\secret' %}",
      'pages/dynamic.liquid': '{% include name %}',
      'pages/good.liquid': "{% layout 'base' %}{% block content %}{% include 'ok' %}{% endblock %}",
    });
    const r = createPortalRenderer({ themesDir: root, theme: 'sandbox' });
    assert.equal(await r.render('good', {}), '[OK]');
    for (const page of ['dotdot', 'deep', 'absolute', 'sibling', 'above', 'layout-escape', 'backslash']) {
      await assert.rejects(r.render(page, {}), /ENOENT|Failed to lookup|invalid/, page);
    }
    await assert.rejects(r.render('dynamic', { name: '../../../../etc/passwd' }), /ENOENT|Failed to lookup/);
    // Page names are identifiers, never paths.
    await assert.rejects(r.render('../secret', {}), /invalid page name/);
    await assert.rejects(r.render('../../etc/passwd', {}), /invalid page name/);
  });

  test('unknown filters are errors and prototype properties are hidden', async () => {
    const root = themeWith({
      'pages/filter.liquid': '{{ x | no_such_filter }}',
      'pages/proto.liquid': '[{{ obj.constructor }}][{{ obj.__proto__ }}][{{ obj.toString }}][{{ obj.own }}]',
    });
    const r = createPortalRenderer({ themesDir: root, theme: 'sandbox' });
    await assert.rejects(r.render('filter', { x: 1 }), /undefined filter/);
    assert.equal(await r.render('proto', { obj: { own: 'yes' } }), '[][][][yes]');
  });

  test('runaway templates are stopped by the render limits', async () => {
    const root = themeWith({
      // Small ranges (no memory to speak of) but 10^10 iterations: only the time limit stops it.
      'pages/loop.liquid': '{% for i in (1..100000) %}{% for j in (1..100000) %}{% endfor %}{% endfor %}',
      'pages/range.liquid': '{% for i in (1..100000000) %}x{% endfor %}',
      'pages/memory.liquid':
        "{% assign s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}",
    });
    const r = createPortalRenderer({ themesDir: root, theme: 'sandbox' });
    const started = Date.now();
    await assert.rejects(r.render('loop', {}), /render limit/i);
    await assert.rejects(r.render('range', {}), /limit/i);
    await assert.rejects(r.render('memory', {}), /limit/i);
    assert.ok(Date.now() - started < 10_000);
  });

  test('templates are read once and cached until reload()', async () => {
    const root = themeWith({ 'pages/v.liquid': 'one' });
    const r = createPortalRenderer({ themesDir: root, theme: 'sandbox' });
    assert.equal(await r.render('v', {}), 'one');
    fs.writeFileSync(path.join(root, 'sandbox', 'pages', 'v.liquid'), 'two');
    assert.equal(await r.render('v', {}), 'one');
    r.reload();
    assert.equal(await r.render('v', {}), 'two');
  });

  test('assets carry a content hash and a strong ETag', () => {
    const r = createPortalRenderer();
    const css = r.assets.get('css/portal.css');
    assert.ok(css);
    assert.equal(css.type, 'text/css; charset=utf-8');
    assert.match(css.etag, /^"[\w-]{27}"$/);
    assert.ok(r.assets.get('js/portal.js'));
  });
});

describe('localPath', () => {
  test('accepts paths on this site only', () => {
    assert.equal(localPath('/profile'), '/profile');
    assert.equal(localPath('/a/b?c=1#d'), '/a/b?c=1#d');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '',
      'profile',
      '/\tx',
      null,
    ]) {
      assert.equal(localPath(bad), null, String(bad));
    }
  });
});
