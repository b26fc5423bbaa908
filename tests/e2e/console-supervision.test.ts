// Browser journeys of supervision and of the licensing back office in the staff console: the 电子监察
// dashboard drills down from the red count to the overdue case (and on into 办件查询); a supervisor's
// 督办 is refused for an empty content, a cleared or weekend-only deadline, then issued and listed;
// the scorecards switch between month and quarter; an approver revokes a licence (an empty reason is
// refused) and reads the bad rating with its rectification; a window officer records a fee (a wrong
// amount gets the server's message); a reviewer asks for an extension and the approver grants it.
// axe-core checks every page. Data comes from the module factories and the public API, as on a
// Monday two and a half weeks earlier; the browser and the server then agree on Friday 2026-11-20.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { makeStaff, principalOf, TEST_PASSWORD } from '../../apps/server/src/modules/identity/testing.ts';
import {
  sampleValues,
  seedLicensingFixture,
  submit,
  taskAt,
  upload,
} from '../../apps/server/src/modules/licensing/testing.ts';
import { runSupervisionSweep } from '../../apps/server/src/modules/supervision/index.ts';
import { standardLicenceDefinition } from '../../apps/server/src/modules/workflow/testing.ts';
import { fixedClock } from '../../apps/server/src/platform/db/clock.ts';
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

// Applications arrive on Monday 2 November 2026 (09:00 in Beijing); the promised 5 working days end
// on Monday 9 November. The tests run on Friday 20 November (10:00), nine working days later.
const SEEDED = new Date('2026-11-02T01:00:00Z');
const NOW = new Date('2026-11-20T02:00:00Z');
const clock = fixedClock(SEEDED);
/** The fixture's handling unit (seedScopeFixture's 青田县 department). */
const UNIT = '青田县市场监督管理局';
const env = skip ? null : await createTestApp({ listen: true, clock });

interface Submitted {
  id: string;
  caseId: string;
  number: string;
}

async function seed() {
  if (!env) throw new Error('no app');
  const { app, ctx } = env;
  // 受理 → 审查 → 缴纳费用 (one fixed fee of 10 元) → 审批决定, at 青田县市场监督管理局.
  const f = await seedLicensingFixture(app, ctx, {
    definition: () => standardLicenceDefinition({ fee: true }),
    item: {
      fees: [
        {
          name: '证书工本费',
          standard: '每证 10 元',
          basis: '浙价费〔2020〕101号',
          rule: { mode: 'fixed', amountFen: 1000 },
        },
      ] as never,
    },
  });
  const root = await principalOf(ctx, f.platformAdmin.id);
  await makeStaff(ctx, root, {
    username: 'qt.jiancha',
    displayName: '孙监察',
    orgId: f.qingtian.id,
    roles: [{ code: 'supervisor', scope: 'org', scopeOrgId: f.qingtian.id }],
  });
  const s = f.citizen.session;
  const apply = async (): Promise<Submitted> => {
    const res = await submit(app, s, {
      itemId: f.item.id,
      form: sampleValues(f.citizen),
      materials: [{ materialId: f.item.materials[0]!.id, fileId: await upload(app, s) }],
    });
    assert.equal(res.statusCode, 201, res.body);
    return json<Submitted>(res);
  };
  const act = async (username: string, a: Submitted, step: string, body: Record<string, unknown>) => {
    const who = await login(app, username, TEST_PASSWORD);
    const task = await taskAt(app, who, a.caseId, step);
    const res = await as(app, who)('POST', `/api/v1/tasks/${task}/actions`, body);
    assert.equal(res.statusCode, 200, `${username} ${step}: ${res.body}`);
  };

  // Waiting for its fee, recorded in the browser.
  const feeDue = await apply();
  await act('qt.clerk', feeDue, 'accept', { action: 'accept' });
  await act('qt.reviewer', feeDue, 'review', { action: 'approve' });

  // Paid, approved with a licence, and rated 不满意 by the applicant.
  const licensed = await apply();
  await act('qt.clerk', licensed, 'accept', { action: 'accept' });
  await act('qt.reviewer', licensed, 'review', { action: 'approve' });
  const clerk = as(app, await login(app, 'qt.clerk', TEST_PASSWORD));
  const paid = await clerk('POST', `/api/v1/applications/${licensed.id}/payments`, {
    amountFen: 1000,
    method: 'pos',
    reference: 'POS-20261102-0001',
  });
  assert.equal(paid.statusCode, 201, paid.body);
  await act('qt.chief', licensed, 'decide', { action: 'approve', comment: '准予许可' });
  const citizen = as(app, s);
  const detail = json<{ licence: { id: string; number: string; verifyUrl: string } | null }>(
    await citizen('GET', `/api/v1/applications/${licensed.id}`),
  );
  assert.ok(detail.licence, 'a licence was issued');
  const rated = await citizen('POST', '/api/v1/ratings', {
    caseId: licensed.caseId,
    score: 2,
    comment: '窗口告知的材料清单和网上不一致，多跑了一次',
  });
  assert.equal(rated.statusCode, 201, rated.body);

  // Accepted and left at 审查: one gets an extension, the other turns red and is supervised.
  const extended = await apply();
  await act('qt.clerk', extended, 'accept', { action: 'accept' });
  const overdue = await apply();
  await act('qt.clerk', overdue, 'accept', { action: 'accept' });

  await ctx.jobs.drain();
  clock.set(NOW);
  await runSupervisionSweep(ctx);
  await ctx.jobs.drain();
  return { f, feeDue, licensed, licence: detail.licence, extended, overdue };
}

const seeded = env ? await seed() : null;

describe('supervision, licences, ratings, fees and extensions in the staff console', { skip }, () => {
  let browser: Browser;
  const base = env?.url ?? '';

  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());
  const signIn = (username: string) => consoleSignedIn(browser, base, username, TEST_PASSWORD, { now: NOW });
  const axe = settledViolations;

  test('the red count drills down to the overdue case, which gets a 督办 after bad input is refused', async () => {
    const c = seeded?.overdue;
    assert.ok(c);
    const { page, errors } = await signIn('qt.jiancha');
    await page.getByRole('menu').getByText('电子监察').click();
    await page.getByRole('heading', { name: '电子监察' }).waitFor();
    // As of the server's day (a date: no made-up time of day).
    await page.getByText('在办件为 2026-11-20 的实时数据；办结统计区间 2026-11-01 至 2026-11-20。').waitFor();
    assert.deepEqual(await axe(page), []);

    // The red card counts the three cases accepted on 2 November and still open.
    const red = page.locator('.ant-statistic').filter({ hasText: '红灯（超期）在办件' });
    await red.getByText('3', { exact: true }).waitFor();
    await page.getByRole('button', { name: '查看办件（红灯）' }).click();
    await page.getByRole('tab', { name: '预警办件', selected: true }).waitFor();
    const row = page.getByRole('row').filter({ hasText: c.number });
    await row.waitFor();
    assert.match(page.url(), /level=red/);
    assert.match((await row.textContent()) ?? '', /已超期 9 个工作日/);
    assert.match((await row.textContent()) ?? '', /2026-11-09/);
    assert.deepEqual(await axe(page), []);

    // Under 黄灯 (the rectification of the bad rating, due soon) it is not listed.
    assert.ok(await page.getByText('共 3 件').isVisible());
    await page.getByRole('radiogroup', { name: '期限状态' }).getByText('黄灯（预警）').click();
    await page.getByText('共 1 件').waitFor();
    assert.equal(await row.count(), 0);
    await page.getByRole('radiogroup', { name: '期限状态' }).getByText('红灯（超期）').click();
    await row.waitFor();

    // The same drill-down in 办件查询.
    await page.getByRole('link', { name: '在办件查询中打开' }).click();
    await page.getByRole('heading', { name: '办件查询' }).waitFor();
    const caseRow = page.getByRole('row').filter({ hasText: c.number });
    await caseRow.waitFor();
    assert.ok(await caseRow.getByText('超期', { exact: true }).isVisible());
    assert.match(page.url(), /level=red/);
    await page.goBack();
    await row.waitFor();

    // 督办: the form refuses an empty content and a cleared deadline; past days and today are not offered.
    await row.getByRole('button', { name: `对 ${c.number} 发出督办` }).click();
    const dialog = await openedDialog(page);
    await dialog.getByRole('button', { name: '发出督办' }).click();
    await dialog.getByText('请填写督办内容').waitFor();
    const deadline = dialog.getByLabel('反馈期限');
    await deadline.click();
    const cell = (date: string) => page.locator(`.ant-picker-dropdown td[title="${date}"]`);
    await cell('2026-11-23').waitFor();
    for (const day of ['2026-11-19', '2026-11-20'])
      assert.match((await cell(day).getAttribute('class')) ?? '', /ant-picker-cell-disabled/, day);
    await page.keyboard.press('Escape');
    await dialog.locator('.ant-picker').hover();
    await dialog.locator('.ant-picker-clear').click();
    await dialog.getByRole('button', { name: '发出督办' }).click();
    await dialog.getByText('请选择反馈期限').waitFor();
    assert.deepEqual(await axe(page), []);

    // Saturday has no working day to reply in: the server's message lands on the deadline. (Enter in
    // the date field sends the form.)
    await dialog.getByLabel('督办内容').fill('该件已超承诺期限 9 个工作日，请说明原因并加快办理。');
    await deadline.fill('2026-11-21');
    await deadline.press('Enter');
    await dialog
      .locator('.ant-form-item-has-error')
      .getByText('督办期限须为今天之后的日期，且至少包含一个工作日')
      .waitFor();
    const none = await env?.ctx.pool.query('SELECT count(*)::int AS n FROM sup_order');
    assert.equal(none?.rows[0]?.n, 0, 'nothing was issued');

    await deadline.fill('2026-11-27');
    await deadline.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    // One open order per case: the button gives way to the order's tag.
    await row.getByText('督办中 1 件').waitFor();
    assert.equal(await row.getByRole('button', { name: `对 ${c.number} 发出督办` }).count(), 0);

    await page.getByRole('tab', { name: '督办' }).click();
    // The 督办 tab's row of the case (the previous tab's row of the same case may still be fading out).
    const order = page.getByRole('row').filter({ hasText: c.number }).filter({ hasText: '待答复' });
    await order.waitFor();
    const text = (await order.textContent()) ?? '';
    assert.match(text, /该件已超承诺期限 9 个工作日，请说明原因并加快办理。/);
    assert.match(text, /2026-11-27/);
    assert.match(text, /待答复/);
    assert.match(text, /尚未答复/);
    assert.deepEqual(await axe(page), []);
    const issued = await env?.ctx.pool.query('SELECT deadline, status FROM sup_order');
    assert.deepEqual(issued?.rows, [{ deadline: '2026-11-27', status: 'open' }]);
    assert.deepEqual(unexpectedErrors(errors, 422), []);
  });

  test('the scorecards switch between month and quarter', async () => {
    const { page, errors } = await signIn('qt.jiancha');
    await page.goto(`${base}/console/supervision?tab=scorecards`);
    // The current month by default: the licence approved on 2 November counts.
    await page.getByText(/^2026年11月（2026-11-01 至 2026-11-30）/).waitFor();
    const row = page.getByRole('row').filter({ hasText: UNIT });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /1（有时限 1）/);
    assert.deepEqual(await axe(page), []);

    // 季度: the request names the quarter the way the API takes it.
    const asked = page.waitForRequest((r) =>
      r.url().includes('/api/v1/supervision/scorecards?period=2026-Q4'),
    );
    await page.getByRole('radiogroup', { name: '考核周期' }).getByText('季度').click();
    await asked;
    await page.getByText(/^2026年第四季度（2026-10-01 至 2026-12-31）/).waitFor();
    await row.waitFor();

    // The third quarter had nothing completed; back to months lands on its last month.
    await page.getByRole('combobox', { name: '季度' }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('第 3 季度').click();
    await page.getByText(/^2026年第三季度/).waitFor();
    await page.getByText('该周期暂无考核数据').waitFor();
    await page.getByRole('radiogroup', { name: '考核周期' }).getByText('月度').click();
    await page.getByText(/^2026年9月（2026-09-01 至 2026-09-30）/).waitFor();
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
  });

  test('an approver revokes a licence only with a reason, and reads the bad rating', async () => {
    const l = seeded?.licence;
    const rated = seeded?.licensed;
    assert.ok(l && rated);
    const { page, errors } = await signIn('qt.chief');
    await page.getByRole('menu').getByText('电子证照').click();
    await page.getByRole('heading', { name: '电子证照' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: l.number });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /有效/);
    assert.deepEqual(await axe(page), []);

    await row.getByRole('button', { name: l.number }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('SM2 签名有效').waitFor();
    await drawer.getByRole('button', { name: '注销证照' }).click();
    const dialog = await openedDialog(page, `注销电子证照 ${l.number}`);
    await dialog.getByRole('button', { name: '确认注销' }).click();
    await dialog.getByText('请填写注销原因').waitFor();
    await dialog.getByLabel('注销原因').fill('   ');
    await dialog.getByRole('button', { name: '确认注销' }).click();
    await dialog.getByText('请填写注销原因').waitFor();
    assert.deepEqual(await axe(page), []);
    const still = await env?.ctx.pool.query('SELECT revoked_at FROM lic_licence WHERE id = $1', [l.id]);
    assert.equal(still?.rows[0]?.revoked_at, null, 'not revoked by a blank reason');

    await dialog.getByLabel('注销原因').fill('持证人申请注销：店铺已停业');
    await dialog.getByRole('button', { name: '确认注销' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await drawer.getByText(/已于 2026\/11\/20 .* 注销/).waitFor();
    await drawer.getByText(/原因：持证人申请注销：店铺已停业/).waitFor();
    await page.keyboard.press('Escape');
    await row.getByText('已注销').waitFor();
    // Anyone scanning the QR code now reads that it was revoked.
    const verify = new URL(l.verifyUrl, base);
    const page2 = await env?.app.inject({ method: 'GET', url: `${verify.pathname}${verify.search}` });
    assert.match(page2?.body ?? '', /已注销/);

    await page.getByRole('menu').getByText('好差评').click();
    await page.getByRole('heading', { name: '好差评' }).waitFor();
    const rating = page.getByRole('row').filter({ hasText: rated.number });
    await rating.waitFor();
    const text = (await rating.textContent()) ?? '';
    assert.match(text, /不满意（2 星）/);
    assert.match(text, /窗口告知的材料清单和网上不一致，多跑了一次/);
    assert.match(text, /整改中/);
    assert.deepEqual(await axe(page), []);
    await page.getByRole('tab', { name: '单位评价结果' }).click();
    const unit = page
      .getByRole('table', { name: '各单位评价结果' })
      .getByRole('row')
      .filter({ hasText: UNIT });
    await unit.waitFor();
    assert.deepEqual((await unit.getByRole('cell').allTextContents()).slice(0, 2), [UNIT, '1']);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
  });

  test('a window officer records the fee: a wrong amount gets the server’s message', async () => {
    const a = seeded?.feeDue;
    assert.ok(a);
    const { page, errors } = await signIn('qt.clerk');
    await page.goto(`${base}/console/cases/${a.caseId}`);
    await page.getByRole('heading', { name: `办件 ${a.number}` }).waitFor();
    await page.getByRole('tab', { name: '收费' }).click();
    await page.getByText('10.00 元（壹拾元整）').waitFor();
    await page.getByRole('button', { name: '登记缴费' }).click();
    const dialog = await openedDialog(page, '登记缴费');
    // By its text, not its role: while the button shows its loading state its accessible name changes,
    // and a click by role name can miss it.
    const record = dialog.locator('button').filter({ hasText: /^登\s*记$/ });
    await record.click();
    await dialog.getByText('请填写票据或交易凭证号').waitFor();
    await dialog.getByLabel('实收金额（元）').fill('15');
    await dialog.getByLabel('票据号、POS 凭条号或转账流水号').fill('POS-20261120-0007');
    await record.click();
    // The server's check of the amount, on the amount field (not as an English field name).
    await dialog.getByText('缴费金额须与缴费通知书的应缴金额一致：应缴 10.00 元，登记 15.00 元').waitFor();
    assert.equal(await dialog.getByText(/amountFen/).count(), 0);
    assert.equal(
      await dialog.locator('.ant-form-item-has-error').getByLabel('实收金额（元）').count(),
      1,
      'the message is on the amount',
    );
    assert.deepEqual(await axe(page), []);
    const none = await env?.ctx.pool.query(
      'SELECT count(*)::int AS n FROM lic_payment WHERE application_id = $1',
      [a.id],
    );
    assert.equal(none?.rows[0]?.n, 0, 'the wrong amount was not recorded');

    await dialog.getByLabel('实收金额（元）').fill('10');
    await animationsSettled(page);
    await record.click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已缴费').first().waitFor();
    const payments = page.getByRole('table', { name: '缴费记录' });
    await payments.getByText('POS-20261120-0007').waitFor();
    assert.match((await payments.textContent()) ?? '', /10\.00 元/);
    // Paid: the case goes on to the decision.
    await page.getByRole('tab', { name: '办理过程' }).click();
    await page
      .getByText(/审批决定/)
      .first()
      .waitFor();
    assert.deepEqual(unexpectedErrors(errors, 422), []);
  });

  test('a reviewer asks for more time and the approver grants it', async () => {
    const b = seeded?.extended;
    assert.ok(b);
    const reviewer = await signIn('qt.reviewer');
    let page = reviewer.page;
    await page.goto(`${base}/console/cases/${b.caseId}`);
    await page.getByRole('heading', { name: `办件 ${b.number}` }).waitFor();
    await page.getByRole('button', { name: '申请延长期限' }).click();
    let dialog = await openedDialog(page, '申请延长办理期限');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await dialog.getByText('请填写延长天数').waitFor();
    await dialog.getByText('请填写延长理由').waitFor();
    await dialog.getByLabel(/延长天数/).fill('5');
    await dialog.getByLabel('延长理由').fill('需赴现场核查经营场所，核查排期在下周');
    assert.deepEqual(await axe(page), []);
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('延期申请（5 个工作日）待负责人审批。').waitFor();
    assert.deepEqual(reviewer.errors, []);

    const chief = await signIn('qt.chief');
    page = chief.page;
    await page.goto(`${base}/console/cases/${b.caseId}`);
    await page.getByText('延长 5 个工作日的申请待您审批').waitFor();
    assert.deepEqual(await axe(page), []);
    await page.getByRole('button', { name: /^批\s*准$/ }).click();
    dialog = await openedDialog(page, '批准延长办理期限');
    await dialog.getByText('理由：需赴现场核查经营场所，核查排期在下周').waitFor();
    await dialog.getByRole('button', { name: /^批\s*准$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const records = page.getByRole('table', { name: '延期记录' });
    await records.getByText('已批准').waitFor();
    // Five more working days on both periods: promised 9 → 16 November, legal 16 → 23 November.
    await page
      .getByText(/延长 5 个工作日/)
      .first()
      .waitFor();
    await page.getByText('2026-11-16', { exact: true }).waitFor();
    await page.getByText('2026-11-23', { exact: true }).waitFor();
    const row = await env?.ctx.pool.query(
      'SELECT promised_deadline, legal_deadline, extended_days FROM wf_case WHERE id = $1',
      [b.caseId],
    );
    assert.deepEqual(row?.rows[0], {
      promised_deadline: '2026-11-16',
      legal_deadline: '2026-11-23',
      extended_days: 5,
    });
    assert.deepEqual(chief.errors, []);
  });
});
