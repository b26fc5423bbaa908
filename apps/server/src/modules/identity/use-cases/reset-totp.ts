// A security administrator removes someone's two-factor enrolment (a lost phone). Sessions end, since
// whoever holds the phone may hold a session too; an administrator must enrol again at next sign-in.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { identityErrors } from '../identity.errors.ts';
import { findUser, findUserForUpdate, updateUserFields } from '../identity.repository.ts';
import { requireUserReach } from '../identity.scope.ts';
import { endUserSessions } from '../session-cache.ts';

export async function resetTotp(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  actor: Actor,
): Promise<void> {
  requireUserReach(principal, 'user.unlock', await findUser(ctx.pool, id));
  if (id === (principal as Principal).userId) throw identityErrors.SELF_CHANGE();
  const now = ctx.clock.now();
  await withTx(ctx.pool, async (tx) => {
    const user = await findUserForUpdate(tx, id);
    requireUserReach(principal, 'user.unlock', user);
    await updateUserFields(tx, id, {
      totp_enabled: false,
      totp_secret_enc: null,
      totp_last_step: null,
      updated_at: now,
    });
    const revoked = await endUserSessions(tx, ctx, id, 'totp_reset', now);
    await ctx.audit.record(tx, actor, {
      action: 'user.totp_reset',
      objectType: 'user',
      objectId: id,
      summary: `重置账号 ${user.username} 的双因素认证，结束会话 ${revoked} 个`,
      changes: { totpEnabled: { before: user.totp_enabled, after: false } },
    });
  });
}
