// Public pages of issue 3 that no other browser test walks through, in Debian's chromium: the
// anonymous case status lookup (办件查询) with a right and a wrong query code, withdrawing an
// application (撤回申请), the licence verification page for a valid, revoked, expired and tampered
// licence, the published 好差评 results (/ratings) and the supervision ranking
// (/supervision/ranking). Each page: axe-core without serious or critical violations, no horizontal
// scrolling at 375px, and addresses with a bad period answered without a server error. The data are
// made by the modules' factories and the case engine, on a clock fixed at Tuesday 2026-11-24.
// Skipped without /usr/bin/chromium unless ZT_REQUIRE_BROWSER=1.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  type Applicant,
  makeCitizen,
  makeHallItem,
  PASSWORD,
} from '../../apps/server/src/modules/hall/testing.ts';
import { principalOf, TEST_PASSWORD } from '../../apps/server/src/modules/identity/testing.ts';
import { issueLicence } from '../../apps/server/src/modules/licences/index.ts';
import { submit, upload } from '../../apps/server/src/modules/licensing/testing.ts';
import { actOnTask, openTasksOf } from '../../apps/server/src/modules/workflow/index.ts';
import { seedCaseFixture } from '../../apps/server/src/modules/workflow/testing.ts';
import { systemActor } from '../../apps/server/src/platform/audit/audit.ts';
import { fixedClock } from '../../apps/server/src/platform/db/clock.ts';
import { withTx } from '../../apps/server/src/platform/db/pool.ts';
import { as, createTestApp, json, login } from '../../apps/server/src/testing/harness.ts';
import { browserSkip, launchChromium, seriousViolations } from './browser.ts';

const skip = browserSkip();

/** The text of an element as the DOM holds it, trimmed. */
async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}
// 10:00 in Beijing on Tuesday 2026-11-24.
const clock = fixedClock('2026-11-24T02:00:00Z');

interface Submitted {
  id: string;
  number: string;
  queryCode: string;
  caseId: string;
}

interface LicenceLink {
  id: string;
  number: string;
  verifyUrl: string;
}

/** The application form of makeHallItem, filled in by `c` (the JSON the hall's form becomes). */
function hallForm(c: Applicant) {
  return {
    name: c.realName,
    idNumber: c.idNumber,
    phone: c.phone,
    shopKind: 'store',
    storeName: '晓芳小吃',
    category: 'catering',
    scope: ['hot', 'cold'],
    area: 36,
    district: '331121',
    address: { region: '331121001', detail: '龙津路 18 号' },
    employees: [{ name: c.realName, healthCert: 'yes', certNo: 'JK2026001' }],
  };
}

const setup = skip
  ? null
  : await (async () => {
      const t = await createTestApp({ listen: true, clock });
      const { app, ctx } = t;
      const f = await seedCaseFixture(ctx);
      const item = await makeHallItem(ctx, f.qingtianDept.id);
      const applicant = await makeCitizen(ctx, '叶晓芳');
      const session = await login(app, applicant.username, PASSWORD);
      const citizenApi = as(app, session);

      const apply = async (): Promise<Submitted> => {
        const fileId = await upload(app, session);
        const res = await submit(app, session, {
          itemId: item.id,
          form: hallForm(applicant),
          materials: [{ materialId: item.materials[0]!.id, fileId }],
        });
        assert.equal(res.statusCode, 201, res.body);
        return json<Submitted>(res);
      };
      const act = async (caseId: string, staffId: string, action: string, comment?: string) => {
        const [task] = await openTasksOf(ctx.pool, caseId);
        assert.ok(task, `an open task on ${caseId}`);
        await actOnTask(
          ctx,
          await principalOf(ctx, staffId),
          task.id,
          { action, ...(comment ? { comment } : {}) },
          { ...systemActor, userId: staffId, name: '测试经办人' },
        );
      };
      const approved = async (score: number): Promise<Submitted & { licence: LicenceLink }> => {
        const a = await apply();
        await act(a.caseId, f.clerk.id, 'accept', '材料齐全，予以受理');
        await act(a.caseId, f.chief.id, 'approve');
        const rated = await citizenApi('POST', '/api/v1/ratings', { caseId: a.caseId, score });
        assert.equal(rated.statusCode, 201, rated.body);
        const detail = json<{ licence: LicenceLink | null }>(
          await citizenApi('GET', `/api/v1/applications/${a.id}`),
        );
        assert.ok(detail.licence, 'the approval issued a licence');
        return { ...a, licence: detail.licence };
      };

      // 办理中 (accepted), for the lookup; one left pending, for the withdrawal.
      const inProgress = await apply();
      await act(inProgress.caseId, f.clerk.id, 'accept', '材料齐全，予以受理');
      const pending = await apply();
      // Three completed and rated cases: 非常满意, 满意 and 非常不满意 (a 差评).
      const valid = await approved(5);
      const revoked = await approved(1);
      const tampered = await approved(4);
      const chief = as(app, await login(app, f.chief.username, TEST_PASSWORD));
      const rv = await chief('POST', `/api/v1/licences/${revoked.licence.id}/revoke`, {
        reason: '经营场所已灭失，依法注销',
      });
      assert.equal(rv.statusCode, 200, rv.body);
      // An old licence of the same holder, valid until a year ago.
      const expired = await withTx(ctx.pool, (tx) =>
        issueLicence(tx, ctx, {
          caseId: valid.caseId,
          caseNumber: valid.number,
          licenceName: '小餐饮登记证',
          holderName: applicant.realName,
          holderKind: 'person',
          holderCode: applicant.idNumber,
          orgId: f.qingtianDept.id,
          validFrom: '2020-11-24',
          validUntil: '2025-11-23',
        }),
      );
      // Someone with database access moves an expiry date: the signature no longer matches. (The
      // attack itself, so it is done the way an attacker would.)
      await ctx.pool.query(`UPDATE lic_licence SET valid_until = '2099-12-31' WHERE id = $1`, [
        tampered.licence.id,
      ]);
      // Completion and rating events feed the supervision results.
      await ctx.jobs.drain();
      return {
        base: t.url,
        item,
        applicant,
        unitName: '青田县市场监督管理局',
        inProgress,
        pending,
        licences: { valid: valid.licence, revoked: revoked.licence, tampered: tampered.licence, expired },
      };
    })();

describe('public pages in a browser', { skip }, () => {
  let browser: Browser;
  const base = setup?.base ?? '';

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  async function open(width = 1280): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function click(page: Page, selector: string): Promise<void> {
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator(selector).first().click(),
    ]);
  }

  async function mainText(page: Page): Promise<string> {
    return text(page.locator('main'));
  }

  /** Serious or critical axe violations, labelled, into `problems`. */
  async function axe(page: Page, label: string, problems: string[]): Promise<void> {
    for (const v of await seriousViolations(page)) problems.push(`${label}: ${v}`);
  }

  /** Horizontal overflow of the current page at its viewport width, or nothing. */
  async function overflow(page: Page, label: string, problems: string[]): Promise<void> {
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
    }));
    if (scroll > width) problems.push(`${label}: ${scroll}px > ${width}px`);
  }

  /** Loads `path` at 375px in both display modes and records any horizontal scrolling. */
  async function phone(path: string, problems: string[]): Promise<void> {
    const page = await open(375);
    for (const mode of ['standard', 'care']) {
      await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}mode=${mode}`);
      await overflow(page, `${path} (${mode})`, problems);
    }
    await page.context().close();
  }

  test('办件查询: the right number and code show status and timeline, without personal data', async () => {
    assert.ok(setup);
    const { inProgress, applicant } = setup;
    const problems: string[] = [];
    const page = await open();
    await page.goto(`${base}/hall/lookup`);
    await axe(page, 'lookup form', problems);

    // Nothing typed: both fields are named, next to the inputs and in the summary.
    await click(page, 'form[action="/hall/lookup"] button[type="submit"]');
    assert.equal(await page.locator('#f-number').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#f-queryCode').getAttribute('aria-invalid'), 'true');
    assert.match(
      (await page.locator('#error-summary').textContent()) ?? '',
      /请输入办件编号[\s\S]*请输入查询码/,
    );
    await axe(page, 'lookup with errors', problems);

    await page.locator('#f-number').fill(inProgress.number);
    await page.locator('#f-queryCode').fill(inProgress.queryCode);
    await click(page, 'form[action="/hall/lookup"] button[type="submit"]');
    const result = page.locator('#result');
    assert.equal(await result.isVisible(), true);
    const shown = (await result.textContent()) ?? '';
    assert.ok(shown.includes(inProgress.number));
    assert.ok(shown.includes('小餐饮经营许可'));
    assert.ok(shown.includes(setup.unitName));
    assert.equal(await text(result.locator('.status')), '办理中');
    assert.ok(shown.includes('2026年11月24日'), 'received on');
    const steps = await result.locator('.timeline li').allTextContents();
    assert.ok(steps.length >= 2, `timeline: ${steps.join(' | ')}`);
    assert.ok(
      steps.some((s) => s.includes('受理')),
      `timeline: ${steps.join(' | ')}`,
    );
    // No personal data, and no comment written by the officers.
    const whole = await page.content();
    for (const secret of [
      applicant.realName,
      applicant.idNumber,
      applicant.phone,
      '晓芳小吃',
      '龙津路',
      '材料齐全，予以受理',
    ])
      assert.ok(!whole.includes(secret), `the lookup shows ${secret}`);
    assert.equal(await page.locator('#f-queryCode').inputValue(), '', 'the code is not written back');
    await axe(page, 'lookup result', problems);

    // A wrong code: one "not found" answer, no result.
    await page.locator('#f-queryCode').fill('WRONG123');
    await click(page, 'form[action="/hall/lookup"] button[type="submit"]');
    assert.match(await mainText(page), /未查询到办件。请核对办件编号和查询码后重新输入/);
    assert.equal(await page.locator('#result').count(), 0);
    await axe(page, 'lookup not found', problems);
    await page.context().close();

    // At 375px with the result on the page.
    const small = await open(375);
    await small.goto(`${base}/hall/lookup?mode=care`);
    await small.locator('#f-number').fill(inProgress.number);
    await small.locator('#f-queryCode').fill(inProgress.queryCode);
    await click(small, 'form[action="/hall/lookup"] button[type="submit"]');
    assert.equal(await small.locator('#result').isVisible(), true);
    await overflow(small, 'lookup result (care, 375px)', problems);
    await small.context().close();
    await phone('/hall/lookup', problems);
    assert.deepEqual(problems, []);
  });

  test('撤回申请: the applicant confirms, gives a reason and the case is withdrawn', async () => {
    assert.ok(setup);
    const { pending, applicant } = setup;
    const problems: string[] = [];
    const page = await open();
    await page.goto(`${base}/login?next=${encodeURIComponent(`/hall/my/${pending.id}`)}`);
    await page.locator('#f-username').fill(applicant.username);
    await page.locator('#f-password').fill(PASSWORD);
    await click(page, 'form[action="/login"] button[type="submit"]');
    assert.equal(new URL(page.url()).pathname, `/hall/my/${pending.id}`);

    await click(page, `a[href="/hall/my/${pending.id}/withdraw"]`);
    assert.match(await text(page.locator('h1')), /撤回申请/);
    assert.ok((await mainText(page)).includes(pending.number));
    assert.equal(await page.locator(`a[href="/hall/my/${pending.id}"]:has-text("不撤回")`).count(), 1);
    await axe(page, 'withdraw', problems);
    const small = await open(375);
    await small.context().addCookies(await page.context().cookies());
    for (const mode of ['standard', 'care']) {
      await small.goto(`${base}/hall/my/${pending.id}/withdraw?mode=${mode}`);
      await overflow(small, `withdraw (${mode})`, problems);
    }
    await small.context().close();

    await page.locator('#f-reason').fill('经营地址需要变更，重新申请');
    await click(page, 'button:has-text("确认撤回")');
    assert.equal(new URL(page.url()).pathname, '/hall/my');
    assert.match(await text(page.locator('.notice')), /申请已撤回/);
    const row = page.locator('main').getByText(pending.number).first();
    assert.equal(await row.isVisible(), true);

    await page.goto(`${base}/hall/my/${pending.id}`);
    assert.match(await text(page.locator('.hall-lead .status')), /已撤回/);
    assert.equal(await page.locator(`a[href="/hall/my/${pending.id}/withdraw"]`).count(), 0, 'not twice');
    assert.ok((await mainText(page)).includes('经营地址需要变更，重新申请'), 'the reason is on the timeline');
    await axe(page, 'withdrawn case', problems);
    // Going back to the confirmation page returns to the case.
    await page.goto(`${base}/hall/my/${pending.id}/withdraw`);
    assert.equal(new URL(page.url()).pathname, `/hall/my/${pending.id}`);
    await page.context().close();

    // The public lookup says so too, without the applicant's reason.
    const anon = await open();
    await anon.goto(`${base}/hall/lookup`);
    await anon.locator('#f-number').fill(pending.number);
    await anon.locator('#f-queryCode').fill(pending.queryCode);
    await click(anon, 'form[action="/hall/lookup"] button[type="submit"]');
    assert.match(await text(anon.locator('#result .status')), /已撤回/);
    assert.ok(!(await anon.content()).includes('经营地址需要变更'));
    await anon.context().close();
    assert.deepEqual(problems, []);
  });

  test('电子证照核验: valid, revoked, expired, tampered, a forged QR code and an unknown number', async () => {
    assert.ok(setup);
    const { licences, applicant } = setup;
    const problems: string[] = [];
    const pathOf = (l: { verifyUrl: string }) => {
      const u = new URL(l.verifyUrl);
      return `${u.pathname}${u.search}`;
    };
    const cases = [
      {
        label: 'valid',
        path: pathOf(licences.valid),
        status: '有效',
        text: /电子签名校验通过，证照内容未被篡改/,
      },
      {
        label: 'revoked',
        path: pathOf(licences.revoked),
        status: '已注销',
        text: /注销原因：经营场所已灭失，依法注销/,
      },
      {
        label: 'expired',
        path: pathOf(licences.expired),
        status: '已过期',
        text: /证照已超过有效期（2020年11月24日 至 2025年11月23日）/,
      },
      { label: 'tampered', path: pathOf(licences.tampered), status: '签名无效', text: /请勿采信该证照/ },
      {
        label: 'forged QR',
        path: `/licences/verify?no=${licences.valid.number}&sig=0123456789abcdef`,
        status: '签名无效',
        text: /二维码/,
      },
    ];
    const page = await open();
    for (const c of cases) {
      const res = await page.goto(`${base}${c.path}`);
      assert.equal(res?.status(), 200, c.label);
      const verdict = page.locator('.lic-result[role="status"]');
      assert.equal(await text(verdict.locator('strong')), c.status, c.label);
      assert.match(await text(verdict), c.text, c.label);
      const body = await mainText(page);
      assert.ok(body.includes('叶**'), `${c.label}: the holder's name is masked`);
      assert.ok(!body.includes(applicant.realName), `${c.label}: no full name`);
      assert.ok(!body.includes(applicant.idNumber), `${c.label}: no ID number`);
      await axe(page, `verify ${c.label}`, problems);
      await phone(c.path, problems);
    }
    // The tampered licence shows the date as stored, and still says it is not to be trusted.
    await page.goto(`${base}${pathOf(licences.tampered)}`);
    assert.ok((await mainText(page)).includes('2099年12月31日'));
    assert.ok(!(await mainText(page)).includes('电子签名校验通过'));

    // Typing a number that does not exist; then the blank form.
    await page.goto(`${base}/licences/verify`);
    await page.locator('input[name="no"]').fill('XK3311212026999999');
    await click(page, 'form.lic-lookup button[type="submit"]');
    assert.match(await mainText(page), /未找到编号为“XK3311212026999999”的电子证照/);
    assert.equal(await page.locator('.lic-result').count(), 0);
    await axe(page, 'verify not found', problems);
    await page.locator('input[name="no"]').fill(licences.valid.number);
    await click(page, 'form.lic-lookup button[type="submit"]');
    assert.equal(await text(page.locator('.lic-result strong')), '有效', 'a typed number verifies');
    await page.context().close();
    await phone('/licences/verify', problems);
    assert.deepEqual(problems, []);
  });

  test('好差评结果公开 (/ratings): the unit’s results for the month, another period, a bad period', async () => {
    assert.ok(setup);
    const problems: string[] = [];
    const page = await open();
    const res = await page.goto(`${base}/ratings`);
    assert.equal(res?.status(), 200);
    assert.match(await text(page.locator('h1')), /好差评.*结果公开/);
    const row = page.locator('tbody tr').filter({ hasText: setup.unitName });
    assert.equal(await row.count(), 1);
    // Three ratings (5, 1, 4): two satisfied, one 差评 with its rectification still open.
    assert.deepEqual(
      (await row.locator('td').allTextContents()).map((s) => s.trim()),
      ['1', '3', '66.7%', '3.33', '1', '0'],
    );
    const summary = async () =>
      (await page.locator('.rtg-summary li').allTextContents()).map((x) => x.replace(/\s+/g, ''));
    assert.deepEqual(await summary(), ['评价总数3', '满意率66.7%', '差评数1', '已整改0']);
    assert.ok(!(await page.content()).includes(setup.applicant.realName), 'no rater');
    await axe(page, 'ratings', problems);

    // Choosing last month from the selector: no ratings then.
    await page.locator('select[name="period"]').selectOption('2026-10');
    await click(page, 'form.rtg-filter button[type="submit"]');
    assert.equal(new URL(page.url()).search, '?period=2026-10');
    assert.match(await mainText(page), /2026年10月暂无评价数据/);
    await axe(page, 'ratings (empty month)', problems);

    // Whole year.
    await page.goto(`${base}/ratings?period=2026`);
    assert.deepEqual(await summary(), ['评价总数3', '满意率66.7%', '差评数1', '已整改0'], 'the year so far');

    // A period that is not one is not a server error: the current month is shown.
    for (const bad of ['abc', '2026-13', '<script>', '1999', "2026-11' OR 1=1"]) {
      const r = await page.goto(`${base}/ratings?period=${encodeURIComponent(bad)}`);
      assert.equal(r?.status(), 200, bad);
      assert.equal(await page.locator('select[name="period"]').inputValue(), '2026-11', bad);
      assert.equal(await page.locator('tbody tr').filter({ hasText: setup.unitName }).count(), 1, bad);
    }
    await page.context().close();
    await phone('/ratings', problems);
    assert.deepEqual(problems, []);
  });

  test('绩效考核排名 (/supervision/ranking): ranked units for the month, another period, a bad period', async () => {
    assert.ok(setup);
    const problems: string[] = [];
    const page = await open();
    const res = await page.goto(`${base}/supervision/ranking`);
    assert.equal(res?.status(), 200);
    assert.match(await text(page.locator('h1')), /绩效考核排名/);
    assert.match(await text(page.locator('caption')), /2026年11月（2026-11-01 至 2026-11-30）/);
    const row = page.locator('tbody tr').filter({ hasText: setup.unitName });
    assert.equal(await row.count(), 1);
    const cells = (await row.locator('td').allTextContents()).map((s) => s.trim());
    // rank, completed, on time, satisfaction, anomalies, score, grade
    assert.equal(cells[0], '1');
    assert.equal(cells[1], '3', 'three cases completed this month');
    assert.equal(cells[2], '100.0%', 'all within the promised limit');
    assert.equal(cells[3], '66.7%');
    assert.match(cells[5] ?? '', /^\d+\.\d$/);
    assert.ok((cells[6] ?? '').length > 0, 'a grade');
    const html = await page.content();
    for (const secret of [setup.applicant.realName, setup.inProgress.number])
      assert.ok(!html.includes(secret), `no case or applicant data: ${secret}`);
    await axe(page, 'ranking', problems);

    await page.locator('select[name="period"]').selectOption('2026-10');
    await click(page, 'form.sup-filter button[type="submit"]');
    assert.match(await mainText(page), /2026年10月暂无办结的办件/);
    await page.locator('select[name="period"]').selectOption('2026-Q4');
    await click(page, 'form.sup-filter button[type="submit"]');
    assert.equal(
      await page.locator('tbody tr').filter({ hasText: setup.unitName }).count(),
      1,
      'the quarter',
    );
    await axe(page, 'ranking (quarter)', problems);

    for (const bad of ['abc', '2026-13', '2099-01', '<script>', "2026-11' OR 1=1"]) {
      const r = await page.goto(`${base}/supervision/ranking?period=${encodeURIComponent(bad)}`);
      assert.equal(r?.status(), 200, bad);
      assert.equal(await page.locator('select[name="period"]').inputValue(), '2026-11', bad);
    }
    await page.context().close();
    await phone('/supervision/ranking', problems);
    assert.deepEqual(problems, []);
  });

  // An address with a period that is not one shows the current period and says so, so a visitor who
  // typed or followed a wrong address does not read this month's figures as the ones asked for.
  test('a period that is not one is named as such on /ratings and /supervision/ranking', async () => {
    assert.ok(setup);
    const page = await open();
    for (const [path, word] of [
      ['/ratings?period=abc', '统计期间'],
      ['/supervision/ranking?period=abc', '考核期'],
      ['/supervision/ranking?period=2099-01', '考核期'],
    ] as const) {
      await page.goto(`${base}${path}`);
      const message = page.locator('[role="alert"], .notice').filter({ hasText: word });
      assert.equal(await message.count(), 1, `${path}: a message about the ${word}`);
      assert.match(await text(message), /不正确|无效|无法识别|不存在|尚未开始/, path);
    }
    await page.context().close();
  });
});
