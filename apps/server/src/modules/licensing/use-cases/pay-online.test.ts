// Online payment through a registered channel. The platform ships none; this test registers a channel
// that signs its notifications with HMAC-SHA256, as real channels sign theirs, to check the platform's
// side: orders, signature checks by the adapter, exactly-once settlement, the case moving on.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, test } from 'node:test';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { NO_2FA, TEST_PASSWORD } from '../../identity/testing.ts';
import { standardLicenceDefinition } from '../../workflow/index.ts';
import { clearPaymentAdapters, type PaymentAdapter, registerPaymentAdapter } from '../payment-adapters.ts';
import { actAt, seedLicensingFixture, submitSample, taskAt } from '../testing.ts';

const SECRET = 'channel-shared-secret';
const paid = new Map<string, { amountFen: number; reference: string }>();

const channel: PaymentAdapter = {
  code: 'testpay',
  name: '测试支付渠道',
  async createOrder(req) {
    return {
      externalId: `EXT-${req.orderId.slice(-8)}`,
      payUrl: `https://pay.example/cashier/${req.orderId}`,
    };
  },
  async queryOrder(orderId) {
    const p = paid.get(orderId);
    return p
      ? { status: 'paid', amountFen: p.amountFen, reference: p.reference }
      : { status: 'created', amountFen: null, reference: null };
  },
  async verifyNotification(n) {
    const sig = n.headers['x-signature'];
    const want = createHmac('sha256', SECRET).update(n.rawBody).digest('hex');
    if (sig !== want) return null;
    const body = JSON.parse(n.rawBody) as { orderId: string; amountFen: number; tradeNo: string };
    return { orderId: body.orderId, amountFen: body.amountFen, reference: body.tradeNo };
  },
};

after(() => clearPaymentAdapters());

test('an order paid through a registered channel settles the notice once and moves the case on', async () => {
  registerPaymentAdapter(channel);
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedLicensingFixture(app, ctx, {
    definition: () => standardLicenceDefinition({ fee: true }),
    item: {
      fees: [
        {
          name: '证书工本费',
          standard: '每证 10 元',
          basis: '浙价费〔2020〕101号',
          rule: { mode: 'fixed', amountFen: 1000 },
        },
      ],
    },
  });
  const s = f.citizen.session;
  const sub = await submitSample(app, f);
  await actAt(app, 'qt.clerk', sub.caseId, 'accept', { action: 'accept' });
  await actAt(app, 'qt.reviewer', sub.caseId, 'review', { action: 'approve' });
  const me = as(app, s);
  assert.deepEqual(json(await me('GET', '/api/v1/payment-channels')), {
    items: [{ code: 'testpay', name: '测试支付渠道' }],
  });
  assert.equal(
    (await me('POST', `/api/v1/applications/${sub.id}/payment-orders`, { channel: 'other' })).statusCode,
    404,
  );
  const created = await me('POST', `/api/v1/applications/${sub.id}/payment-orders`, { channel: 'testpay' });
  assert.equal(created.statusCode, 201, created.body);
  const order = json<{ orderId: string; amountFen: number; payUrl: string; status: string }>(created);
  assert.equal(order.amountFen, 1000);
  assert.match(order.payUrl, /^https:\/\/pay\.example\/cashier\//);

  // Not paid yet at the channel: the refresh leaves it open.
  const early = await me(
    'POST',
    `/api/v1/applications/${sub.id}/payment-orders/${order.orderId}/refresh`,
    {},
  );
  assert.equal(json<{ status: string }>(early).status, 'created');

  const notify = (body: object, signature?: string) => {
    const raw = JSON.stringify(body);
    return app.inject({
      method: 'POST',
      url: '/api/v1/payment-channels/testpay/notifications',
      headers: {
        'content-type': 'application/json',
        'x-signature': signature ?? createHmac('sha256', SECRET).update(raw).digest('hex'),
      },
      payload: raw,
    });
  };
  const forged = await notify({ orderId: order.orderId, amountFen: 1000, tradeNo: 'T1' }, 'bad');
  assert.equal(forged.statusCode, 400);
  const short = await notify({ orderId: order.orderId, amountFen: 100, tradeNo: 'T1' });
  assert.equal(short.statusCode, 422, 'an amount other than the amount due is refused');
  const ok = await notify({ orderId: order.orderId, amountFen: 1000, tradeNo: 'T20261124001' });
  assert.equal(ok.statusCode, 200, ok.body);
  const repeat = await notify({ orderId: order.orderId, amountFen: 1000, tradeNo: 'T20261124001' });
  assert.equal(repeat.statusCode, 200, 'a repeated notification is answered and changes nothing');

  const fees = json<{ status: string; payments: { method: string; reference: string }[] }>(
    await me('GET', `/api/v1/applications/${sub.id}/fees`),
  );
  assert.equal(fees.status, 'paid');
  assert.deepEqual(
    fees.payments.map((p) => [p.method, p.reference]),
    [['online', 'T20261124001']],
  );
  const chief = await login(app, 'qt.chief', TEST_PASSWORD);
  assert.ok(await taskAt(app, chief, sub.caseId, 'decide'));
});
