// 行政许可法 Art. 32 with a fixed clock, across the 2026 National Day holiday. By hand from
// platform/calendar/cn-calendar-data.ts: 10-01…10-07 off, 09-20 (Sun) and 10-10 (Sat) worked.
//   Received Tue 09-29 → the 5 working days are 09-30, 10-08, 10-09, 10-10 (Sat, 调休), 10-12:
//   the correction notice is due by 10-12; on 10-13 the case counts as accepted on 09-29.
//   Clock from 09-29: promised 5 working days → 10-12; legal 10 → 10-13, 14, 15, 16, 19 → 10-19.
//   Accepted on Wed 09-30: promised 5 → 10-08, 09, 10, 12, 13 → 10-13; legal 10 → … 10-19, 10-20.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedClock } from '../../../platform/db/clock.ts';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { NO_2FA, TEST_PASSWORD } from '../../identity/testing.ts';
import { standardLicenceDefinition } from '../../workflow/index.ts';
import { sampleValues, seedLicensingFixture, submit, taskAt, upload } from '../testing.ts';
import { runAutoAcceptance } from './auto-accept.ts';

type Detail = {
  status: string;
  acceptedOn: string | null;
  autoAccepted: boolean;
  acceptanceDeadline: string | null;
  legalDeadline: string | null;
  promisedDeadline: string | null;
  deadlinesProjected: boolean;
  documents: { title: string }[];
  timeline: { title: string; comment: string | null }[];
};
type ErrorBody = { error: { code: string; message: string } };

/** 10:00 in Shanghai on `date`. */
const at = (date: string) => `${date}T02:00:00Z`;

test('Art. 32: no decision within 5 working days of receipt means accepted on the receipt date', async () => {
  const clock = fixedClock(at('2026-09-29'));
  const { app, ctx } = await createTestApp({ config: NO_2FA, clock });
  const f = await seedLicensingFixture(app, ctx, { definition: () => standardLicenceDefinition() });
  const s = f.citizen.session;
  const res = await submit(app, s, {
    itemId: f.item.id,
    form: sampleValues(f.citizen),
    materials: [{ materialId: f.item.materials[0]!.id, fileId: await upload(app, s) }],
  });
  assert.equal(res.statusCode, 201, res.body);
  const sub = json<{
    id: string;
    caseId: string;
    acceptanceDeadline: string;
    legalDeadline: string;
    promisedDeadline: string;
    deadlinesProjected: boolean;
  }>(res);
  assert.equal(sub.acceptanceDeadline, '2026-10-12');
  assert.equal(sub.promisedDeadline, '2026-10-12', 'projected as if accepted on the day of receipt');
  assert.equal(sub.legalDeadline, '2026-10-19');
  assert.equal(sub.deadlinesProjected, true);

  // The last day of the window: nothing happens yet, and correction is still possible.
  clock.set(at('2026-10-12'));
  assert.deepEqual(await runAutoAcceptance(ctx), []);
  // Sessions time out while the clock moves on: sign in again.
  const citizen = as(app, await login(app, f.citizen.username, TEST_PASSWORD));
  assert.equal(json<Detail>(await citizen('GET', `/api/v1/applications/${sub.id}`)).status, 'submitted');

  // The day after: too late to ask for correction, and the job accepts it.
  clock.set(at('2026-10-13'));
  const citizenLater = as(app, await login(app, f.citizen.username, TEST_PASSWORD));
  const clerkSession = await login(app, 'qt.clerk', TEST_PASSWORD);
  const task = await taskAt(app, clerkSession, sub.caseId, 'accept');
  const late = await as(app, clerkSession)('POST', `/api/v1/tasks/${task}/actions`, {
    action: 'request-correction',
    comment: '材料不全',
    data: { items: [{ name: '申请书', problem: '未签字' }] },
  });
  assert.equal(late.statusCode, 422, late.body);
  assert.equal(json<ErrorBody>(late).error.code, 'CORRECTION_TOO_LATE');
  assert.match(json<ErrorBody>(late).error.message, /第三十二条/);

  const accepted = await runAutoAcceptance(ctx);
  assert.deepEqual(accepted, [sub.id]);
  assert.deepEqual(await runAutoAcceptance(ctx), [], 'only once');

  const d = json<Detail>(await citizenLater('GET', `/api/v1/applications/${sub.id}`));
  assert.equal(d.status, 'processing');
  assert.equal(d.acceptedOn, '2026-09-29');
  assert.equal(d.autoAccepted, true);
  assert.equal(d.deadlinesProjected, false);
  assert.equal(d.promisedDeadline, '2026-10-12');
  assert.equal(d.legalDeadline, '2026-10-19');
  assert.ok(d.documents.some((x) => x.title === '受理通知书'));
  const entry = d.timeline.find((t) => t.title.includes('依法视为自 2026-09-29 起受理'));
  assert.ok(entry, 'the timeline explains the acceptance');
  assert.match(entry.comment ?? '', /行政许可法》第三十二条/);
  const row = await ctx.pool.query('SELECT clock_started_on FROM wf_case WHERE id = $1', [sub.caseId]);
  assert.equal(row.rows[0].clock_started_on, '2026-09-29');

  // The acceptance task is gone from the window's inbox.
  await assert.rejects(taskAt(app, clerkSession, sub.caseId, 'accept'));
});

test('after a correction the window restarts from the resubmission; accepted across the holiday', async () => {
  const clock = fixedClock(at('2026-09-28'));
  const { app, ctx } = await createTestApp({ config: NO_2FA, clock });
  const f = await seedLicensingFixture(app, ctx, { definition: () => standardLicenceDefinition() });
  const s = f.citizen.session;
  const mat = f.item.materials[0]!;
  const res = await submit(app, s, {
    itemId: f.item.id,
    form: sampleValues(f.citizen),
    materials: [{ materialId: mat.id, fileId: await upload(app, s) }],
  });
  const sub = json<{ id: string; caseId: string }>(res);
  const clerk = await login(app, 'qt.clerk', TEST_PASSWORD);
  const t1 = await taskAt(app, clerk, sub.caseId, 'accept');
  const corr = await as(app, clerk)('POST', `/api/v1/tasks/${t1}/actions`, {
    action: 'request-correction',
    comment: '请补正',
    data: { items: [{ materialId: mat.id, name: mat.name, problem: '未签字' }] },
  });
  assert.equal(corr.statusCode, 200, corr.body);

  // Resubmitted on Tue 09-29: a new window to 10-12 (not from 09-28).
  clock.set(at('2026-09-29'));
  const s2 = await login(app, f.citizen.username, TEST_PASSWORD);
  const r = await as(app, s2)('POST', `/api/v1/applications/${sub.id}/resubmit`, {
    materials: [{ materialId: mat.id, fileId: await upload(app, s2) }],
  });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(json<Detail>(r).acceptanceDeadline, '2026-10-12');

  // Accepted on Wed 09-30: the holiday and the make-up Saturday are counted right.
  clock.set(at('2026-09-30'));
  const clerk2 = await login(app, 'qt.clerk', TEST_PASSWORD);
  const t2 = await taskAt(app, clerk2, sub.caseId, 'accept');
  assert.equal(
    (await as(app, clerk2)('POST', `/api/v1/tasks/${t2}/actions`, { action: 'accept' })).statusCode,
    200,
  );
  const s3 = await login(app, f.citizen.username, TEST_PASSWORD);
  const d = json<Detail>(await as(app, s3)('GET', `/api/v1/applications/${sub.id}`));
  assert.equal(d.acceptedOn, '2026-09-30');
  assert.equal(d.autoAccepted, false);
  assert.equal(d.promisedDeadline, '2026-10-13');
  assert.equal(d.legalDeadline, '2026-10-20');
  clock.set(at('2026-10-20'));
  assert.deepEqual(await runAutoAcceptance(ctx), [], 'an accepted case is not accepted again');
});
