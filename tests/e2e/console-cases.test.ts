// Browser journey of case handling in the staff console: a case opened on the engine (a published
// process with the standard licence definition) reaches the window officer's 待办 with its deadline
// colour and remaining working days; the officer opens it, accepts it after confirming, and sees the
// acceptance and the started clock on the timeline. axe-core checks the inbox and the case page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  makeStaff,
  principalOf,
  seedScopeFixture,
  TEST_PASSWORD,
} from '../../apps/server/src/modules/identity/testing.ts';
import {
  createPublishedProcess,
  openCase,
  registerCaseType,
} from '../../apps/server/src/modules/workflow/index.ts';
import { standardLicenceDefinition } from '../../apps/server/src/modules/workflow/testing.ts';
import { fixedClock } from '../../apps/server/src/platform/db/clock.ts';
import { withTx } from '../../apps/server/src/platform/db/pool.ts';
import { createTestApp } from '../../apps/server/src/testing/harness.ts';
import { browserSkip, launchChromium, openedDialog, ROOT, settledViolations } from './browser.ts';

const skip = browserSkip();

if (!skip) {
  // The console is a built single-page app; (re)build it when a source is newer than the build.
  const { execFileSync } = await import('node:child_process');
  const path = await import('node:path');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-console.ts'), '--if-stale'], {
    stdio: 'inherit',
  });
}

// Server and browser agree on "today": Monday 15 June 2026, the week of 端午节 (Friday 19 June is a
// holiday), so the inbox's working-day count has a holiday to skip.
const NOW = new Date('2026-06-15T02:00:00Z');
const env = skip ? null : await createTestApp({ listen: true, clock: fixedClock(NOW) });

/** A case type of this test only, so no module's hooks (licensing documents …) take part. */
const CASE_TYPE = 'e2e_consult';

async function seed() {
  if (!env) throw new Error('no app');
  const { ctx } = env;
  const fixture = await seedScopeFixture(ctx);
  const admin = await principalOf(ctx, fixture.platformAdmin.id);
  const clerk = await makeStaff(ctx, admin, {
    username: 'qingtian.window',
    displayName: '周晓敏',
    orgId: fixture.qingtianDept.id,
    roles: [{ code: 'window', scope: 'org', scopeOrgId: fixture.qingtianDept.id }],
  });
  registerCaseType({ type: CASE_TYPE, name: '测试许可' });
  const opened = await withTx(ctx.pool, async (tx) => {
    await createPublishedProcess(tx, {
      code: 'e2e.licence',
      name: '测试许可办理流程',
      caseType: CASE_TYPE,
      definition: standardLicenceDefinition(),
      orgId: fixture.qingtianDept.id,
    });
    return openCase(tx, ctx, {
      caseType: CASE_TYPE,
      processCode: 'e2e.licence',
      orgId: fixture.qingtianDept.id,
      subject: '青田县鹤城街道张记小吃店食品经营许可',
      applicantName: '张建国',
      data: { shopName: '张记小吃店', area: 45 },
      legal: { days: 20, unit: 'working' },
      promised: { days: 10, unit: 'working' },
      actorUserId: null,
    });
  });
  const second = await withTx(ctx.pool, (tx) =>
    openCase(tx, ctx, {
      caseType: CASE_TYPE,
      processCode: 'e2e.licence',
      orgId: fixture.qingtianDept.id,
      subject: '青田县温溪镇李记面馆食品经营许可',
      applicantName: '李秀英',
      legal: { days: 20, unit: 'working' },
      promised: { days: 10, unit: 'working' },
      actorUserId: null,
    }),
  );
  return { clerk, caseRecord: opened.case, correctionCase: second.case };
}

const seeded = env ? await seed() : null;

describe('case handling in the staff console', { skip }, () => {
  let browser: Browser;
  const base = env?.url ?? '';

  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());

  async function newPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await context.clock.setFixedTime(NOW);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, errors };
  }

  test('a window officer finds the case in 待办 with its colour, opens it, accepts it and sees the timeline', async () => {
    const c = seeded?.caseRecord;
    assert.ok(c);
    const { page, errors } = await newPage();
    await page.goto(`${base}/console/login`);
    await page.getByLabel('用户名').fill('qingtian.window');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /^登\s*录$/ }).click();

    await page.getByRole('menu').getByText('待办事项').click();
    await page.getByRole('heading', { name: '待办事项' }).waitFor();
    // The signed-out start answers GET /session with 401 by design; count errors from here on.
    errors.length = 0;
    const row = page.getByRole('row').filter({ hasText: c.number });
    await row.waitFor();
    // A fresh case is green, with the 受理 step's five working days left: due Tuesday 23 June, the
    // holiday on Friday 19 June not counted.
    assert.ok(await row.getByText('正常', { exact: true }).isVisible(), 'green level tag');
    assert.match((await row.textContent()) ?? '', /2026-06-23/);
    // The countdown appears once the page has the calendar (fetched after the list).
    await row.getByText('剩余 5 个工作日').first().waitFor();
    assert.match((await row.textContent()) ?? '', /受理/);
    assert.deepEqual(await settledViolations(page), []);

    // Filtering by level keeps it under 绿灯 and hides it under 红灯.
    await page.getByLabel('期限状态').click();
    await page.getByTitle('红灯（超期）').click();
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByText('暂无待办任务').waitFor();
    await page.getByRole('button', { name: /重\s*置/ }).click();
    await row.waitFor();

    await row.getByRole('link', { name: c.number, exact: true }).click();
    await page.getByRole('heading', { name: `办件 ${c.number}` }).waitFor();
    await page.getByText('张建国').first().waitFor();
    await page.getByRole('tab', { name: '办理过程' }).click();
    await page.getByText('收件', { exact: true }).waitFor();
    assert.deepEqual(await settledViolations(page), []);

    // 受理 is a decision: it asks for confirmation first.
    await page.getByLabel('办理意见').fill('材料齐全，符合法定形式，予以受理。');
    await page.getByRole('button', { name: /^受\s*理$/ }).click();
    await (await openedDialog(page)).getByRole('button', { name: '确认受理' }).click();
    await page.getByText('当前没有需要您办理的环节。').waitFor();
    await page.getByRole('tab', { name: '办理过程' }).click();
    await page.getByText('受理：受理').waitFor();
    await page.getByText('材料齐全，符合法定形式，予以受理。').waitFor();
    await page.getByText(/开始计算办理期限/).waitFor();

    const task = await env?.ctx.pool.query(
      `SELECT action, acted_by FROM wf_task WHERE case_id = $1 AND step_key = 'accept'`,
      [c.id],
    );
    assert.equal(task?.rows[0]?.action, 'accept');
    assert.equal(task?.rows[0]?.acted_by, seeded?.clerk.id);
    const after = await env?.ctx.pool.query(
      'SELECT clock_started_on, legal_deadline FROM wf_case WHERE id = $1',
      [c.id],
    );
    assert.ok(after?.rows[0]?.clock_started_on, 'accepting started the clock');

    // 办件查询 lists it as in progress at the review step.
    await page.getByRole('menu').getByText('办件查询').click();
    await page.getByRole('heading', { name: '办件查询' }).waitFor();
    const caseRow = page.getByRole('row').filter({ hasText: c.number }).filter({ hasText: '办理中' });
    await caseRow.waitFor();
    assert.match((await caseRow.textContent()) ?? '', /办理中/);
    assert.match((await caseRow.textContent()) ?? '', /审查/);

    // The case left the officer's inbox (the review step belongs to reviewers); the other test's case,
    // prepared in the same database, is still there.
    await page.getByRole('menu').getByText('待办事项').click();
    await page.getByRole('heading', { name: '待办事项' }).waitFor();
    await page.getByText(/共 \d+ 项待办/).waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByRole('row').filter({ hasText: c.number }).count(), 0);
    assert.deepEqual(errors, []);
  });

  test('a correction request lists every missing material at once and shows them on the timeline', async () => {
    const c = seeded?.correctionCase;
    assert.ok(c);
    const { page, errors } = await newPage();
    await page.goto(`${base}/console/login`);
    await page.getByLabel('用户名').fill('qingtian.window');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    await page.getByRole('menu').getByText('待办事项').waitFor();
    errors.length = 0;
    await page.goto(`${base}/console/cases/${c.id}`);
    await page.getByRole('heading', { name: `办件 ${c.number}` }).waitFor();

    // 不予受理 needs a reason: refused in the panel before anything is sent.
    await page.getByRole('button', { name: '不予受理' }).click();
    await page.getByText('“不予受理”须填写办理意见').waitFor();

    await page.getByRole('button', { name: '一次性告知补正' }).click();
    const dialog = await openedDialog(page);
    await dialog.getByRole('button', { name: '发出一次性告知' }).click();
    await dialog.getByText('请至少列出一项需要补正的材料或内容').waitFor();
    await dialog.getByRole('button', { name: '添加一项' }).click();
    await dialog.getByLabel('第 1 项名称').fill('营业执照副本');
    await dialog.getByLabel('第 1 项问题说明').fill('复印件不清晰，请提交清晰的复印件');
    await dialog.getByRole('button', { name: '添加一项' }).click();
    await dialog.getByLabel('第 2 项名称').fill('食品安全管理制度');
    await dialog.getByLabel('第 2 项问题说明').fill('缺少，请补充');
    await dialog.getByLabel('告知说明').fill('请补正以下两项材料后重新提交。');
    assert.deepEqual(await settledViolations(page), []);
    await dialog.getByRole('button', { name: '发出一次性告知' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: '办理过程' }).click();
    await page.getByText('受理：一次性告知补正').waitFor();
    await page.getByText('营业执照副本：复印件不清晰，请提交清晰的复印件').waitFor();
    await page.getByText('食品安全管理制度：缺少，请补充').waitFor();
    const task = await env?.ctx.pool.query(
      `SELECT action, comment FROM wf_task WHERE case_id = $1 AND step_key = 'accept'`,
      [c.id],
    );
    assert.equal(task?.rows[0]?.action, 'request-correction');
    assert.equal(task?.rows[0]?.comment, '请补正以下两项材料后重新提交。');
    assert.deepEqual(errors, []);
  });
});
