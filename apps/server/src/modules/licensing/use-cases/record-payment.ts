// Window staff record a payment against the case's payment notice (cash, POS, transfer, or an online
// payment confirmed outside the platform). Needs fee.record over the case's owning unit.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { requireReach, type Principal } from '../../../platform/http/principal.ts';
import { getCase, getCaseForUpdate } from '../../workflow/index.ts';
import { mayRecordPayment } from '../licensing.access.ts';
import { yuan } from '../licensing.documents.ts';
import { licensingErrors } from '../licensing.errors.ts';
import { settleNotice } from '../licensing.fees.ts';
import { FEE_RECORD } from '../licensing.permissions.ts';
import {
  findApplication,
  findApplicationForUpdate,
  findFeeNotice,
  findFeeNoticeForUpdate,
} from '../licensing.repository.ts';
import type { PaymentBody } from '../licensing.schemas.ts';
import { type FeeView, feeView, PAYMENT_METHOD_NAMES } from '../licensing.views.ts';

export async function recordPayment(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  input: PaymentBody,
  actor: Actor,
): Promise<FeeView> {
  requireReach(principal, FEE_RECORD);
  const p = principal as Principal;
  if (!UUID_RE.test(id)) throw licensingErrors.APPLICATION_NOT_FOUND();
  const app = await findApplication(ctx.pool, id);
  const c = app?.case_id ? await getCase(ctx.pool, app.case_id) : null;
  if (!app || !c || !mayRecordPayment(p, c)) throw licensingErrors.APPLICATION_NOT_FOUND();
  const reference = input.reference.trim();
  if (!reference) throw platformErrors.UNPROCESSABLE('reference', '请填写票据号或交易流水号');
  await withTx(ctx.pool, async (tx) => {
    await getCaseForUpdate(tx, c.id);
    const locked = await findApplicationForUpdate(tx, app.id);
    const notice = await findFeeNoticeForUpdate(tx, app.id);
    if (!locked || !notice) throw licensingErrors.FEE_NOT_DUE();
    await settleNotice(tx, ctx, locked, notice, {
      amountFen: input.amountFen,
      method: input.method,
      reference,
      recordedBy: p.userId,
      adapter: null,
    });
    await ctx.audit.record(tx, actor, {
      action: 'application.payment',
      objectType: 'application',
      objectId: app.id,
      summary: `登记缴费：办件 ${app.case_number}，${PAYMENT_METHOD_NAMES[input.method]} ${yuan(input.amountFen)} 元（${reference}）`,
      changes: { feeStatus: { before: notice.status, after: 'paid' } },
    });
  });
  const notice = await findFeeNotice(ctx.pool, app.id);
  return feeView(ctx.pool, notice as NonNullable<typeof notice>);
}
