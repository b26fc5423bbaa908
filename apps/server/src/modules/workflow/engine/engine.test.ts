// The engine called directly, as other modules call it: opening cases, signals, joins, versions,
// hooks and events.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemActor } from '../../../platform/audit/audit.ts';
import { fixedClock } from '../../../platform/db/clock.ts';
import { many, one, withTx } from '../../../platform/db/pool.ts';
import { createTestApp } from '../../../testing/harness.ts';
import { NO_2FA, principalOf } from '../../identity/testing.ts';
import {
  actOnTask,
  actOnTaskAsSystem,
  type CaseRecord,
  caseTimeline,
  createPublishedProcess,
  ensureProcess,
  getCase,
  openCase,
  openTasksOf,
  recomputeDeadlines,
  registerCaseType,
  signalCase,
  startClock,
} from '../index.ts';
import { parallelLicenceDefinition, seedCaseFixture, standardLicenceDefinition } from '../testing.ts';
import { RECOMPUTED_TITLE } from './recompute.ts';

const actor = { ...systemActor, name: '测试' };

test('a case number follows the pattern with the region code of the nearest region; query code is stored hashed', async () => {
  const clock = fixedClock('2026-03-02T02:00:00Z');
  const { ctx } = await createTestApp({ config: NO_2FA, clock });
  const f = await seedCaseFixture(ctx);
  await withTx(ctx.pool, (tx) =>
    createPublishedProcess(tx, {
      code: 'lic.std',
      name: '标准许可',
      caseType: 'test_licence',
      definition: standardLicenceDefinition(),
    }),
  );
  const open = () =>
    withTx(ctx.pool, (tx) =>
      openCase(tx, ctx, {
        caseType: 'test_licence',
        processCode: 'lic.std',
        orgId: f.qingtianDept.id,
        subject: '食品经营许可（新办）',
        applicantName: '青田县某某餐饮店',
        withQueryCode: true,
        legal: { days: 20, unit: 'working' },
        actorUserId: null,
      }),
    );
  const a = await open();
  const b = await open();
  assert.equal(a.case.number, '33112120260302000001');
  assert.equal(b.case.number, '33112120260302000002');
  assert.match(a.queryCode ?? '', /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
  const row = await one<{ query_code_hash: string; query_code_enc: string }>(
    ctx.pool,
    'SELECT query_code_hash, query_code_enc FROM wf_case WHERE id = $1',
    [a.case.id],
  );
  assert.notEqual(row.query_code_hash, a.queryCode);
  assert.equal(row.query_code_hash, ctx.pii.blindIndex('case-query', a.queryCode as string));
  assert.equal(ctx.pii.decrypt(row.query_code_enc), a.queryCode);
  assert.equal(a.case.status, 'open');
  assert.deepEqual(a.case.currentSteps, [{ key: 'accept', name: '受理' }]);
  assert.equal(a.case.legalDeadline, null, 'the clock starts at acceptance');
  const tasks = await openTasksOf(ctx.pool, a.case.id);
  assert.equal(tasks.length, 1);
  assert.equal(tasks[0]?.roleCode, 'window');
  assert.equal(tasks[0]?.orgId, f.qingtianDept.id);
  assert.equal(tasks[0]?.dueDate, '2026-03-09', '5 working days from Monday 2026-03-02');
  const tl = await caseTimeline(ctx.pool, a.case.id);
  assert.equal(tl[0]?.title, '收件');
  const events = await many<{ type: string }>(
    ctx.pool,
    `SELECT type FROM platform_event WHERE aggregate_id = $1 ORDER BY occurred_at, id`,
    [a.case.id],
  );
  assert.deepEqual(
    events.map((e) => e.type),
    ['case.opened', 'task.opened'],
  );
});

test('signals release waits; unexpected signals are refused; hooks run in order; process versions stick', async () => {
  const clock = fixedClock('2026-03-02T02:00:00Z');
  const { ctx } = await createTestApp({ config: NO_2FA, clock });
  const f = await seedCaseFixture(ctx);
  const calls: string[] = [];
  registerCaseType({
    type: 'hooked',
    name: '测试办件',
    async beforeAction(_tx, _ctx, a) {
      calls.push(`before:${a.task.stepKey}:${a.action.key}`);
      if (a.data.refuse) throw new Error('refused by hook');
    },
    async afterAction(_tx, _ctx, a) {
      calls.push(`after:${a.action.key}:${a.enteredSteps.join('+')}`);
    },
    async onStepEntered(_tx, _ctx, _c, step) {
      calls.push(`enter:${step.key}`);
    },
    async onCompleted(_tx, _ctx, c, outcome) {
      calls.push(`completed:${c.number}:${outcome}`);
    },
  });
  const id1 = await ensureProcess(ctx.pool, {
    code: 'hooked.std',
    name: '测试流程',
    caseType: 'hooked',
    definition: standardLicenceDefinition(),
  });
  assert.equal(
    await ensureProcess(ctx.pool, {
      code: 'hooked.std',
      name: 'x',
      caseType: 'hooked',
      definition: standardLicenceDefinition(),
    }),
    id1,
  );

  const opened = await withTx(ctx.pool, (tx) =>
    openCase(tx, ctx, {
      caseType: 'hooked',
      processCode: 'hooked.std',
      orgId: f.qingtianDept.id,
      subject: '测试',
      actorUserId: null,
      legal: { days: 20, unit: 'working' },
    }),
  );
  const caseId = opened.case.id;
  const clerk = await principalOf(ctx, f.clerk.id);
  const [accept] = await openTasksOf(ctx.pool, caseId);

  await assert.rejects(
    withTx(ctx.pool, (tx) => signalCase(tx, ctx, caseId, 'applicant.resubmitted', { actorUserId: null })),
    (e: { code?: string }) => e.code === 'SIGNAL_NOT_EXPECTED',
  );
  await assert.rejects(
    actOnTask(ctx, clerk, accept!.id, { action: 'accept', data: { refuse: true } }, actor),
    /refused by hook/,
  );
  assert.equal(
    (await getCase(ctx.pool, caseId))?.clockStartedOn,
    null,
    'a refusing hook rolls the action back',
  );

  const corrected = await actOnTask(
    ctx,
    clerk,
    accept!.id,
    { action: 'request-correction', comment: '缺少营业执照复印件' },
    actor,
  );
  assert.equal(corrected.case.status, 'paused');
  assert.deepEqual(corrected.case.currentSteps, [{ key: 'await_correction', name: '等待申请人补正' }]);

  // A new version is published meanwhile: the running case keeps version 1.
  const procId = id1;
  const v2def = standardLicenceDefinition();
  v2def.steps.find((s) => s.key === 'accept')!.name = '窗口受理（第二版）';
  await ctx.pool.query(`UPDATE wf_process_version SET status = 'retired' WHERE process_id = $1`, [procId]);
  await ctx.pool.query(
    `INSERT INTO wf_process_version (id, process_id, version, status, definition, published_at)
     VALUES (gen_random_uuid(), $1, 2, 'published', $2, now())`,
    [procId, JSON.stringify(v2def)],
  );

  clock.set('2026-03-04T02:00:00Z');
  const resumed = await withTx(ctx.pool, (tx) =>
    signalCase(tx, ctx, caseId, 'applicant.resubmitted', { actorUserId: null, comment: '已补交' }),
  );
  assert.equal(resumed.status, 'open');
  assert.deepEqual(resumed.currentSteps, [{ key: 'accept', name: '受理' }], 'still version 1 step names');
  const [accept2] = await openTasksOf(ctx.pool, caseId);
  assert.equal(accept2?.dueDate, '2026-03-11', 'the reopened acceptance task counts from its own opening');

  // Art. 32: the system accepts and the clock counts from the receipt date.
  await withTx(ctx.pool, async (tx) => {
    await startClock(tx, ctx, caseId, '2026-03-02');
    await actOnTaskAsSystem(tx, ctx, accept2!.id, {
      action: 'accept',
      comment: '逾期未作出受理决定，自收到申请之日起即为受理',
    });
  });
  const c = (await getCase(ctx.pool, caseId)) as CaseRecord;
  assert.equal(c.clockStartedOn, '2026-03-02');
  assert.equal(c.legalDeadline, '2026-03-30', '20 working days after 2026-03-02');
  assert.deepEqual(calls.slice(0, 8), [
    'enter:accept',
    'before:accept:accept',
    'before:accept:request-correction',
    'enter:await_correction',
    'after:request-correction:await_correction',
    'enter:accept',
    'before:accept:accept',
    'enter:review',
  ]);
  assert.equal(calls.at(-1), 'after:accept:review');

  const newCase = await withTx(ctx.pool, (tx) =>
    openCase(tx, ctx, {
      caseType: 'hooked',
      processCode: 'hooked.std',
      orgId: f.qingtianDept.id,
      subject: '新',
      actorUserId: null,
    }),
  );
  assert.deepEqual(
    newCase.case.currentSteps,
    [{ key: 'accept', name: '窗口受理（第二版）' }],
    'new cases start on version 2',
  );
});

test('或签: the first agreeing branch passes the join and withdraws the other branch', async () => {
  const clock = fixedClock('2026-03-02T02:00:00Z');
  const { ctx } = await createTestApp({ config: NO_2FA, clock });
  const f = await seedCaseFixture(ctx);
  await withTx(ctx.pool, (tx) =>
    createPublishedProcess(tx, {
      code: 'lic.any',
      name: '或签',
      caseType: 'test_licence',
      definition: parallelLicenceDefinition(f.qingtianDept.id, f.lianduDept.id, 'any'),
    }),
  );
  const { case: c0 } = await withTx(ctx.pool, (tx) =>
    openCase(tx, ctx, {
      caseType: 'test_licence',
      processCode: 'lic.any',
      orgId: f.qingtianDept.id,
      subject: '或签',
      actorUserId: null,
    }),
  );
  const [accept] = await openTasksOf(ctx.pool, c0.id);
  await actOnTask(ctx, await principalOf(ctx, f.clerk.id), accept!.id, { action: 'accept' }, actor);
  const branches = await openTasksOf(ctx.pool, c0.id);
  assert.deepEqual(branches.map((t) => t.stepKey).sort(), ['review_a', 'review_b']);
  const b = branches.find((t) => t.stepKey === 'review_b')!;
  const a = branches.find((t) => t.stepKey === 'review_a')!;
  assert.equal(b.orgId, f.lianduDept.id);
  const after = await actOnTask(
    ctx,
    await principalOf(ctx, f.reviewerB.id),
    b.id,
    { action: 'approve' },
    actor,
  );
  assert.deepEqual(after.case.currentSteps, [{ key: 'decide', name: '审批决定' }]);
  const st = await one<{ status: string }>(ctx.pool, 'SELECT status FROM wf_task WHERE id = $1', [a.id]);
  assert.equal(st.status, 'cancelled');
  await assert.rejects(
    actOnTask(ctx, await principalOf(ctx, f.reviewerA.id), a.id, { action: 'approve' }, actor),
    (e: { code?: string }) => e.code === 'TASK_ALREADY_HANDLED',
  );
  const tl = await caseTimeline(ctx.pool, c0.id);
  assert.ok(tl.some((e) => e.title === '汇总审查意见：或签通过'));
});

test('a deadline reaching a year without a published notice is computed provisionally and marked; beyond the provisional table it is still refused', async () => {
  const clock = fixedClock('2026-12-28T02:00:00Z');
  const { ctx } = await createTestApp({ config: NO_2FA, clock });
  const f = await seedCaseFixture(ctx);
  await withTx(ctx.pool, (tx) =>
    createPublishedProcess(tx, {
      code: 'lic.late',
      name: '年底',
      caseType: 'test_licence',
      definition: standardLicenceDefinition(),
    }),
  );
  const open = (clockStartsOn: string) =>
    withTx(ctx.pool, (tx) =>
      openCase(tx, ctx, {
        caseType: 'test_licence',
        processCode: 'lic.late',
        orgId: f.qingtianDept.id,
        subject: '年底收件',
        legal: { days: 20, unit: 'working' },
        clockStartsOn,
        actorUserId: null,
      }),
    );
  const { case: c } = await open('2026-12-21');
  // 12-22..25 (4), 12-28..31 (8), 01-01 元旦 provisionally off, 01-04..08 (13), 01-11..15 (18), 01-18, 01-19.
  assert.equal(c.legalDeadline, '2027-01-19');
  assert.equal(c.warnOn, '2027-01-13', '16 of 20 working days');
  assert.equal(c.deadlineProvisional, true);
  const [task] = await openTasksOf(ctx.pool, c.id);
  assert.equal(task?.dueDate, '2027-01-05', '5 working days from 12-28, skipping 01-01');
  assert.equal(task?.deadlineProvisional, true);
  const row = await one<{ deadline_provisional: boolean; deadline_from: string }>(
    ctx.pool,
    'SELECT t.deadline_provisional, t.deadline_from FROM wf_task t WHERE t.id = $1',
    [task?.id],
  );
  assert.deepEqual(row, { deadline_provisional: true, deadline_from: '2026-12-28' });

  // 2029 is beyond the provisional table: refused as before, and nothing is written.
  await assert.rejects(
    open('2028-12-20'),
    (e: { code?: string; status?: number; userMessage?: string }) =>
      e.code === 'CALENDAR_YEAR_MISSING' && e.status === 422 && /2029年/.test(e.userMessage ?? ''),
  );
  const n = await one<{ n: number }>(ctx.pool, 'SELECT count(*) AS n FROM wf_case');
  assert.equal(n.n, 1);
});

test('publishing the notice of a provisional year recomputes the deadlines that relied on it', async () => {
  const clock = fixedClock('2026-12-28T02:00:00Z');
  const { ctx } = await createTestApp({ config: NO_2FA, clock });
  const f = await seedCaseFixture(ctx);
  await withTx(ctx.pool, (tx) =>
    createPublishedProcess(tx, {
      code: 'lic.recompute',
      name: '重新计算',
      caseType: 'test_licence',
      definition: standardLicenceDefinition(),
    }),
  );
  const open = (clockStartsOn: string, legalDays: number) =>
    withTx(ctx.pool, (tx) =>
      openCase(tx, ctx, {
        caseType: 'test_licence',
        processCode: 'lic.recompute',
        orgId: f.qingtianDept.id,
        subject: '期限重算',
        legal: { days: legalDays, unit: 'working' },
        clockStartsOn,
        actorUserId: null,
      }),
    );
  const { case: across } = await open('2026-12-21', 20);
  const { case: within } = await open('2026-11-02', 10);
  assert.equal(across.legalDeadline, '2027-01-19');
  assert.equal(across.deadlineProvisional, true);
  assert.equal(within.legalDeadline, '2026-11-16');
  assert.equal(within.deadlineProvisional, false);
  await ctx.jobs.drain(); // the events of opening the cases
  const versionOf = async (id: string) =>
    (await one<{ v: number }>(ctx.pool, 'SELECT row_version AS v FROM wf_case WHERE id = $1', [id])).v;
  const withinVersion = await versionOf(within.id);

  // The 2027 notice arrives, with a (made-up) holiday on the provisional deadline day.
  await withTx(ctx.pool, (tx) =>
    ctx.calendar.saveYear(
      tx,
      2027,
      '国务院办公厅关于2027年部分节假日安排的通知（测试）',
      [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-19', kind: 'holiday', name: '测试假日' },
      ],
      { events: ctx.events },
    ),
  );
  assert.equal((await getCase(ctx.pool, across.id))?.legalDeadline, '2027-01-19', 'not before the job ran');
  await ctx.jobs.drain();

  const after = (await getCase(ctx.pool, across.id)) as CaseRecord;
  assert.equal(after.legalDeadline, '2027-01-20', 'the new holiday moves the deadline by a day');
  assert.equal(after.deadlineProvisional, false);
  assert.equal(after.warnOn, '2027-01-13');
  const [task] = await openTasksOf(ctx.pool, across.id);
  assert.equal(task?.dueDate, '2027-01-05');
  assert.equal(task?.deadlineProvisional, false, 'unchanged date, but no longer provisional');
  const tl = await caseTimeline(ctx.pool, across.id);
  const entry = tl.find((e) => e.title === RECOMPUTED_TITLE);
  assert.ok(entry, 'timeline entry written');
  assert.equal(entry.public, false);
  assert.match(entry.comment ?? '', /2027-01-19 → 2027-01-20/);
  const publicTl = await caseTimeline(ctx.pool, across.id, { publicOnly: true });
  assert.ok(!publicTl.some((e) => e.title === RECOMPUTED_TITLE));
  const events = await many<{ payload: { moved: boolean } }>(
    ctx.pool,
    `SELECT payload FROM platform_event WHERE type = 'case.deadlines_recomputed' AND aggregate_id = $1`,
    [across.id],
  );
  assert.deepEqual(
    events.map((e) => e.payload.moved),
    [true],
  );

  // The case entirely in 2026 was not touched; running again changes nothing.
  assert.equal(await versionOf(within.id), withinVersion);
  assert.equal(tl.filter((e) => e.title === RECOMPUTED_TITLE).length, 1);
  assert.deepEqual(await recomputeDeadlines(ctx), {
    casesChanged: 0,
    casesMoved: 0,
    tasksChanged: 0,
    skipped: 0,
  });
});

test('an upgrade that changes a built-in process publishes it as a new version, unless an administrator published their own', async () => {
  const { ctx } = await createTestApp({ config: NO_2FA });
  const versions = (code: string) =>
    many<{ version: number; status: string; steps: string[] }>(
      ctx.pool,
      `SELECT v.version, v.status, ARRAY(SELECT jsonb_array_elements(v.definition->'steps')->>'key') AS steps
       FROM wf_process_version v JOIN wf_process p ON p.id = v.process_id WHERE p.code = $1 ORDER BY v.version`,
      [code],
    );
  const ensure = (code: string, definition: ReturnType<typeof standardLicenceDefinition>) =>
    ensureProcess(ctx.pool, { code, name: '内置流程', caseType: 'builtin', definition });
  const f = await seedCaseFixture(ctx);
  const std = standardLicenceDefinition();
  const par = parallelLicenceDefinition(f.qingtianDept.id, f.lianduDept.id, 'all');
  const id = await ensure('builtin.a', std);
  await ensure('builtin.a', std);
  assert.deepEqual(
    (await versions('builtin.a')).map((v) => [v.version, v.status]),
    [[1, 'published']],
    'the same definition again changes nothing',
  );
  // The platform ships a changed definition: version 2 is published, version 1 retired.
  const results = await Promise.all([ensure('builtin.a', par), ensure('builtin.a', par)]);
  assert.deepEqual(results, [id, id]);
  const after = await versions('builtin.a');
  assert.deepEqual(
    after.map((v) => [v.version, v.status]),
    [
      [1, 'retired'],
      [2, 'published'],
    ],
    'two processes starting at once upgrade once',
  );
  assert.deepEqual(
    after[1]?.steps,
    par.steps.map((s) => s.key),
  );

  // An administrator's own published version is never replaced by the shipped one.
  await ensure('builtin.b', std);
  await ctx.pool.query(
    `UPDATE wf_process_version v SET published_by = $2, note = '管理员发布'
     FROM wf_process p WHERE p.id = v.process_id AND p.code = $1`,
    ['builtin.b', f.clerk.id],
  );
  await ensure('builtin.b', par);
  assert.deepEqual(
    (await versions('builtin.b')).map((v) => [v.version, v.status]),
    [[1, 'published']],
  );
});
