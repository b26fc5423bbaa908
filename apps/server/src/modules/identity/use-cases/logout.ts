// Ends the caller's session (剩余信息保护: the token stops working at once, not at expiry).
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { revokeSession } from '../identity.repository.ts';
import { sessionCacheOf } from '../session-cache.ts';

export async function logout(ctx: AppContext, principal: Principal, actor: Actor): Promise<void> {
  await withTx(ctx.pool, async (tx) => {
    await revokeSession(tx, principal.sessionId, 'logout', ctx.clock.now());
    await ctx.audit.record(tx, actor, {
      action: 'session.logout',
      objectType: 'user',
      objectId: principal.userId,
      summary: `退出登录（${principal.username}）`,
    });
    tx.afterCommit(() => sessionCacheOf(ctx).invalidateUser(principal.userId));
  });
}
