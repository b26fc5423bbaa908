// Publishes a draft or suspended item once it is complete: a published process, a valid form with
// fields, at least one material, limits, and the guide elements people need (DOMAIN §2.4).
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { servicesErrors } from '../services.errors.ts';
import { SERVICE_PUBLISH } from '../services.permissions.ts';
import {
  contentOf,
  findItem,
  findItemForUpdate,
  listMaterials,
  processState,
  setItemStatus,
} from '../services.repository.ts';
import { completenessProblems } from '../services.rules.ts';
import { type Caller, callerUserId, requireItemReach } from '../services.scope.ts';
import type { ServiceItem } from '../services.types.ts';
import { itemView, recordPublishedVersion } from './item-support.ts';

export async function publishItem(
  ctx: AppContext,
  caller: Caller,
  id: string,
  actor: Actor,
): Promise<ServiceItem> {
  const peek = await findItem(ctx.pool, id);
  requireItemReach(caller, SERVICE_PUBLISH, peek?.org_path ?? null);
  const now = ctx.clock.now();
  return withTx(ctx.pool, async (tx) => {
    const row = await findItemForUpdate(tx, id);
    requireItemReach(caller, SERVICE_PUBLISH, row?.org_path ?? null);
    if (row!.status === 'published') throw servicesErrors.ITEM_ALREADY_PUBLISHED();
    const content = contentOf(row!);
    const materials = await listMaterials(tx, id);
    const problems = completenessProblems(
      content,
      materials,
      content.processCode ? await processState(tx, content.processCode) : null,
    );
    if (problems.length) throw servicesErrors.ITEM_INCOMPLETE(problems);
    const version = row!.version + 1;
    await setItemStatus(tx, id, {
      status: 'published',
      reason: null,
      version,
      publishedBy: callerUserId(caller),
      now,
    });
    await ctx.audit.record(tx, actor, {
      action: 'service-item.publish',
      objectType: 'service-item',
      objectId: id,
      summary: `发布政务服务事项“${content.name}”第 ${version} 版`,
      changes: {
        status: { before: row!.status, after: 'published' },
        version: { before: row!.version, after: version },
      },
    });
    const item = await itemView(tx, (await findItem(tx, id))!);
    await recordPublishedVersion(tx, ctx, item, callerUserId(caller), now);
    return item;
  });
}
