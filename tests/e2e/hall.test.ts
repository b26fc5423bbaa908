// Browser journey through the online service hall (网上办事大厅), driven by playwright-core against
// Debian's chromium: a citizen finds an item, reads the guide, is sent to sign in by 在线申请, fills the
// form (a conditional field appears as they choose, validation errors next to the fields), saves a
// draft, comes back from 我的办件, uploads a PDF, reviews, submits and reads the receipt with the case
// number; axe-core on the guide, apply and receipt pages; no horizontal scrolling at 375px in both
// display modes; the add-row button with JavaScript off. Skipped without /usr/bin/chromium unless
// ZT_REQUIRE_BROWSER=1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  type Applicant,
  makeCitizen,
  makeHallItem,
  PASSWORD,
  tinyPdf,
} from '../../apps/server/src/modules/hall/testing.ts';
import { seedCaseFixture } from '../../apps/server/src/modules/workflow/testing.ts';
import { createTestApp } from '../../apps/server/src/testing/harness.ts';
import { axeViolations, browserSkip, launchChromium, ROOT, reviewShot } from './browser.ts';

const TMP = path.join(ROOT, '.tmp');

/** Text of an element as the DOM holds it. */
async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}
const skip = browserSkip();

const setup = skip
  ? null
  : await (async () => {
      const t = await createTestApp({ listen: true });
      const f = await seedCaseFixture(t.ctx);
      const item = await makeHallItem(t.ctx, f.qingtianDept.id);
      const citizens = [
        await makeCitizen(t.ctx, '叶晓芳'),
        await makeCitizen(t.ctx, '潘志强'),
        await makeCitizen(t.ctx, '吴丽萍'),
      ];
      return { base: t.url, item, citizens };
    })();

describe('online service hall in a browser', { skip }, () => {
  let browser: Browser;
  const base = setup?.base ?? '';

  before(async () => {
    browser = await launchChromium();
    fs.mkdirSync(TMP, { recursive: true });
  });

  after(async () => {
    await browser?.close();
  });

  async function newPage(
    opts: { js?: boolean; width?: number } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      javaScriptEnabled: opts.js ?? true,
      locale: 'zh-CN',
      viewport: { width: opts.width ?? 1280, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  async function click(page: Page, selector: string): Promise<void> {
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator(selector).first().click(),
    ]);
  }

  async function signIn(page: Page, c: Applicant): Promise<void> {
    await page.locator('#f-username').fill(c.username);
    await page.locator('#f-password').fill(PASSWORD);
    await click(page, 'form[action="/login"] button[type="submit"]');
  }

  async function serious(page: Page, label: string, problems: string[]): Promise<void> {
    for (const v of await axeViolations(page)) {
      if (v.impact === 'serious' || v.impact === 'critical')
        problems.push(
          `${label}: [${v.impact}] ${v.id} ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
    }
  }

  /** Fills the application form of makeHallItem (prefilled fields are left as they are). */
  async function fillForm(page: Page): Promise<void> {
    await page.locator('#f-shopKind-0').check();
    await page.locator('#f-storeName').fill('晓芳小吃');
    await page.locator('#f-category').selectOption('catering');
    await page.locator('#f-scope-0').check();
    await page.locator('#f-area').fill('36');
    await page.locator('#f-district').selectOption('331121');
    await page.locator('#f-address-region').selectOption('331121001');
    await page.locator('#f-address-detail').fill('龙津路 18 号');
    await page.locator('#f-employees-0-name').fill('叶晓芳');
    await page.locator('#f-employees-0-healthCert-0').check();
    await page.locator('#f-employees-0-certNo').fill('JK2026001');
  }

  test('a citizen finds an item, applies with a PDF, saves a draft, comes back, submits and reads the receipt', async () => {
    assert.ok(setup);
    const c = setup.citizens[0] as Applicant;
    const problems: string[] = [];
    const { context, page } = await newPage();

    // Find the item from the hall's search box.
    await page.goto(`${base}/`);
    await click(page, 'a[href="/hall"]');
    await page.locator('#hall-q').fill('小餐饮');
    await click(page, 'form[action="/hall/items"] button[type="submit"]');
    await click(page, `a[href="/hall/items/${setup.item.id}"]`);
    assert.match(await text(page.locator('h1')), /小餐饮经营许可/);
    await serious(page, 'guide', problems);

    // 在线申请 → sign in → back on the form, prefilled.
    await click(page, `a[href="/hall/apply/${setup.item.id}"]`);
    assert.equal(new URL(page.url()).pathname, '/login');
    await signIn(page, c);
    assert.equal(new URL(page.url()).pathname, `/hall/apply/${setup.item.id}`);
    assert.equal(await page.locator('#f-name').inputValue(), c.realName);

    // The conditional field follows the choice without a round trip (hall.js).
    assert.equal(await page.locator('#f-storeName-wrap').isVisible(), false);
    await page.locator('#f-shopKind-0').check();
    assert.equal(await page.locator('#f-storeName-wrap').isVisible(), true);
    await page.locator('#f-shopKind-1').check();
    assert.equal(await page.locator('#f-storeName-wrap').isVisible(), false);

    // Submitting with required fields empty: errors next to the fields, summary focused.
    await click(page, 'button[value="next"]');
    assert.equal(await page.locator('#f-area').getAttribute('aria-invalid'), 'true');
    assert.match((await page.locator('#f-area').getAttribute('aria-describedby')) ?? '', /f-area-error/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
    await serious(page, 'apply with errors', problems);

    await fillForm(page);
    await click(page, 'button.btn-outline-primary[value="save"]');
    assert.match(await text(page.locator('.notice')), /草稿已保存/);

    // Come back later from 我的办件.
    await page.goto(`${base}/hall/my`);
    await click(page, 'a:has-text("继续填写")');
    assert.equal(await page.locator('#f-storeName').inputValue(), '晓芳小吃');
    await serious(page, 'apply (draft)', problems);
    await click(page, 'button[value="next"]');
    assert.match(new URL(page.url()).pathname, /\/materials$/);

    // Upload the application as a PDF.
    await page
      .locator('#material-file-1')
      .setInputFiles({ name: '申请书.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await click(page, '#material-1 form.hall-upload button[type="submit"]');
    assert.match(await text(page.locator('#material-1')), /已上传：申请书\.pdf/);
    await serious(page, 'materials', problems);

    await click(page, 'a:has-text("下一步：核对申请")');
    assert.match(await text(page.locator('main')), /晓芳小吃/);
    await serious(page, 'review', problems);
    await click(page, 'button:has-text("确认提交申请")');

    assert.match(new URL(page.url()).pathname, /\/receipt$/);
    const number = (await text(page.locator('#case-number'))).trim();
    assert.match(number, /^331121\d{14}$/);
    assert.ok((await text(page.locator('#query-code'))).trim().length >= 4);
    assert.ok(await page.locator('a:has-text("下载《接收回执》")').count());
    await serious(page, 'receipt', problems);
    await reviewShot(page, 'hall-receipt.png');

    // The receipt in care mode too.
    await page.goto(`${page.url()}?mode=care`);
    assert.equal(await page.locator('html').getAttribute('class'), 'mode-care');
    await serious(page, 'receipt (care)', problems);
    await context.close();
    assert.deepEqual(problems, []);
  });

  test('without JavaScript: add a row and see the conditional field after 更新', async () => {
    assert.ok(setup);
    const { context, page } = await newPage({ js: false });
    await page.goto(`${base}/login?next=${encodeURIComponent(`/hall/apply/${setup.item.id}`)}`);
    await signIn(page, setup.citizens[1] as Applicant);
    await page.locator('#f-employees-0-name').fill('潘志强');
    await click(page, 'button[value="add:employees"]');
    assert.equal(await page.locator('#f-employees-0-name').inputValue(), '潘志强');
    assert.equal(await page.locator('#f-employees-1-name').count(), 1);
    await page.locator('#f-shopKind-0').check();
    await click(page, '#f-shopKind-wrap button[value="refresh"]');
    assert.equal(await page.locator('#f-storeName-wrap').isVisible(), true);
    await context.close();
  });

  test('375px phone: no horizontal scrolling on the hall pages, both display modes', async () => {
    assert.ok(setup);
    const { context, page } = await newPage({ width: 375 });
    const overflow: string[] = [];
    const measure = async (label: string) => {
      const { scroll, width } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: window.innerWidth,
      }));
      if (scroll > width) overflow.push(`${label}: ${scroll}px > ${width}px`);
    };
    await page.goto(`${base}/login`);
    await signIn(page, setup.citizens[2] as Applicant);
    for (const mode of ['standard', 'care'] as const) {
      await page.goto(`${base}/hall?mode=${mode}`);
      for (const p of [
        '/hall',
        '/hall/items',
        `/hall/items/${setup.item.id}`,
        '/hall/lookup',
        '/hall/my',
        `/hall/apply/${setup.item.id}`,
      ]) {
        await page.goto(`${base}${p}`);
        await measure(`${p} (${mode})`);
      }
      await click(page, 'button[value="next"]');
      await measure(`apply with errors (${mode})`);
      if (mode === 'care') await reviewShot(page, 'hall-apply-375-care.png');
    }
    await page.goto(`${base}/hall/items/${setup.item.id}?mode=standard`);
    await reviewShot(page, 'hall-guide-375.png');
    await context.close();
    assert.deepEqual(overflow, []);
  });
});
