// One organisation, when it lies inside the caller's org.read reach.
import type { AppContext } from '../../../platform/context.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { findOrg } from '../identity.repository.ts';
import { requireOrgReach } from '../identity.scope.ts';
import { type OrgView, toOrgView } from '../identity.views.ts';

export async function readOrg(ctx: AppContext, principal: Principal | null, id: string): Promise<OrgView> {
  const org = await findOrg(ctx.pool, id);
  requireOrgReach(principal, 'org.read', org);
  return toOrgView(org);
}
