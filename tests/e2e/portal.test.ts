// Browser journeys on the public portal, driven by playwright-core against Debian's chromium:
// registration (with a field error first), sign-out and sign-in, enterprise registration, the same
// without JavaScript, account lock-out, axe-core accessibility checks in both display modes, and
// the 375px phone layout. Without /usr/bin/chromium the file is skipped unless ZT_REQUIRE_BROWSER=1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { makeIdNumber } from '../../apps/server/src/platform/ids/gb11643.ts';
import { makeCreditCode } from '../../apps/server/src/platform/ids/gb32100.ts';
import { createTestApp } from '../../apps/server/src/testing/harness.ts';
import { axeViolations, browserSkip, launchChromium, ROOT, reviewShot } from './browser.ts';

const TMP = path.join(ROOT, '.tmp');
const skip = browserSkip();

let seq = Math.floor(Math.random() * 500);
const PASSWORD = 'Lishui#2026ok';

/** Text of an element as the DOM holds it (textContent: includes visually-hidden helper text). */
async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

function nextSeq(): number {
  seq += 1;
  return seq;
}

interface Citizen {
  username: string;
  realName: string;
  idNumber: string;
  phone: string;
}

function newCitizen(): Citizen {
  const n = nextSeq();
  return {
    username: `lsuser${n}`,
    realName: '李秀英',
    idNumber: makeIdNumber('331102', '19750608', n % 1000),
    phone: `1357805${String(n).padStart(4, '0')}`,
  };
}

/** The same number with a wrong check character. */
function withWrongCheckDigit(id: string): string {
  const last = id.slice(-1);
  return id.slice(0, -1) + (last === '1' ? '2' : '1');
}

// The app is built at the top level so the harness closes it when the whole file ends.
const base = skip ? '' : (await createTestApp({ listen: true, config: { lockoutThreshold: 5 } })).url;

describe('portal in a browser', { skip }, () => {
  let browser: Browser;

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

  /** Clicks the submit button of a form and waits for the page that answers. */
  async function submit(page: Page, action: string): Promise<void> {
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator(`form[action="${action}"] button[type="submit"]`).click(),
    ]);
  }

  async function fillCitizen(page: Page, c: Citizen, idNumber = c.idNumber): Promise<void> {
    await page.locator('#f-username').fill(c.username);
    await page.locator('#f-password').fill(PASSWORD);
    await page.locator('#f-passwordConfirm').fill(PASSWORD);
    await page.locator('#f-realName').fill(c.realName);
    await page.locator('#f-idNumber').fill(idNumber);
    await page.locator('#f-phone').fill(c.phone);
    await page.locator('#f-agree').check();
  }

  async function login(page: Page, username: string, password: string): Promise<void> {
    await page.locator('#f-username').fill(username);
    await page.locator('#f-password').fill(password);
    await submit(page, '/login');
  }

  /** Journey 1: register with a bad ID number first, fix it, see 个人中心, sign out, sign in again. */
  async function citizenJourney(page: Page): Promise<Citizen> {
    const c = newCitizen();
    await page.goto(`${base}/`);
    await Promise.all([page.waitForNavigation(), page.locator('.topbar a[href="/register"]').click()]);
    assert.equal(
      await text(page.locator('.kind-tabs a[aria-current="page"]')).then((t) => t.includes('个人注册')),
      true,
    );
    await fillCitizen(page, c, withWrongCheckDigit(c.idNumber));
    await submit(page, '/register');

    const idInput = page.locator('#f-idNumber');
    assert.equal(await idInput.getAttribute('aria-invalid'), 'true');
    assert.match((await idInput.getAttribute('aria-describedby')) ?? '', /f-idNumber-error/);
    assert.match(await text(page.locator('#f-idNumber-error')), /身份证|校验/);
    assert.match(await text(page.locator('#error-summary')), /身份证号/);
    assert.equal(await page.locator('#f-username').inputValue(), c.username, 'typed values are kept');
    assert.equal(await page.locator('#f-password').inputValue(), '', 'the password is not sent back');

    await idInput.fill(c.idNumber);
    await page.locator('#f-password').fill(PASSWORD);
    await page.locator('#f-passwordConfirm').fill(PASSWORD);
    await submit(page, '/register');
    assert.equal(new URL(page.url()).pathname, '/profile');
    const profile = await text(page.locator('main'));
    assert.match(profile, /注册成功/);
    assert.ok(
      profile.includes(`${c.idNumber.slice(0, 3)}***********${c.idNumber.slice(-4)}`),
      'masked ID number',
    );
    assert.ok(!profile.includes(c.idNumber), 'never the full ID number');
    assert.ok(profile.includes(`${c.phone.slice(0, 3)}****${c.phone.slice(-4)}`), 'masked phone');
    assert.match(await text(page.locator('.topbar')), /您好，李秀英/);

    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('button', { name: '退出', exact: true }).click(),
    ]);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.match(await text(page.locator('main')), /已安全退出/);
    await login(page, c.username, PASSWORD);
    assert.equal(new URL(page.url()).pathname, '/profile');
    assert.match(await text(page.locator('main')), new RegExp(c.username));
    return c;
  }

  /** Journey 2: an enterprise registers. */
  async function enterpriseJourney(page: Page): Promise<void> {
    const n = nextSeq();
    await page.goto(`${base}/register`);
    await Promise.all([
      page.waitForNavigation(),
      page.locator('.kind-tabs a[href="/register?kind=enterprise"]').click(),
    ]);
    await page.locator('#f-username').fill(`firm${n}`);
    await page.locator('#f-password').fill(PASSWORD);
    await page.locator('#f-passwordConfirm').fill(PASSWORD);
    await page.locator('#f-name').fill('丽水市瓯江生态农业有限公司');
    await page
      .locator('#f-creditCode')
      .fill(makeCreditCode('91', '331102', `MA2${String(n).padStart(5, '0')}`));
    await page.locator('#f-legalRepresentative').fill('陈立新');
    await page.locator('#f-phone').fill(`1380578${String(n).padStart(4, '0')}`);
    await page.locator('#f-agree').check();
    await submit(page, '/register');
    assert.equal(new URL(page.url()).pathname, '/profile');
    const main = await text(page.locator('main'));
    assert.match(main, /法人用户/);
    assert.match(main, /丽水市瓯江生态农业有限公司/);
  }

  test('journey 1: a citizen registers, fixes a bad ID number, signs out and in again', async () => {
    const { context, page } = await newPage();
    await citizenJourney(page);
    await context.close();
  });

  test('journey 2: an enterprise registers', async () => {
    const { context, page } = await newPage();
    await enterpriseJourney(page);
    await context.close();
  });

  test('journey 3: both journeys work with JavaScript disabled', async () => {
    const { context, page } = await newPage({ js: false });
    await citizenJourney(page);
    await context.clearCookies();
    await enterpriseJourney(page);
    // The 关怀模式 switch is a plain link.
    await page.goto(`${base}/`);
    await Promise.all([page.waitForNavigation(), page.locator('.topbar a.mode-switch').click()]);
    assert.equal(await page.locator('html').getAttribute('class'), 'mode-care');
    await context.close();
  });

  test('journey 4: five wrong passwords lock the account and the page says so', async () => {
    const { context, page } = await newPage();
    const c = await citizenJourney(page);
    await context.clearCookies();
    for (let i = 1; i <= 5; i += 1) {
      await page.goto(`${base}/login`);
      await login(page, c.username, 'Wrong#pass123');
      const message = await text(page.locator('#error-summary'));
      if (i < 5) assert.match(message, /用户名或密码错误/, `attempt ${i}`);
      else assert.match(message, /锁定/, 'the fifth failure locks');
    }
    await page.goto(`${base}/login`);
    await login(page, c.username, PASSWORD);
    assert.equal(new URL(page.url()).pathname, '/login', 'the right password does not open a locked account');
    assert.match(await text(page.locator('#error-summary')), /锁定/);
    await context.close();
  });

  test('axe-core: no serious or critical violations, standard and 关怀 modes', async (t) => {
    const { context, page } = await newPage();
    const c = newCitizen();
    const problems: string[] = [];
    let pagesChecked = 0;

    const check = async (label: string) => {
      const violations = await axeViolations(page);
      pagesChecked += 1;
      for (const v of violations) {
        const line = `${label}: [${v.impact}] ${v.id} ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`;
        if (v.impact === 'serious' || v.impact === 'critical') problems.push(line);
        else t.diagnostic(`axe (not failing): ${line}`);
      }
    };

    for (const mode of ['standard', 'care'] as const) {
      await context.clearCookies();
      await page.goto(`${base}/?mode=${mode}`);
      assert.equal((await page.locator('html').getAttribute('class')) === 'mode-care', mode === 'care');
      await check(`/ (${mode})`);
      await page.goto(`${base}/login`);
      await check(`/login (${mode})`);
      await page.goto(`${base}/register`);
      await fillCitizen(page, { ...c, username: `${c.username}${mode === 'care' ? 'c' : 's'}` }, '12345');
      await page.locator('#f-agree').uncheck();
      await submit(page, '/register');
      assert.equal(await page.locator('#f-idNumber').getAttribute('aria-invalid'), 'true');
      await check(`/register with errors (${mode})`);
    }

    // Signed in: 个人中心 in both modes.
    await context.clearCookies();
    await page.goto(`${base}/register`);
    await fillCitizen(page, c);
    await submit(page, '/register');
    assert.equal(new URL(page.url()).pathname, '/profile');
    await check('/profile (standard)');
    await page.goto(`${base}/profile?mode=care`);
    assert.equal(await page.locator('html').getAttribute('class'), 'mode-care');
    await check('/profile (care)');
    await check('/ signed in (care)');
    await context.close();
    assert.equal(pagesChecked, 9);
    assert.deepEqual(problems, []);
  });

  test('375px phone: no horizontal scrolling; screenshots for review', async () => {
    const { context, page } = await newPage({ width: 375 });
    const overflow: string[] = [];
    const measure = async (label: string) => {
      const { scroll, width } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: window.innerWidth,
      }));
      if (scroll > width) overflow.push(`${label}: ${scroll}px > ${width}px`);
    };
    for (const mode of ['standard', 'care'] as const) {
      await page.goto(`${base}/?mode=${mode}`);
      await measure(`/ (${mode})`);
      await reviewShot(page, `portal-home-375-${mode}.png`);
      for (const p of ['/login', '/register', '/register?kind=enterprise', '/no-such-page']) {
        await page.goto(`${base}${p}`);
        await measure(`${p} (${mode})`);
      }
      await page.goto(`${base}/register`);
      await page.locator('#f-idNumber').fill('1');
      await submit(page, '/register');
      await measure(`/register with errors (${mode})`);
      if (mode === 'care') await reviewShot(page, 'portal-register-375-care.png');
    }
    const c = newCitizen();
    await page.goto(`${base}/register`);
    await fillCitizen(page, c);
    await submit(page, '/register');
    await measure('/profile (care)');
    await reviewShot(page, 'portal-profile-375-care.png');
    await context.close();
    assert.deepEqual(overflow, []);

    // Desktop screenshots of the home page, anonymous, in both modes.
    const desk = await newPage({ width: 1280 });
    await desk.page.goto(`${base}/`);
    await reviewShot(desk.page, 'portal-home.png');
    await desk.page.goto(`${base}/?mode=care`);
    await reviewShot(desk.page, 'portal-home-care.png');
    await desk.page.goto(`${base}/register?mode=standard`);
    await reviewShot(desk.page, 'portal-register.png');
    await desk.context.close();
  });
});
