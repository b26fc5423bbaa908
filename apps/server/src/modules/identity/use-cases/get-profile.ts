// The signed-in user's own profile. Identifiers come back masked, and the read is audited because it
// decrypts personal data (DOMAIN §8.3, reads of personal information are logged).
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { maskIdNumber, maskMobile } from '../../../platform/ids/mask.ts';
import { findCitizen, findEnterprise, findUser } from '../identity.repository.ts';

export interface Profile {
  id: string;
  username: string;
  kind: 'staff' | 'citizen' | 'enterprise';
  displayName: string;
  orgId: string | null;
  orgName: string | null;
  phoneMasked: string | null;
  email: string | null;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  citizen?: {
    realName: string;
    idNumberMasked: string;
    birthDate: string | null;
    sex: 'male' | 'female' | null;
    verified: boolean;
  };
  enterprise?: { name: string; creditCode: string; legalRepresentative: string; verified: boolean };
}

export async function getProfile(ctx: AppContext, principal: Principal, actor: Actor): Promise<Profile> {
  return withTx(ctx.pool, async (tx) => {
    const user = await findUser(tx, principal.userId);
    if (!user) throw platformErrors.UNAUTHENTICATED();
    const profile: Profile = {
      id: user.id,
      username: user.username,
      kind: user.kind,
      displayName: user.display_name,
      orgId: user.org_id,
      orgName: user.org_name,
      phoneMasked: user.phone_enc ? maskMobile(ctx.pii.decrypt(user.phone_enc)) : null,
      email: user.email,
      totpEnabled: user.totp_enabled,
      lastLoginAt: user.last_login_at?.toISOString() ?? null,
      createdAt: user.created_at.toISOString(),
    };
    if (user.kind === 'citizen') {
      const c = await findCitizen(tx, user.id);
      if (c) {
        profile.citizen = {
          realName: c.real_name,
          idNumberMasked: maskIdNumber(ctx.pii.decrypt(c.id_number_enc)),
          birthDate: c.birth_date,
          sex: c.sex,
          verified: c.verified_at !== null,
        };
      }
    } else if (user.kind === 'enterprise') {
      const e = await findEnterprise(tx, user.id);
      if (e) {
        profile.enterprise = {
          name: e.name,
          creditCode: e.credit_code,
          legalRepresentative: e.legal_representative,
          verified: e.verified_at !== null,
        };
      }
    }
    await ctx.audit.record(tx, actor, {
      action: 'profile.read',
      objectType: 'user',
      objectId: user.id,
      summary: `查看本人账号信息（${user.username}，证件号码、手机号已脱敏显示）`,
    });
    return profile;
  });
}
