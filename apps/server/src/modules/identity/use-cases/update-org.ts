// Renames an organisation, changes its credit code or its place among its siblings.
import type { Actor } from '../../../platform/audit/audit.ts';
import { diffFields } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { identityErrors } from '../identity.errors.ts';
import { findOrg, findOrgByCreditCode, findOrgForUpdate, updateOrg } from '../identity.repository.ts';
import { checkCreditCode, checkOrgName, Problems } from '../identity.rules.ts';
import { requireOrgReach } from '../identity.scope.ts';
import { type OrgView, toOrgView } from '../identity.views.ts';
import { mapUniqueViolation } from '../unique-violation.ts';

export interface UpdateOrgInput {
  name?: string;
  creditCode?: string | null;
  creditCodeNote?: string | null;
  sortOrder?: number;
}

export async function updateOrgDetails(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  input: UpdateOrgInput,
  actor: Actor,
): Promise<OrgView> {
  requireOrgReach(principal, 'org.manage', await findOrg(ctx.pool, id));
  const p = new Problems();
  const name = input.name === undefined ? undefined : checkOrgName(p, input.name, 'name');
  let credit: { code: string; note: string | null } | null | undefined;
  if (input.creditCode === null || input.creditCode === '') credit = null;
  else if (input.creditCode !== undefined) {
    credit = checkCreditCode(p, input.creditCode, { acceptCheckDigitOnly: true, note: input.creditCodeNote });
  }
  p.throwIfAny();

  try {
    return await withTx(ctx.pool, async (tx) => {
      const before = await findOrgForUpdate(tx, id);
      requireOrgReach(principal, 'org.manage', before);
      if (credit && credit.code !== before.credit_code) {
        const other = await findOrgByCreditCode(tx, credit.code);
        if (other && other.id !== id) throw identityErrors.CREDIT_CODE_TAKEN('creditCode');
      }
      const after = await updateOrg(tx, id, {
        name: name ?? before.name,
        creditCode: credit === undefined ? before.credit_code : (credit?.code ?? null),
        creditCodeNote:
          credit === undefined
            ? input.creditCodeNote === undefined
              ? before.credit_code_note
              : input.creditCodeNote
            : (credit?.note ?? null),
        sortOrder: input.sortOrder ?? before.sort_order,
        now: ctx.clock.now(),
      });
      const pick = (o: typeof before) => ({
        name: o.name,
        creditCode: o.credit_code,
        creditCodeNote: o.credit_code_note,
        sortOrder: o.sort_order,
      });
      await ctx.audit.record(tx, actor, {
        action: 'org.update',
        objectType: 'org',
        objectId: id,
        summary: `修改组织机构“${after.name}”`,
        changes: diffFields(pick(before), pick(after)),
      });
      return toOrgView(after);
    });
  } catch (e) {
    throw mapUniqueViolation(e);
  }
}
