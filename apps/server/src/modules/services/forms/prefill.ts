// Pre-filling a form from the signed-in applicant's own profile: the identity checked at registration
// (idn_citizen / idn_enterprise) and the contact details of the account. Only fields whose definition
// asks for a prefill kind are filled, and only from the kinds that belong to the applicant's kind of
// account: a citizen never gets an enterprise's code and staff get nothing.
import type { AppContext } from '../../../platform/context.ts';
import { maybeOne } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import type { FormDefinition, PrefillKind } from './form-types.ts';

type Profile = Partial<Record<PrefillKind, string>>;

async function loadProfile(ctx: AppContext, p: Principal): Promise<Profile> {
  if (p.kind === 'citizen') {
    const r = await maybeOne<{
      real_name: string;
      id_number_enc: string;
      phone_enc: string | null;
      email: string | null;
    }>(
      ctx.pool,
      `SELECT c.real_name, c.id_number_enc, u.phone_enc, u.email
       FROM idn_user u JOIN idn_citizen c ON c.user_id = u.id
       WHERE u.id = $1 AND u.kind = 'citizen' AND u.status = 'active'`,
      [p.userId],
    );
    if (!r) return {};
    return {
      name: r.real_name,
      id_number: ctx.pii.decrypt(r.id_number_enc),
      ...(r.phone_enc ? { phone: ctx.pii.decrypt(r.phone_enc) } : {}),
      ...(r.email ? { email: r.email } : {}),
    };
  }
  if (p.kind === 'enterprise') {
    const r = await maybeOne<{
      name: string;
      credit_code: string;
      legal_representative: string;
      phone_enc: string | null;
      email: string | null;
    }>(
      ctx.pool,
      `SELECT e.name, e.credit_code, e.legal_representative, u.phone_enc, u.email
       FROM idn_user u JOIN idn_enterprise e ON e.user_id = u.id
       WHERE u.id = $1 AND u.kind = 'enterprise' AND u.status = 'active'`,
      [p.userId],
    );
    if (!r) return {};
    return {
      enterprise_name: r.name,
      credit_code: r.credit_code,
      legal_representative: r.legal_representative,
      ...(r.phone_enc ? { phone: ctx.pii.decrypt(r.phone_enc) } : {}),
      ...(r.email ? { email: r.email } : {}),
    };
  }
  return {};
}

/**
 * Values for the top-level fields that ask for a prefill, keyed by field key. Fields the profile
 * cannot fill are left out (the applicant types them).
 */
export async function prefillFor(
  ctx: AppContext,
  principal: Principal | null | undefined,
  def: FormDefinition,
): Promise<Record<string, string>> {
  const wanted = def.sections.flatMap((s) => s.fields).filter((f) => f.prefill && f.type !== 'group');
  if (!principal || wanted.length === 0) return {};
  if (principal.kind !== 'citizen' && principal.kind !== 'enterprise') return {};
  const profile = await loadProfile(ctx, principal);
  const out: Record<string, string> = {};
  for (const f of wanted) {
    const v = profile[f.prefill as PrefillKind];
    if (v) out[f.key] = v;
  }
  return out;
}
