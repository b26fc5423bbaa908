// Adds an organisation under a parent inside the caller's org.manage reach. Regions carry a GB/T 2260
// code that must lie inside the nearest region above them, so the tree and the codes agree.
import type { Actor } from '../../../platform/audit/audit.ts';
import { diffFields } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { isAncestorRegion, parseRegionCode } from '../../../platform/ids/gb2260.ts';
import { identityErrors } from '../identity.errors.ts';
import {
  findOrg,
  findOrgByCreditCode,
  findOrgByRegionCode,
  insertOrg,
  type OrgKind,
  type OrgRow,
  orgsOnPath,
} from '../identity.repository.ts';
import { checkCreditCode, checkOrgName, Problems } from '../identity.rules.ts';
import { requireOrgReach } from '../identity.scope.ts';
import { type OrgView, toOrgView } from '../identity.views.ts';
import { mapUniqueViolation } from '../unique-violation.ts';

export interface CreateOrgInput {
  parentId: string;
  kind: OrgKind;
  name: string;
  regionCode?: string;
  creditCode?: string;
  creditCodeNote?: string;
}

/** Checks a region code against the region above it; returns the code or records the problem. */
export async function checkRegionPlacement(
  ctx: AppContext,
  p: Problems,
  parent: OrgRow | null,
  code: string | undefined,
): Promise<string | null> {
  if (!code) {
    p.add('REGION_CODE_INVALID', 'regionCode', '行政区划须填写 6 位或 9 位行政区划代码');
    return null;
  }
  const parsed = parseRegionCode(code);
  if (!parsed.ok) {
    p.add('REGION_CODE_INVALID', 'regionCode', parsed.reason);
    return null;
  }
  if (parent && parent.kind !== 'region' && parent.parent_id !== null) {
    p.add('ORG_KIND_INVALID', 'kind', '行政区划只能设在上级行政区划之下，不能设在部门或单位之下');
    return null;
  }
  const above = parent
    ? (await orgsOnPath(ctx.pool, parent.path)).reverse().find((o) => o.kind === 'region')
    : undefined;
  if (above?.region_code && !isAncestorRegion(above.region_code, parsed.code)) {
    p.add(
      'REGION_CODE_INVALID',
      'regionCode',
      `行政区划代码 ${parsed.code} 不属于上级行政区划“${above.name}”（${above.region_code}）`,
    );
    return null;
  }
  return parsed.code;
}

export async function createOrg(
  ctx: AppContext,
  principal: Principal | null,
  input: CreateOrgInput,
  actor: Actor,
): Promise<OrgView> {
  const parent = await findOrg(ctx.pool, input.parentId);
  requireOrgReach(principal, 'org.manage', parent);

  const p = new Problems();
  const name = checkOrgName(p, input.name, 'name');
  let regionCode: string | null = null;
  if (input.kind === 'region') {
    regionCode = await checkRegionPlacement(ctx, p, parent, input.regionCode);
  } else if (input.regionCode) {
    p.add('REGION_CODE_INVALID', 'regionCode', '只有行政区划可以填写行政区划代码');
  }
  let credit: { code: string; note: string | null } | null = null;
  if (input.creditCode) {
    credit = checkCreditCode(p, input.creditCode, { acceptCheckDigitOnly: true, note: input.creditCodeNote });
  }
  p.throwIfAny();
  if (regionCode && (await findOrgByRegionCode(ctx.pool, regionCode)))
    throw identityErrors.REGION_CODE_TAKEN('regionCode');
  if (credit && (await findOrgByCreditCode(ctx.pool, credit.code)))
    throw identityErrors.CREDIT_CODE_TAKEN('creditCode');

  const now = ctx.clock.now();
  try {
    return await withTx(ctx.pool, async (tx) => {
      const org = await insertOrg(tx, {
        id: newId(),
        parent,
        kind: input.kind,
        name,
        regionCode,
        creditCode: credit?.code ?? null,
        creditCodeNote: credit?.note ?? null,
        sortOrder: 0,
        now,
      });
      await ctx.audit.record(tx, actor, {
        action: 'org.create',
        objectType: 'org',
        objectId: org.id,
        summary: `新建组织机构“${name}”（上级：${parent.name}）${credit?.note ? `；信用代码校验位不符，说明：${credit.note}` : ''}`,
        changes: diffFields(null, {
          name,
          kind: input.kind,
          parentId: parent.id,
          regionCode,
          creditCode: credit?.code ?? null,
          creditCodeNote: credit?.note ?? null,
        }),
      });
      await ctx.events.emit(tx, {
        type: 'identity.org_created',
        aggregateType: 'org',
        aggregateId: org.id,
        payload: { parentId: parent.id, kind: input.kind },
        actorId: actor.userId,
      });
      return toOrgView(org);
    });
  } catch (e) {
    throw mapUniqueViolation(e);
  }
}
