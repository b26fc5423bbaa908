// Removes an empty organisation. One with sub-organisations or staff stays: deleting it would orphan
// people and records (409 tells the administrator what to move first).
import type { Actor } from '../../../platform/audit/audit.ts';
import { diffFields } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { identityErrors } from '../identity.errors.ts';
import {
  countOrgChildren,
  countOrgStaff,
  deleteOrg,
  findOrg,
  findOrgForUpdate,
} from '../identity.repository.ts';
import { requireOrgReach } from '../identity.scope.ts';

export async function deleteOrganisation(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  actor: Actor,
): Promise<void> {
  requireOrgReach(principal, 'org.manage', await findOrg(ctx.pool, id));
  try {
    await withTx(ctx.pool, async (tx) => {
      const org = await findOrgForUpdate(tx, id);
      requireOrgReach(principal, 'org.manage', org);
      if (org.parent_id === null) throw identityErrors.ORG_IN_USE(undefined, '平台根机构不能删除');
      if ((await countOrgChildren(tx, id)) > 0) throw identityErrors.ORG_HAS_CHILDREN();
      if ((await countOrgStaff(tx, id)) > 0) throw identityErrors.ORG_HAS_STAFF();
      await deleteOrg(tx, id);
      await ctx.audit.record(tx, actor, {
        action: 'org.delete',
        objectType: 'org',
        objectId: id,
        summary: `删除组织机构“${org.name}”`,
        changes: diffFields(
          {
            name: org.name,
            kind: org.kind,
            parentId: org.parent_id,
            regionCode: org.region_code,
            creditCode: org.credit_code,
          },
          null,
        ),
      });
      await ctx.events.emit(tx, {
        type: 'identity.org_deleted',
        aggregateType: 'org',
        aggregateId: id,
        payload: { name: org.name },
        actorId: actor.userId,
      });
    });
  } catch (e) {
    // Role assignments scoped to it, or other modules' records, still point at the organisation.
    if ((e as { code?: string }).code === '23503') throw identityErrors.ORG_IN_USE();
    throw e;
  }
}
