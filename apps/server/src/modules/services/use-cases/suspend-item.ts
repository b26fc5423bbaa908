// Suspends a published item (暂停办理): it leaves the public hall and takes no new applications;
// cases already running carry on. Publishing it again brings it back as a new version.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { removeServiceItem } from '../../search/service-items.ts';
import { servicesErrors } from '../services.errors.ts';
import { SERVICE_PUBLISH } from '../services.permissions.ts';
import { findItem, findItemForUpdate, setItemStatus } from '../services.repository.ts';
import { ItemProblems } from '../services.rules.ts';
import { textProblem } from '../forms/text.ts';
import { type Caller, callerUserId, requireItemReach } from '../services.scope.ts';
import type { ServiceItem } from '../services.types.ts';
import { itemView } from './item-support.ts';

export async function suspendItem(
  ctx: AppContext,
  caller: Caller,
  id: string,
  input: { reason: string },
  actor: Actor,
): Promise<ServiceItem> {
  const peek = await findItem(ctx.pool, id);
  requireItemReach(caller, SERVICE_PUBLISH, peek?.org_path ?? null);
  const reason = input.reason.trim();
  const p = new ItemProblems();
  if (!reason) p.add('reason', '请填写暂停办理的原因');
  else if (reason.length > 500) p.add('reason', '暂停原因不能超过 500 个字符');
  else if (textProblem(reason, { multiline: true })) p.add('reason', '暂停原因含有不允许的控制字符');
  p.throwIfAny();
  const now = ctx.clock.now();
  return withTx(ctx.pool, async (tx) => {
    const row = await findItemForUpdate(tx, id);
    requireItemReach(caller, SERVICE_PUBLISH, row?.org_path ?? null);
    if (row!.status !== 'published') throw servicesErrors.ITEM_NOT_PUBLISHED();
    await setItemStatus(tx, id, { status: 'suspended', reason, now });
    await removeServiceItem(tx, id);
    await ctx.audit.record(tx, actor, {
      action: 'service-item.suspend',
      objectType: 'service-item',
      objectId: id,
      summary: `暂停办理政务服务事项“${row!.name}”：${reason}`,
      changes: { status: { before: 'published', after: 'suspended' } },
    });
    await ctx.events.emit(tx, {
      type: 'service-item.suspended',
      aggregateType: 'service-item',
      aggregateId: id,
      actorId: callerUserId(caller),
      payload: { itemId: id, version: row!.version, orgId: row!.org_id, reason },
    });
    return itemView(tx, (await findItem(tx, id))!);
  });
}
