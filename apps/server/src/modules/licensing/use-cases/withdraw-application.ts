// The applicant withdraws an application before a decision (撤回申请): the case is cancelled on the
// engine, open tasks are withdrawn and the clock stops.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { cancelCase, getCaseForUpdate } from '../../workflow/index.ts';
import { loadOwn } from '../licensing.access.ts';
import { licensingErrors } from '../licensing.errors.ts';
import { findApplicationForUpdate, updateApplication } from '../licensing.repository.ts';
import { FINAL_STATUSES } from '../licensing.status.ts';
import type { ApplicationDetail } from '../licensing.views.ts';
import { actorOfPrincipal } from './actor.ts';
import { getApplicationForApplicant } from './get-application.ts';
import { requireApplicant } from './submit-application.ts';

export async function withdrawApplication(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  input: { reason?: string } = {},
  actor?: Actor,
): Promise<ApplicationDetail> {
  const p = requireApplicant(principal);
  const own = await loadOwn(ctx, p, id);
  const reason = input.reason?.trim() || '申请人主动撤回申请';
  await withTx(ctx.pool, async (tx) => {
    // The case row is locked before the application row: the order every engine action takes.
    if (own.case_id) await getCaseForUpdate(tx, own.case_id);
    const app = await findApplicationForUpdate(tx, id);
    if (!app?.case_id || FINAL_STATUSES.has(app.status)) throw licensingErrors.NOT_WITHDRAWABLE();
    const now = ctx.clock.now();
    await cancelCase(tx, ctx, app.case_id, { reason, actorUserId: p.userId });
    await updateApplication(tx, id, { status: 'withdrawn', withdrawnAt: now, acceptancePending: false }, now);
    await ctx.audit.record(tx, actor ?? actorOfPrincipal(p), {
      action: 'application.withdraw',
      objectType: 'application',
      objectId: id,
      summary: `撤回“${app.item_name}”申请（办件编号 ${app.case_number}）：${reason}`,
      changes: { status: { before: app.status, after: 'withdrawn' } },
    });
  });
  return getApplicationForApplicant(ctx, p, id);
}
