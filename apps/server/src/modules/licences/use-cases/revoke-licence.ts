// 注销: the issuing unit (licence.revoke in scope) revokes a licence with a reason; the holder is told.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { licenceErrors } from '../licences.errors.ts';
import { findLicence, findLicenceForUpdate, markRevoked } from '../licences.repository.ts';
import { detailOf, type LicenceDetail, licenceForStaff } from './read-licence.ts';

export async function revokeLicence(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  input: { reason: string },
  actor: Actor,
): Promise<LicenceDetail> {
  await licenceForStaff(ctx, principal, id, 'licence.revoke');
  const reason = input.reason.trim();
  if ([...reason].length < 2 || [...reason].length > 500)
    throw licenceErrors.REVOKE_REASON_REQUIRED('reason');
  await withTx(ctx.pool, async (tx) => {
    const row = await findLicenceForUpdate(tx, id);
    if (!row) throw licenceErrors.LICENCE_NOT_FOUND();
    if (row.status === 'revoked') throw licenceErrors.LICENCE_ALREADY_REVOKED();
    const at = ctx.clock.now();
    await markRevoked(tx, id, { reason, at, by: principal?.userId ?? null });
    await ctx.audit.record(tx, actor, {
      action: 'licence.revoke',
      objectType: 'licence',
      objectId: id,
      summary: `注销电子证照《${row.licence_name}》${row.number}`,
      changes: {
        status: { before: 'valid', after: 'revoked' },
        revokedReason: { before: null, after: reason },
      },
    });
    await ctx.events.emit(tx, {
      type: 'licence.revoked',
      aggregateType: 'licence',
      aggregateId: id,
      payload: { licenceId: id, number: row.number, caseId: row.case_id, orgId: row.org_id },
      actorId: principal?.userId ?? null,
    });
    if (row.holder_user_id) {
      await ctx.notify.inbox(tx, {
        userId: row.holder_user_id,
        title: `您的电子证照《${row.licence_name}》已注销`,
        body: `证照编号 ${row.number} 已由${row.org_name}注销。注销原因：${reason}。如有异议，可依法申请行政复议或者提起行政诉讼。`,
      });
    }
  });
  const after = await findLicence(ctx.pool, id);
  if (!after) throw licenceErrors.LICENCE_NOT_FOUND();
  return detailOf(ctx, after);
}
