// A licence case through the HTTP API: correction, acceptance, parallel review by two departments,
// a pause and an extension, decision; deadlines across the 2026 中秋/国庆 holidays checked by hand
// against platform/calendar/cn-calendar-data.ts (国庆 10-01…10-07 off, 09-20 and 10-10 调休上班,
// 中秋 09-25…09-27 off).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemActor } from '../../../platform/audit/audit.ts';
import { fixedClock } from '../../../platform/db/clock.ts';
import { many, one, withTx } from '../../../platform/db/pool.ts';
import { makeIdNumber } from '../../../platform/ids/gb11643.ts';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { makeStaff, NO_2FA, principalOf, TEST_PASSWORD } from '../../identity/testing.ts';
import { registerAccount } from '../../identity/index.ts';
import { createPublishedProcess, openCase, registerCaseType, signalCase } from '../index.ts';
import { parallelLicenceDefinition, seedCaseFixture, standardLicenceDefinition } from '../testing.ts';

type Err = { error: { code: string; details: { field: string; message: string }[] } };
type Detail = {
  case: Record<string, unknown> & { id: string; status: string; currentSteps: { key: string }[] };
  timeline: {
    title: string;
    kind: string;
    actorName: string | null;
    actorOrgName: string | null;
    comment: string | null;
  }[];
  tasks: { id: string; stepKey: string; mayAct: boolean; actions: { key: string }[] }[];
  extensions: { id: string; status: string }[];
  permissions: Record<string, boolean>;
};
type TaskList = {
  items: { id: string; caseId: string; step: string; dueDate: string | null; actions: { key: string }[] }[];
  total: number;
};

registerCaseType({ type: 'test_licence', name: '行政许可（测试）' });

const ID = makeIdNumber('331121', '19900501', '123');

async function setup(clockAt: string, kind: 'parallel' | 'standard' | 'any' = 'parallel') {
  const clock = fixedClock(clockAt);
  const t = await createTestApp({ config: NO_2FA, clock });
  const f = await seedCaseFixture(t.ctx);
  const { userId: citizenId } = await registerAccount(
    t.ctx,
    {
      kind: 'citizen',
      username: 'wang.xm',
      password: TEST_PASSWORD,
      realName: '王小明',
      idNumber: ID,
      phone: '13857810021',
    },
    systemActor,
    null,
  );
  const definition =
    kind === 'standard'
      ? standardLicenceDefinition()
      : parallelLicenceDefinition(f.qingtianDept.id, f.lianduDept.id, kind === 'any' ? 'any' : 'all');
  const opened = await withTx(t.ctx.pool, async (tx) => {
    await createPublishedProcess(tx, {
      code: 'test.food',
      name: '食品经营许可',
      caseType: 'test_licence',
      definition,
      orgId: f.qingtianDept.id,
    });
    return openCase(tx, t.ctx, {
      caseType: 'test_licence',
      processCode: 'test.food',
      orgId: f.qingtianDept.id,
      subject: '食品经营许可（新办）',
      applicantUserId: citizenId,
      applicantName: '王小明',
      legal: { days: 20, unit: 'working' },
      promised: { days: 10, unit: 'working' },
      withQueryCode: true,
      actorUserId: citizenId,
    });
  });
  const session = async (username: string) => as(t.app, await login(t.app, username, TEST_PASSWORD));
  return {
    ...t,
    clock,
    f,
    citizenId,
    caseId: opened.case.id,
    number: opened.case.number,
    queryCode: opened.queryCode as string,
    session,
  };
}

async function taskOf(call: ReturnType<typeof as>, caseId: string, step: string): Promise<string> {
  const list = json<TaskList>(await call('GET', '/api/v1/tasks'));
  const t = list.items.find((i) => i.caseId === caseId && i.step === step);
  assert.ok(t, `task ${step} in inbox`);
  return t.id;
}

test('correction, acceptance, parallel approval, pause, extension and decision with deadlines across 国庆 2026', async () => {
  const s = await setup('2026-09-21T02:00:00Z'); // Monday 10:00 in Shanghai
  const { app, ctx, f, caseId, clock } = s;
  assert.equal(s.number, '33112120260921000001', 'region code of 青田县 + receipt date + sequence');
  // Sessions time out when the clock jumps days ahead: sign in again for each call.
  const fresh =
    (username: string): ReturnType<typeof as> =>
    async (method, url, payload) =>
      (await s.session(username))(method, url, payload);
  const clerk = fresh('qt.clerk');
  const revA = fresh('qt.reviewer');
  const revB = fresh('ld.reviewer');
  const chief = fresh('qt.chief');
  const lookup = () =>
    app.inject({
      method: 'GET',
      url: `/api/v1/public/cases?number=${s.number}&queryCode=${s.queryCode.toLowerCase()}`,
    });

  const inbox = json<TaskList>(await clerk('GET', '/api/v1/tasks'));
  assert.equal(inbox.total, 1);
  assert.deepEqual(
    inbox.items[0]?.actions.map((a) => a.key),
    ['accept', 'reject', 'request-correction'],
  );
  assert.equal(
    inbox.items[0]?.dueDate,
    '2026-09-29',
    'acceptance within 5 working days; 中秋 09-25…27 skipped',
  );
  assert.equal(json<TaskList>(await revB('GET', '/api/v1/tasks')).total, 0);

  // 09-22: one-time notice of everything missing; the clock has not started, the case waits.
  clock.set('2026-09-22T02:00:00Z');
  const acceptId = inbox.items[0]!.id;
  const corr = await clerk('POST', `/api/v1/tasks/${acceptId}/actions`, {
    action: 'request-correction',
    comment: '缺少：1. 营业执照复印件；2. 食品安全管理制度',
    data: { items: [{ name: '营业执照复印件', problem: '未提交' }] },
  });
  assert.equal(corr.statusCode, 200, corr.body);
  assert.equal(json<Detail>(corr).case.status, 'paused');
  const paused = json<{ statusName: string; timeline: { title: string }[] }>(await lookup());
  assert.equal(paused.statusName, '已暂停（补正）');

  // 09-24: the applicant resubmits; a new acceptance task opens, due 5 working days later across 国庆.
  clock.set('2026-09-24T02:00:00Z');
  await withTx(ctx.pool, (tx) =>
    signalCase(tx, ctx, caseId, 'applicant.resubmitted', { actorUserId: s.citizenId }),
  );
  const inbox2 = json<TaskList>(await clerk('GET', '/api/v1/tasks'));
  assert.equal(inbox2.items[0]?.dueDate, '2026-10-09', '09-28, 09-29, 09-30, 10-08, 10-09');
  const accepted = json<Detail>(
    await clerk('POST', `/api/v1/tasks/${inbox2.items[0]!.id}/actions`, { action: 'accept' }),
  );
  assert.equal(accepted.case.clockStartedOn, '2026-09-24');
  assert.equal(
    accepted.case.promisedDeadline,
    '2026-10-15',
    '10 working days: 09-28…30, 10-08, 10-09, 10-10 (调休), 10-12…15',
  );
  assert.equal(accepted.case.legalDeadline, '2026-10-29', '20 working days');
  assert.equal(
    accepted.case.warnOn,
    '2026-10-13',
    '80% of 10 = 8th working day, before 10-14 (one day left)',
  );
  assert.deepEqual(accepted.case.currentSteps.map((x) => x.key).sort(), ['review_a', 'review_b']);

  // Each department sees only its own branch; due dates count the 10-10 working Saturday.
  const a = json<TaskList>(await revA('GET', '/api/v1/tasks'));
  const b = json<TaskList>(await revB('GET', '/api/v1/tasks'));
  assert.deepEqual(
    a.items.map((i) => i.step),
    ['review_a'],
  );
  assert.deepEqual(
    b.items.map((i) => i.step),
    ['review_b'],
  );
  assert.equal(b.items[0]?.dueDate, '2026-10-12', '7 working days including 调休 Saturday 10-10');
  const bDetail = json<Detail>(await revB('GET', `/api/v1/cases/${caseId}`));
  assert.equal(bDetail.tasks.find((t) => t.stepKey === 'review_b')?.mayAct, true);
  assert.equal(bDetail.tasks.find((t) => t.stepKey === 'review_a')?.mayAct, false);

  // 09-30 → 10-09: the clock stands still for a correction during review; 2 working days (10-08, 10-09) added.
  clock.set('2026-09-30T02:00:00Z');
  const p = await revA('POST', `/api/v1/cases/${caseId}/pause`, {
    kind: 'correction',
    reason: '需补充经营场所平面图',
  });
  assert.equal(p.statusCode, 200, p.body);
  assert.equal(
    (await revA('POST', `/api/v1/cases/${caseId}/pause`, { kind: 'hearing', reason: '再次暂停' })).statusCode,
    409,
  );
  clock.set('2026-10-09T02:00:00Z');
  const resumed = json<Detail>(await revA('POST', `/api/v1/cases/${caseId}/resume`));
  assert.equal(resumed.case.pausedDays, 2);
  assert.equal(resumed.case.promisedDeadline, '2026-10-19');
  assert.equal(resumed.case.legalDeadline, '2026-11-02');
  assert.equal(resumed.case.warnOn, '2026-10-15');

  assert.equal(
    (await revA('POST', `/api/v1/tasks/${a.items[0]!.id}/actions`, { action: 'approve', comment: '同意' }))
      .statusCode,
    200,
  );
  const afterB = json<Detail>(
    await revB('POST', `/api/v1/tasks/${b.items[0]!.id}/actions`, {
      action: 'approve',
      comment: '卫生条件符合要求',
    }),
  );
  assert.deepEqual(afterB.case.currentSteps, [{ key: 'decide', name: '审批决定' }]);

  // Extension: asked by the approver handling the decision, approved by a 负责人, told to the applicant.
  const ext = await chief('POST', `/api/v1/cases/${caseId}/extensions`, {
    days: 5,
    reason: '需组织专家论证',
  });
  assert.equal(ext.statusCode, 201, ext.body);
  assert.equal(
    (await chief('POST', `/api/v1/cases/${caseId}/extensions`, { days: 2, reason: '再延' })).statusCode,
    409,
  );
  assert.equal(
    (
      await revA('POST', `/api/v1/cases/${caseId}/extensions/${json<{ id: string }>(ext).id}/decision`, {
        approve: true,
      })
    ).statusCode,
    403,
    'a reviewer cannot approve extensions',
  );
  const dec = await chief(
    'POST',
    `/api/v1/cases/${caseId}/extensions/${json<{ id: string }>(ext).id}/decision`,
    { approve: true },
  );
  assert.equal(dec.statusCode, 200, dec.body);
  const extended = json<Detail>(await chief('GET', `/api/v1/cases/${caseId}`));
  assert.equal(extended.case.extendedDays, 5);
  assert.equal(extended.case.legalDeadline, '2026-11-09', '20 + 2 paused + 5 extended working days');
  assert.equal(extended.case.promisedDeadline, '2026-10-26');
  assert.equal(extended.case.warnOn, '2026-10-21');
  const msgs = await many<{ title: string; body: string }>(
    ctx.pool,
    'SELECT title, body FROM platform_inbox WHERE user_id = $1',
    [s.citizenId],
  );
  assert.equal(msgs.length, 1);
  assert.match(msgs[0]!.body, /延长 5 个工作日，将于 2026-11-09 前办结/);

  clock.set('2026-10-12T02:00:00Z');
  const decideId = await taskOf(chief, caseId, 'decide');
  const done = json<Detail>(
    await chief('POST', `/api/v1/tasks/${decideId}/actions`, { action: 'approve', comment: '准予许可' }),
  );
  assert.equal(done.case.status, 'completed');
  assert.equal(done.case.outcome, 'approved');
  assert.deepEqual(done.case.currentSteps, []);

  const titles = done.timeline.map((e) => e.title);
  assert.deepEqual(titles.slice(0, 6), [
    '提交申请',
    '受理：一次性告知补正',
    '暂停计时（补正）',
    '申请人提交补正材料',
    '恢复计时（补正结束）',
    '受理：受理',
  ]);
  assert.equal(titles.at(-1), '办结：准予许可');
  assert.ok(titles.includes('汇总审查意见：会签通过'));
  const bEntry = done.timeline.find((e) => e.title === '协办部门审查：同意');
  assert.equal(bEntry?.actorName, '赵协办');
  assert.equal(bEntry?.actorOrgName, '莲都区民政局');
  assert.equal(bEntry?.comment, '卫生条件符合要求');

  const pub = await lookup();
  assert.equal(pub.statusCode, 200);
  const body = json<{ statusName: string; legalDeadline: string; timeline: { title: string }[] }>(pub);
  assert.equal(body.statusName, '已办结');
  assert.equal(body.legalDeadline, '2026-11-09');
  for (const secret of ['王小明', ID, '13857810021', '赵协办', '缺少：', '卫生条件符合要求', s.citizenId])
    assert.ok(!pub.body.includes(secret), `public lookup must not show ${secret}`);

  const events = await many<{ type: string; payload: Record<string, unknown> }>(
    ctx.pool,
    `SELECT type, payload FROM platform_event WHERE aggregate_id = $1 ORDER BY occurred_at, id`,
    [caseId],
  );
  const types = new Set(events.map((e) => e.type));
  for (const t of [
    'case.opened',
    'task.opened',
    'task.closed',
    'case.transitioned',
    'case.paused',
    'case.resumed',
    'case.clock_started',
    'case.extended',
    'case.completed',
  ])
    assert.ok(types.has(t), `event ${t}`);
  assert.deepEqual(events.find((e) => e.type === 'case.completed')?.payload, {
    caseId,
    caseType: 'test_licence',
    outcome: 'approved',
  });
  const audits = await one<{ n: number }>(
    ctx.pool,
    `SELECT count(*) AS n FROM aud_entry WHERE object_id = $1`,
    [caseId],
  );
  assert.ok(audits.n >= 10, `every action audited (${audits.n})`);

  // A finished case: nothing left to act on.
  assert.equal(
    (await chief('POST', `/api/v1/tasks/${decideId}/actions`, { action: 'approve' })).statusCode,
    409,
  );
  void f;
});

test('two staff acting on the same task at once: exactly one wins', async () => {
  const s = await setup('2026-03-02T02:00:00Z', 'standard');
  const root = await principalOf(s.ctx, s.f.platformAdmin.id);
  await makeStaff(s.ctx, root, {
    username: 'qt.clerk2',
    displayName: '刘窗口',
    orgId: s.f.qingtianDept.id,
    roles: [{ code: 'window', scope: 'org', scopeOrgId: s.f.qingtianDept.id }],
  });
  const c1 = await s.session('qt.clerk');
  const c2 = await s.session('qt.clerk2');
  const taskId = await taskOf(c1, s.caseId, 'accept');
  const [r1, r2] = await Promise.all([
    c1('POST', `/api/v1/tasks/${taskId}/actions`, { action: 'accept' }),
    c2('POST', `/api/v1/tasks/${taskId}/actions`, { action: 'reject', comment: '不属于本机关职权范围' }),
  ]);
  assert.deepEqual([r1.statusCode, r2.statusCode].sort(), [200, 409]);
  const loser = r1.statusCode === 409 ? r1 : r2;
  assert.equal(json<Err>(loser).error.code, 'TASK_ALREADY_HANDLED');
  const acts = await many(s.ctx.pool, `SELECT 1 FROM wf_case_event WHERE case_id = $1 AND kind = 'action'`, [
    s.caseId,
  ]);
  assert.equal(acts.length, 1, 'one action on the timeline');
  const status = await one<{ status: string }>(s.ctx.pool, 'SELECT status FROM wf_case WHERE id = $1', [
    s.caseId,
  ]);
  assert.equal(status.status, r1.statusCode === 200 ? 'open' : 'completed');

  // Claiming: the first claim shows in the inbox; a second person's claim is refused.
  const s2 = await withTx(s.ctx.pool, (tx) =>
    openCase(tx, s.ctx, {
      caseType: 'test_licence',
      processCode: 'test.food',
      orgId: s.f.qingtianDept.id,
      subject: '第二件',
      actorUserId: null,
    }),
  );
  const t2 = await taskOf(c1, s2.case.id, 'accept');
  assert.equal((await c2('POST', `/api/v1/tasks/${t2}/claim`)).statusCode, 200);
  assert.equal((await c1('POST', `/api/v1/tasks/${t2}/claim`)).statusCode, 409);
  const seen = json<{ items: { id: string; claimedByName: string | null }[] }>(
    await c1('GET', '/api/v1/tasks'),
  );
  assert.equal(seen.items.find((i) => i.id === t2)?.claimedByName, '刘窗口');
});

test('outside scope → 404; action not allowed → 422 and nothing changes; bad input → 400', async () => {
  const s = await setup('2026-03-02T02:00:00Z', 'standard');
  const clerk = await s.session('qt.clerk');
  const revB = await s.session('ld.reviewer');
  const plain = await s.session('qingtian.staff');
  const citizen = await s.session('wang.xm');
  const taskId = await taskOf(clerk, s.caseId, 'accept');
  const before = await many(s.ctx.pool, 'SELECT * FROM wf_case_event WHERE case_id = $1', [s.caseId]);

  for (const who of [revB, plain, citizen]) {
    const r = await who('POST', `/api/v1/tasks/${taskId}/actions`, { action: 'accept' });
    assert.equal(r.statusCode, 404, r.body);
    assert.equal(json<Err>(r).error.code, 'TASK_NOT_FOUND');
  }
  assert.equal(
    (await revB('GET', `/api/v1/cases/${s.caseId}`)).statusCode,
    404,
    'another department cannot read the case',
  );
  assert.equal(
    (await revB('POST', `/api/v1/cases/${s.caseId}/pause`, { kind: 'other', reason: 'x' })).statusCode,
    404,
  );
  assert.equal((await revB('GET', '/api/v1/cases')).statusCode, 200);
  assert.equal(json<{ total: number }>(await revB('GET', '/api/v1/cases')).total, 0);
  assert.equal(json<{ total: number }>(await clerk('GET', '/api/v1/cases')).total, 1);
  assert.equal((await citizen('GET', '/api/v1/tasks')).statusCode, 403);
  assert.equal((await s.app.inject({ method: 'GET', url: '/api/v1/tasks' })).statusCode, 401);
  assert.equal(
    (await clerk('POST', '/api/v1/tasks/01900000-0000-7000-8000-00000000dead/actions', { action: 'accept' }))
      .statusCode,
    404,
  );

  const notAllowed = await clerk('POST', `/api/v1/tasks/${taskId}/actions`, { action: 'approve' });
  assert.equal(notAllowed.statusCode, 422);
  assert.equal(json<Err>(notAllowed).error.code, 'ACTION_NOT_ALLOWED');
  assert.equal(json<Err>(notAllowed).error.details[0]?.field, 'action');
  const noComment = await clerk('POST', `/api/v1/tasks/${taskId}/actions`, {
    action: 'reject',
    comment: '   ',
  });
  assert.equal(noComment.statusCode, 422);
  assert.equal(json<Err>(noComment).error.details[0]?.field, 'comment');
  assert.equal((await clerk('POST', `/api/v1/tasks/${taskId}/actions`, { action: 5 })).statusCode, 400);
  assert.equal(
    (await clerk('POST', `/api/v1/tasks/${taskId}/actions`, { action: 'accept', extra: true })).statusCode,
    400,
  );
  assert.equal(
    (await clerk('POST', `/api/v1/tasks/${taskId}/actions`, { action: 'accept', data: 'x' })).statusCode,
    400,
  );
  assert.equal(
    (await clerk('POST', '/api/v1/tasks/not-a-uuid/actions', { action: 'accept' })).statusCode,
    400,
  );

  const after = await many(s.ctx.pool, 'SELECT * FROM wf_case_event WHERE case_id = $1', [s.caseId]);
  assert.equal(after.length, before.length, 'refused actions leave no trace on the timeline');
  const task = await one<{ status: string }>(s.ctx.pool, 'SELECT status FROM wf_task WHERE id = $1', [
    taskId,
  ]);
  assert.equal(task.status, 'open');

  // Script in a comment is stored as text and returned as text (escaping is the renderer's job).
  const ok = await clerk('POST', `/api/v1/tasks/${taskId}/actions`, {
    action: 'accept',
    comment: '<script>alert(1)</script>',
  });
  assert.equal(ok.statusCode, 200);
  assert.equal(
    json<Detail>(ok).timeline.find((e) => e.kind === 'action')?.comment,
    '<script>alert(1)</script>',
  );
});

test('会签 with one disagreement goes to rejectTo and withdraws the other branch', async () => {
  const s = await setup('2026-03-02T02:00:00Z', 'parallel');
  const clerk = await s.session('qt.clerk');
  const revA = await s.session('qt.reviewer');
  const revB = await s.session('ld.reviewer');
  await clerk('POST', `/api/v1/tasks/${await taskOf(clerk, s.caseId, 'accept')}/actions`, {
    action: 'accept',
  });
  const aId = await taskOf(revA, s.caseId, 'review_a');
  const bId = await taskOf(revB, s.caseId, 'review_b');
  assert.equal(
    (await revB('POST', `/api/v1/tasks/${bId}/actions`, { action: 'deny' })).statusCode,
    422,
    'a disagreement needs reasons',
  );
  const r = json<Detail>(
    await revB('POST', `/api/v1/tasks/${bId}/actions`, { action: 'deny', comment: '选址不符合卫生要求' }),
  );
  assert.deepEqual(r.case.currentSteps, [{ key: 'decide', name: '审批决定' }]);
  assert.ok(r.timeline.some((e) => e.title === '汇总审查意见：会签未通过'));
  assert.equal((await revA('POST', `/api/v1/tasks/${aId}/actions`, { action: 'approve' })).statusCode, 409);
  assert.equal(json<TaskList>(await revA('GET', '/api/v1/tasks')).total, 0, 'withdrawn from the other inbox');
});

test('return to an earlier step, and transfer to a colleague in scope or a unit', async () => {
  const s = await setup('2026-03-02T02:00:00Z', 'standard');
  const root = await principalOf(s.ctx, s.f.platformAdmin.id);
  const colleague = await makeStaff(s.ctx, root, {
    username: 'qt.reviewer2',
    displayName: '孙审查',
    orgId: s.f.qingtianDept.id,
    roles: [{ code: 'reviewer', scope: 'org', scopeOrgId: s.f.qingtianDept.id }],
  });
  const clerk = await s.session('qt.clerk');
  const rev = await s.session('qt.reviewer');
  const rev2 = await s.session('qt.reviewer2');
  await clerk('POST', `/api/v1/tasks/${await taskOf(clerk, s.caseId, 'accept')}/actions`, {
    action: 'accept',
  });
  const review1 = await taskOf(rev, s.caseId, 'review');
  assert.equal(
    (await rev('POST', `/api/v1/tasks/${review1}/actions`, { action: 'return' })).statusCode,
    422,
    'return needs reasons',
  );
  const back = json<Detail>(
    await rev('POST', `/api/v1/tasks/${review1}/actions`, { action: 'return', comment: '受理材料不全' }),
  );
  assert.deepEqual(back.case.currentSteps, [{ key: 'accept', name: '受理' }]);
  assert.ok(back.timeline.some((e) => e.title === '审查：退回受理（退回至“受理”）'));
  const started = back.case.clockStartedOn;
  await clerk('POST', `/api/v1/tasks/${await taskOf(clerk, s.caseId, 'accept')}/actions`, {
    action: 'accept',
  });
  assert.equal(
    json<Detail>(await clerk('GET', `/api/v1/cases/${s.caseId}`)).case.clockStartedOn,
    started,
    'the clock does not restart',
  );

  const review2 = await taskOf(rev, s.caseId, 'review');
  const outOfScope = await rev('POST', `/api/v1/tasks/${review2}/actions`, {
    action: 'transfer',
    data: { userId: s.f.reviewerB.id },
  });
  assert.equal(outOfScope.statusCode, 422);
  assert.equal(json<Err>(outOfScope).error.details[0]?.field, 'data.userId');
  assert.equal(
    (await rev('POST', `/api/v1/tasks/${review2}/actions`, { action: 'transfer', data: {} })).statusCode,
    422,
  );
  const moved = await rev('POST', `/api/v1/tasks/${review2}/actions`, {
    action: 'transfer',
    data: { userId: colleague.id },
  });
  assert.equal(moved.statusCode, 200, moved.body);
  assert.equal(json<TaskList>(await rev('GET', '/api/v1/tasks')).total, 0);
  const mine = json<TaskList>(await rev2('GET', '/api/v1/tasks'));
  assert.equal(mine.total, 1);
  const review3 = mine.items[0]!.id;
  assert.equal(json<TaskList>(await rev2('GET', '/api/v1/tasks')).items[0]?.step, 'review');
  const toUnit = await rev2('POST', `/api/v1/tasks/${review3}/actions`, {
    action: 'transfer',
    data: { orgId: s.f.qingtianDept.id },
  });
  assert.equal(toUnit.statusCode, 200, toUnit.body);
  // Unit tasks go to that unit's staff holding task.handle (the clerk and the first reviewer).
  assert.equal(json<TaskList>(await rev('GET', '/api/v1/tasks')).total, 1);
  const pub = await s.app.inject({
    method: 'GET',
    url: `/api/v1/public/cases?number=${s.number}&queryCode=${s.queryCode}`,
  });
  assert.ok(!pub.body.includes('孙审查'), 'transfers are not shown publicly');
});

test('public lookup: wrong code or unknown number → 404; rate limited', async () => {
  const clock = fixedClock('2026-03-02T02:00:00Z');
  const t = await createTestApp({ config: { ...NO_2FA, ratePublicPerMinute: 3 }, clock });
  const f = await seedCaseFixture(t.ctx);
  const { case: c, queryCode } = await withTx(t.ctx.pool, async (tx) => {
    await createPublishedProcess(tx, {
      code: 'test.pub',
      name: '测试',
      caseType: 'test_licence',
      definition: standardLicenceDefinition(),
    });
    return openCase(tx, t.ctx, {
      caseType: 'test_licence',
      processCode: 'test.pub',
      orgId: f.qingtianDept.id,
      subject: '公共场所卫生许可',
      applicantName: '李四',
      withQueryCode: true,
      actorUserId: null,
    });
  });
  const get = (n: string, q: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/public/cases?number=${encodeURIComponent(n)}&queryCode=${encodeURIComponent(q)}`,
    });
  const ok = await get(c.number, queryCode as string);
  assert.equal(ok.statusCode, 200);
  const body = json<Record<string, unknown>>(ok);
  assert.equal(body.statusName, '办理中');
  assert.equal(body.caseTypeName, '行政许可（测试）');
  assert.equal(body.orgName, '青田县市场监督管理局');
  assert.ok(!ok.body.includes('李四'));
  assert.deepEqual(Object.keys(body).sort(), [
    'caseTypeName',
    'completedAt',
    'currentSteps',
    'legalDeadline',
    'number',
    'orgName',
    'outcome',
    'promisedDeadline',
    'receivedOn',
    'status',
    'statusName',
    'subject',
    'timeline',
  ]);
  const wrong = await get(
    c.number,
    (queryCode as string).replace(/^./, (x) => (x === 'A' ? 'B' : 'A')),
  );
  assert.equal(wrong.statusCode, 404);
  assert.equal(json<Err>(wrong).error.code, 'CASE_NOT_FOUND');
  assert.equal((await get('33112120260302999999', queryCode as string)).statusCode, 404);
  const limited = await get(c.number, queryCode as string);
  assert.equal(limited.statusCode, 429);
});
