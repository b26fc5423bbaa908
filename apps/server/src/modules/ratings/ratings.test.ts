// 好差评: who may rate what and when, the rectification case a bad rating opens (with its limit,
// follow-up and feedback to the rater), staff scope, and the published results without rater data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemActor } from '../../platform/audit/audit.ts';
import { as, json, login } from '../../testing/harness.ts';
import { makeStaff, principalOf, TEST_PASSWORD } from '../identity/testing.ts';
import { actOnTask, getCase, openTasksOf } from '../workflow/index.ts';
import { ratingSetup } from './testing.ts';

// The case fixture, three citizens and a one-step process (ratings/testing.ts).
const setup = () => ratingSetup();

type RatingBody = {
  id: string;
  score: number;
  levelName: string;
  bad: boolean;
  orgName: string;
  indicators: Record<string, number | null>;
  rectification: null | {
    caseId: string;
    caseNumber: string;
    status: string;
    deadline: string;
    note: string | null;
  };
};
type ErrorBody = { error: { code: string; details: { field: string }[] } };

test('only the applicant rates, only after completion, only once', async () => {
  const s = await setup();
  const done = await s.newCase(0);
  const running = await s.newCase(0, { complete: false });
  const c1 = as(s.app, await login(s.app, 'citizen1', TEST_PASSWORD));
  const c2 = as(s.app, await login(s.app, 'citizen2', TEST_PASSWORD));
  const clerk = as(s.app, await login(s.app, 'qt.clerk', TEST_PASSWORD));

  assert.equal(
    (await s.app.inject({ method: 'POST', url: '/api/v1/ratings', payload: { caseId: done.id, score: 5 } }))
      .statusCode,
    401,
  );
  const notDone = await c1('POST', '/api/v1/ratings', { caseId: running.id, score: 5 });
  assert.equal(notDone.statusCode, 409);
  assert.equal(json<ErrorBody>(notDone).error.code, 'CASE_NOT_COMPLETED');
  const stranger = await c2('POST', '/api/v1/ratings', { caseId: done.id, score: 1, comment: '冒名差评' });
  assert.equal(stranger.statusCode, 404, 'another applicant cannot learn the case exists');
  assert.equal((await clerk('POST', '/api/v1/ratings', { caseId: done.id, score: 5 })).statusCode, 404);
  assert.equal(
    (await c1('POST', '/api/v1/ratings', { caseId: '01900000-0000-7000-8000-0000000000aa', score: 5 }))
      .statusCode,
    404,
  );

  for (const bad of [
    { caseId: done.id, score: 0 },
    { caseId: done.id, score: 6 },
    { caseId: done.id, score: '5' },
    { caseId: done.id, score: 3.5 },
    { caseId: done.id, score: 4, comment: '好'.repeat(501) },
    { caseId: done.id, score: 4, indicators: { efficiency: 9 } },
    { caseId: done.id, score: 4, indicators: { speed: 5 } },
    { caseId: done.id, score: 4, rater: 'x' },
    { caseId: 'not-a-uuid', score: 4 },
  ]) {
    const r = await c1('POST', '/api/v1/ratings', bad);
    assert.equal(r.statusCode, 400, JSON.stringify(bad));
  }

  const ok = await c1('POST', '/api/v1/ratings', {
    caseId: done.id,
    score: 4,
    comment: '<script>alert(1)</script>窗口办理很快',
    indicators: { efficiency: 5, guideAccuracy: 4, convenience: 4, usability: 3 },
  });
  assert.equal(ok.statusCode, 201, ok.body);
  const r = json<RatingBody>(ok);
  assert.equal(r.levelName, '满意');
  assert.equal(r.bad, false);
  assert.equal(r.rectification, null);
  assert.deepEqual(r.indicators, { efficiency: 5, guideAccuracy: 4, convenience: 4, usability: 3 });
  assert.equal(r.orgName, '青田县市场监督管理局');

  const again = await c1('POST', '/api/v1/ratings', { caseId: done.id, score: 1 });
  assert.equal(again.statusCode, 409);
  assert.equal(json<ErrorBody>(again).error.code, 'ALREADY_RATED');
  const rows = await s.ctx.pool.query('SELECT score FROM rtg_rating');
  assert.deepEqual(
    rows.rows.map((x) => x.score),
    [4],
  );

  // A double click: two submissions at once, exactly one wins.
  const other = await s.newCase(1);
  const c2b = as(s.app, await login(s.app, 'citizen2', TEST_PASSWORD));
  const both = await Promise.all([
    c2b('POST', '/api/v1/ratings', { caseId: other.id, score: 5 }),
    c2b('POST', '/api/v1/ratings', { caseId: other.id, score: 5 }),
  ]);
  assert.deepEqual(both.map((x) => x.statusCode).sort(), [201, 409]);
});

test('a bad rating opens a rectification case for the unit; follow-up confirms it and the rater is told', async () => {
  const s = await setup();
  const rated = await s.newCase(0);
  const c1 = as(s.app, await login(s.app, 'citizen1', TEST_PASSWORD));
  const res = await c1('POST', '/api/v1/ratings', {
    caseId: rated.id,
    score: 2,
    comment: '材料要求与办事指南不一致，跑了两趟',
  });
  assert.equal(res.statusCode, 201, res.body);
  const rating = json<RatingBody>(res);
  assert.equal(rating.levelName, '不满意');
  assert.equal(rating.bad, true);
  assert.equal(rating.rectification?.status, 'open');
  // 15 working days counted from the day after the rating (2026-11-24, a Tuesday).
  assert.equal(rating.rectification?.deadline, '2026-12-15');

  const rc = (await getCase(s.ctx.pool, rating.rectification!.caseId))!;
  assert.equal(rc.caseType, 'rectification');
  assert.equal(rc.orgId, s.f.qingtianDept.id);
  assert.equal(rc.applicantUserId, null, 'the rater is not named on the rectification case');
  assert.equal(rc.clockStartedOn, '2026-11-24');
  assert.equal(rc.legalDeadline, '2026-12-15');
  assert.equal(rc.data.comment, '材料要求与办事指南不一致，跑了两趟');

  const chief = await principalOf(s.ctx, s.f.chief.id);
  const clerk = await principalOf(s.ctx, s.f.clerk.id);
  const actor = { ...systemActor, userId: s.f.chief.id, name: '陈局长' };
  const taskOf = async () => (await openTasksOf(s.ctx.pool, rc.id))[0]!;

  let task = await taskOf();
  assert.equal(task.stepKey, 'rectify');
  assert.equal(task.roleCode, 'approver');
  // Only the unit's approver may act; a comment is required.
  await assert.rejects(
    actOnTask(s.ctx, clerk, task.id, { action: 'submit', comment: '已整改' }, actor),
    /TASK_NOT_FOUND/,
  );
  await assert.rejects(actOnTask(s.ctx, chief, task.id, { action: 'submit' }, actor), /COMMENT_REQUIRED/);
  await actOnTask(
    s.ctx,
    chief,
    task.id,
    { action: 'submit', comment: '已更新办事指南材料清单，并对窗口人员开展培训' },
    actor,
  );
  task = await taskOf();
  assert.equal(task.stepKey, 'followup');
  await actOnTask(
    s.ctx,
    chief,
    task.id,
    { action: 'reopen', comment: '回访时申请人反映仍需补充说明' },
    actor,
  );
  task = await taskOf();
  assert.equal(task.stepKey, 'rectify');
  await actOnTask(s.ctx, chief, task.id, { action: 'submit', comment: '已在办事指南中补充材料样表' }, actor);
  task = await taskOf();
  await actOnTask(
    s.ctx,
    chief,
    task.id,
    { action: 'confirm', comment: '电话回访，申请人认可整改结果' },
    actor,
  );

  const finished = (await getCase(s.ctx.pool, rc.id))!;
  assert.equal(finished.status, 'completed');
  assert.equal(finished.outcome, 'rectified');
  const row = (await s.ctx.pool.query('SELECT * FROM rtg_rating WHERE id = $1', [rating.id])).rows[0];
  assert.equal(row.rectification_status, 'rectified');
  assert.equal(row.rectification_note, '整改情况：已在办事指南中补充材料样表');
  assert.equal(row.followup_note, '电话回访，申请人认可整改结果');
  const inbox = await s.ctx.pool.query('SELECT title, body FROM platform_inbox WHERE user_id = $1', [
    s.citizens[0],
  ]);
  const msg = inbox.rows.find((m) => String(m.title).includes('整改反馈'));
  assert.ok(msg, 'the rater is told');
  assert.match(String(msg.body), /已在办事指南中补充材料样表/);
  assert.match(String(msg.body), /电话回访/);

  // Staff list shows the rectification state, never who rated.
  const chiefHttp = as(s.app, await login(s.app, 'qt.chief', TEST_PASSWORD));
  const list = await chiefHttp('GET', '/api/v1/ratings?bad=true');
  assert.equal(list.statusCode, 200, list.body);
  const lb = json<{ items: RatingBody[]; total: number }>(list);
  assert.equal(lb.total, 1);
  assert.equal(lb.items[0]?.rectification?.status, 'rectified');
  assert.ok(!list.body.includes(s.citizens[0]!));
  assert.ok(!list.body.includes('张晓燕'));
});

test('staff see ratings in scope; results are published per unit without rater data', async () => {
  const s = await setup();
  const root = await principalOf(s.ctx, s.f.platformAdmin.id);
  await makeStaff(s.ctx, root, {
    username: 'ld.window',
    orgId: s.f.lianduDept.id,
    roles: [{ code: 'window', scope: 'org', scopeOrgId: s.f.lianduDept.id }],
  });
  // ld.chief (approver of 莲都区) comes with the set-up.
  await makeStaff(s.ctx, root, {
    username: 'city.jiancha',
    orgId: s.f.city.id,
    roles: [{ code: 'supervisor' }],
  });

  const rate = async (i: number, score: number, orgId?: string) => {
    const c = await s.newCase(i, orgId ? { orgId } : {});
    const api = as(s.app, await login(s.app, `citizen${i + 1}`, TEST_PASSWORD));
    const r = await api('POST', '/api/v1/ratings', { caseId: c.id, score, comment: `评价人${i + 1}的意见` });
    assert.equal(r.statusCode, 201, r.body);
  };
  await rate(0, 5);
  await rate(1, 3);
  await rate(2, 1);
  await rate(0, 4, s.f.lianduDept.id);

  const pub = await s.app.inject({ method: 'GET', url: '/api/v1/public/ratings/units?period=2026-11' });
  assert.equal(pub.statusCode, 200, pub.body);
  const body = json<{
    periodName: string;
    total: { count: number; badCount: number };
    items: {
      orgName: string;
      count: number;
      satisfactionRate: number;
      satisfactionText: string;
      badCount: number;
      rectifiedCount: number;
    }[];
  }>(pub);
  assert.equal(body.periodName, '2026年11月');
  assert.equal(body.total.count, 4);
  assert.equal(body.total.badCount, 1);
  assert.deepEqual(
    body.items.map((i) => [i.orgName, i.count, i.satisfactionRate, i.badCount, i.rectifiedCount]),
    [
      ['莲都区民政局', 1, 1, 0, 0],
      ['青田县市场监督管理局', 3, 0.6667, 1, 0],
    ],
  );
  assert.equal(body.items[1]?.satisfactionText, '66.7%');
  for (const secret of ['的意见', '张晓燕', ...s.citizens]) assert.ok(!pub.body.includes(secret), secret);
  assert.equal(
    json<{ total: { count: number } }>(
      await s.app.inject({ method: 'GET', url: '/api/v1/public/ratings/units?period=2026-10' }),
    ).total.count,
    0,
  );
  assert.equal(
    json<{ total: { count: number } }>(
      await s.app.inject({ method: 'GET', url: '/api/v1/public/ratings/units?period=2026' }),
    ).total.count,
    4,
  );
  assert.equal(
    (await s.app.inject({ method: 'GET', url: '/api/v1/public/ratings/units?period=2026-13' })).statusCode,
    400,
  );
  assert.equal(
    (await s.app.inject({ method: 'GET', url: '/api/v1/public/ratings/units?period=abc' })).statusCode,
    400,
  );

  const page = await s.app.inject({ method: 'GET', url: '/ratings?period=2026-11' });
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes('青田县市场监督管理局'));
  assert.ok(page.body.includes('66.7%'));
  assert.ok(!page.body.includes('的意见'));
  assert.ok(!page.body.includes('张晓燕'));
  // A period that is not one shows the current month, without running anything from the address.
  const fallback = await s.app.inject({
    method: 'GET',
    url: `/ratings?period=${encodeURIComponent('<script>')}`,
  });
  assert.equal(fallback.statusCode, 200);
  assert.ok(!fallback.body.includes('<script>'));
  assert.match(fallback.body, /<option value="2026-11" selected>2026年11月<\/option>/);
  assert.ok(fallback.body.includes('66.7%'), 'the current month’s results');

  const qt = as(s.app, await login(s.app, 'qt.chief', TEST_PASSWORD));
  const ld = as(s.app, await login(s.app, 'ld.chief', TEST_PASSWORD));
  const sup = as(s.app, await login(s.app, 'city.jiancha', TEST_PASSWORD));
  const reviewer = as(s.app, await login(s.app, 'qt.reviewer', TEST_PASSWORD));
  assert.equal(json<{ total: number }>(await qt('GET', '/api/v1/ratings')).total, 3);
  assert.equal(json<{ total: number }>(await ld('GET', '/api/v1/ratings')).total, 1);
  assert.equal(json<{ total: number }>(await sup('GET', '/api/v1/ratings?period=2026-11')).total, 4);
  assert.equal(
    json<{ total: number }>(await qt(`GET`, `/api/v1/ratings?orgId=${s.f.lianduDept.id}`)).total,
    0,
  );
  assert.equal(json<{ total: number }>(await sup('GET', '/api/v1/ratings?rectification=open')).total, 1);
  assert.equal(json<{ total: number }>(await sup('GET', '/api/v1/ratings?score=1')).total, 1);
  assert.equal(
    json<{ total: number }>(await sup('GET', `/api/v1/ratings?q=${encodeURIComponent('个体工商户')}`)).total,
    4,
  );
  assert.equal(
    json<{ total: number }>(await sup('GET', '/api/v1/ratings?q=%25')).total,
    0,
    'LIKE wildcards are literal',
  );
  assert.equal((await sup('GET', '/api/v1/ratings?score=7')).statusCode, 400);
  assert.equal((await reviewer('GET', '/api/v1/ratings')).statusCode, 403);
  const c1 = as(s.app, await login(s.app, 'citizen1', TEST_PASSWORD));
  assert.equal((await c1('GET', '/api/v1/ratings')).statusCode, 403);
});
