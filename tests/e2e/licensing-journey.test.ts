// The acceptance journey on the demo region, in Debian's chromium: a citizen applies online for
// 食品经营许可 with materials; the window officer of 丽水市市场监督管理局 asks for a correction; the
// citizen resubmits; the case is accepted, reviewed in parallel by 市场监管 and 卫健委, and approved;
// the licence's PDF and its public verification page work; the citizen rates the service. The clock
// is fixed on Thursday 2026-09-24, so the deadlines cross 中秋 and 国庆 (with the 10-10 working
// Saturday). A second case left alone turns yellow and then red on the supervisor's dashboard as the
// injected clock moves on. Skipped without /usr/bin/chromium unless ZT_REQUIRE_BROWSER=1.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { seedIdentityDemo } from '../../apps/server/src/modules/identity/identity.seed.ts';
import { DEMO_PASSWORD } from '../../apps/server/src/modules/identity/index.ts';
import { demoItemByName, seedServicesDemo } from '../../apps/server/src/modules/services/index.ts';
import { runSupervisionSweep } from '../../apps/server/src/modules/supervision/index.ts';
import { fixedClock } from '../../apps/server/src/platform/db/clock.ts';
import { makeIdNumber } from '../../apps/server/src/platform/ids/gb11643.ts';
import { as, createTestApp, json, login } from '../../apps/server/src/testing/harness.ts';
import { axeViolations, browserSkip, launchChromium } from './browser.ts';

const skip = browserSkip();
// 09:30 in Beijing on Thursday 2026-09-24, the day before the 中秋 holiday.
const clock = fixedClock('2026-09-24T01:30:00Z');
const EMPLOYEE_ID = makeIdNumber('331102', '19900307', '002');
const OPERATOR_ID = makeIdNumber('331102', '19850715', '001');

/** A minimal valid one-page PDF (type is checked by content). */
function pdf(label: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% ${label}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

const setup = skip
  ? null
  : await (async () => {
      const t = await createTestApp({ listen: true, clock, config: { demo: true } });
      const quiet = () => {};
      await seedIdentityDemo(t.ctx, quiet);
      await seedServicesDemo(t.ctx, quiet);
      const item = await demoItemByName(t.ctx.pool, 'food-business');
      assert.ok(item, 'demo item 食品经营许可');
      return { ...t, item };
    })();

interface TaskItem {
  id: string;
  caseId: string;
  caseNumber: string;
  step: string;
  actions: { key: string }[];
}

describe('licensing journey on the demo region', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  async function go(page: Page, selector: string): Promise<void> {
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator(selector).first().click(),
    ]);
  }

  async function staff(username: string) {
    assert.ok(setup);
    return as(setup.app, await login(setup.app, username, DEMO_PASSWORD));
  }

  /** The open task of a case in a staff member's inbox. */
  async function taskOf(call: Awaited<ReturnType<typeof staff>>, caseNumber: string): Promise<TaskItem> {
    const res = await call('GET', '/api/v1/tasks?pageSize=100');
    assert.equal(res.statusCode, 200, res.body);
    const t = json<{ items: TaskItem[] }>(res).items.find((x) => x.caseNumber === caseNumber);
    assert.ok(t, `task of ${caseNumber}`);
    return t;
  }

  async function act(
    username: string,
    caseNumber: string,
    action: string,
    body: Record<string, unknown> = {},
  ) {
    const call = await staff(username);
    const task = await taskOf(call, caseNumber);
    const res = await call('POST', `/api/v1/tasks/${task.id}/actions`, { action, ...body });
    assert.equal(res.statusCode, 200, `${username} ${action}: ${res.body}`);
    return task;
  }

  test('apply, correct, resubmit, accept, parallel review, approve, licence, verify, rate', async () => {
    assert.ok(setup);
    const { url: base, item } = setup;
    const serious: string[] = [];
    const check = async (page: Page, label: string) => {
      for (const v of await axeViolations(page))
        if (v.impact === 'serious' || v.impact === 'critical') serious.push(`${label}: ${v.id} ${v.help}`);
    };
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);

    // The citizen signs in from the guide's 在线申请 and fills the form.
    await page.goto(`${base}/hall/items/${item.id}`);
    assert.match((await page.locator('h1').textContent()) ?? '', /食品经营许可/);
    await go(page, `a[href="/hall/apply/${item.id}"]`);
    await page.locator('#f-username').fill('citizen1');
    await page.locator('#f-password').fill(DEMO_PASSWORD);
    await go(page, 'form[action="/login"] button[type="submit"]');
    assert.equal(new URL(page.url()).pathname, `/hall/apply/${item.id}`);

    await page.locator('#f-applicantKind-1').check(); // 个体工商户
    assert.ok(
      (await page.locator('#f-operatorName').inputValue()).length >= 2,
      'name prefilled from the profile',
    );
    await page.locator('#f-businessName').fill('莲都区晓芳小吃店');
    await page.locator('#f-businessType').selectOption('catering');
    await page.locator('#f-items-3').check(); // 热食类食品制售
    await page.locator('#f-floorArea').fill('48');
    await page.locator('#f-siteRegion').selectOption({ index: 1 });
    await page.locator('#f-siteAddress-region').selectOption({ index: 1 });
    await page.locator('#f-siteAddress-detail').fill('解放街 26 号');
    await page.locator('#f-online-1').check(); // 否
    await page.locator('#f-employees-0-name').fill('王晓芳');
    await page.locator('#f-employees-0-idNumber').fill(EMPLOYEE_ID);
    await page.locator('#f-employees-0-post').selectOption('manager');
    await page.locator('#f-employees-0-healthCertNo').fill('LS2026-0917');
    await go(page, 'button[value="next"]');
    assert.match(
      new URL(page.url()).pathname,
      /\/materials$/,
      (await page.locator('main').textContent()) ?? '',
    );
    await check(page, 'materials');

    // Upload the required materials (申请书 and the layout documents).
    for (const n of [1, 3]) {
      await page
        .locator(`#material-file-${n}`)
        .setInputFiles({ name: `材料${n}.pdf`, mimeType: 'application/pdf', buffer: pdf(`material ${n}`) });
      await go(page, `#material-${n} form.hall-upload button[type="submit"]`);
      assert.match((await page.locator(`#material-${n}`).textContent()) ?? '', /已上传/);
    }
    await go(page, 'a:has-text("下一步：核对申请")');
    await go(page, 'button:has-text("确认提交申请")');
    const number = ((await page.locator('#case-number').textContent()) ?? '').trim();
    assert.match(number, /^331100\d{14}$/, 'city case number: region code, date, sequence');
    assert.match(number, /^33110020260924/);
    await check(page, 'receipt');

    // The window officer asks, once, for everything that is missing or wrong.
    const mine = json<{ items: { id: string; number: string | null }[] }>(
      await as(setup.app, await login(setup.app, 'citizen1', DEMO_PASSWORD))('GET', '/api/v1/applications'),
    );
    const appId = mine.items.find((a) => a.number === number)?.id;
    assert.ok(appId, 'the application is listed under my cases');
    const guide = json<{ materials: { id: string; name: string }[] }>(
      await setup.app.inject({ method: 'GET', url: `/api/v1/service-items/${item.id}` }),
    );
    const layout = guide.materials.find((m) => m.name.includes('经营布局'));
    assert.ok(layout);
    await act('scjg.clerk', number, 'request-correction', {
      comment: '经营场所布局图未标注功能分区',
      data: {
        items: [
          { materialId: layout.id, name: layout.name, problem: '布局图未标注粗加工、烹饪、备餐等功能分区' },
        ],
      },
    });

    // The citizen sees the request and resubmits a corrected file.
    await page.goto(`${base}/hall/my/${appId}`);
    assert.match((await page.locator('main').textContent()) ?? '', /功能分区/);
    await check(page, 'my case (correction)');
    await go(page, `a[href="/hall/my/${appId}/resubmit"]`);
    await check(page, 'resubmission');
    await page.locator(`input[name="file.${layout.id}"]`).setInputFiles({
      name: '布局图（修改后）.pdf',
      mimeType: 'application/pdf',
      buffer: pdf('fixed layout'),
    });
    await go(page, 'button[value="resubmit"]');
    await page.goto(`${base}/hall/my/${appId}`);
    assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /补正并重新提交/);

    // Accepted the same day; reviewed in parallel by two departments; approved.
    await act('scjg.clerk', number, 'accept', { comment: '材料齐全，予以受理' });
    const citizen = as(setup.app, await login(setup.app, 'citizen1', DEMO_PASSWORD));
    const accepted = json<{ promisedDeadline: string; legalDeadline: string }>(
      await citizen('GET', `/api/v1/applications/${appId}`),
    );
    // Counting starts on 09-28: 09-25 is 中秋, then a weekend, and 10-01..07 is 国庆.
    // Promised 5 working days: 09-28, 09-29, 09-30, 10-08, 10-09.
    assert.equal(accepted.promisedDeadline, '2026-10-09');
    // Legal 10 working days: … 10-10 (the working Saturday), 10-12, 10-13, 10-14, 10-15.
    assert.equal(accepted.legalDeadline, '2026-10-15');

    const scjgReview = await act('scjg.reviewer', number, 'approve', { comment: '现场核查符合要求' });
    // Until 卫健委 agrees, the decision step is not open.
    const chief = await staff('scjg.chief');
    const before = json<{ items: TaskItem[] }>(await chief('GET', '/api/v1/tasks?pageSize=100'));
    assert.equal(
      before.items.some((t) => t.caseNumber === number),
      false,
      'no decision before the join',
    );
    const wsjReview = await act('wsj.reviewer', number, 'approve', { comment: '卫生学审查意见：同意' });
    assert.notEqual(scjgReview.step, undefined);
    assert.notEqual(wsjReview.id, scjgReview.id);
    await act('scjg.chief', number, 'approve', { comment: '准予许可' });

    // The licence: its PDF downloads and the verification page says it is valid.
    const done = json<{ status: string; licence?: { id: string; number: string; verifyUrl: string } }>(
      await citizen('GET', `/api/v1/applications/${appId}`),
    );
    assert.ok(done.licence, JSON.stringify(done));
    const licencePdf = await citizen('GET', `/api/v1/my/licences/${done.licence.id}/pdf`);
    assert.equal(licencePdf.statusCode, 200);
    assert.equal(licencePdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    // The QR link is absolute (ZT_PUBLIC_URL); open the same path on the test server.
    const verifyUrl = new URL(done.licence.verifyUrl, base);
    await page.goto(`${base}${verifyUrl.pathname}${verifyUrl.search}`);
    const verify = (await page.locator('main').textContent()) ?? '';
    assert.match(verify, /有效/);
    assert.match(verify, new RegExp(done.licence.number));
    assert.equal(verify.includes(EMPLOYEE_ID), false);
    await check(page, 'licence verification');

    // The citizen rates the finished case.
    await page.goto(`${base}/hall/my/${appId}`);
    await page.locator('input[name="score"][value="5"]').check();
    await page.locator('#f-comment').fill('网上申请很方便，一次补正就办好了');
    await go(page, `form[action="/hall/my/${appId}/rate"] button[type="submit"]`);
    assert.match((await page.locator('main').textContent()) ?? '', /非常满意/);
    await check(page, 'my case (rated)');
    await context.close();
    assert.deepEqual(serious, []);
  });

  test('a case left alone turns yellow, then red on the supervision dashboard', async () => {
    assert.ok(setup);
    const { item, app, ctx } = setup;
    clock.set('2026-09-24T02:00:00Z');
    const session = await login(app, 'citizen2', DEMO_PASSWORD);
    const upload = async (name: string) => {
      const boundary = '----zt-journey';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        pdf(name),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const s = session;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: {
          cookie: s.cookie,
          'x-csrf-token': s.csrf,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload: body,
      });
      assert.equal(res.statusCode, 201, res.body);
      return json<{ id: string }>(res).id;
    };
    const guide = json<{ materials: { id: string; required: boolean }[] }>(
      await app.inject({ method: 'GET', url: `/api/v1/service-items/${item.id}` }),
    );
    const materials = [];
    for (const m of guide.materials.filter((x) => x.required))
      materials.push({ materialId: m.id, fileId: await upload(`${m.id}.pdf`) });
    const submitted = await app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        'idempotency-key': 'journey-left-alone-1',
      },
      payload: {
        itemId: item.id,
        form: {
          applicantKind: 'individual',
          operatorName: '李建国',
          operatorId: OPERATOR_ID,
          contactPhone: '13957812345',
          businessType: 'retail',
          items: ['bulk'],
          floorArea: 30,
          siteRegion: '331102',
          siteAddress: { region: '331102001', detail: '中山街 8 号' },
          online: 'no',
          employees: [
            { name: '李建国', idNumber: OPERATOR_ID, post: 'manager', healthCertNo: 'LS2026-1001' },
          ],
        },
        materials,
      },
    });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const { number } = json<{ number: string }>(submitted);
    await act('scjg.clerk', number, 'accept');

    const levelOf = async () => {
      await runSupervisionSweep(ctx);
      // A new sign-in each time: the clock jumps days ahead, past the session's lifetime.
      const jiancha = await staff('jiancha');
      for (const level of ['green', 'yellow', 'red']) {
        const res = await jiancha('GET', `/api/v1/supervision/cases?level=${level}&pageSize=100`);
        assert.equal(res.statusCode, 200, res.body);
        if (json<{ items: { caseNumber: string }[] }>(res).items.some((c) => c.caseNumber === number))
          return level;
      }
      return 'absent';
    };
    assert.equal(await levelOf(), 'green');
    // Promised deadline 10-09; yellow from 80% of the time used or one working day left (10-08).
    clock.set('2026-10-08T01:00:00Z');
    assert.equal(await levelOf(), 'yellow');
    clock.set('2026-10-12T01:00:00Z');
    assert.equal(await levelOf(), 'red');

    // The supervisor sees it in red on the console dashboard.
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${setup.url}/console/login`);
    await page.getByLabel('用户名').fill('jiancha');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    await page.getByRole('menu').getByText('电子监察').click();
    await page.getByRole('button', { name: '查看办件（红灯）' }).click();
    await page.getByRole('row').filter({ hasText: number }).first().waitFor();
    await context.close();
  });
});
