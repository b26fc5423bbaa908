// 一单式收费: a fee wait step issues one payment notice computed from the item's fee standards; only
// staff with fee.record over the unit record the payment, of exactly the amount due; then the case
// moves on. An item that charges nothing passes the wait by itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { NO_2FA, TEST_PASSWORD } from '../../identity/testing.ts';
import { standardLicenceDefinition } from '../../workflow/index.ts';
import { seedLicensingFixture, submitSample, taskAt } from '../testing.ts';

type Fees = {
  status: string;
  statusName: string;
  totalFen: number;
  standardFen: number;
  totalText: string;
  lines: { name: string; amountFen: number }[];
  payments: { amountFen: number; method: string; reference: string }[];
};
type ErrorBody = { error: { code: string; details: { field: string }[] } };

async function toFeeStep(opts: { fees: unknown[]; copies?: number }) {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedLicensingFixture(app, ctx, {
    definition: () => standardLicenceDefinition({ fee: true }),
    item: { fees: opts.fees as never },
  });
  const sub = await submitSample(app, f, opts.copies === undefined ? {} : { copies: opts.copies });
  const clerk = await login(app, 'qt.clerk', TEST_PASSWORD);
  const t1 = await taskAt(app, clerk, sub.caseId, 'accept');
  assert.equal(
    (await as(app, clerk)('POST', `/api/v1/tasks/${t1}/actions`, { action: 'accept' })).statusCode,
    200,
  );
  const rev = await login(app, 'qt.reviewer', TEST_PASSWORD);
  const t2 = await taskAt(app, rev, sub.caseId, 'review');
  assert.equal(
    (await as(app, rev)('POST', `/api/v1/tasks/${t2}/actions`, { action: 'approve' })).statusCode,
    200,
  );
  return { app, ctx, f, sub, clerk, rev };
}

test('the fee step issues one notice; only fee.record staff record exactly the amount due', async () => {
  const { app, ctx, f, sub, clerk, rev } = await toFeeStep({
    copies: 2,
    fees: [
      {
        name: '证书工本费',
        standard: '每证 10 元',
        basis: '浙价费〔2020〕101号',
        rule: { mode: 'fixed', amountFen: 1000 },
      },
      {
        name: '加发证书工本费',
        standard: '每份 5 元',
        basis: '浙价费〔2020〕101号',
        rule: { mode: 'per_unit', unitFen: 500, quantityField: 'copies', unitName: '份' },
      },
    ],
  });
  const citizen = as(app, f.citizen.session);
  const detail = json<{ status: string; statusName: string; documents: { title: string }[] }>(
    await citizen('GET', `/api/v1/applications/${sub.id}`),
  );
  assert.equal(detail.status, 'fee_due');
  assert.equal(detail.statusName, '待缴费');
  assert.ok(detail.documents.some((d) => d.title === '缴费通知书'));
  const fees = json<Fees>(await citizen('GET', `/api/v1/applications/${sub.id}/fees`));
  assert.equal(fees.totalFen, 2000);
  assert.equal(fees.standardFen, 2000);
  assert.equal(fees.totalText, '贰拾元整');
  assert.deepEqual(
    fees.lines.map((l) => [l.name, l.amountFen]),
    [
      ['证书工本费', 1000],
      ['加发证书工本费', 1000],
    ],
  );

  const pay = (who: ReturnType<typeof as>, body: unknown) =>
    who('POST', `/api/v1/applications/${sub.id}/payments`, body);
  assert.equal((await pay(citizen, { amountFen: 2000, method: 'cash', reference: 'A1' })).statusCode, 403);
  assert.equal(
    (await pay(as(app, rev), { amountFen: 2000, method: 'cash', reference: 'A1' })).statusCode,
    403,
  );
  const wrong = await pay(as(app, clerk), { amountFen: 1500, method: 'cash', reference: 'NO.0001' });
  assert.equal(wrong.statusCode, 422);
  assert.equal(json<ErrorBody>(wrong).error.code, 'FEE_AMOUNT_MISMATCH');
  assert.equal(json<ErrorBody>(wrong).error.details[0]?.field, 'amountFen');
  const badType = await pay(as(app, clerk), { amountFen: '2000', method: 'cash', reference: 'NO.0001' });
  assert.equal(badType.statusCode, 400);
  const badMethod = await pay(as(app, clerk), { amountFen: 2000, method: 'wechat', reference: 'NO.0001' });
  assert.equal(badMethod.statusCode, 400);
  // Nothing moved: still waiting, no payment stored.
  const still = await ctx.pool.query('SELECT count(*)::int AS n FROM lic_payment');
  assert.equal(still.rows[0].n, 0);

  const ok = await pay(as(app, clerk), { amountFen: 2000, method: 'pos', reference: 'POS-20261124-0001' });
  assert.equal(ok.statusCode, 201, ok.body);
  const paid = json<Fees>(ok);
  assert.equal(paid.status, 'paid');
  assert.deepEqual(
    paid.payments.map((p) => [p.amountFen, p.method, p.reference]),
    [[2000, 'pos', 'POS-20261124-0001']],
  );
  const twice = await pay(as(app, clerk), { amountFen: 2000, method: 'pos', reference: 'POS-2' });
  assert.equal(twice.statusCode, 409);

  const after = json<{ status: string }>(await citizen('GET', `/api/v1/applications/${sub.id}`));
  assert.equal(after.status, 'processing');
  const chief = await login(app, 'qt.chief', TEST_PASSWORD);
  assert.ok(await taskAt(app, chief, sub.caseId, 'decide'), 'the decision step is open after payment');
  const ev = await ctx.pool.query(`SELECT payload FROM platform_event WHERE type = 'licensing.fee_paid'`);
  assert.equal(ev.rows.length, 1);
  assert.equal(ev.rows[0].payload.amountFen, 2000);
  assert.equal(ev.rows[0].payload.standardFen, 2000);
});

test('an item that charges nothing passes the fee step without a payment', async () => {
  const { app, ctx, f, sub } = await toFeeStep({ fees: [] });
  const citizen = as(app, f.citizen.session);
  const fees = json<Fees>(await citizen('GET', `/api/v1/applications/${sub.id}/fees`));
  assert.equal(fees.status, 'waived');
  assert.equal(fees.totalFen, 0);
  await ctx.jobs.drain();
  const chief = await login(app, 'qt.chief', TEST_PASSWORD);
  assert.ok(await taskAt(app, chief, sub.caseId, 'decide'));
  const d = json<{ status: string; documents: { title: string }[] }>(
    await citizen('GET', `/api/v1/applications/${sub.id}`),
  );
  assert.equal(d.status, 'processing');
  assert.ok(!d.documents.some((x) => x.title === '缴费通知书'), 'no payment notice for nothing');
  // No online channel is connected by default.
  assert.deepEqual(json(await citizen('GET', '/api/v1/payment-channels')), { items: [] });
  const order = await citizen('POST', `/api/v1/applications/${sub.id}/payment-orders`, {
    channel: 'unionpay',
  });
  assert.equal(order.statusCode, 404);
});
