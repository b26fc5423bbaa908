// The organisations the caller may read, shallow first.
import type { AppContext } from '../../../platform/context.ts';
import { type Principal, requireReach } from '../../../platform/http/principal.ts';
import { listOrgsInReach } from '../identity.repository.ts';
import { type OrgView, toOrgView } from '../identity.views.ts';

export async function listOrgs(
  ctx: AppContext,
  principal: Principal | null,
  input: { q?: string },
): Promise<OrgView[]> {
  const reach = requireReach(principal, 'org.read');
  const q = input.q?.trim();
  return (await listOrgsInReach(ctx.pool, reach, { q: q || undefined })).map(toOrgView);
}
