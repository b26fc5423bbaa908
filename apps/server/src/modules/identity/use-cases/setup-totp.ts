// Step one of two-factor enrolment: a new secret for the user's authenticator app. The secret is
// stored encrypted but takes effect only when enable-totp proves the app produces matching codes.
import QRCode from 'qrcode';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { generateTotpSecret, totpUri } from '../../../platform/crypto/totp.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { identityErrors } from '../identity.errors.ts';
import { findUserForUpdate, updateUserFields } from '../identity.repository.ts';

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
  qrDataUrl: string;
}

export async function setupTotp(ctx: AppContext, principal: Principal, actor: Actor): Promise<TotpSetup> {
  const secret = generateTotpSecret();
  const uri = totpUri(secret, principal.username);
  await withTx(ctx.pool, async (tx) => {
    const user = await findUserForUpdate(tx, principal.userId);
    if (!user) throw platformErrors.UNAUTHENTICATED();
    if (user.totp_enabled) throw identityErrors.TOTP_ALREADY_ENABLED();
    await updateUserFields(tx, user.id, {
      totp_secret_enc: ctx.pii.encrypt(secret),
      totp_last_step: null,
      updated_at: ctx.clock.now(),
    });
    await ctx.audit.record(tx, actor, {
      action: 'user.totp_setup',
      objectType: 'user',
      objectId: user.id,
      summary: `生成双因素认证密钥（${user.username}），待验证后启用`,
    });
  });
  return { secret, otpauthUri: uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 240 }) };
}
