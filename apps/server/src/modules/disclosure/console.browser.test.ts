// The staff side of 政府信息公开 in the console, in Debian's chromium: the officer opens a request from
// 待办事项, answers it with 部分公开 through the reply dialog (the server's refusal of a reply without
// reasons lands on the 理由和依据 field), and downloads the reply letter from the case page; on 公开目录
// the unit's entries show their 索引号 and the Art. 26 alert, and a new entry is published through the
// dialog; a citizen files a request in the portal, the officer answers 部分公开 in the console, and the
// console's 年度报告 counts it under 部分公开 for 自然人. axe-core finds nothing serious or critical on
// any of these screens. Skipped without
// /usr/bin/chromium unless ZT_REQUIRE_BROWSER=1.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  animationsSettled,
  browserSkip,
  buildConsoleIfStale,
  consoleSignedIn,
  launchChromium,
  openedDialog,
  settledViolations,
  unexpectedErrors,
} from '../../../../../tests/e2e/browser.ts';
import { as, json, login } from '../../testing/harness.ts';
import { type DisclosureSetup, disclosureSetup, PASSWORD, TEST_PASSWORD } from './testing.ts';

const skip = browserSkip();
if (!skip) await buildConsoleIfStale();

const NOW = new Date('2026-11-24T02:00:00Z');

const setup = skip
  ? null
  : await (async () => {
      const s: DisclosureSetup = await disclosureSetup(undefined, {}, { listen: true });
      const citizen = as(s.app, await login(s.app, s.citizen.username, PASSWORD));
      const officer = as(s.app, await login(s.app, 'xxgk.officer', TEST_PASSWORD));
      const request = json<{ id: string; caseId: string; number: string }>(
        await citizen('POST', '/api/v1/disclosure/requests', {
          description: '2025年度市级农业产业化项目资金分配表',
          delivery: 'electronic',
          orgId: s.office.id,
        }),
      );
      // Signed 2026-10-09, published today: more than 20 working days later, so an Art. 26 alert.
      const late = json<{ indexNumber: string }>(
        await officer('POST', '/api/v1/disclosure/catalogue', {
          orgId: s.office.id,
          title: '丽水市人民政府办公室关于做好2026年冬季农业生产工作的通知',
          docNumber: '丽政办发〔2026〕30号',
          writtenOn: '2026-10-09',
          topic: '农业、林业、水利',
          genre: '通知',
        }),
      );
      return { s, request, late };
    })();

describe('政府信息公开 in the staff console', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  const signIn = () => {
    assert.ok(setup);
    return consoleSignedIn(browser, setup.s.url, 'xxgk.officer', TEST_PASSWORD, { now: NOW });
  };

  async function pick(page: Page, label: string, option: string) {
    await animationsSettled(page);
    await page.getByLabel(label, { exact: true }).click();
    const dropdown = page.locator('.ant-select-dropdown:visible:not([class*="-leave"])');
    await dropdown.waitFor();
    await animationsSettled(page);
    // The visible option (antd also keeps a visually hidden listbox for screen readers).
    await dropdown
      .locator('.ant-select-item-option')
      .filter({ has: page.getByText(option, { exact: true }) })
      .first()
      .click();
    await dropdown.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => page.keyboard.press('Escape'));
  }

  /** From 待办事项 to the case page of request `number` (`onList` runs while the list shows). */
  async function openFromTasks(page: Page, number: string, onList?: () => Promise<void>) {
    await page.getByRole('menu').getByText('待办事项').click();
    await page.getByRole('heading', { name: '待办事项' }).waitFor();
    await page.getByRole('link', { name: `办理 ${number}` }).waitFor();
    await onList?.();
    await page.getByRole('link', { name: `办理 ${number}` }).click();
    await page.getByRole('heading', { name: `办件 ${number}` }).waitFor();
  }

  /** Fills the open reply dialog's reasons and content, confirms, and waits for the case to end. */
  async function confirmReply(page: Page, reasons: string, content: string) {
    const dialog = page.getByRole('dialog', { name: /政府信息公开申请答复/ });
    await page.getByLabel('理由和依据').fill(reasons);
    await page.getByLabel('答复内容').fill(content);
    await dialog.getByRole('button', { name: '确认答复' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('办件已结束。').waitFor();
  }

  test('from 待办事项 the officer replies 部分公开 and downloads the reply letter', async () => {
    assert.ok(setup);
    const { request } = setup;
    const { page, errors } = await signIn();
    const problems: string[] = [];
    await openFromTasks(page, request.number, async () => {
      for (const v of await settledViolations(page)) problems.push(`tasks: ${v}`);
    });
    // The request panel shows the applicant masked; no generic extension is offered.
    const panel = page.locator('.ant-card').filter({ hasText: '政府信息公开申请' }).first();
    await panel.getByText('2025年度市级农业产业化项目资金分配表').waitFor();
    assert.equal(await page.getByRole('button', { name: /申请延长/ }).count(), 0);
    for (const v of await settledViolations(page)) problems.push(`case: ${v}`);

    await page.getByRole('button', { name: /^答\s*复$/ }).click();
    const dialog = await openedDialog(page, /政府信息公开申请答复/);
    await pick(page, '答复类型', '部分公开');
    for (const v of await settledViolations(page)) problems.push(`reply dialog: ${v}`);
    // Without reasons and content the server refuses; its messages land on the two fields.
    await dialog.getByRole('button', { name: '确认答复' }).click();
    const reasons = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('理由和依据') });
    await reasons.getByText('“部分公开”须说明理由和依据').waitFor();
    await dialog
      .locator('.ant-form-item')
      .filter({ has: page.getByLabel('答复内容') })
      .getByText('请写明提供的信息或获取信息的方式、途径和时间')
      .waitFor();
    await confirmReply(
      page,
      '分配表中涉及个人身份信息和银行账户的部分属于个人隐私，不予公开。',
      '现提供已作区分处理的分配表（电子版），请登录查看。',
    );
    const link = page.getByRole('link', { name: /下载《政府信息公开申请答复书》/ });
    await link.waitFor();
    await panel.getByText(/丽政办公复〔2026〕\d+号/).waitFor();
    const href = await link.getAttribute('href');
    assert.equal(href, `/api/v1/disclosure/requests/${request.id}/reply-letter`);
    const pdf = await page.request.get(`${setup.s.url}${href}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const row = await setup.s.ctx.pool.query<{ outcome: string }>(
      'SELECT outcome FROM dsc_request WHERE id = $1',
      [request.id],
    );
    assert.equal(row.rows[0]?.outcome, 'PARTIAL');
    for (const v of await settledViolations(page)) problems.push(`case after reply: ${v}`);
    assert.deepEqual(problems, []);
    assert.deepEqual(unexpectedErrors(errors, 422), []);
    await page.context().close();
  });

  test('公开目录 shows 索引号 and the Art. 26 alert, and publishes a new entry', async () => {
    assert.ok(setup);
    const { late } = setup;
    const { page, errors } = await signIn();
    const problems: string[] = [];
    const menu = page.getByRole('menu');
    for (const item of ['登记公开申请', '公开目录', '公开指南', '年度报告'])
      assert.equal(await menu.getByText(item, { exact: true }).count(), 1, item);
    await menu.getByText('公开目录', { exact: true }).click();
    await page.getByRole('heading', { name: '公开目录' }).waitFor();
    await page.getByRole('table', { name: '公开目录条目' }).getByText(late.indexNumber).waitFor();
    const days = (
      await setup.s.ctx.pool.query<{ working_days: number }>('SELECT working_days FROM dsc_alert')
    ).rows[0]?.working_days;
    assert.ok(days && days > 20, `an Art. 26 alert (${days})`);
    await page
      .getByRole('list', { name: '主动公开超期提醒' })
      .getByText(`相隔 ${days} 个工作日`, { exact: false })
      .waitFor();
    await page.getByText(`超期 ${days} 个工作日`).waitFor();
    for (const v of await settledViolations(page)) problems.push(`catalogue: ${v}`);

    await page.getByRole('button', { name: '新增条目' }).click();
    const dialog = await openedDialog(page, '新增公开目录条目');
    await page.getByLabel('名称', { exact: true }).fill('丽水市政务公开工作要点（2026年）');
    await page.getByLabel('成文日期').fill('2026-11-20');
    await pick(page, '主题分类', '综合政务');
    await pick(page, '体裁', '通知');
    for (const v of await settledViolations(page)) problems.push(`entry dialog: ${v}`);
    await dialog.getByRole('button', { name: /^发\s*布$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const created = page.getByRole('row').filter({ hasText: '丽水市政务公开工作要点（2026年）' });
    await created.waitFor();
    assert.match((await created.textContent()) ?? '', /\/2026-\d{5}/, 'a 索引号 was generated');

    // Keyboard: the 撤回 button of the new row is reachable and opens its dialog.
    await created.getByRole('button', { name: /^撤回 / }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: /撤回《/ }).waitFor();
    await page.keyboard.press('Escape');

    for (const path of [
      '/console/disclosure-guide',
      '/console/disclosure-report',
      '/console/disclosure-register',
    ]) {
      await page.goto(`${setup.s.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('form').last().waitFor();
      for (const v of await settledViolations(page)) problems.push(`${path}: ${v}`);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(unexpectedErrors(errors), []);
    await page.context().close();
  });

  test('a citizen files in the portal, the officer replies 部分公开 in the console, the annual report counts it', async () => {
    assert.ok(setup);
    const { s } = setup;
    const partialOfCitizens = async () => {
      const r = json<{ table2: { rows: { key: string; counts: number[] }[] } }>(
        await s.app.inject({
          method: 'GET',
          url: `/api/v1/disclosure/annual-report?orgId=${s.office.id}&year=2026`,
        }),
      );
      return r.table2.rows.find((row) => row.key === 'PARTIAL')?.counts[0] ?? -1;
    };
    const before = await partialOfCitizens();
    assert.ok(before >= 0);

    // The citizen applies through the portal's form.
    const portal = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await portal.goto(`${s.url}/login?next=/disclosure/apply`);
    await portal.locator('#f-username').fill(s.citizen.username);
    await portal.locator('#f-password').fill(PASSWORD);
    await Promise.all([
      portal.waitForNavigation(),
      portal.locator('form[action="/login"] button[type="submit"]').click(),
    ]);
    assert.equal(new URL(portal.url()).pathname, '/disclosure/apply');
    await portal.locator('#f-orgId').selectOption({ label: '丽水市人民政府办公室' });
    await portal.locator('#f-description').fill('2026年丽水市城区停车泊位建设计划及资金安排');
    await Promise.all([
      portal.waitForNavigation(),
      portal.locator('main form button[type="submit"]').click(),
    ]);
    assert.match(new URL(portal.url()).pathname, /^\/disclosure\/my\/[0-9a-f-]{36}$/);
    const id = new URL(portal.url()).pathname.split('/').pop() as string;
    const { number } = (
      await s.ctx.pool.query<{ number: string }>(
        'SELECT c.number FROM dsc_request r JOIN wf_case c ON c.id = r.case_id WHERE r.id = $1',
        [id],
      )
    ).rows[0] as { number: string };
    assert.ok(
      (await portal.locator('main').textContent())?.includes(number),
      'the page shows the case number',
    );

    // The officer answers it in the console.
    const { page, errors } = await signIn();
    await openFromTasks(page, number);
    await page.getByRole('button', { name: /^答\s*复$/ }).click();
    await page.getByRole('dialog', { name: /政府信息公开申请答复/ }).waitFor();
    await pick(page, '答复类型', '部分公开');
    await confirmReply(
      page,
      '计划中涉及尚在协商的地块权属信息属于过程性信息，不予公开。',
      '现提供停车泊位建设计划（已作区分处理）的电子版。',
    );

    // 年度报告 in the console counts it under 部分公开, 自然人.
    await page.getByRole('menu').getByText('年度报告', { exact: true }).click();
    await page.getByRole('heading', { name: '年度报告' }).waitFor();
    const row = page
      .getByRole('region', { name: '第三项表格（可横向滚动）' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /部分公开/ }) });
    await row.waitFor();
    assert.equal((await row.getByRole('cell').first().textContent())?.trim(), String(before + 1));
    assert.equal(await partialOfCitizens(), before + 1);
    assert.deepEqual(await settledViolations(page), []);
    assert.deepEqual(unexpectedErrors(errors), []);
    await page.context().close();

    // The citizen reads the answer under 我的申请.
    await portal.goto(`${s.url}/disclosure/my/${id}`);
    const mine = (await portal.locator('main').textContent()) ?? '';
    assert.ok(mine.includes('已答复'));
    assert.ok(mine.includes('部分公开'));
    assert.match(mine, /丽政办公复〔2026〕\d+号/);
    await portal.context().close();
  });
});
