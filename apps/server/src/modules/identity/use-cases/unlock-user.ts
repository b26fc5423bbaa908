// A security administrator lifts a sign-in lock before it runs out.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { findUser, findUserForUpdate, updateUserFields } from '../identity.repository.ts';
import { requireUserReach } from '../identity.scope.ts';
import { sessionCacheOf } from '../session-cache.ts';

export async function unlockUser(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  actor: Actor,
): Promise<void> {
  requireUserReach(principal, 'user.unlock', await findUser(ctx.pool, id));
  const now = ctx.clock.now();
  await withTx(ctx.pool, async (tx) => {
    const user = await findUserForUpdate(tx, id);
    requireUserReach(principal, 'user.unlock', user);
    const wasLocked = !!user.locked_until && user.locked_until > now;
    await updateUserFields(tx, id, { locked_until: null, failed_logins: 0, updated_at: now });
    await ctx.audit.record(tx, actor, {
      action: 'user.unlock',
      objectType: 'user',
      objectId: id,
      summary: wasLocked
        ? `解锁账号 ${user.username}`
        : `解锁账号 ${user.username}（账号未处于锁定状态，已清零失败次数）`,
      changes: wasLocked
        ? { lockedUntil: { before: user.locked_until?.toISOString() ?? null, after: null } }
        : null,
    });
    tx.afterCommit(() => sessionCacheOf(ctx).invalidateUser(id));
  });
}
