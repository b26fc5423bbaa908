// Browser journeys of the administrators' design screens: a 事项管理员 defines a process in the
// designer without code (a third step added, the engine's validation problem shown, fixed, then
// published) and sees the steps in the drawn diagram; then builds an application form for a service
// item whose live preview shows conditional fields and the server's field errors. axe-core checks
// the pages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  makeStaff,
  principalOf,
  seedScopeFixture,
  TEST_PASSWORD,
} from '../../apps/server/src/modules/identity/testing.ts';
import { createTestApp } from '../../apps/server/src/testing/harness.ts';
import {
  animationsSettled,
  browserSkip,
  launchChromium,
  openedDialog,
  ROOT,
  settledViolations,
} from './browser.ts';

const skip = browserSkip();

if (!skip) {
  // The console is a built single-page app; (re)build it when a source is newer than the build.
  const { execFileSync } = await import('node:child_process');
  const path = await import('node:path');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-console.ts'), '--if-stale'], {
    stdio: 'inherit',
  });
}

const env = skip ? null : await createTestApp({ listen: true });

async function seed(): Promise<void> {
  if (!env) throw new Error('no app');
  const fixture = await seedScopeFixture(env.ctx);
  const admin = await principalOf(env.ctx, fixture.platformAdmin.id);
  await makeStaff(env.ctx, admin, {
    username: 'qingtian.services',
    displayName: '吴丽华',
    orgId: fixture.qingtianDept.id,
    roles: [{ code: 'service_admin', scope: 'org', scopeOrgId: fixture.qingtian.id }],
  });
}

if (env) await seed();

describe('process designer and form editor in the staff console', { skip }, () => {
  let browser: Browser;
  const base = env?.url ?? '';

  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());

  async function signedIn(): Promise<{ page: Page; errors: string[] }> {
    // 1280 px wide: the narrowest desktop the console supports.
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/console/login`);
    await page.getByLabel('用户名').fill('qingtian.services');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    await page.getByRole('menu').getByText('流程定制').waitFor();
    // The login page's session probe answers 401 by design; count errors from here on.
    errors.length = 0;
    return { page, errors };
  }

  const axe = settledViolations;

  /** Picks an item of an open dropdown menu once it has finished opening, and waits until it has gone. */
  async function chooseMenu(page: Page, name: string): Promise<void> {
    const item = page.getByRole('menuitem', { name });
    await item.waitFor();
    await animationsSettled(page);
    await item.click();
    await item.waitFor({ state: 'hidden' });
  }

  /** Opens an antd Select by its label and picks the option with the given text. */
  async function pick(page: Page, label: string, option: string): Promise<void> {
    await page.getByLabel(label, { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
  }

  test('a service administrator designs a three-step process, fixes a validation problem and publishes it', async () => {
    const { page, errors } = await signedIn();
    await page.getByRole('menu').getByText('流程定制').click();
    await page.getByRole('heading', { name: '流程定制' }).waitFor();
    assert.deepEqual(await axe(page), []);

    await page.getByRole('button', { name: '新建流程' }).click();
    const dialog = await openedDialog(page);
    await dialog.getByLabel('流程名称').fill('青田县小餐饮登记流程');
    await dialog.getByLabel('流程代码').fill('qt.small-catering');
    await dialog.getByRole('button', { name: '创建并编辑' }).click();

    // The new process starts as a valid two-step draft: 受理 → 办结.
    await page.getByRole('heading', { name: '流程定制：青田县小餐饮登记流程' }).waitFor();
    await page.getByText('校验通过：每个环节都可到达，每条路径都能办结。').waitFor();

    // A third step, at first without handler or actions: the engine names the problem.
    await page.getByRole('button', { name: /添加环节/ }).click();
    await chooseMenu(page, '办理环节');
    await page.getByLabel('环节名称', { exact: true }).fill('现场核查');
    await page
      .getByText(/办理步骤必须指定办理人/)
      .first()
      .waitFor();
    await page.getByText(/流程有 \d+ 个问题，改正后才能发布/).waitFor();
    assert.equal(
      await page.getByRole('button', { name: /发\s*布$/ }).isDisabled(),
      true,
      'publish waits for a valid flow',
    );

    // Fix it without code: a handler role, an action leading to 办结, and 受理 leading here.
    await pick(page, '角色', '审查人员（reviewer）');
    await page.getByRole('button', { name: /常用动作/ }).click();
    await chooseMenu(page, '提交下一环节');
    await pick(page, '流转到', '办结（结束）');
    await page
      .getByText(/“现场核查”无法从开始步骤到达/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await pick(page, '流转到', '现场核查（办理环节）');
    await page.getByText('校验通过：每个环节都可到达，每条路径都能办结。').waitFor();

    // The diagram draws every step by name.
    const diagram = page.getByTestId('process-diagram');
    const labels = await diagram.locator('text').allTextContents();
    for (const name of ['受理', '现场核查', '办结'])
      assert.ok(labels.includes(name), `diagram shows ${name}: ${labels.join('|')}`);
    assert.ok(labels.includes('提交'), 'the new action labels its arrow');
    assert.deepEqual(await axe(page), []);

    // Publish (saving the draft first), with the confirmation about running cases.
    await page.getByRole('button', { name: /发\s*布$/ }).click();
    const confirm = await openedDialog(page);
    await confirm.getByText('正在办理的办件继续使用其开始时的版本，不受影响。').waitFor();
    await confirm.getByRole('button', { name: /^发\s*布$/ }).click();
    await page.getByText('第 1 版已发布，不能修改。', { exact: false }).waitFor();

    const row = await env?.ctx.pool.query(
      `SELECT v.status, v.definition FROM wf_process_version v JOIN wf_process p ON p.id = v.process_id
        WHERE p.code = 'qt.small-catering' AND v.version = 1`,
    );
    assert.equal(row?.rows[0]?.status, 'published');
    const def = row?.rows[0]?.definition as {
      start: string;
      steps: { key: string; name: string; type: string }[];
    };
    assert.deepEqual(
      def.steps.map((s) => s.name),
      ['受理', '办结', '现场核查'],
    );
    assert.equal(def.start, 'accept');

    // The process's own page lists the published version and draws it; a new draft can start there.
    await page.getByRole('menu').getByText('流程定制').click();
    await page.getByRole('link', { name: '青田县小餐饮登记流程' }).click();
    await page.getByRole('heading', { name: '流程：青田县小餐饮登记流程' }).waitFor();
    await page.getByText('已发布的第 1 版', { exact: false }).first().waitFor();
    const published = await page.getByTestId('process-diagram').locator('text').allTextContents();
    assert.ok(published.includes('现场核查'), `the published diagram: ${published.join('|')}`);
    assert.ok(await page.getByRole('button', { name: '新建草稿版本' }).isVisible());
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
  });

  test('a service administrator creates an item and builds its application form with a live preview', async () => {
    const { page, errors } = await signedIn();
    await page.getByRole('menu').getByText('事项管理').click();
    await page.getByRole('heading', { name: '事项管理' }).waitFor();
    await page.getByText('还没有事项').waitFor();
    assert.deepEqual(await axe(page), []);
    await page.getByRole('button', { name: '新建事项' }).click();
    await page.getByLabel('事项名称').fill('小餐饮经营许可');
    await page.getByLabel('基本编码').fill('QT-330001');
    await page.getByLabel('实施编码').fill('QT-330001-01');
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await page.getByRole('heading', { name: '事项：小餐饮经营许可' }).waitFor();
    assert.deepEqual(await axe(page), []);

    // The form: a choice field and a required text field shown only for one of its values.
    await page.getByRole('tab', { name: '申请表单' }).click();
    await page.getByRole('button', { name: '添加分组' }).click();
    await page.getByRole('button', { name: /添加字段/ }).click();
    await chooseMenu(page, '单选');
    await page.getByLabel('字段名称', { exact: true }).fill('经营方式');
    await page.getByLabel('选项 1 的名称').fill('堂食');
    await page.getByLabel('选项 2 的名称').fill('外卖');
    await page.getByRole('button', { name: /添加字段/ }).click();
    await chooseMenu(page, '单行文本');
    await page.getByLabel('字段名称', { exact: true }).fill('堂食面积说明');
    await page.getByRole('checkbox', { name: '必填' }).check();
    await page.getByRole('checkbox', { name: '仅在满足条件时显示' }).check();
    await pick(page, '的值为（任一）', '堂食');
    await page.getByText('表单定义检查通过').waitFor({ timeout: 30_000 }); // the server's check, slow on a loaded machine

    // The preview follows the condition, and 校验 shows the server's message on the field.
    const preview = page.locator('#zt-form-preview');
    await preview.getByText('经营方式').waitFor();
    assert.equal(await preview.getByText('堂食面积说明').count(), 0, 'hidden until 堂食 is chosen');
    await preview.getByRole('radio', { name: '堂食' }).check();
    await preview.getByText('堂食面积说明').waitFor();
    await page.getByRole('button', { name: /校\s*验/ }).click();
    await preview.getByText('请填写“堂食面积说明”').waitFor();
    assert.deepEqual(await axe(page), []);
    await preview.getByLabel('堂食面积说明').fill('堂食区约 40 平方米，12 张餐桌');
    await page.getByRole('button', { name: /校\s*验/ }).click();
    await page.getByText('校验通过：申请人按此填写可以提交').waitFor();

    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').waitFor();
    const row = await env?.ctx.pool.query(`SELECT form FROM svc_item WHERE name = '小餐饮经营许可'`);
    const form = row?.rows[0]?.form as {
      sections: { fields: { label: string; required?: boolean; visibleWhen?: unknown }[] }[];
    };
    const fields = form.sections[0]?.fields ?? [];
    assert.deepEqual(
      fields.map((f) => f.label),
      ['经营方式', '堂食面积说明'],
    );
    assert.equal(fields[1]?.required, true);
    assert.deepEqual(fields[1]?.visibleWhen, { field: 'field1', equals: '堂食' });

    // A material with its blank application form uploaded (the server checks the file's type).
    await page.getByRole('tab', { name: '申请材料' }).click();
    await page.getByRole('button', { name: /添加材料/ }).click();
    await page.getByLabel('第 1 项材料的名称').fill('食品经营许可申请书');
    await page.getByRole('button', { name: /^更\s*多$/ }).click();
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({
        name: '食品经营许可申请书.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(
          '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
        ),
      });
    await page.getByText('食品经营许可申请书.pdf').waitFor();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').last().waitFor();
    await page
      .getByRole('button', { name: /保\s*存/ })
      .and(page.locator('[disabled]'))
      .waitFor();
    const material = await env?.ctx.pool.query(
      `SELECT m.name, m.blank_file_id FROM svc_material m JOIN svc_item i ON i.id = m.item_id WHERE i.name = '小餐饮经营许可'`,
    );
    assert.equal(material?.rows[0]?.name, '食品经营许可申请书');
    assert.ok(material?.rows[0]?.blank_file_id, 'the blank form is linked to the material');

    // Publishing an incomplete item: the server lists what the 实施清单 still lacks, on the tabs.
    await page.getByRole('button', { name: /发\s*布/ }).click();
    await (await openedDialog(page)).getByRole('button', { name: /^发\s*布$/ }).click();
    await page.getByText(/有 \d+ 处需要修改/).waitFor();
    await page.getByText('未填写设定依据').first().waitFor();
    assert.equal(await page.getByRole('tab', { name: /基本信息/ }).getAttribute('aria-selected'), 'true');
    assert.deepEqual(await axe(page), []);
    // The browser logs the expected 422 of the refused publication; nothing else may fail.
    assert.deepEqual(
      errors.filter((e) => !/status of 422/.test(e)),
      [],
    );
  });
});
