// The payment notice of an application and its payments (applicant, or staff who may read the case).
import type { AppContext } from '../../../platform/context.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { loadReadable } from '../licensing.access.ts';
import { licensingErrors } from '../licensing.errors.ts';
import { findFeeNotice } from '../licensing.repository.ts';
import { type FeeView, feeView } from '../licensing.views.ts';

export async function getFees(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
): Promise<FeeView> {
  const { app } = await loadReadable(ctx, principal, id);
  const notice = await findFeeNotice(ctx.pool, app.id);
  if (!notice) throw licensingErrors.FEE_NOTICE_NOT_FOUND();
  return feeView(ctx.pool, notice);
}
