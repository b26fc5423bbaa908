// Staff list of electronic licences within the caller's licence.read reach.
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { validateIdNumber } from '../../../platform/ids/gb11643.ts';
import { validateCreditCode } from '../../../platform/ids/gb32100.ts';
import { pageWindow } from '../../../platform/http/pagination.ts';
import { orgInReach, type Principal, requireReach } from '../../../platform/http/principal.ts';
import { orgPathOf } from '../../identity/index.ts';
import { type LicenceView, toLicenceView } from '../licences.model.ts';
import { listLicences } from '../licences.repository.ts';

export interface ListLicencesQuery {
  q?: string;
  status?: 'valid' | 'revoked' | 'expired';
  orgId?: string;
  page?: number;
  pageSize?: number;
}

export async function listLicencesForStaff(
  ctx: AppContext,
  principal: Principal | null,
  query: ListLicencesQuery,
): Promise<{ items: LicenceView[]; total: number; page: number; pageSize: number }> {
  const reach = requireReach(principal, 'licence.read');
  const { page, pageSize, offset } = pageWindow(query);
  let orgPath: string | null = null;
  if (query.orgId) {
    orgPath = await orgPathOf(ctx, query.orgId);
    // An organisation outside the reach (or unknown) simply has no licences for this caller.
    if (!orgPath || !orgInReach(reach, orgPath)) return { items: [], total: 0, page, pageSize };
  }
  const q = query.q?.trim() || undefined;
  let holderCodeHash: string | null = null;
  if (q) {
    const id = validateIdNumber(q);
    const cc = validateCreditCode(q);
    if (id.ok) holderCodeHash = ctx.pii.blindIndex('id_number', id.normalized);
    else if (cc.ok) holderCodeHash = ctx.pii.blindIndex('credit_code', cc.normalized);
  }
  const today = shanghaiDate(ctx.clock.now());
  const { rows, total } = await listLicences(ctx.pool, reach, {
    q,
    holderCodeHash,
    status: query.status,
    orgPath,
    today,
    offset,
    limit: pageSize,
  });
  return { items: rows.map((r) => toLicenceView(ctx.config, r, today)), total, page, pageSize };
}
