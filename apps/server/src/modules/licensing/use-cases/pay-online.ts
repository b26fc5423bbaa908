// Paying the payment notice through an online channel (a registered PaymentAdapter; none is built in).
// The applicant opens an order; the channel confirms it with a signed notification, or the applicant
// asks the platform to query the channel. Either way the payment is settled exactly once. Calls to
// the channel happen outside database transactions.
import type { AppContext } from '../../../platform/context.ts';
import { newId, UUID_RE } from '../../../platform/db/ids.ts';
import { maybeOne, one, withTx } from '../../../platform/db/pool.ts';
import { publicLink } from '../../../platform/documents/qr.ts';
import { systemActor } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { getCaseForUpdate } from '../../workflow/index.ts';
import { loadOwn } from '../licensing.access.ts';
import { yuan } from '../licensing.documents.ts';
import { licensingErrors } from '../licensing.errors.ts';
import { settleNotice } from '../licensing.fees.ts';
import { applicantLink } from '../licensing.notify.ts';
import {
  findApplication,
  findApplicationForUpdate,
  findFeeNotice,
  findFeeNoticeForUpdate,
} from '../licensing.repository.ts';
import {
  listPaymentAdapters,
  type PaymentAdapter,
  type PaymentNotification,
  paymentAdapter,
} from '../payment-adapters.ts';
import { requireApplicant } from './submit-application.ts';

export interface PaymentOrderView {
  orderId: string;
  channel: string;
  amountFen: number;
  status: string;
  payUrl: string | null;
}

interface OrderRow {
  id: string;
  application_id: string;
  notice_id: string;
  channel: string;
  external_id: string | null;
  amount_fen: number;
  status: 'created' | 'paid' | 'closed';
  pay_url: string | null;
}

function orderView(o: OrderRow): PaymentOrderView {
  return { orderId: o.id, channel: o.channel, amountFen: o.amount_fen, status: o.status, payUrl: o.pay_url };
}

export function listPaymentChannels(): { code: string; name: string }[] {
  return listPaymentAdapters().map((a) => ({ code: a.code, name: a.name }));
}

function adapterOrThrow(code: string): PaymentAdapter {
  const a = paymentAdapter(code);
  if (!a) throw licensingErrors.PAYMENT_ADAPTER_NOT_FOUND('channel');
  return a;
}

export async function createPaymentOrder(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  channel: string,
): Promise<PaymentOrderView> {
  const p = requireApplicant(principal);
  const app = await loadOwn(ctx, p, id);
  const adapter = adapterOrThrow(channel);
  const notice = await findFeeNotice(ctx.pool, app.id);
  if (notice?.status !== 'due') throw licensingErrors.FEE_NOT_DUE();
  const order = await one<OrderRow>(
    ctx.pool,
    `INSERT INTO lic_payment_order (id, application_id, notice_id, channel, amount_fen, status, created_by, created_at)
     VALUES ($1,$2,$3,$4,$5,'created',$6,$7) RETURNING *`,
    [newId(), app.id, notice.id, adapter.code, notice.total_fen, p.userId, ctx.clock.now()],
  );
  let result: { externalId: string; payUrl: string | null };
  try {
    result = await adapter.createOrder({
      orderId: order.id,
      amountFen: notice.total_fen,
      subject: `${app.item_name} 办件编号${app.case_number} 缴费${yuan(notice.total_fen)}元`,
      returnUrl: publicLink(ctx.config, applicantLink(app.id)),
    });
  } catch (e) {
    ctx.log.error({ err: e, channel }, 'payment channel createOrder failed');
    await ctx.pool.query(`UPDATE lic_payment_order SET status = 'closed' WHERE id = $1`, [order.id]);
    throw licensingErrors.PAYMENT_CHANNEL_FAILED();
  }
  const updated = await one<OrderRow>(
    ctx.pool,
    'UPDATE lic_payment_order SET external_id = $2, pay_url = $3 WHERE id = $1 RETURNING *',
    [order.id, result.externalId, result.payUrl],
  );
  return orderView(updated);
}

/** Settles an order the channel says is paid (idempotent: a paid order stays paid once). */
async function settleOrder(
  ctx: AppContext,
  orderId: string,
  paid: { amountFen: number; reference: string },
): Promise<OrderRow> {
  const peek = await maybeOne<OrderRow>(ctx.pool, 'SELECT * FROM lic_payment_order WHERE id = $1', [orderId]);
  if (!peek) throw licensingErrors.PAYMENT_ORDER_NOT_FOUND();
  return withTx(ctx.pool, async (tx) => {
    // Case row first, then the application's rows: the order every engine action takes.
    const app0 = await findApplication(tx, peek.application_id);
    if (app0?.case_id) await getCaseForUpdate(tx, app0.case_id);
    const order = await one<OrderRow>(tx, 'SELECT * FROM lic_payment_order WHERE id = $1 FOR UPDATE', [
      orderId,
    ]);
    if (order.status === 'paid') return order;
    const app = await findApplicationForUpdate(tx, order.application_id);
    const notice = await findFeeNoticeForUpdate(tx, order.application_id);
    if (!app || !notice) throw licensingErrors.FEE_NOT_DUE();
    await settleNotice(tx, ctx, app, notice, {
      amountFen: paid.amountFen,
      method: 'online',
      reference: paid.reference,
      recordedBy: null,
      adapter: order.channel,
    });
    const done = await one<OrderRow>(
      tx,
      `UPDATE lic_payment_order SET status = 'paid', paid_at = $2 WHERE id = $1 RETURNING *`,
      [orderId, ctx.clock.now()],
    );
    await ctx.audit.record(
      tx,
      { ...systemActor, name: `在线支付（${order.channel}）` },
      {
        action: 'application.payment',
        objectType: 'application',
        objectId: app.id,
        summary: `在线支付确认：办件 ${app.case_number}，${yuan(paid.amountFen)} 元（${paid.reference}）`,
      },
    );
    return done;
  });
}

/** A channel's asynchronous notification: verified by the adapter, then settled. */
export async function confirmPaymentNotification(
  ctx: AppContext,
  channel: string,
  n: PaymentNotification,
): Promise<void> {
  const adapter = adapterOrThrow(channel);
  const verified = await adapter.verifyNotification(n);
  if (!verified || !UUID_RE.test(verified.orderId)) throw licensingErrors.PAYMENT_NOTIFICATION_INVALID();
  const order = await maybeOne<OrderRow>(ctx.pool, 'SELECT * FROM lic_payment_order WHERE id = $1', [
    verified.orderId,
  ]);
  if (!order || order.channel !== adapter.code) throw licensingErrors.PAYMENT_NOTIFICATION_INVALID();
  await settleOrder(ctx, order.id, { amountFen: verified.amountFen, reference: verified.reference });
}

/** The applicant came back from the cashier page: ask the channel whether the order is paid. */
export async function refreshPaymentOrder(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  orderId: string,
): Promise<PaymentOrderView> {
  const p = requireApplicant(principal);
  const app = await loadOwn(ctx, p, id);
  if (!UUID_RE.test(orderId)) throw licensingErrors.PAYMENT_ORDER_NOT_FOUND();
  const order = await maybeOne<OrderRow>(
    ctx.pool,
    'SELECT * FROM lic_payment_order WHERE id = $1 AND application_id = $2',
    [orderId, app.id],
  );
  if (!order) throw licensingErrors.PAYMENT_ORDER_NOT_FOUND();
  if (order.status !== 'created') return orderView(order);
  const adapter = adapterOrThrow(order.channel);
  let status: Awaited<ReturnType<PaymentAdapter['queryOrder']>>;
  try {
    status = await adapter.queryOrder(order.id, order.external_id);
  } catch (e) {
    ctx.log.error({ err: e, channel: order.channel }, 'payment channel queryOrder failed');
    throw licensingErrors.PAYMENT_CHANNEL_FAILED();
  }
  if (status.status === 'paid' && status.amountFen !== null && status.reference) {
    return orderView(
      await settleOrder(ctx, order.id, { amountFen: status.amountFen, reference: status.reference }),
    );
  }
  if (status.status === 'closed') {
    return orderView(
      await one<OrderRow>(
        ctx.pool,
        `UPDATE lic_payment_order SET status = 'closed' WHERE id = $1 RETURNING *`,
        [order.id],
      ),
    );
  }
  return orderView(order);
}
