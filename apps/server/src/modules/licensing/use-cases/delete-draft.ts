// Deleting one of the applicant's own drafts.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { licensingErrors } from '../licensing.errors.ts';
import { deleteDraft as deleteDraftRow, findDraft } from '../licensing.repository.ts';
import { actorOfPrincipal } from './actor.ts';

export async function deleteDraft(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  actor?: Actor,
): Promise<void> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  if (!UUID_RE.test(id)) throw licensingErrors.DRAFT_NOT_FOUND();
  await withTx(ctx.pool, async (tx) => {
    const d = await findDraft(tx, id);
    if (!d || d.applicant_user_id !== principal.userId) throw licensingErrors.DRAFT_NOT_FOUND();
    await deleteDraftRow(tx, id);
    await ctx.audit.record(tx, actor ?? actorOfPrincipal(principal), {
      action: 'application.draft.delete',
      objectType: 'application_draft',
      objectId: id,
      summary: `删除“${d.item_name}”申请草稿`,
    });
  });
}
