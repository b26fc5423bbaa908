// Supervise orders (督办): a supervisor issues one on a case in scope, the unit's head replies, the
// supervisor sends it back once and then closes it; the supervised case's timeline records it for
// staff only. Bad input and other counties' cases change nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedClock } from '../../platform/db/clock.ts';
import { many, one, withTx } from '../../platform/db/pool.ts';
import { as, createTestApp, json, login, type Session, type TestApp } from '../../testing/harness.ts';
import { makeStaff, principalOf } from '../identity/testing.ts';
import {
  actOnTaskAsSystem,
  createPublishedProcess,
  openCase,
  openTasksOf,
  standardLicenceDefinition,
} from '../workflow/index.ts';
import { type CaseFixture, seedCaseFixture } from '../workflow/testing.ts';

const clock = fixedClock('2026-12-01T10:00:00+08:00');
let t: TestApp;
let f: CaseFixture;
let sup: Session;
let qtSup: Session;
let chief: Session;
let qtCase: { id: string; number: string };
let ldCase: { id: string; number: string };

async function openAccepted(orgId: string, subject: string) {
  return withTx(t.ctx.pool, async (tx) => {
    const { case: c } = await openCase(tx, t.ctx, {
      caseType: 'sup_order_test',
      processCode: 'sup.order.test',
      orgId,
      subject,
      legal: { days: 20, unit: 'working' },
      promised: { days: 10, unit: 'working' },
      withQueryCode: true,
      actorUserId: null,
    });
    const [task] = await openTasksOf(tx, c.id);
    await actOnTaskAsSystem(tx, t.ctx, (task as { id: string }).id, { action: 'accept' });
    return { id: c.id, number: c.number };
  });
}

// One app for the file (created at the top level, so the harness closes it after every test).
t = await createTestApp({ clock });
f = await seedCaseFixture(t.ctx);
const root = await principalOf(t.ctx, f.platformAdmin.id);
const city = await makeStaff(t.ctx, root, {
  username: 'city.jiancha',
  displayName: '市监察员',
  orgId: f.city.id,
  roles: [{ code: 'supervisor', scope: 'org', scopeOrgId: f.city.id }],
});
const county = await makeStaff(t.ctx, root, {
  username: 'qt.jiancha',
  displayName: '青田监察员',
  orgId: f.qingtianDept.id,
  roles: [{ code: 'supervisor', scope: 'org', scopeOrgId: f.qingtian.id }],
});
await withTx(t.ctx.pool, (tx) =>
  createPublishedProcess(tx, {
    code: 'sup.order.test',
    name: '督办测试流程',
    caseType: 'sup_order_test',
    definition: standardLicenceDefinition(),
  }),
);
qtCase = await openAccepted(f.qingtianDept.id, '食品经营许可（督办样例）');
ldCase = await openAccepted(f.lianduDept.id, '养老机构备案（莲都）');
sup = await login(t.app, city.username, f.password);
qtSup = await login(t.app, county.username, f.password);
chief = await login(t.app, f.chief.username, f.password);

test('a county supervisor cannot supervise another county; bad input is refused and writes nothing', async () => {
  const s = as(t.app, qtSup);
  const other = await s('POST', '/api/v1/supervision/orders', {
    caseId: ldCase.id,
    deadline: '2026-12-08',
    content: '请说明办理进度',
  });
  assert.equal(other.statusCode, 404);
  const past = await s('POST', '/api/v1/supervision/orders', {
    caseId: qtCase.id,
    deadline: '2026-12-01',
    content: '请说明办理进度',
  });
  assert.equal(past.statusCode, 422);
  assert.equal(json<{ error: { details: { field: string }[] } }>(past).error.details[0]?.field, 'deadline');
  const blank = await s('POST', '/api/v1/supervision/orders', {
    caseId: qtCase.id,
    deadline: '2026-12-08',
    content: '  ',
  });
  assert.equal(blank.statusCode, 422);
  const extra = await s('POST', '/api/v1/supervision/orders', {
    caseId: qtCase.id,
    deadline: '2026-12-08',
    content: '请说明',
    level: 'red',
  });
  assert.equal(extra.statusCode, 400);
  const forged = await s('POST', '/api/v1/supervision/orders', {
    caseId: '01900000-0000-7000-8000-00000000dead',
    deadline: '2026-12-08',
    content: '请说明',
  });
  assert.equal(forged.statusCode, 404);
  // The unit's head may reply to orders but not issue them.
  const byChief = await as(t.app, chief)('POST', '/api/v1/supervision/orders', {
    caseId: qtCase.id,
    deadline: '2026-12-08',
    content: '请说明',
  });
  assert.equal(byChief.statusCode, 403);
  assert.equal((await many(t.ctx.pool, 'SELECT 1 FROM sup_order')).length, 0);
});

test('issue, reply, send back, reply again, close', async () => {
  const s = as(t.app, sup);
  const res = await s('POST', '/api/v1/supervision/orders', {
    caseId: qtCase.id,
    deadline: '2026-12-08',
    content: '该办件审查环节进展缓慢，请于期限内说明原因并加快办理。',
  });
  assert.equal(res.statusCode, 201, res.body);
  const order = json<{ id: string; status: string; orderCaseId: string; orgName: string; deadline: string }>(
    res,
  );
  assert.equal(order.status, 'open');
  assert.equal(order.orgName, '青田县市场监督管理局');
  // The order is a case on the engine: 5 working days to 12-08.
  const oc = await one<{ case_type: string; legal_deadline: string; promised_deadline: string }>(
    t.ctx.pool,
    'SELECT case_type, legal_deadline, promised_deadline FROM wf_case WHERE id = $1',
    [order.orderCaseId],
  );
  assert.deepEqual(oc, {
    case_type: 'supervision_order',
    legal_deadline: '2026-12-08',
    promised_deadline: '2026-12-08',
  });
  const dup = await s('POST', '/api/v1/supervision/orders', {
    caseId: qtCase.id,
    deadline: '2026-12-09',
    content: '再次督办',
  });
  assert.equal(dup.statusCode, 409);

  // The unit's head finds it in the task inbox and replies; a reply without text is refused.
  const c = as(t.app, chief);
  const tasks = json<{ items: { caseId: string; step: string }[] }>(await c('GET', '/api/v1/tasks'));
  assert.ok(tasks.items.some((x) => x.caseId === order.orderCaseId && x.step === 'respond'));
  const empty = await c('POST', `/api/v1/supervision/orders/${order.id}/actions`, { action: 'reply' });
  assert.equal(empty.statusCode, 422);
  const early = await s('POST', `/api/v1/supervision/orders/${order.id}/actions`, { action: 'close' });
  assert.equal(early.statusCode, 422, 'nothing to close before the reply');
  const reply = await c('POST', `/api/v1/supervision/orders/${order.id}/actions`, {
    action: 'reply',
    comment: '已督促审查人员加快办理，预计 12 月 4 日前作出决定。',
  });
  assert.equal(reply.statusCode, 200, reply.body);
  assert.equal(json<{ status: string }>(reply).status, 'replied');

  const back = await s('POST', `/api/v1/supervision/orders/${order.id}/actions`, {
    action: 'reject',
    comment: '请说明进展缓慢的具体原因。',
  });
  assert.equal(back.statusCode, 200, back.body);
  assert.equal(json<{ status: string }>(back).status, 'open');
  const again = await c('POST', `/api/v1/supervision/orders/${order.id}/actions`, {
    action: 'reply',
    comment: '原因为申请材料需现场核查，已安排 12 月 3 日核查。',
  });
  assert.equal(json<{ status: string }>(again).status, 'replied');
  const closed = await s('POST', `/api/v1/supervision/orders/${order.id}/actions`, { action: 'close' });
  assert.equal(closed.statusCode, 200, closed.body);
  const done = json<{ status: string; closedByName: string | null; reply: string }>(closed);
  assert.equal(done.status, 'closed');
  assert.equal(done.closedByName, '市监察员');
  assert.match(done.reply, /现场核查/);
  const late = await c('POST', `/api/v1/supervision/orders/${order.id}/actions`, {
    action: 'reply',
    comment: '补充',
  });
  assert.equal(late.statusCode, 409);

  // Lists and detail.
  const list = json<{ items: { id: string; status: string }[]; total: number }>(
    await s('GET', '/api/v1/supervision/orders?status=closed'),
  );
  assert.deepEqual(
    list.items.map((x) => x.id),
    [order.id],
  );
  const detail = json<{ timeline: { title: string }[]; actions: unknown[] }>(
    await s('GET', `/api/v1/supervision/orders/${order.id}`),
  );
  assert.ok(detail.timeline.length >= 4);
  assert.deepEqual(detail.actions, []);
  assert.equal(
    (await as(t.app, qtSup)('GET', `/api/v1/supervision/orders?orgId=${f.lianduDept.id}`)).statusCode,
    404,
  );

  // The supervised case shows the order, the replies and the closing to staff, not on the public lookup.
  const timeline = await many<{ kind: string; public: boolean }>(
    t.ctx.pool,
    `SELECT kind, public FROM wf_case_event WHERE case_id = $1 AND kind LIKE 'supervision.%' ORDER BY seq`,
    [qtCase.id],
  );
  assert.deepEqual(
    timeline.map((e) => e.kind),
    [
      'supervision.order',
      'supervision.reply',
      'supervision.reply_returned',
      'supervision.reply',
      'supervision.closed',
    ],
  );
  assert.ok(timeline.every((e) => !e.public));
});
