// The public 政府信息公开 pages in Debian's chromium: the list of units, a guide, the catalogue (searched
// through its form without JavaScript), an entry, the report list and a published report whose table 2
// shows a partial disclosure replied through the engine. Each page: axe-core without serious or critical
// violations and no horizontal scrolling at 375px in both display modes. Skipped without
// /usr/bin/chromium unless ZT_REQUIRE_BROWSER=1.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, launchChromium, seriousViolations } from '../../../../../tests/e2e/browser.ts';
import { as, json, login } from '../../testing/harness.ts';
import { type DisclosureSetup, disclosureSetup, PASSWORD, TEST_PASSWORD } from './testing.ts';

const skip = browserSkip();

const setup = skip
  ? null
  : await (async () => {
      const s: DisclosureSetup = await disclosureSetup(undefined, {}, { listen: true });
      const officer = as(s.app, await login(s.app, 'xxgk.officer', TEST_PASSWORD));
      const citizen = as(s.app, await login(s.app, s.citizen.username, PASSWORD));
      const entry = json<{ id: string; url: string; indexNumber: string }>(
        await officer('POST', '/api/v1/disclosure/catalogue', {
          orgId: s.office.id,
          title: '丽水市人民政府办公室关于进一步优化营商环境的若干意见',
          docNumber: '丽政办发〔2026〕21号',
          writtenOn: '2026-11-20',
          topic: '国民经济管理、国有资产监管',
          genre: '行政规范性文件',
          summary: '围绕市场准入、政务服务、要素保障等方面提出二十条措施。',
        }),
      );
      await officer('POST', '/api/v1/disclosure/catalogue', {
        orgId: s.office.id,
        title: '2026年丽水市国民经济和社会发展统计公报',
        writtenOn: '2026-03-25',
        publishedOn: '2026-03-27',
        topic: '统计信息',
        genre: '统计数据',
      });
      const r = json<{ caseId: string }>(
        await citizen('POST', '/api/v1/disclosure/requests', {
          description: '2025年度市级农业产业化项目资金分配表',
          delivery: 'electronic',
          orgId: s.office.id,
        }),
      );
      const tasks = json<{ items: { id: string; caseId: string }[] }>(
        await officer('GET', '/api/v1/tasks?caseType=disclosure'),
      );
      const task = tasks.items.find((t) => t.caseId === r.caseId);
      await officer('POST', `/api/v1/tasks/${task?.id}/actions`, {
        action: 'reply',
        data: {
          outcome: 'PARTIAL',
          reasons: '涉及个人信息的部分不予公开',
          content: '现提供可以公开的部分。',
        },
      });
      await officer('PUT', '/api/v1/disclosure/annual-report', {
        orgId: s.office.id,
        year: 2026,
        narrative: { overview: '2026年，本机关认真贯彻政府信息公开条例，持续深化主动公开。' },
      });
      const pub = await officer('POST', '/api/v1/disclosure/annual-report/publish', {
        orgId: s.office.id,
        year: 2026,
      });
      assert.equal(pub.statusCode, 200, pub.body);
      return { s, entry };
    })();

describe('政府信息公开 pages in a browser', { skip }, () => {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  /** A page; `js: false` proves a form works without scripts (axe needs them, so it runs with). */
  async function open(width = 1280, js = true): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width, height: 900 },
      javaScriptEnabled: js,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  test('every page is accessible, fits a phone and works without JavaScript', async () => {
    assert.ok(setup);
    const { s, entry } = setup;
    const o = s.office.id;
    const paths = [
      '/disclosure',
      `/disclosure/${o}`,
      `/disclosure/${o}/catalogue`,
      entry.url,
      `/disclosure/${o}/reports`,
      `/disclosure/${o}/reports/2026`,
    ];
    const problems: string[] = [];
    const page = await open();
    for (const p of paths) {
      const res = await page.goto(`${s.url}${p}`);
      assert.equal(res?.status(), 200, p);
      for (const v of await seriousViolations(page)) problems.push(`${p}: ${v}`);
    }
    const phone = await open(375);
    for (const p of paths) {
      for (const mode of ['standard', 'care']) {
        await phone.goto(`${s.url}${p}?mode=${mode}`);
        const { scroll, width } = await phone.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          width: window.innerWidth,
        }));
        if (scroll > width) problems.push(`${p} (${mode}) scrolls sideways: ${scroll}px > ${width}px`);
      }
    }
    await phone.context().close();
    assert.deepEqual(problems, []);

    // The catalogue's search form, submitted without JavaScript.
    await page.context().close();
    const noJs = await open(1280, false);
    await noJs.goto(`${s.url}/disclosure/${o}/catalogue`);
    assert.match((await noJs.locator('main').textContent()) ?? '', /共有信息 2 条/);
    await noJs.getByRole('searchbox', { name: '名称、文号或索引号' }).fill('营商环境');
    await Promise.all([
      noJs.waitForNavigation(),
      noJs.locator('main form[role="search"] button[type="submit"]').click(),
    ]);
    const main = (await noJs.locator('main').textContent()) ?? '';
    assert.match(main, /符合条件的信息 1 条/);
    assert.ok(main.includes(entry.indexNumber));
    await Promise.all([noJs.waitForNavigation(), noJs.getByRole('link', { name: /优化营商环境/ }).click()]);
    assert.ok(((await noJs.locator('main').textContent()) ?? '').includes('丽政办发〔2026〕21号'));

    await noJs.context().close();

    // The published report's table 2 counts the partial disclosure for 自然人 and in total.
    const page2 = await open();
    await page2.goto(`${s.url}/disclosure/${o}/reports/2026`);
    const row = page2.locator('tr', { has: page2.locator('th', { hasText: '（二）部分公开' }) });
    const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
    assert.deepEqual(cells, ['1', '0', '0', '0', '0', '0', '1']);
    await page2.context().close();
  });

  test('a citizen applies through the form and finds the partial reply with its letter', async () => {
    assert.ok(setup);
    const { s } = setup;
    const problems: string[] = [];
    const page = await open(1280, false);
    await page.goto(`${s.url}/disclosure/apply`);
    assert.equal(new URL(page.url()).pathname, '/login', 'signing in first');
    await page.locator('#f-username').fill(s.citizen.username);
    await page.locator('#f-password').fill(PASSWORD);
    await Promise.all([
      page.waitForNavigation(),
      page.locator('form[action="/login"] button[type="submit"]').click(),
    ]);
    assert.equal(new URL(page.url()).pathname, '/disclosure/apply');
    // An empty description is refused with the field named, the rest kept.
    await page.locator('#f-docNumber').fill('丽政办发〔2026〕12号');
    await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
    assert.match((await page.locator('#error-summary').textContent()) ?? '', /所需政府信息的名称/);
    assert.equal(await page.locator('#f-docNumber').inputValue(), '丽政办发〔2026〕12号');
    await page.locator('#f-description').fill('丽水市政务公开工作要点全文');
    await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
    assert.match(new URL(page.url()).pathname, /^\/disclosure\/my\/[0-9a-f-]{36}$/);
    const main = (await page.locator('main').textContent()) ?? '';
    assert.ok(main.includes('申请已提交'));
    assert.ok(main.includes('办理中'));
    assert.ok(main.includes('2026年12月22日'), 'due 20 working days after 2026-11-24');
    const id = new URL(page.url()).pathname.split('/').pop() as string;

    // The officer replies with partial disclosure through the task API.
    const officer = as(s.app, await login(s.app, 'xxgk.officer', TEST_PASSWORD));
    const detail = json<{ caseId: string }>(await officer('GET', `/api/v1/disclosure/requests/${id}`));
    const tasks = json<{ items: { id: string; caseId: string }[] }>(
      await officer('GET', '/api/v1/tasks?caseType=disclosure'),
    );
    const task = tasks.items.find((t) => t.caseId === detail.caseId);
    const replied = await officer('POST', `/api/v1/tasks/${task?.id}/actions`, {
      action: 'reply',
      data: {
        outcome: 'PARTIAL',
        reasons: '附件中涉及个人信息的部分不予公开',
        content: '现提供工作要点全文（已作区分处理）。',
      },
    });
    assert.equal(replied.statusCode, 200, replied.body);

    await page.goto(`${s.url}/disclosure/my`);
    await Promise.all([
      page.waitForNavigation(),
      page
        .getByRole('link', { name: /^\d{20}$/ })
        .first()
        .click(),
    ]);
    const after = (await page.locator('main').textContent()) ?? '';
    assert.ok(after.includes('已答复'));
    assert.ok(after.includes('部分公开'));
    assert.match(after, /丽政办公复〔2026〕\d+号/);
    const href = await page
      .getByRole('link', { name: /下载《政府信息公开申请答复书》/ })
      .getAttribute('href');
    const pdf = await page.request.get(`${s.url}${href}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    await page.context().close();

    // Accessibility of the applicant's pages (axe needs scripts).
    const checked = await open();
    await checked.goto(`${s.url}/login?next=/disclosure/apply`);
    await checked.locator('#f-username').fill(s.citizen.username);
    await checked.locator('#f-password').fill(PASSWORD);
    await Promise.all([
      checked.waitForNavigation(),
      checked.locator('form[action="/login"] button[type="submit"]').click(),
    ]);
    for (const p of ['/disclosure/apply', '/disclosure/my', `/disclosure/my/${id}`]) {
      await checked.goto(`${s.url}${p}`);
      for (const v of await seriousViolations(checked)) problems.push(`${p}: ${v}`);
    }
    await checked.context().close();
    assert.deepEqual(problems, []);
  });
});
