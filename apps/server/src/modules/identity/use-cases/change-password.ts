// A user changes their own password. Other sessions end: whoever may have known the old password
// loses access with it.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { hashPassword, verifyPassword } from '../../../platform/crypto/password.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { identityErrors } from '../identity.errors.ts';
import { findUser, updateUserFields } from '../identity.repository.ts';
import { checkPassword, Problems } from '../identity.rules.ts';
import { endUserSessions } from '../session-cache.ts';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

export async function changePassword(
  ctx: AppContext,
  principal: Principal,
  input: ChangePasswordInput,
  actor: Actor,
): Promise<{ revokedSessions: number }> {
  const user = await findUser(ctx.pool, principal.userId);
  if (!user) throw platformErrors.UNAUTHENTICATED();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await withTx(ctx.pool, (tx) =>
      ctx.audit.record(tx, actor, {
        action: 'user.password_change',
        objectType: 'user',
        objectId: user.id,
        result: 'failure',
        summary: `修改密码失败（${user.username}）：当前密码不正确`,
      }),
    );
    throw identityErrors.CURRENT_PASSWORD_WRONG('currentPassword');
  }
  const p = new Problems();
  checkPassword(p, input.newPassword, user.username, 'newPassword');
  p.throwIfAny();
  if (input.newPassword === input.currentPassword) throw identityErrors.PASSWORD_REUSED('newPassword');

  const hash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  return withTx(ctx.pool, async (tx) => {
    await updateUserFields(tx, user.id, {
      password_hash: hash,
      password_changed_at: now,
      must_change_password: false,
      updated_at: now,
    });
    const revoked = await endUserSessions(tx, ctx, user.id, 'password_changed', now, principal.sessionId);
    await ctx.audit.record(tx, actor, {
      action: 'user.password_change',
      objectType: 'user',
      objectId: user.id,
      summary: `修改密码（${user.username}），结束其他会话 ${revoked} 个`,
    });
    return { revokedSessions: revoked };
  });
}
