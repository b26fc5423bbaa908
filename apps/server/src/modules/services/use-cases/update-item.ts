// Changes a service item. A draft may be saved half-finished; a published item must stay complete,
// and every change to it is a new published version (事项版本) that subscribers hear about.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { servicesErrors } from '../services.errors.ts';
import { SERVICE_MANAGE } from '../services.permissions.ts';
import {
  contentOf,
  findByImplementationCode,
  findItem,
  findItemForUpdate,
  findOrgRef,
  listMaterials,
  materialIdsOf,
  processState,
  replaceMaterials,
  setItemStatus,
  updateItemContent,
} from '../services.repository.ts';
import {
  applyPatch,
  type CheckedMaterial,
  checkMaterials,
  completenessProblems,
  type ItemPatch,
  ItemProblems,
} from '../services.rules.ts';
import { type Caller, callerUserId, requireImplementingUnit, requireItemReach } from '../services.scope.ts';
import type { ServiceItem } from '../services.types.ts';
import {
  checkMaterialFiles,
  checkMaterialIds,
  contentChanges,
  itemView,
  recordPublishedVersion,
} from './item-support.ts';

export interface ChangeLabel {
  action: string;
  /** The audit summary for an item name. */
  summary: (name: string) => string;
}

export async function changeItem(
  ctx: AppContext,
  caller: Caller,
  id: string,
  patch: ItemPatch,
  actor: Actor,
  label: ChangeLabel = { action: 'service-item.update', summary: (n) => `修改政务服务事项“${n}”` },
): Promise<ServiceItem> {
  // Checks that need no lock first, so a bad request costs no transaction.
  const peek = await findItem(ctx.pool, id);
  requireItemReach(caller, SERVICE_MANAGE, peek?.org_path ?? null);
  let materials: CheckedMaterial[] | undefined;
  if (patch.materials !== undefined) {
    const p = new ItemProblems();
    materials = checkMaterials(p, patch.materials);
    p.throwIfAny();
    await checkMaterialFiles(ctx, ctx.pool, caller, materials);
  }
  let newOrgPath: string | null = null;
  if (patch.orgId !== undefined && patch.orgId !== peek?.org_id) {
    const org = await findOrgRef(ctx.pool, patch.orgId);
    requireImplementingUnit(caller, org);
    newOrgPath = org.path;
  }

  const now = ctx.clock.now();
  return withTx(ctx.pool, async (tx) => {
    const before = await findItemForUpdate(tx, id);
    requireItemReach(caller, SERVICE_MANAGE, before?.org_path ?? null);
    const row = before!;
    const current = contentOf(row);
    const next = applyPatch(current, patch);
    if (next.implementationCode !== current.implementationCode) {
      const other = await findByImplementationCode(tx, next.implementationCode);
      if (other && other.id !== id) throw servicesErrors.IMPLEMENTATION_CODE_TAKEN('implementationCode');
    }
    if (materials) checkMaterialIds(materials, await materialIdsOf(tx, id));
    const materialsBefore = await listMaterials(tx, id);

    await updateItemContent(tx, id, { orgPath: newOrgPath ?? row.org_path, content: next, now }).catch(
      (e) => {
        if ((e as { code?: string }).code === '23505')
          throw servicesErrors.IMPLEMENTATION_CODE_TAKEN('implementationCode');
        throw e;
      },
    );
    const materialsAfter = materials ? await replaceMaterials(tx, id, materials, now) : materialsBefore;

    const changes = contentChanges(current, next, { before: materialsBefore, after: materialsAfter });
    if (Object.keys(changes).length === 0) return itemView(tx, row);

    const republish = row.status === 'published';
    if (republish) {
      const problems = completenessProblems(
        next,
        materialsAfter,
        next.processCode ? await processState(tx, next.processCode) : null,
      );
      if (problems.length) {
        throw servicesErrors.ITEM_INCOMPLETE(problems, '已发布的事项修改后信息不完整，请补全后再保存');
      }
      await setItemStatus(tx, id, {
        status: 'published',
        reason: null,
        version: row.version + 1,
        publishedBy: callerUserId(caller),
        now,
      });
    }
    await ctx.audit.record(tx, actor, {
      action: label.action,
      objectType: 'service-item',
      objectId: id,
      summary: `${label.summary(next.name)}${republish ? `（已发布事项，生成第 ${row.version + 1} 版）` : ''}`,
      changes,
    });
    const item = await itemView(tx, (await findItem(tx, id))!);
    if (republish) await recordPublishedVersion(tx, ctx, item, callerUserId(caller), now);
    return item;
  });
}

export function updateItem(ctx: AppContext, caller: Caller, id: string, patch: ItemPatch, actor: Actor) {
  return changeItem(ctx, caller, id, patch, actor);
}
