// One licence for staff (licence.read over the issuing unit) with its signature checked.
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { orgInReach, type Principal, requireReach } from '../../../platform/http/principal.ts';
import { licenceErrors } from '../licences.errors.ts';
import { type LicenceView, toLicenceView, verifyLicenceRow } from '../licences.model.ts';
import { findLicence, type LicenceRow } from '../licences.repository.ts';

export interface LicenceDetail extends LicenceView {
  signatureValid: boolean;
  signatureProblem: string | null;
}

/** The row if the principal may read it; 404 otherwise (existence must not leak across units). */
export async function licenceForStaff(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  permission = 'licence.read',
): Promise<LicenceRow> {
  const reach = requireReach(principal, permission);
  const row = await findLicence(ctx.pool, id);
  if (!row || !orgInReach(reach, row.org_path)) throw licenceErrors.LICENCE_NOT_FOUND();
  return row;
}

export async function detailOf(ctx: AppContext, row: LicenceRow): Promise<LicenceDetail> {
  const today = shanghaiDate(ctx.clock.now());
  const v = await verifyLicenceRow(ctx.pool, row, today);
  return {
    ...toLicenceView(ctx.config, row, today),
    signatureValid: v.signatureValid,
    signatureProblem: v.problem,
  };
}

export async function readLicence(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
): Promise<LicenceDetail> {
  return detailOf(ctx, await licenceForStaff(ctx, principal, id));
}
