// Refusals carry reasons and remedies: 不予受理 at acceptance, 不予许可 at the decision; and the
// documents' small print (remedies naming the item's 复议机关, amounts in 大写, validity periods).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { NO_2FA, TEST_PASSWORD } from '../../identity/testing.ts';
import { standardLicenceDefinition } from '../../workflow/index.ts';
import { validityEnd } from '../licensing.case-type.ts';
import { remediesSentence, rmbUpper } from '../licensing.documents.ts';
import { actAt, seedLicensingFixture, submitSample, taskAt } from '../testing.ts';

type Detail = {
  status: string;
  statusName: string;
  decisionReason: string | null;
  documents: { kind: string; title: string; number: string }[];
  licence: unknown;
  canRate: boolean;
  canWithdraw: boolean;
};

test('不予受理 needs a reason and ends the case with a decision carrying remedies', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedLicensingFixture(app, ctx, { definition: () => standardLicenceDefinition() });
  const s = f.citizen.session;
  const sub = await submitSample(app, f);
  const clerk = await login(app, 'qt.clerk', TEST_PASSWORD);
  const task = await taskAt(app, clerk, sub.caseId, 'accept');
  const noReason = await as(app, clerk)('POST', `/api/v1/tasks/${task}/actions`, {
    action: 'reject',
    comment: '  ',
  });
  assert.equal(noReason.statusCode, 422);
  const wrongAction = await as(app, clerk)('POST', `/api/v1/tasks/${task}/actions`, { action: 'approve' });
  assert.equal(wrongAction.statusCode, 422, 'approve is not an action of the acceptance step');
  const ok = await as(app, clerk)('POST', `/api/v1/tasks/${task}/actions`, {
    action: 'reject',
    comment: '申请事项依法不需要取得行政许可',
  });
  assert.equal(ok.statusCode, 200, ok.body);
  const d = json<Detail>(await as(app, s)('GET', `/api/v1/applications/${sub.id}`));
  assert.equal(d.status, 'not_accepted');
  assert.equal(d.statusName, '不予受理');
  assert.equal(d.decisionReason, '申请事项依法不需要取得行政许可');
  assert.equal(d.canWithdraw, false);
  const doc = d.documents.find((x) => x.kind === 'rejection');
  assert.equal(doc?.title, '不予受理决定书');
  assert.match(doc?.number ?? '', /^许不受〔\d{4}〕1号$/);
  assert.equal(d.licence, null);
});

test('不予许可 at the decision: reasons and remedies, no licence', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedLicensingFixture(app, ctx, { definition: () => standardLicenceDefinition() });
  const s = f.citizen.session;
  const sub = await submitSample(app, f);
  await actAt(app, 'qt.clerk', sub.caseId, 'accept', { action: 'accept' });
  await actAt(app, 'qt.reviewer', sub.caseId, 'review', { action: 'approve' });
  await actAt(app, 'qt.chief', sub.caseId, 'decide', {
    action: 'deny',
    comment: '现场核查发现经营场所与生活区未有效隔离',
  });
  const d = json<Detail>(await as(app, s)('GET', `/api/v1/applications/${sub.id}`));
  assert.equal(d.status, 'denied');
  assert.equal(d.statusName, '不予许可');
  assert.equal(d.decisionReason, '现场核查发现经营场所与生活区未有效隔离');
  assert.ok(d.documents.some((x) => x.title === '不予行政许可决定书'));
  assert.equal(d.licence, null);
  assert.equal(d.canRate, true, 'a refused applicant rates the service too');
  const licences = await ctx.pool.query('SELECT count(*)::int AS n FROM lic_licence');
  assert.equal(licences.rows[0].n, 0);
  const inbox = await ctx.pool.query(
    `SELECT title FROM platform_inbox WHERE user_id = $1 ORDER BY created_at`,
    [f.citizen.id],
  );
  assert.ok(inbox.rows.some((r) => String(r.title).startsWith('不予许可')));
});

test('remedies name the item’s reconsideration body; amounts and validity are written out', () => {
  assert.match(
    remediesSentence({
      remedies: { reconsideration: { body: '丽水市人民政府' }, litigation: { body: '莲都区人民法院' } },
    }),
    /六十日内向丽水市人民政府申请行政复议.*六个月内向莲都区人民法院提起行政诉讼/,
  );
  assert.match(remediesSentence({}), /依法申请行政复议或者提起行政诉讼的权利/);
  assert.equal(rmbUpper(2000), '贰拾元整');
  assert.equal(rmbUpper(12345), '壹佰贰拾叁元肆角伍分');
  assert.equal(rmbUpper(100005), '壹仟元零伍分');
  assert.equal(rmbUpper(10000000), '壹拾万元整');
  assert.equal(rmbUpper(1000100), '壹万零壹元整');
  assert.equal(validityEnd('2026-11-24', 5), '2031-11-23');
  assert.equal(validityEnd('2028-02-29', 1), '2029-02-28');
});
