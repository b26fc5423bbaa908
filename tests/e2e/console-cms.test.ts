// Browser journeys of the website cluster in the staff console, on the demo region: the 青田县 editor
// writes and submits an article (a script tag in the title stays text), the 青田县 reviewer publishes it
// from the review queue, the editor pushes it to the city portal and the city reviewer accepts it (the
// adoption statistics count it); an editor sees no publish button and a forged publish request gets
// the server's 403 message; a return with a reason (an empty one is refused) shows on the editor's
// list; the diff view shows a change; a wrong 文号 gets the server's message on the 文号 field; a site
// administrator's wrong 网站标识码 is refused on its field, and a broken theme template is refused with
// its line while the preview renders in a sandboxed frame; a visitor finds the published article with
// a Chinese query on the county site and its copy on the city portal. axe-core checks every screen.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { seedCmsDemo } from '../../apps/server/src/modules/cms/index.ts';
import { DEMO_PASSWORD, seedIdentityDemo } from '../../apps/server/src/modules/identity/identity.seed.ts';
import { webmSample } from '../../apps/server/src/platform/files/video-samples.ts';
import { as, createTestApp, json, login } from '../../apps/server/src/testing/harness.ts';
import {
  animationsSettled,
  browserSkip,
  buildConsoleIfStale,
  consoleSignedIn,
  launchChromium,
  openedDialog,
  settledViolations,
  unexpectedErrors,
} from './browser.ts';

const skip = browserSkip();

if (!skip) await buildConsoleIfStale();

const env = skip
  ? null
  : await (async () => {
      const t = await createTestApp({ listen: true, config: { demo: true } });
      const quiet = () => {};
      await seedIdentityDemo(t.ctx, quiet);
      await seedCmsDemo(t.ctx, quiet);
      await t.ctx.jobs.drain();
      return t;
    })();

const QT_SITE = '青田县人民政府';
const CITY_SITE = '丽水市人民政府';

interface Article {
  id: string;
  status: string;
  title: string;
}

async function api(username: string) {
  if (!env) throw new Error('no app');
  return as(env.app, await login(env.app, username, DEMO_PASSWORD));
}

async function siteAndColumn(siteName: string, columnCode: string) {
  if (!env) throw new Error('no app');
  const sites = json<{ items: { id: string; name: string }[] }>(
    await env.app.inject({ method: 'GET', url: '/api/v1/sites' }),
  ).items;
  const site = sites.find((s) => s.name === siteName);
  assert.ok(site, siteName);
  const columns = json<{ items: { id: string; code?: string; name: string }[] }>(
    await env.app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/columns` }),
  ).items;
  const res = await env.ctx.pool.query<{ id: string }>(
    'SELECT id FROM cms_column WHERE site_id = $1 AND code = $2',
    [site.id, columnCode],
  );
  const column = columns.find((c) => c.id === res.rows[0]?.id);
  assert.ok(column, `${siteName} ${columnCode}`);
  return { siteId: site.id, columnId: column.id };
}

/** An article written (and optionally submitted) through the API, for journeys that start later. */
async function draft(title: string, body: string, submit: boolean): Promise<Article> {
  const editor = await api('qingtian.editor');
  const { siteId, columnId } = await siteAndColumn(QT_SITE, 'zwdt');
  const res = await editor('POST', '/api/v1/articles', { siteId, columnId, title, body });
  assert.equal(res.statusCode, 201, res.body);
  const a = json<Article>(res);
  if (!submit) return a;
  const sub = await editor('POST', `/api/v1/articles/${a.id}/submit`);
  assert.equal(sub.statusCode, 200, sub.body);
  return json<Article>(sub);
}

describe('website cluster in the staff console', { skip }, () => {
  let browser: Browser;
  const base = env?.url ?? '';

  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());
  const signIn = (username: string) => consoleSignedIn(browser, base, username, DEMO_PASSWORD);
  const axe = settledViolations;

  /** Picks `option` in the open antd select or tree-select dropdown. */
  async function pick(page: Page, label: string, option: string, scope: Page | Locator = page) {
    const control = scope.getByLabel(label, { exact: true });
    // A list closed by the previous pick may still be fading out: let it go first, and never take it
    // for the new one.
    await animationsSettled(page);
    await control.click();
    const dropdown = page.locator('.ant-select-dropdown:visible:not([class*="-leave"])');
    await dropdown.waitFor();
    await animationsSettled(page);
    await dropdown.getByText(option, { exact: true }).first().click();
    // The list closes on a choice (now and then its closing animation is not seen to end: close it).
    await dropdown.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => page.keyboard.press('Escape'));
    await scope
      .locator('.ant-form-item, .ant-flex')
      .filter({ has: page.getByLabel(label, { exact: true }) })
      .last()
      .getByText(option, { exact: true })
      .filter({ visible: true })
      .first()
      .waitFor();
  }

  test('write, submit, publish, push to the city portal and accept there', async () => {
    const title = '青田县召开<script>alert(1)</script>侨乡营商环境推进会';
    // The editor writes and submits.
    const ed = await signIn('qingtian.editor');
    let page = ed.page;
    await page.getByRole('menu').getByText('稿件管理').click();
    await page.getByRole('heading', { name: '稿件管理' }).waitFor();
    assert.deepEqual(await axe(page), []);
    await page.getByRole('button', { name: '写稿件' }).click();
    await page.getByRole('heading', { name: '写稿件' }).waitFor();
    // Only the sites in the editor's scope are offered.
    await page.getByLabel('网站', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    const offered = await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .allTextContents();
    assert.deepEqual(offered, [QT_SITE]);
    await page.locator('.ant-select-dropdown:visible').getByText(QT_SITE, { exact: true }).click();
    await pick(page, '栏目', '政务动态（新闻动态）');
    await page.getByLabel('标题', { exact: true }).fill(title);
    await page.getByLabel('来源', { exact: true }).fill('青田县人民政府办公室');
    const body = page.getByRole('textbox', { name: '正文' });
    await body.click();
    await page.keyboard.type('11月24日，青田县召开侨乡营商环境推进会，部署下一阶段重点工作。');
    assert.deepEqual(await axe(page), []);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByRole('button', { name: '提交审核' }).waitFor();
    const id = /\/console\/articles\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    assert.ok(id, page.url());
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('待审核', { exact: true }).first().waitFor();
    // No publish button for an editor; a forged publish request gets the server's refusal.
    assert.equal(await page.getByRole('button', { name: /审核通过/ }).count(), 0);
    const forged = await page.evaluate(async (articleId) => {
      const s = await (await fetch('/api/v1/session')).json();
      const r = await fetch(`/api/v1/articles/${articleId}/publish`, {
        method: 'POST',
        headers: { 'X-CSRF-Token': s.csrfToken },
      });
      return { status: r.status, body: await r.json() };
    }, id);
    assert.equal(forged.status, 403);
    assert.equal(forged.body.error.code, 'FORBIDDEN');
    assert.match(forged.body.error.message, /权限/);
    const still = await env?.ctx.pool.query('SELECT status FROM cms_article WHERE id = $1', [id]);
    assert.equal(still?.rows[0]?.status, 'submitted', 'the forged request published nothing');
    assert.deepEqual(await axe(page), []);
    // The script tag in the title stayed text.
    await page.getByRole('menu').getByText('稿件管理').click();
    const mine = page.getByRole('row').filter({ hasText: '侨乡营商环境推进会' });
    await mine.waitFor();
    assert.match((await mine.textContent()) ?? '', /<script>alert\(1\)<\/script>/);
    assert.match((await mine.textContent()) ?? '', /待审核/);
    assert.deepEqual(unexpectedErrors(ed.errors, 403), []);

    // The reviewer publishes from the review queue.
    const rv = await signIn('qingtian.reviewer');
    page = rv.page;
    await page.getByRole('menu').getByText('稿件审核').click();
    await page.getByRole('heading', { name: '稿件审核' }).waitFor();
    const queued = page.getByRole('row').filter({ hasText: '侨乡营商环境推进会' });
    await queued.waitFor();
    assert.deepEqual(await axe(page), []);
    await queued.getByRole('link').click();
    await page.getByRole('button', { name: '审核通过并发布' }).click();
    await page.getByText('已发布', { exact: true }).first().waitFor();
    await page.getByRole('link', { name: new RegExp(`/sites/qingtian/articles/${id}`) }).waitFor();
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(rv.errors, []);

    // The editor pushes it to the city portal's 政务动态.
    page = ed.page;
    await page.goto(`${base}/console/articles/${id}`);
    await page.getByRole('button', { name: '报送到其他网站' }).click();
    const dialog = await openedDialog(page);
    await dialog.getByText(CITY_SITE).waitFor(); // the city portal is proposed
    await pick(page, '目标栏目', '政务动态（新闻动态）', dialog);
    assert.deepEqual(await axe(page), []);
    await dialog.getByRole('button', { name: /^报\s*送$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('menu').getByText('信息报送').click();
    await page.getByRole('tab', { name: '报送记录' }).click();
    const sent = page.getByRole('row').filter({ hasText: '侨乡营商环境推进会' });
    await sent.waitFor();
    assert.match((await sent.textContent()) ?? '', /待处理/);
    assert.deepEqual(await axe(page), []);

    // The city reviewer accepts it.
    const city = await signIn('portal.reviewer');
    page = city.page;
    await page.getByRole('menu').getByText('信息报送').click();
    await page.getByRole('heading', { name: '信息报送' }).waitFor();
    const incoming = page.getByRole('row').filter({ hasText: '侨乡营商环境推进会' });
    await incoming.waitFor();
    assert.match((await incoming.textContent()) ?? '', /青田县人民政府/);
    assert.deepEqual(await axe(page), []);
    await incoming.getByRole('button', { name: /^采用/ }).click();
    await incoming.getByText('已采用').waitFor();
    const copy = await env?.ctx.pool.query<{ credit: string; status: string }>(
      `SELECT a.credit, a.status FROM cms_push p JOIN cms_article a ON a.id = p.copy_article_id
       WHERE p.article_id = $1`,
      [id],
    );
    assert.equal(copy?.rows[0]?.status, 'published');
    assert.match(copy?.rows[0]?.credit ?? '', /青田县/);
    await page.getByRole('tab', { name: '采用统计' }).click();
    const unit = page
      .getByRole('table', { name: '各单位报送采用情况' })
      .getByRole('row')
      .filter({ hasText: '青田县人民政府办公室' });
    await unit.waitFor();
    const cells = await unit.getByRole('cell').allTextContents();
    assert.ok(Number(cells[2]) >= 1, `accepted: ${cells.join(' | ')}`);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(city.errors, []);
    assert.deepEqual(unexpectedErrors(ed.errors, 403), []);

    // A visitor finds it with a Chinese query on both sites within seconds: the county's own article
    // on the county site, the credited copy on the city portal; the script tag is shown as text.
    const copyId = (
      await env?.ctx.pool.query<{ id: string }>(
        'SELECT copy_article_id AS id FROM cms_push WHERE article_id = $1',
        [id],
      )
    )?.rows[0]?.id;
    assert.ok(copyId);
    const visitor = await browser.newPage();
    for (const [searchPath, articlePath] of [
      ['/sites/qingtian/search', `/sites/qingtian/articles/${id}`],
      ['/search', `/articles/${copyId}`],
    ] as const) {
      const hit = visitor.locator(`ol[aria-label="搜索结果"] a[href="${articlePath}"]`);
      const deadline = Date.now() + 5000;
      for (;;) {
        await visitor.goto(`${base}${searchPath}?q=${encodeURIComponent('侨乡营商环境推进会')}`);
        if ((await hit.count()) > 0 || Date.now() > deadline) break;
        await visitor.waitForTimeout(250);
      }
      assert.equal(await hit.count(), 1, `${searchPath} finds ${articlePath}`);
      assert.equal(await hit.textContent(), title);
      assert.match((await visitor.getByRole('status').textContent()) ?? '', /找到 \d+ 条/);
      assert.deepEqual(await axe(visitor), []);
    }
    await visitor.close();
  });

  test('a return needs a reason, and the reason shows on the editor’s list', async () => {
    const a = await draft('青田县东源镇开展秋季森林防火演练', '<p>演练于上午九点开始。</p>', true);
    const { page, errors } = await signIn('qingtian.reviewer');
    await page.goto(`${base}/console/articles/${a.id}`);
    await page.getByRole('button', { name: /^退\s*回$/ }).click();
    const dialog = await openedDialog(page);
    await dialog.getByRole('button', { name: /^退\s*回$/ }).click();
    await dialog.getByText('请填写退回理由').waitFor();
    await dialog.getByLabel('退回理由').fill('   ');
    await dialog.getByRole('button', { name: /^退\s*回$/ }).click();
    await dialog.getByText('请填写退回理由').waitFor();
    assert.deepEqual(await axe(page), []);
    await dialog.getByLabel('退回理由').fill('请补充演练参加人数和现场照片');
    await dialog.getByRole('button', { name: /^退\s*回$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('退回理由：请补充演练参加人数和现场照片').waitFor();
    assert.deepEqual(errors, []);

    const ed = await signIn('qingtian.editor');
    await ed.page.getByRole('menu').getByText('稿件管理').click();
    const row = ed.page.getByRole('row').filter({ hasText: '秋季森林防火演练' });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert.match(text, /已退回/);
    assert.match(text, /退回理由：请补充演练参加人数和现场照片/);
    // The status filter finds it among the returned articles.
    await pick(ed.page, '状态', '已退回');
    await ed.page.getByRole('button', { name: /查\s*询/ }).click();
    await ed.page.waitForURL(/status=returned/);
    await row.waitFor();
    assert.deepEqual(await axe(ed.page), []);
    assert.deepEqual(ed.errors, []);
  });

  test('the diff view shows what an edit changed', async () => {
    const a = await draft('青田县发布第三季度农产品价格监测报告', '<p>本季度蔬菜价格总体平稳。</p>', false);
    const { page, errors } = await signIn('qingtian.editor');
    await page.goto(`${base}/console/articles/${a.id}`);
    const title = page.getByLabel('标题', { exact: true });
    await title.fill('青田县发布第三季度农产品价格监测分析报告');
    const body = page.getByRole('textbox', { name: '正文' });
    await body.click();
    await page.keyboard.press('End');
    await page.keyboard.type('水果价格略有上涨。');
    await page.getByLabel('修改说明').fill('补充水果价格');
    await page.getByRole('button', { name: /保\s*存$/ }).click();
    await page.getByText('第 2 版', { exact: true }).first().waitFor();
    await page.getByRole('tab', { name: '版本记录' }).click();
    await page.getByRole('row').filter({ hasText: '补充水果价格' }).waitFor();
    const titleDiff = page.getByRole('region', { name: '标题的差异' });
    await titleDiff.locator('ins').first().waitFor();
    assert.match((await titleDiff.locator('ins').allTextContents()).join(''), /分析/);
    const bodyDiff = page.getByRole('region', { name: '正文的差异' });
    assert.match((await bodyDiff.locator('ins').allTextContents()).join(''), /水果价格略有上涨/);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
  });

  test('an editor inserts a video with its captions; an SRT file named .vtt gets the server’s message', async () => {
    const a = await draft('县长走基层视频', '<p>视频如下。</p>', false);
    const { page, errors } = await signIn('qingtian.editor');
    await page.goto(`${base}/console/articles/${a.id}`);
    await page.getByRole('textbox', { name: '正文' }).click();
    await page.keyboard.press('End');
    await page.getByLabel('选择要插入的视频').setInputFiles({
      name: '县长走基层.webm',
      mimeType: 'video/webm',
      buffer: webmSample(),
    });
    const dialog = await openedDialog(page, '插入视频');
    assert.equal(await dialog.getByLabel(/视频说明/).inputValue(), '县长走基层');
    await dialog.getByLabel(/视频说明/).fill('县长走访侨资企业（时长 2 分钟）');
    const chooseCaptions = page.getByLabel('选择字幕文件');
    await chooseCaptions.setInputFiles({
      name: '字幕.vtt',
      mimeType: 'text/vtt',
      buffer: Buffer.from('1\n00:00:01,000 --> 00:00:03,000\n县长走访企业\n'),
    });
    await page.getByText(/字幕上传失败：字幕文件须为 WebVTT 格式/).waitFor();
    await chooseCaptions.setInputFiles({
      name: '字幕.vtt',
      mimeType: 'text/vtt',
      buffer: Buffer.from('WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n县长走访企业\n'),
    });
    await dialog.getByText('已上传：字幕.vtt').waitFor();
    assert.deepEqual(await axe(page), []);
    await dialog.getByRole('button', { name: /^插\s*入$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: /保\s*存$/ }).click();
    await page.getByText('第 2 版', { exact: true }).first().waitFor();

    const saved = json<{ body: string }>(
      await (await api('qingtian.editor'))('GET', `/api/v1/articles/${a.id}`),
    ).body;
    assert.match(saved, /<video src="\/api\/v1\/cms\/files\/[0-9a-f-]{36}" controls/);
    assert.match(
      saved,
      /<track kind="captions" src="\/api\/v1\/cms\/files\/[0-9a-f-]{36}" srclang="zh" label="中文字幕" default/,
    );
    assert.match(saved, /<figcaption>县长走访侨资企业（时长 2 分钟）<\/figcaption>/);
    assert.deepEqual(unexpectedErrors(errors, 415), []);
  });

  test('a wrong 文号 gets the server’s message on the 文号 field', async () => {
    const { page, errors } = await signIn('qingtian.editor');
    await page.goto(`${base}/console/articles/new`);
    await pick(page, '网站', QT_SITE);
    await pick(page, '栏目', '文件资料（政策文件）');
    await page.getByLabel('标题', { exact: true }).fill('青田县关于加强侨乡农家乐消防安全管理的通知');
    await page.getByRole('textbox', { name: '正文' }).click();
    await page.keyboard.type('各乡镇人民政府、街道办事处：现就有关事项通知如下。');
    await page.getByLabel('文号', { exact: true }).fill('青政发2026第3号');
    await page.getByRole('button', { name: '保存草稿' }).click();
    const field = page
      .locator('.ant-form-item-has-error')
      .filter({ has: page.getByLabel('文号', { exact: true }) });
    await field.waitFor();
    // GB/T 9704's rule as the server words it, on the field (not as an English field name).
    assert.equal(
      await field.locator('.ant-form-item-explain').textContent(),
      '序号前不加“第”字，如“丽政发〔2026〕3号”',
    );
    assert.deepEqual(await axe(page), []);
    const none = await env?.ctx.pool.query(`SELECT 1 FROM cms_article WHERE title LIKE '%农家乐消防安全%'`);
    assert.equal(none?.rowCount, 0, 'nothing saved');
    await page.getByLabel('文号', { exact: true }).fill('青政发〔2026〕3号');
    // Changing the field takes its refusal away.
    await field.waitFor({ state: 'detached' });
    // A 文号 needs its 成文日期: the server says so on that field.
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page
      .locator('.ant-form-item-has-error')
      .filter({ has: page.getByLabel('成文日期') })
      .getByText('有文号的文件须填写成文日期')
      .waitFor();
    await page.getByLabel('成文日期').fill('2026-11-20');
    // Enter in the date field sends the form.
    await page.getByLabel('成文日期').press('Enter');
    await page.getByRole('button', { name: '提交审核' }).waitFor();
    assert.deepEqual(unexpectedErrors(errors, 422), []);
  });

  test('another site’s article is read-only, and a forged id reads as not found', async () => {
    const city = await siteAndColumn(CITY_SITE, 'zwdt');
    const res = await env?.ctx.pool.query<{ id: string; title: string }>(
      `SELECT id, title FROM cms_article WHERE site_id = $1 AND public_revision IS NOT NULL AND copy_of IS NULL
       ORDER BY first_published_at DESC LIMIT 1`,
      [city.siteId],
    );
    const other = res?.rows[0];
    assert.ok(other, 'a published city article');
    const { page, errors } = await signIn('qingtian.editor');
    await page.goto(`${base}/console/articles/${other.id}`);
    await page.getByText('该稿件不在您的管理范围内').waitFor();
    assert.equal(await page.getByLabel('标题', { exact: true }).inputValue(), other.title);
    assert.ok(await page.getByLabel('标题', { exact: true }).isDisabled());
    for (const name of [/保\s*存/, '提交审核', '报送到其他网站', /审核通过/])
      assert.equal(await page.getByRole('button', { name }).count(), 0, String(name));
    assert.equal(await page.getByRole('tab', { name: '版本记录' }).count(), 0);
    assert.deepEqual(await axe(page), []);
    // Its edit is refused by the server all the same.
    const editor = await api('qingtian.editor');
    const patched = await editor('PATCH', `/api/v1/articles/${other.id}`, { title: '篡改' });
    assert.ok([403, 404].includes(patched.statusCode), patched.body);

    await page.goto(`${base}/console/articles/01900000-0000-7000-8000-00000000bad1`);
    await page.getByText('稿件不存在').waitFor();
    await page.goto(`${base}/console/articles/1%27%20OR%201=1--`);
    await page
      .getByText(/稿件不存在|请求内容不符合要求|id/)
      .first()
      .waitFor();
    assert.deepEqual(unexpectedErrors(errors, 400, 404), []);
  });

  test('a site administrator adds a column and subscribes it to a county column', async () => {
    const { page, errors } = await signIn('portal.admin');
    await page.getByRole('menu').getByText('网站与栏目').click();
    const columns = page.getByRole('table', { name: `${CITY_SITE} 的栏目` });
    await columns.getByText('县区动态').first().waitFor();
    await animationsSettled(page);
    await page.getByRole('button', { name: '新建栏目' }).click();
    const dialog = await openedDialog(page, '新建栏目');
    // By its text, not its accessible name: while the modal opens antd hides its body from the
    // accessibility tree for a moment, and a click by role can wait on that for good.
    const save = dialog.locator('button').filter({ hasText: /^保\s*存$/ });
    await save.click();
    await dialog.getByText('请填写栏目名称').waitFor();
    const hostile = '<img src=x onerror=alert(1)>侨乡动态';
    await dialog.getByLabel('栏目名称').fill(hostile);
    // The code of an existing column: the server's refusal is shown in the dialog.
    await dialog.getByLabel('栏目代码').fill('zwdt');
    await save.click();
    await dialog.getByText('本网站已有相同代码的栏目').waitFor();
    assert.deepEqual(await axe(page), []);
    await dialog.getByLabel('栏目代码').fill('qxdt');
    await save.click();
    await dialog.waitFor({ state: 'hidden' });
    const row = columns.getByRole('row').filter({ hasText: '侨乡动态' });
    await row.waitFor();
    // The markup is shown as text, never as an element.
    assert.match((await row.textContent()) ?? '', /<img src=x onerror=alert\(1\)>侨乡动态/);
    assert.equal(await columns.locator('img').count(), 0);

    await row.getByRole('button', { name: /^订\s*阅/ }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('还没有订阅').waitFor();
    // Pick only once the drawer has slid in (a moving list can take the click elsewhere).
    await animationsSettled(page);
    await pick(page, '来源网站', QT_SITE, drawer);
    await pick(page, '来源栏目', '政务动态（新闻动态）', drawer);
    await drawer.getByRole('button', { name: /^订\s*阅$/ }).click();
    const sub = drawer.getByRole('row').filter({ hasText: QT_SITE });
    await sub.waitFor();
    assert.match((await sub.textContent()) ?? '', /政务动态/);
    assert.deepEqual(await axe(page), []);
    const stored = await env?.ctx.pool.query(
      `SELECT 1 FROM cms_subscription s JOIN cms_column c ON c.id = s.column_id WHERE c.code = 'qxdt'`,
    );
    assert.equal(stored?.rowCount, 1);
    assert.deepEqual(unexpectedErrors(errors, 409), []);
  });

  test('a site administrator edits site identity and a theme template', async () => {
    const { page, errors } = await signIn('portal.admin');
    await page.getByRole('menu').getByText('网站与栏目').click();
    await page.getByRole('heading', { name: '网站与栏目' }).waitFor();
    const row = page.getByRole('table', { name: '网站列表' }).getByRole('row').filter({ hasText: CITY_SITE });
    await row.waitFor();
    await page
      .getByRole('table', { name: `${CITY_SITE} 的栏目` })
      .getByText('政务动态')
      .first()
      .waitFor();
    assert.deepEqual(await axe(page), []);
    await row.getByRole('button', { name: `编辑 ${CITY_SITE}` }).click();
    const dialog = await openedDialog(page);
    await dialog.getByLabel('网站标识码').fill('12345');
    await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
    await dialog
      .locator('.ant-form-item-has-error')
      .filter({ has: page.getByLabel('网站标识码') })
      .waitFor();
    assert.deepEqual(await axe(page), []);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('menu').getByText('主题模板').click();
    await page.getByRole('heading', { name: '主题模板' }).waitFor();
    const templates = page.getByRole('navigation', { name: '模板列表' });
    const first = templates.getByRole('button').first();
    await first.waitFor();
    const name = (await first.textContent()) ?? '';
    await first.click();
    const source = page.getByLabel('模板源代码（LiquidJS）');
    await source.waitFor();
    assert.deepEqual(await axe(page), []);
    const original = await source.inputValue();
    await source.fill(`${original}\n{% if %}`);
    await page.getByRole('button', { name: '保存模板' }).click();
    await page.getByText('模板未保存').waitFor();
    await page
      .getByText(/第 \d+ 行/)
      .first()
      .waitFor();
    await source.fill(original.replace(/<\/main>|<\/body>/, '<p>预览标记 7Q</p>$&'));
    await page.getByRole('button', { name: /预览/ }).click();
    const frame = page.locator('iframe[title^="模板预览"]');
    await frame.waitFor();
    // Scripts never run in the preview (same origin only for the theme's CSS and images).
    assert.equal(await frame.getAttribute('sandbox'), 'allow-same-origin');
    assert.ok((await frame.getAttribute('srcdoc'))?.length, `preview of ${name}`);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(
      unexpectedErrors(errors, 422).filter((e) => !/Blocked script execution in 'about:srcdoc'/.test(e)),
      [],
    );
  });
});
