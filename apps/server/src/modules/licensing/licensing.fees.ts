// Settling the one payment notice of a case (一单式收费): the amount must be the amount due; the
// payment is stored beside the standard amount (supervision compares the two), the notice is marked
// paid and the case's fee wait is released.
import type { AppContext } from '../../platform/context.ts';
import { newId } from '../../platform/db/ids.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { signalCase } from '../workflow/index.ts';
import { LICENCE_CASE_TYPE, SIGNAL_FEE_PAID } from './licensing.case-type.ts';
import { yuan } from './licensing.documents.ts';
import { licensingErrors } from './licensing.errors.ts';
import {
  type ApplicationRow,
  type FeeNoticeRow,
  insertPayment,
  markFeeNoticePaid,
} from './licensing.repository.ts';

export const FEE_PAID_EVENT = 'licensing.fee_paid';

export async function settleNotice(
  tx: Tx,
  ctx: AppContext,
  app: ApplicationRow,
  notice: FeeNoticeRow,
  p: {
    amountFen: number;
    method: 'cash' | 'pos' | 'transfer' | 'online';
    reference: string;
    recordedBy: string | null;
    adapter: string | null;
  },
): Promise<void> {
  if (notice.status !== 'due') throw licensingErrors.FEE_NOT_DUE();
  if (p.amountFen !== notice.total_fen) {
    throw licensingErrors.FEE_AMOUNT_MISMATCH(
      'amountFen',
      `缴费金额须与缴费通知书的应缴金额一致：应缴 ${yuan(notice.total_fen)} 元，登记 ${yuan(p.amountFen)} 元`,
    );
  }
  const now = ctx.clock.now();
  await insertPayment(tx, {
    id: newId(),
    noticeId: notice.id,
    applicationId: app.id,
    amountFen: p.amountFen,
    standardFen: notice.standard_fen,
    method: p.method,
    reference: p.reference,
    recordedBy: p.recordedBy,
    adapter: p.adapter,
    now,
  });
  await markFeeNoticePaid(tx, notice.id, now);
  await ctx.events.emit(tx, {
    type: FEE_PAID_EVENT,
    aggregateType: 'case',
    aggregateId: notice.case_id,
    payload: {
      caseId: notice.case_id,
      caseType: LICENCE_CASE_TYPE,
      applicationId: app.id,
      amountFen: p.amountFen,
      standardFen: notice.standard_fen,
      method: p.method,
    },
    actorId: p.recordedBy,
  });
  await signalCase(tx, ctx, notice.case_id, SIGNAL_FEE_PAID, {
    actorUserId: p.recordedBy,
    comment: `实收 ${yuan(p.amountFen)} 元`,
    data: { amountFen: p.amountFen, method: p.method },
  });
}
