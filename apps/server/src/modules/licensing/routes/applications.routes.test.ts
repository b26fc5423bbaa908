// The whole licensing path through the HTTP API on a real database: a citizen applies with materials,
// the window asks for correction, the citizen resubmits, the case is accepted, reviewed in parallel
// by two departments, approved, and the licence and every document exist. Plus who may see what.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { makeStaff, NO_2FA, principalOf, TEST_PASSWORD } from '../../identity/testing.ts';
import { makeCitizen, sampleValues, seedLicensingFixture, submit, taskAt, upload } from '../testing.ts';

type Detail = {
  id: string;
  number: string;
  status: string;
  statusName: string;
  caseId: string;
  queryCode: string | null;
  legalDeadline: string | null;
  promisedDeadline: string | null;
  acceptedOn: string | null;
  deadlinesProjected: boolean;
  documents: { id: string; kind: string; title: string; number: string; url: string }[];
  timeline: { title: string; actorName: string | null }[];
  correction: {
    items: { materialId: string | null; name: string; problem: string }[];
    resolvedAt: string | null;
  } | null;
  materials: { materialId: string; files: { fileId: string; round: number }[] }[];
  licence: { number: string; status: string; verifyUrl: string; validUntil: string | null } | null;
  canRate: boolean;
  canResubmit: boolean;
  form: Record<string, unknown>;
};
type ErrorBody = { error: { code: string; details: { field: string; message: string }[] } };

test('apply, correct, resubmit, accept, parallel review, approve: licence and documents', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedLicensingFixture(app, ctx);
  const citizen = as(app, f.citizen.session);
  const [form, rules] = f.item.materials;
  assert.ok(form && rules);

  const first = await upload(app, f.citizen.session, '申请书.pdf');
  const res = await submit(app, f.citizen.session, {
    itemId: f.item.id,
    form: sampleValues(f.citizen),
    materials: [{ materialId: form.id, fileId: first }],
  });
  assert.equal(res.statusCode, 201, res.body);
  const submitted = json<{
    id: string;
    number: string;
    queryCode: string;
    status: string;
    caseId: string;
    legalDeadline: string;
    promisedDeadline: string;
  }>(res);
  assert.match(submitted.number, /^331121\d{8}\d{6}$/);
  assert.match(submitted.queryCode, /^[0-9A-Z]{8}$/);
  assert.equal(submitted.status, 'submitted');
  assert.ok(submitted.legalDeadline && submitted.promisedDeadline);

  let detail = json<Detail>(await citizen('GET', `/api/v1/applications/${submitted.id}`));
  assert.equal(detail.statusName, '待受理');
  assert.equal(detail.queryCode, submitted.queryCode);
  assert.deepEqual(
    detail.documents.map((d) => d.title),
    ['接收回执'],
  );
  const receipt = await citizen('GET', detail.documents[0]!.url);
  assert.equal(receipt.statusCode, 200);
  assert.equal(receipt.headers['content-type'], 'application/pdf');
  assert.equal(receipt.rawPayload.subarray(0, 5).toString(), '%PDF-');

  // The public lookup answers with the number and query code on the receipt.
  const lookup = await app.inject({
    method: 'GET',
    url: `/api/v1/public/cases?number=${submitted.number}&queryCode=${submitted.queryCode}`,
  });
  assert.equal(lookup.statusCode, 200, lookup.body);
  assert.doesNotMatch(lookup.body, /张三/);

  // 一次性告知: every defective material at once.
  const clerk = as(app, await login(app, 'qt.clerk', TEST_PASSWORD));
  const acceptTask = await taskAt(
    app,
    await login(app, 'qt.clerk', TEST_PASSWORD),
    submitted.caseId,
    'accept',
  );
  const badItems = await clerk('POST', `/api/v1/tasks/${acceptTask}/actions`, {
    action: 'request-correction',
    comment: '请补正',
    data: {
      items: [{ materialId: '01900000-0000-7000-8000-00000000beef', name: '伪造材料', problem: '无' }],
    },
  });
  assert.equal(badItems.statusCode, 422, badItems.body);
  assert.equal(json<ErrorBody>(badItems).error.details[0]?.field, 'data.items[0].materialId');
  const empty = await clerk('POST', `/api/v1/tasks/${acceptTask}/actions`, {
    action: 'request-correction',
    comment: '请补正',
    data: { items: [] },
  });
  assert.equal(empty.statusCode, 422);
  const corr = await clerk('POST', `/api/v1/tasks/${acceptTask}/actions`, {
    action: 'request-correction',
    comment: '材料不齐全',
    data: {
      items: [
        { materialId: form.id, name: form.name, problem: '申请书未签字，请签字后重新上传' },
        { name: '经营场所平面图', problem: '缺少经营场所平面布局图' },
      ],
    },
  });
  assert.equal(corr.statusCode, 200, corr.body);
  detail = json<Detail>(await citizen('GET', `/api/v1/applications/${submitted.id}`));
  assert.equal(detail.status, 'correction');
  assert.equal(detail.statusName, '待补正');
  assert.equal(detail.canResubmit, true);
  assert.equal(detail.correction?.items.length, 2);
  assert.ok(detail.documents.some((d) => d.title === '一次性告知书'));

  // The defective material must come again; the old file alone is not a correction.
  const stale = await citizen('POST', `/api/v1/applications/${submitted.id}/resubmit`, {
    materials: [{ materialId: rules.id, fileId: await upload(app, f.citizen.session, '制度.pdf') }],
  });
  assert.equal(stale.statusCode, 422, stale.body);
  assert.ok(json<ErrorBody>(stale).error.details.some((d) => d.field === `materials.${form.id}`));
  const second = await upload(app, f.citizen.session, '申请书（已签字）.pdf');
  const resub = await citizen('POST', `/api/v1/applications/${submitted.id}/resubmit`, {
    materials: [{ materialId: form.id, fileId: second }],
  });
  assert.equal(resub.statusCode, 200, resub.body);
  detail = json<Detail>(resub);
  assert.equal(detail.status, 'submitted');
  assert.ok(detail.correction?.resolvedAt);
  assert.deepEqual(
    detail.materials.find((m) => m.materialId === form.id)?.files.map((x) => [x.fileId, x.round]),
    [[second, 2]],
  );
  const again = await citizen('POST', `/api/v1/applications/${submitted.id}/resubmit`, {
    materials: [{ materialId: form.id, fileId: await upload(app, f.citizen.session) }],
  });
  assert.equal(again.statusCode, 409, 'not in correction any more');

  // 受理.
  const clerkSession = await login(app, 'qt.clerk', TEST_PASSWORD);
  const accept2 = await taskAt(app, clerkSession, submitted.caseId, 'accept');
  assert.equal(
    (await clerk('POST', `/api/v1/tasks/${accept2}/actions`, { action: 'accept' })).statusCode,
    200,
  );
  detail = json<Detail>(await citizen('GET', `/api/v1/applications/${submitted.id}`));
  assert.equal(detail.status, 'processing');
  assert.equal(detail.statusName, '办理中');
  assert.ok(detail.acceptedOn);
  assert.equal(detail.deadlinesProjected, false);
  assert.ok(detail.legalDeadline);
  assert.ok(detail.documents.some((d) => d.title === '受理通知书'));

  // 并联审查 by both departments.
  const revA = await login(app, 'qt.reviewer', TEST_PASSWORD);
  const revB = await login(app, 'ld.reviewer', TEST_PASSWORD);
  const taskA = await taskAt(app, revA, submitted.caseId, 'review_a');
  const taskB = await taskAt(app, revB, submitted.caseId, 'review_b');
  // The second department's reviewer sees the application it reviews.
  assert.equal((await as(app, revB)('GET', `/api/v1/applications/${submitted.id}`)).statusCode, 200);
  assert.equal(
    (await as(app, revA)('POST', `/api/v1/tasks/${taskA}/actions`, { action: 'approve' })).statusCode,
    200,
  );
  assert.equal(
    (await as(app, revB)('POST', `/api/v1/tasks/${taskB}/actions`, { action: 'approve' })).statusCode,
    200,
  );

  // 审批决定: approve; a second click on the same task changes nothing.
  const chief = await login(app, 'qt.chief', TEST_PASSWORD);
  const decide = await taskAt(app, chief, submitted.caseId, 'decide');
  const [one, two] = await Promise.all([
    as(app, chief)('POST', `/api/v1/tasks/${decide}/actions`, { action: 'approve' }),
    as(app, chief)('POST', `/api/v1/tasks/${decide}/actions`, { action: 'approve' }),
  ]);
  assert.deepEqual([one.statusCode, two.statusCode].sort(), [200, 409]);
  const third = await as(app, chief)('POST', `/api/v1/tasks/${decide}/actions`, { action: 'approve' });
  assert.equal(third.statusCode, 409);

  detail = json<Detail>(await citizen('GET', `/api/v1/applications/${submitted.id}`));
  assert.equal(detail.status, 'approved');
  assert.equal(detail.statusName, '准予许可');
  assert.ok(detail.licence, 'an electronic licence was issued');
  assert.match(detail.licence.number, /^XK331121\d{10}$/);
  assert.equal(detail.licence.status, 'valid');
  assert.ok(detail.licence.validUntil, 'five years for 食品经营许可证');
  assert.deepEqual(
    detail.documents.map((d) => d.title),
    ['接收回执', '一次性告知书', '受理通知书', '准予行政许可决定书'],
  );
  assert.equal(detail.canRate, true);
  assert.equal(
    (
      await app.inject({
        method: 'GET',
        url: new URL(detail.licence.verifyUrl).pathname + new URL(detail.licence.verifyUrl).search,
      })
    ).statusCode,
    200,
  );
  const licences = await ctx.pool.query(
    'SELECT count(*)::int AS n FROM lic_document WHERE application_id = $1',
    [submitted.id],
  );
  assert.equal(licences.rows[0].n, 4);
  // The applicant sees public timeline entries and no civil servant's name.
  assert.ok(detail.timeline.length > 5);
  assert.ok(detail.timeline.every((t) => t.actorName === null));

  // Only once: a single licence for the case.
  const issued = await ctx.pool.query('SELECT count(*)::int AS n FROM lic_licence WHERE case_id = $1', [
    submitted.caseId,
  ]);
  assert.equal(issued.rows[0].n, 1);
});

test('another applicant and staff of another county get 404', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedLicensingFixture(app, ctx);
  const mat = f.item.materials[0]!;
  const res = await submit(app, f.citizen.session, {
    itemId: f.item.id,
    form: sampleValues(f.citizen),
    materials: [{ materialId: mat.id, fileId: await upload(app, f.citizen.session) }],
  });
  assert.equal(res.statusCode, 201, res.body);
  const { id, queryCode } = json<{ id: string; queryCode: string }>(res);
  const doc = json<Detail>(await as(app, f.citizen.session)('GET', `/api/v1/applications/${id}`))
    .documents[0]!;
  // The receipt's PDF is rendered at its first download, not by a job; its stored text holds no query code.
  await ctx.jobs.drain();
  const before = await ctx.pool.query('SELECT file_id, content FROM lic_document WHERE id = $1', [doc.id]);
  assert.equal(before.rows[0].file_id, null, 'no PDF rendered before anyone asks for it');
  assert.ok(!JSON.stringify(before.rows[0].content).includes(queryCode));
  const pdf = await as(app, f.citizen.session)('GET', doc.url);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  const after = await ctx.pool.query('SELECT file_id FROM lic_document WHERE id = $1', [doc.id]);
  assert.ok(after.rows[0].file_id, 'rendered once, kept for the next download');
  const again = await as(app, f.citizen.session)('GET', doc.url);
  assert.ok(again.rawPayload.equals(pdf.rawPayload), 'the same file ever after');

  const other = await makeCitizen(app, ctx, 'li.si', '李四', '13857810002');
  const o = as(app, other.session);
  assert.equal((await o('GET', `/api/v1/applications/${id}`)).statusCode, 404);
  assert.equal((await o('GET', doc.url)).statusCode, 404);
  assert.equal((await o('POST', `/api/v1/applications/${id}/withdraw`, {})).statusCode, 404);
  assert.equal((await o('POST', `/api/v1/applications/${id}/resubmit`, { form: {} })).statusCode, 404);
  const otherList = json<{ items: unknown[] }>(await o('GET', '/api/v1/applications'));
  assert.equal(otherList.items.length, 0);

  // A window officer of 莲都区 holds case.read, but not over 青田县.
  const root = await principalOf(ctx, f.platformAdmin.id);
  await makeStaff(ctx, root, {
    username: 'ld.clerk',
    orgId: f.lianduDept.id,
    roles: [{ code: 'window', scope: 'org', scopeOrgId: f.liandu.id }],
  });
  const ld = as(app, await login(app, 'ld.clerk', TEST_PASSWORD));
  assert.equal((await ld('GET', `/api/v1/applications/${id}`)).statusCode, 404);
  assert.equal((await ld('GET', doc.url)).statusCode, 404);
  assert.equal(
    (
      await ld('POST', `/api/v1/applications/${id}/payments`, {
        amountFen: 100,
        method: 'cash',
        reference: 'X1',
      })
    ).statusCode,
    404,
  );

  // The unit's own window officer reads it; the read is audited.
  const clerk = as(app, await login(app, 'qt.clerk', TEST_PASSWORD));
  const seen = await clerk('GET', `/api/v1/applications/${id}`);
  assert.equal(seen.statusCode, 200);
  assert.equal(json<Detail>(seen).queryCode, null, 'the query code is the applicant’s alone');
  assert.equal(json<Detail>(seen).form.idNumber, f.citizen.idNumber);
  const audit = await ctx.pool.query(
    `SELECT count(*)::int AS n FROM aud_entry WHERE action = 'application.read' AND object_id = $1`,
    [id],
  );
  assert.equal(audit.rows[0].n, 1);

  // Staff cannot submit; signed-out callers cannot read.
  const asStaff = await submit(app, await login(app, 'qt.clerk', TEST_PASSWORD), {
    itemId: f.item.id,
    form: {},
    materials: [],
  });
  assert.equal(asStaff.statusCode, 403);
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/applications/${id}` })).statusCode, 401);
});

test('withdrawal before a decision cancels the case; not after', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedLicensingFixture(app, ctx);
  const mat = f.item.materials[0]!;
  const res = await submit(app, f.citizen.session, {
    itemId: f.item.id,
    form: sampleValues(f.citizen),
    materials: [{ materialId: mat.id, fileId: await upload(app, f.citizen.session) }],
  });
  const { id, caseId } = json<{ id: string; caseId: string }>(res);
  const citizen = as(app, f.citizen.session);
  const w = await citizen('POST', `/api/v1/applications/${id}/withdraw`, {
    reason: '信息填写有误，重新申请',
  });
  assert.equal(w.statusCode, 200, w.body);
  assert.equal(json<Detail>(w).statusName, '已撤回');
  const c = await ctx.pool.query('SELECT status FROM wf_case WHERE id = $1', [caseId]);
  assert.equal(c.rows[0].status, 'cancelled');
  const tasks = await ctx.pool.query(
    `SELECT count(*)::int AS n FROM wf_task WHERE case_id = $1 AND status = 'open'`,
    [caseId],
  );
  assert.equal(tasks.rows[0].n, 0);
  assert.equal(
    (await citizen('POST', `/api/v1/applications/${id}/withdraw`)).statusCode,
    409,
    'no body is fine',
  );
});
