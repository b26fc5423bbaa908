// Browser journeys on the staff console (React + antd), driven by playwright-core against Debian's
// chromium: an administrator's first sign-in with mandatory two-factor enrolment, a second sign-in
// with the TOTP code, the menu following permissions, a county administrator seeing only their
// county, and the audit administrator verifying the audit chain. axe-core checks the pages.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CONSOLE_DIST } from '../../apps/server/src/app.ts';
import { seedScopeFixture, TEST_PASSWORD } from '../../apps/server/src/modules/identity/testing.ts';
import { generateTotp } from '../../apps/server/src/platform/crypto/totp.ts';
import { createTestApp } from '../../apps/server/src/testing/harness.ts';
import { browserSkip, launchChromium, openedDialog, ROOT, settledViolations } from './browser.ts';

const skip = browserSkip();

if (!skip && !fs.existsSync(path.join(CONSOLE_DIST, 'index.html'))) {
  // The console is a built single-page app; build it once for the browser tests.
  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-console.ts')], { stdio: 'inherit' });
}

const env = skip ? null : await createTestApp({ listen: true, config: { require2fa: true } });
const fixture = env ? await seedScopeFixture(env.ctx) : null;

describe('staff console in a browser', { skip }, () => {
  let browser: Browser;
  /** The county administrator's TOTP secret, enrolled in one test and used to sign in again in the next. */
  let qingtianSecret = '';
  const base = env?.url ?? '';

  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${base}/console/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
  }

  /** The enrolment page the server holds administrators at: read the secret (as a scan would), confirm a code. */
  async function enrolTotp(page: Page): Promise<string> {
    await page.getByRole('button', { name: '开始设置' }).click();
    const secret = (await page.locator('code').first().textContent())?.replaceAll(' ', '') ?? '';
    assert.match(secret, /^[A-Z2-7]{16,}$/);
    assert.ok(await page.getByRole('img', { name: /两步验证二维码/ }).isVisible());
    await page.getByLabel('验证码').fill(generateTotp(secret));
    await page.getByRole('button', { name: '验证并启用' }).click();
    await page
      .getByText(/已启用|启用成功/)
      .first()
      .waitFor();
    return secret;
  }

  test('an administrator must enrol two-factor, then signs in with the code', async () => {
    const page = await newPage();
    await signIn(page, fixture?.platformAdmin.username as string, TEST_PASSWORD);
    // Held at the enrolment page: the server answers TOTP_SETUP_REQUIRED everywhere else.
    const secret = await enrolTotp(page);

    // Sign out and in again: now the code is asked for.
    const second = await newPage();
    await signIn(second, fixture?.platformAdmin.username as string, TEST_PASSWORD);
    await second.getByLabel('动态验证码').waitFor();
    await second.getByLabel('动态验证码').fill('000000');
    await second.getByRole('button', { name: '验证并登录' }).click();
    await second
      .getByText(/验证码/)
      .first()
      .waitFor();
    // A fresh code from the next time step (the one used for enrolment may not be reused).
    await second.getByLabel('动态验证码').fill(generateTotp(secret, new Date(Date.now() + 30_000)));
    await second.getByRole('button', { name: '验证并登录' }).click();
    const menu = second.getByRole('menu');
    await menu.getByText('组织机构').waitFor();
    assert.ok(await menu.getByText('用户管理').isVisible());
    assert.equal(await menu.getByText('审计日志').count(), 0, 'a system administrator has no audit menu');
    assert.deepEqual(await settledViolations(second), []);

    // The other pages of the menu open and pass axe too: the working-day calendar, messages.
    await menu.getByText('工作日历').click();
    await second.getByRole('heading', { name: '工作日历' }).waitFor();
    await second.getByRole('cell', { name: '元旦' }).first().waitFor();
    assert.deepEqual(await settledViolations(second), []);
    await menu.getByText('消息').click();
    await second.getByRole('heading', { name: '消息' }).waitFor();
    assert.deepEqual(await settledViolations(second), []);
  });

  test('a county administrator sees only their county in the organisation tree', async () => {
    const page = await newPage();
    // County administrators hold the system-administrator role too, so they enrol first.
    await signIn(page, fixture?.qingtianAdmin.username as string, TEST_PASSWORD);
    qingtianSecret = await enrolTotp(page);
    await page.goto(`${base}/console/orgs`);
    await page.getByRole('tree').getByText('青田县', { exact: true }).first().waitFor();
    assert.equal(await page.getByRole('tree').getByText('莲都区').count(), 0);
    assert.equal(await page.getByRole('tree').getByText('丽水市', { exact: true }).count(), 0);
  });

  test('a county administrator creates a staff account, which replaces its initial password at first sign-in', async () => {
    const page = await newPage();
    // Already enrolled in the previous test: a fresh sign-in asks for the next code.
    await signIn(page, fixture?.qingtianAdmin.username as string, TEST_PASSWORD);
    await page.getByLabel('动态验证码').waitFor();
    await page.getByLabel('动态验证码').fill(generateTotp(qingtianSecret, new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.getByRole('menu').getByText('用户管理').click();
    await page.getByRole('button', { name: /新建/ }).click();
    const dialog = await openedDialog(page);
    await dialog.getByLabel('用户名').fill('qingtian.clerk');
    await dialog.getByLabel('姓名').fill('王晓红');
    await dialog.getByLabel('所属机构').click();
    await page.locator('.ant-select-tree').getByText('青田县', { exact: true }).first().click();
    await dialog.getByLabel('初始密码', { exact: true }).fill('Clerk#Initial2026');
    await dialog.getByLabel('确认初始密码').fill('Clerk#Different2026');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await dialog.getByText('两次输入的密码不一致').waitFor();
    await dialog.getByLabel('确认初始密码').fill('Clerk#Initial2026');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await page.getByRole('cell', { name: 'qingtian.clerk' }).waitFor();

    const clerk = await newPage();
    await signIn(clerk, 'qingtian.clerk', 'Clerk#Initial2026');
    await clerk.getByLabel('当前密码').waitFor();
    assert.match(clerk.url(), /\/console\/security\/password/);
    await clerk.getByLabel('当前密码').fill('Clerk#Initial2026');
    await clerk.getByLabel('新密码', { exact: true }).fill('Clerk#MyOwn2026');
    await clerk.getByLabel('确认新密码').fill('Clerk#MyOwn2026');
    await clerk.getByRole('button', { name: '修改密码' }).click();
    await clerk.getByText('密码已修改，其他设备上的登录已失效').waitFor();
    await clerk.waitForURL((u) => u.pathname === '/console/' || u.pathname === '/console');
    const row = await env?.ctx.pool.query('SELECT must_change_password FROM idn_user WHERE username = $1', [
      'qingtian.clerk',
    ]);
    assert.equal(row?.rows[0]?.must_change_password, false);
  });

  test('the security administrator reads the roles and their permissions', async () => {
    const page = await newPage();
    await signIn(page, fixture?.securityAdmin.username as string, TEST_PASSWORD);
    await enrolTotp(page);
    await page.getByRole('menu').getByText('角色权限').click();
    await page.getByRole('heading', { name: '角色权限' }).waitFor();
    // The built-in business roles of case handling and supervision are listed with the others.
    await page.getByText('电子监察员').first().waitFor();
    await page.getByText('窗口工作人员').first().waitFor();
    assert.deepEqual(await settledViolations(page), []);
  });

  test('the audit administrator verifies the audit chain', async () => {
    const page = await newPage();
    await signIn(page, fixture?.auditAdmin.username as string, TEST_PASSWORD);
    await enrolTotp(page);
    await page.goto(`${base}/console/audit`);
    await page.getByRole('button', { name: /校验完整性/ }).click();
    await page.getByText(/完整：已校验 \d+ 条记录/).waitFor();
    // The log lists the sign-ins of this test.
    await page.getByText(/登录/).first().waitFor();
    assert.deepEqual(await settledViolations(page), []);
  });

  test('the login page has no serious accessibility violations', async () => {
    const page = await newPage();
    await page.goto(`${base}/console/login`);
    await page.getByLabel('用户名').waitFor();
    assert.deepEqual(await settledViolations(page), []);
  });
});
