// Releases a fee wait whose notice needs no payment (nothing due under the item's fee standards) or
// was already settled when the case came back to the fee step. Run as a job: the wait is entered
// inside an engine transition, which must finish before the signal can move the case on.
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { getCaseForUpdate, signalCase } from '../../workflow/index.ts';
import { SIGNAL_FEE_PAID } from '../licensing.case-type.ts';
import { findApplication, findFeeNotice } from '../licensing.repository.ts';

export async function releaseSettledFee(ctx: AppContext, applicationId: string): Promise<void> {
  const peek = await findApplication(ctx.pool, applicationId);
  if (!peek?.case_id) return;
  const caseId = peek.case_id;
  await withTx(ctx.pool, async (tx) => {
    const c = await getCaseForUpdate(tx, caseId);
    if (!c || c.status === 'completed' || c.status === 'cancelled') return;
    const notice = await findFeeNotice(tx, applicationId);
    if (!notice || notice.status === 'due') return;
    try {
      await signalCase(tx, ctx, caseId, SIGNAL_FEE_PAID, {
        actorUserId: null,
        comment: notice.status === 'waived' ? '本事项不收费，无需缴费' : '费用已缴清',
      });
    } catch (e) {
      // Nothing waits for the fee any more (the wait was left by a return or a withdrawal).
      if ((e as { code?: string }).code === 'SIGNAL_NOT_EXPECTED') return;
      throw e;
    }
  });
}
