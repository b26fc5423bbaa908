// An administrator sets a new password for someone who lost theirs. The user must choose their own
// at the next sign-in, and every existing session ends.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { hashPassword } from '../../../platform/crypto/password.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { identityErrors } from '../identity.errors.ts';
import { findUser, findUserForUpdate, updateUserFields } from '../identity.repository.ts';
import { checkPassword, Problems } from '../identity.rules.ts';
import { requireUserReach } from '../identity.scope.ts';
import { endUserSessions } from '../session-cache.ts';

export async function resetPassword(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  input: { password: string },
  actor: Actor,
): Promise<void> {
  const user = await findUser(ctx.pool, id);
  requireUserReach(principal, 'user.manage', user);
  if (id === (principal as Principal).userId) {
    throw identityErrors.SELF_CHANGE(undefined, '请通过“修改密码”更改自己的密码');
  }
  const p = new Problems();
  checkPassword(p, input.password, user.username);
  p.throwIfAny();
  const hash = await hashPassword(input.password);
  const now = ctx.clock.now();
  await withTx(ctx.pool, async (tx) => {
    const row = await findUserForUpdate(tx, id);
    requireUserReach(principal, 'user.manage', row);
    await updateUserFields(tx, id, {
      password_hash: hash,
      password_changed_at: now,
      must_change_password: true,
      updated_at: now,
    });
    const revoked = await endUserSessions(tx, ctx, id, 'password_reset', now);
    await ctx.audit.record(tx, actor, {
      action: 'user.password_reset',
      objectType: 'user',
      objectId: id,
      summary: `重置账号 ${row.username} 的密码（下次登录须修改），结束会话 ${revoked} 个`,
      changes: { mustChangePassword: { before: row.must_change_password, after: true } },
    });
  });
}
