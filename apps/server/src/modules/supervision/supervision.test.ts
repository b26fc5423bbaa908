// Electronic supervision end to end with an injected clock: levels turning yellow then red as days
// pass (sweeps at different dates), alerts sent once, paused cases frozen, anomalies, the dashboard
// and its scope, scorecards and the published ranking.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { fixedClock } from '../../platform/db/clock.ts';
import { many, one, withTx } from '../../platform/db/pool.ts';
import { as, createTestApp, json, login, type TestApp } from '../../testing/harness.ts';
import { makeStaff, principalOf } from '../identity/testing.ts';
import {
  acceptStep,
  actOnTaskAsSystem,
  createPublishedProcess,
  decideStep,
  endSteps,
  openCase,
  openTasksOf,
  type ProcessDefinition,
  pauseClock,
} from '../workflow/index.ts';
import { type CaseFixture, seedCaseFixture } from '../workflow/testing.ts';
import { runSupervisionSweep } from './index.ts';

const CASE_TYPE = 'sup_test';

/**
 * The standard 受理 with two faults supervision must catch — refusing needs no reasons, and a shortcut
 * decides without accepting — then 审查 with a 2-working-day limit that decides.
 */
function definition(): ProcessDefinition {
  const accept = acceptStep('review', { correction: false });
  const review = decideStep({ limit: { days: 2, unit: 'working' } });
  return {
    start: 'accept',
    steps: [
      {
        ...accept,
        actions: [
          ...(accept.actions ?? []).map((a) => (a.key === 'reject' ? { ...a, commentRequired: false } : a)),
          { key: 'shortcut', label: '直接批准', to: 'approved' },
        ],
      },
      { ...review, key: 'review', name: '审查', assignee: { type: 'role', role: 'reviewer' } },
      ...endSteps(),
    ],
  };
}

// 2026-11-03 is a Tuesday. Accepted that day with 10 working days promised: deadline 11-17, warning
// on 11-13 (80 % used), legal deadline (20 working days) 12-01; the 审查 step opened the same day is
// due 11-05 and warned on 11-04. (Deadlines stay inside 2026, the last year with a published calendar.)
const clock = fixedClock('2026-11-03T09:00:00+08:00');
let t: TestApp;
let f: CaseFixture;
let citySup: { id: string; username: string };
let qtSup: { id: string; username: string };

/** Signed in afresh each time: sessions expire as the test clock moves on by days. */
async function api(username: string) {
  return as(t.app, await login(t.app, username, f.password));
}

async function at(day: string) {
  clock.set(`${day}T09:00:00+08:00`);
}

async function openTestCase(
  orgId: string,
  subject: string,
  then: 'accept' | 'reject' | 'shortcut' | null = 'accept',
): Promise<{ id: string; number: string }> {
  return withTx(t.ctx.pool, async (tx) => {
    const { case: c } = await openCase(tx, t.ctx, {
      caseType: CASE_TYPE,
      processCode: 'sup.test',
      orgId,
      subject,
      applicantName: '丽水市莲都区好味道餐饮店',
      legal: { days: 20, unit: 'working' },
      promised: { days: 10, unit: 'working' },
      actorUserId: null,
    });
    const [task] = await openTasksOf(tx, c.id);
    if (then && task) await actOnTaskAsSystem(tx, t.ctx, task.id, { action: then, comment: null });
    return { id: c.id, number: c.number };
  });
}

async function levelOf(caseId: string) {
  const c = await one<{ level: string }>(t.ctx.pool, 'SELECT level FROM wf_case WHERE id = $1', [caseId]);
  const tasks = await many<{ step_key: string; level: string; status: string }>(
    t.ctx.pool,
    'SELECT step_key, level, status FROM wf_task WHERE case_id = $1 ORDER BY opened_at',
    [caseId],
  );
  return { case: c.level, tasks: Object.fromEntries(tasks.map((x) => [x.step_key, x.level])) };
}

async function inboxOf(userId: string, caseNumber: string) {
  return many<{ title: string; body: string; link: string | null }>(
    t.ctx.pool,
    'SELECT title, body, link FROM platform_inbox WHERE user_id = $1 AND body LIKE $2 ORDER BY created_at, id',
    [userId, `%${caseNumber}%`],
  );
}

async function anomaliesOf(caseId: string) {
  return many<{ kind: string; detail: string; task_id: string | null }>(
    t.ctx.pool,
    'SELECT kind, detail, task_id FROM sup_anomaly WHERE case_id = $1 ORDER BY kind',
    [caseId],
  );
}

async function sweepAt(day: string) {
  await at(day);
  const r = await runSupervisionSweep(t.ctx);
  await t.ctx.jobs.drain();
  return r;
}

// One app for the file (created at the top level, so the harness closes it after every test).
t = await createTestApp({ clock });
f = await seedCaseFixture(t.ctx);
const root = await principalOf(t.ctx, f.platformAdmin.id);
citySup = await makeStaff(t.ctx, root, {
  username: 'city.jiancha',
  displayName: '市监察员',
  orgId: f.city.id,
  phone: '13957800021',
  roles: [{ code: 'supervisor', scope: 'org', scopeOrgId: f.city.id }],
});
qtSup = await makeStaff(t.ctx, root, {
  username: 'qt.jiancha',
  displayName: '青田监察员',
  orgId: f.qingtianDept.id,
  roles: [{ code: 'supervisor', scope: 'org', scopeOrgId: f.qingtian.id }],
});
await withTx(t.ctx.pool, (tx) =>
  createPublishedProcess(tx, {
    code: 'sup.test',
    name: '监察测试流程',
    caseType: CASE_TYPE,
    definition: definition(),
  }),
);

describe('levels over time', () => {
  let a: { id: string; number: string };
  let paused: { id: string; number: string };

  test('a case left alone turns its step yellow, then red, then the case yellow and red', async () => {
    await at('2026-11-03');
    a = await openTestCase(f.qingtianDept.id, '食品经营许可（青田样例店）');
    paused = await openTestCase(f.qingtianDept.id, '公共场所卫生许可（暂停计时）');
    await withTx(t.ctx.pool, (tx) =>
      pauseClock(tx, t.ctx, paused.id, { kind: 'expert_review', reason: '组织专家评审', actorUserId: null }),
    );
    await t.ctx.jobs.drain();
    assert.deepEqual(await levelOf(a.id), { case: 'green', tasks: { accept: 'green', review: 'green' } });

    await sweepAt('2026-11-04');
    assert.deepEqual(await levelOf(a.id), { case: 'green', tasks: { accept: 'green', review: 'yellow' } });

    await sweepAt('2026-11-06');
    assert.equal((await levelOf(a.id)).tasks.review, 'red');
    assert.equal((await levelOf(a.id)).case, 'green');

    await sweepAt('2026-11-13');
    assert.equal((await levelOf(a.id)).case, 'yellow');

    await sweepAt('2026-11-17');
    assert.equal((await levelOf(a.id)).case, 'yellow', 'still within the deadline on its last day');

    await sweepAt('2026-11-18');
    assert.equal((await levelOf(a.id)).case, 'red');

    const history = await many<{ task_id: string | null; from_level: string; to_level: string }>(
      t.ctx.pool,
      'SELECT task_id, from_level, to_level FROM sup_level_change WHERE case_id = $1 ORDER BY id',
      [a.id],
    );
    assert.deepEqual(
      history.map((h) => `${h.task_id ? 'step' : 'case'}:${h.from_level}>${h.to_level}`),
      ['step:green>yellow', 'step:yellow>red', 'case:green>yellow', 'case:yellow>red'],
    );
  });

  test('a paused case keeps its level however late it gets', async () => {
    assert.deepEqual(await levelOf(paused.id), {
      case: 'green',
      tasks: { accept: 'green', review: 'green' },
    });
    const changes = await many(t.ctx.pool, 'SELECT 1 FROM sup_level_change WHERE case_id = $1', [paused.id]);
    assert.equal(changes.length, 0);
  });

  test('each rise is alerted once to handlers, the unit head and supervisors in scope; red also by SMS', async () => {
    // The reviewer (handler of 审查), the approver (unit head) and both supervisors (city, county).
    for (const u of [f.reviewerA, f.chief, citySup, qtSup]) {
      const titles = (await inboxOf(u.id, a.number)).map((m) => m.title);
      assert.deepEqual(
        titles,
        [
          `【黄灯预警】办件 ${a.number} 即将到期`,
          `【红灯纠错】办件 ${a.number} 已超过办理期限`,
          `【黄灯预警】办件 ${a.number} 即将到期`,
          `【红灯纠错】办件 ${a.number} 已超过办理期限`,
        ],
        u.username,
      );
    }
    // Not the window clerk (受理 is done) nor the other county's reviewer.
    assert.equal((await inboxOf(f.clerk.id, a.number)).length, 0);
    assert.equal((await inboxOf(f.reviewerB.id, a.number)).length, 0);
    const msg = (await inboxOf(f.chief.id, a.number))[3];
    assert.match(msg?.body ?? '', /办结期限：2026-11-17/);
    assert.equal(msg?.link, `/console/cases/${a.id}`);
    // The city supervisor has a phone on file: one SMS per red alert (the step's and the case's).
    const sms = await many<{ body: string; recipient: string }>(
      t.ctx.pool,
      `SELECT body, recipient FROM platform_message WHERE channel = 'sms' AND body LIKE $1`,
      [`%${a.number}%`],
    );
    assert.equal(sms.length, 2);
    assert.ok(
      sms.every((s) => !s.recipient.includes('13957800021')),
      'stored encrypted',
    );

    // Sweeping again the same day, and the next, sends nothing new.
    await sweepAt('2026-11-18');
    await sweepAt('2026-11-19');
    assert.equal((await inboxOf(f.chief.id, a.number)).length, 4);
  });

  test('a step overdue while the case is on time, and the legal deadline passing, are anomalies', async () => {
    const kinds = (await anomaliesOf(a.id)).map((x) => x.kind);
    assert.deepEqual(kinds, ['step_overdue']);
    assert.match((await anomaliesOf(a.id))[0]?.detail ?? '', /“审查”环节办理期限 2026-11-05 已过/);
    // Legal: 20 working days from 11-03 → 2026-12-01.
    await sweepAt('2026-12-02');
    assert.deepEqual(
      (await anomaliesOf(a.id)).map((x) => x.kind),
      ['legal_overdue', 'step_overdue'],
    );
    assert.deepEqual(
      (await anomaliesOf(paused.id)).map((x) => x.kind),
      [],
    );
  });
});

describe('anomalies found in the history of a case', () => {
  test('refusal without reasons, a decision without acceptance, a fee off the standard', async () => {
    await at('2026-12-02');
    const refused = await openTestCase(f.qingtianDept.id, '个体工商户设立登记', 'reject');
    const shortcut = await openTestCase(f.qingtianDept.id, '道路运输经营许可', 'shortcut');
    const paid = await openTestCase(f.qingtianDept.id, '建筑工程施工许可');
    const onTime = await openTestCase(f.qingtianDept.id, '卫生许可证延续');
    await withTx(t.ctx.pool, async (tx) => {
      const [review] = await openTasksOf(tx, onTime.id);
      await actOnTaskAsSystem(tx, t.ctx, (review as { id: string }).id, { action: 'approve' });
    });
    await withTx(t.ctx.pool, (tx) =>
      t.ctx.events.emit(tx, {
        type: 'licensing.fee_paid',
        aggregateType: 'case',
        aggregateId: paid.id,
        payload: { caseId: paid.id, caseType: CASE_TYPE, amountFen: 150000, standardFen: 120000 },
      }),
    );
    await t.ctx.jobs.drain();
    assert.deepEqual(
      (await anomaliesOf(refused.id)).map((x) => x.kind),
      ['refused_without_reason'],
    );
    assert.deepEqual(
      (await anomaliesOf(shortcut.id)).map((x) => x.kind),
      ['missing_acceptance'],
    );
    assert.deepEqual(
      (await anomaliesOf(paid.id)).map((x) => x.detail),
      ['实收 1500.00 元，与收费标准 1200.00 元不一致'],
    );
    // Completed cases have their verdict for the statistics.
    const r = await one<{ on_time: boolean | null; final_level: string }>(
      t.ctx.pool,
      'SELECT on_time, final_level FROM sup_case_result WHERE case_id = $1',
      [shortcut.id],
    );
    assert.deepEqual(r, { on_time: null, final_level: 'green' });
    const good = await one(
      t.ctx.pool,
      'SELECT on_time, legal_on_time, handling_days, limit_days FROM sup_case_result WHERE case_id = $1',
      [onTime.id],
    );
    assert.deepEqual(good, { on_time: true, legal_on_time: true, handling_days: 0, limit_days: 10 });
    assert.deepEqual(await anomaliesOf(onTime.id), []);
  });

  test('a supervisor in scope lists them and records how each was handled, once', async () => {
    const s = await api('qt.jiancha');
    const list = json<{
      items: { id: string; kind: string; kindName: string; resolved: boolean }[];
      total: number;
    }>(await s('GET', '/api/v1/supervision/anomalies?kind=missing_acceptance'));
    assert.equal(list.total, 1);
    assert.equal(list.items[0]?.kindName, '未经受理作出决定');
    const id = list.items[0]?.id as string;
    const ok = await s('POST', `/api/v1/supervision/anomalies/${id}/resolve`, {
      resolution: '已责令补办受理手续',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(json<{ resolved: boolean }>(ok).resolved, true);
    const again = await s('POST', `/api/v1/supervision/anomalies/${id}/resolve`, { resolution: '再次处理' });
    assert.equal(again.statusCode, 409);
    const blank = await s('POST', `/api/v1/supervision/anomalies/${id}/resolve`, { resolution: '   ' });
    assert.equal(blank.statusCode, 422);
    // The clerk has no supervision permissions.
    const clerk = await (await api('qt.clerk'))('GET', '/api/v1/supervision/anomalies');
    assert.equal(clerk.statusCode, 403);
  });
});

describe('dashboard and scope', () => {
  let lianduCase: { id: string; number: string };

  before(async () => {
    await at('2026-12-02');
    lianduCase = await openTestCase(f.lianduDept.id, '养老机构备案（莲都）');
    await t.ctx.jobs.drain();
  });

  test('cases by level in the agreed shape, red first', async () => {
    const s = await api('city.jiancha');
    const res = await s('GET', '/api/v1/supervision/cases?level=red');
    assert.equal(res.statusCode, 200, res.body);
    const body = json<{ items: Record<string, unknown>[]; total: number }>(res);
    assert.equal(body.total, 1);
    const item = body.items[0] as Record<string, unknown>;
    for (const key of [
      'caseId',
      'caseNumber',
      'caseType',
      'caseTypeName',
      'subject',
      'orgId',
      'orgName',
      'level',
      'dueDate',
      'legalDeadline',
      'status',
      'currentStep',
      'daysOverdue',
    ])
      assert.ok(key in item, key);
    assert.equal(item.level, 'red');
    assert.equal(item.dueDate, '2026-11-17');
    assert.equal(item.legalDeadline, '2026-12-01');
    assert.equal(item.currentStep, '审查');
    assert.equal(item.orgName, '青田县市场监督管理局');
    // 11-18 … 12-02: eleven working days past the deadline.
    assert.equal(item.daysOverdue, 11);
  });

  test('a county supervisor sees only that county; another county is not found', async () => {
    const qt = await api('qt.jiancha');
    const all = json<{ items: { caseId: string; orgId: string }[]; total: number }>(
      await qt('GET', '/api/v1/supervision/cases?pageSize=100'),
    );
    assert.ok(all.total >= 3);
    assert.ok(all.items.every((c) => c.orgId === f.qingtianDept.id));
    assert.ok(!all.items.some((c) => c.caseId === lianduCase.id));
    assert.equal((await qt('GET', `/api/v1/supervision/cases?orgId=${f.lianduDept.id}`)).statusCode, 404);
    assert.equal((await qt('GET', `/api/v1/supervision/overview?orgId=${f.lianduDept.id}`)).statusCode, 404);
    const city = await api('city.jiancha');
    const cityList = json<{ items: { caseId: string }[] }>(
      await city('GET', '/api/v1/supervision/cases?pageSize=100'),
    );
    assert.ok(cityList.items.some((c) => c.caseId === lianduCase.id));
    // Bad input: a level that does not exist, a forged id.
    assert.equal((await city('GET', '/api/v1/supervision/cases?level=purple')).statusCode, 400);
    assert.equal((await city('GET', '/api/v1/supervision/cases?orgId=not-a-uuid')).statusCode, 400);
  });

  test('overview counts by level, unit, item and case type, with the on-time figures', async () => {
    const qt = await api('qt.jiancha');
    const res = await qt('GET', '/api/v1/supervision/overview?from=2026-12-01&to=2026-12-31');
    assert.equal(res.statusCode, 200, res.body);
    const o = json<{
      levels: { green: number; yellow: number; red: number };
      open: number;
      paused: number;
      completed: number;
      onTimeRate: number | null;
      avgHandlingDays: number | null;
      avgLimitDays: number | null;
      byUnit: { key: string; name: string; red: number; open: number }[];
      byItem: { name: string; red: number }[];
      byCaseType: { key: string; open: number }[];
      openAnomalies: number;
    }>(res);
    // 青田: the red case, the paused one (green), and the fee case (accepted 12-02, green).
    assert.deepEqual(o.levels, { green: 2, yellow: 0, red: 1 });
    assert.equal(o.open, 2);
    assert.equal(o.paused, 1);
    assert.equal(o.completed, 3);
    assert.equal(o.onTimeRate, 1, 'one completion had a time limit, and met it');
    assert.equal(o.avgHandlingDays, 0);
    assert.equal(o.avgLimitDays, 10);
    assert.deepEqual(
      o.byUnit.map((u) => [u.name, u.red, u.open]),
      [['青田县市场监督管理局', 1, 3]],
    );
    assert.equal(o.byItem[0]?.name, '食品经营许可（青田样例店）');
    assert.deepEqual(
      o.byCaseType.map((x) => [x.key, x.open]),
      [[CASE_TYPE, 3]],
    );
    // legal_overdue + step_overdue + refused + fee (the acceptance one was resolved).
    assert.equal(o.openAnomalies, 4);
    const city = json<{ levels: { green: number } }>(
      await (await api('city.jiancha'))('GET', '/api/v1/supervision/overview'),
    );
    assert.equal(city.levels.green, 3, 'the city also sees 莲都');
  });
});

describe('scorecards and the published ranking', () => {
  test('per unit: completed, on-time rate, anomalies, score, grade and rank', async () => {
    await at('2026-12-31');
    const s = await api('city.jiancha');
    const res = await s('GET', '/api/v1/supervision/scorecards?period=2026-12');
    assert.equal(res.statusCode, 200, res.body);
    const body = json<{
      period: { name: string; from: string; to: string };
      items: {
        orgName: string;
        completed: number;
        onTimeRate: number | null;
        anomalies: number;
        score: number;
        grade: string;
        rank: number;
      }[];
    }>(res);
    assert.equal(body.period.name, '2026年12月');
    const qt = body.items.find((i) => i.orgName === '青田县市场监督管理局');
    assert.ok(qt);
    assert.equal(qt.completed, 3);
    assert.equal(qt.onTimeRate, 1);
    // December: legal deadline, refusal, acceptance, fee (the step went overdue in November).
    assert.equal(qt.anomalies, 4);
    // No rating: 60 % on time (100) and 20 % anomaly-free (1 − 4/3 → 0), scaled to 80 %: 75.
    assert.equal(qt.score, 75);
    assert.equal(qt.grade, '合格');
    assert.equal(qt.rank, 1);
    const q = await s('GET', '/api/v1/supervision/scorecards?period=2026-Q4');
    assert.equal(q.statusCode, 200);
    assert.equal((await s('GET', '/api/v1/supervision/scorecards?period=2027-03')).statusCode, 422);
    assert.equal((await s('GET', '/api/v1/supervision/scorecards?period=2026-13')).statusCode, 400);
  });

  test('anyone may read the ranking, without case or applicant details', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/public/supervision/ranking?period=2026-12',
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = json<{ items: { orgName: string; grade: string }[] }>(res);
    assert.deepEqual(
      body.items.map((i) => i.orgName),
      ['青田县市场监督管理局'],
    );
    assert.doesNotMatch(res.body, /好味道|caseId|subject/);
    const page = await t.app.inject({ method: 'GET', url: '/supervision/ranking?period=2026-12' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /政务服务电子监察绩效考核排名/);
    assert.match(page.body, /青田县市场监督管理局/);
    assert.match(page.body, /合格/);
    assert.match(page.body, /100\.0%/);
    assert.doesNotMatch(page.body, /好味道/);
    // A malformed period falls back to the current one rather than failing.
    const junk = await t.app.inject({ method: 'GET', url: '/supervision/ranking?period=%3Cscript%3E' });
    assert.equal(junk.statusCode, 200);
    assert.doesNotMatch(junk.body, /<script>/);
  });
});
