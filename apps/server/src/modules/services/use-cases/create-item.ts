// Creates a service item as a draft in a unit within the caller's reach.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { servicesErrors } from '../services.errors.ts';
import {
  findByImplementationCode,
  findItem,
  findOrgRef,
  insertItem,
  replaceMaterials,
} from '../services.repository.ts';
import {
  applyPatch,
  checkMaterials,
  defaultContent,
  type ItemInput,
  ItemProblems,
} from '../services.rules.ts';
import { type Caller, callerUserId, requireImplementingUnit } from '../services.scope.ts';
import type { ServiceItem } from '../services.types.ts';
import { checkMaterialFiles, contentChanges, itemView } from './item-support.ts';

export async function createItem(
  ctx: AppContext,
  caller: Caller,
  input: ItemInput,
  actor: Actor,
): Promise<ServiceItem> {
  const org = await findOrgRef(ctx.pool, input.orgId);
  requireImplementingUnit(caller, org);
  const content = applyPatch(defaultContent(org.id), input);
  const p = new ItemProblems();
  const materials = input.materials ? checkMaterials(p, input.materials) : [];
  materials.forEach((m, i) => {
    // A new item has no materials yet, so an id can only be forged or copied from another item.
    if (m.id) p.add(`materials[${i}].id`, '新建事项的材料不能指定编号');
  });
  p.throwIfAny();
  await checkMaterialFiles(ctx, ctx.pool, caller, materials);

  const id = newId();
  const now = ctx.clock.now();
  return withTx(ctx.pool, async (tx) => {
    if (await findByImplementationCode(tx, content.implementationCode)) {
      throw servicesErrors.IMPLEMENTATION_CODE_TAKEN('implementationCode');
    }
    await insertItem(tx, { id, orgPath: org.path, content, createdBy: callerUserId(caller), now }).catch(
      (e) => {
        if ((e as { code?: string }).code === '23505')
          throw servicesErrors.IMPLEMENTATION_CODE_TAKEN('implementationCode');
        throw e;
      },
    );
    const saved = await replaceMaterials(tx, id, materials, now);
    await ctx.audit.record(tx, actor, {
      action: 'service-item.create',
      objectType: 'service-item',
      objectId: id,
      summary: `新建政务服务事项“${content.name}”（${org.name}，草稿）`,
      changes: contentChanges(null, content, { before: [], after: saved }),
    });
    const row = await findItem(tx, id);
    return itemView(tx, row!);
  });
}
