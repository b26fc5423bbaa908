// Step two of two-factor enrolment: a code from the app proves it holds the secret.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { matchTotpStep } from '../../../platform/crypto/totp.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { identityErrors } from '../identity.errors.ts';
import { findUserForUpdate, updateUserFields } from '../identity.repository.ts';
import { sessionCacheOf } from '../session-cache.ts';

export async function enableTotp(
  ctx: AppContext,
  principal: Principal,
  input: { otp: string },
  actor: Actor,
): Promise<void> {
  const now = ctx.clock.now();
  await withTx(ctx.pool, async (tx) => {
    const user = await findUserForUpdate(tx, principal.userId);
    if (!user) throw platformErrors.UNAUTHENTICATED();
    if (user.totp_enabled) throw identityErrors.TOTP_ALREADY_ENABLED();
    if (!user.totp_secret_enc) throw identityErrors.TOTP_NOT_SET_UP();
    const step = matchTotpStep(ctx.pii.decrypt(user.totp_secret_enc), input.otp, now);
    if (step === null) throw identityErrors.OTP_MISMATCH('otp');
    await updateUserFields(tx, user.id, { totp_enabled: true, totp_last_step: step, updated_at: now });
    await ctx.audit.record(tx, actor, {
      action: 'user.totp_enable',
      objectType: 'user',
      objectId: user.id,
      summary: `启用双因素认证（${user.username}）`,
      changes: { totpEnabled: { before: false, after: true } },
    });
    tx.afterCommit(() => sessionCacheOf(ctx).invalidateUser(user.id));
  });
}
