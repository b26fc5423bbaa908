// Public registration of a citizen or enterprise account. Identifiers are checked by their check
// digits, personal data is stored encrypted with a blind index for uniqueness, and nothing is written
// unless everything passes.
import type { Actor } from '../../../platform/audit/audit.ts';
import { diffFields } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { hashPassword } from '../../../platform/crypto/password.ts';
import { newId } from '../../../platform/db/ids.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { hasPermission, type Principal } from '../../../platform/http/principal.ts';
import { validateIdNumber } from '../../../platform/ids/gb11643.ts';
import { maskIdNumber, maskMobile, maskName } from '../../../platform/ids/mask.ts';
import { identityErrors } from '../identity.errors.ts';
import {
  enterpriseCreditCodeRegistered,
  idNumberRegistered,
  insertCitizen,
  insertEnterprise,
  insertUser,
  usernameExists,
} from '../identity.repository.ts';
import {
  checkCreditCode,
  checkMobile,
  checkOrgName,
  checkPassword,
  checkPersonName,
  checkUsername,
  Problems,
} from '../identity.rules.ts';
import { actorAs } from '../identity.scope.ts';
import { mapUniqueViolation } from '../unique-violation.ts';

export interface CitizenRegistration {
  kind: 'citizen';
  username: string;
  password: string;
  realName: string;
  idNumber: string;
  phone: string;
}

export interface EnterpriseRegistration {
  kind: 'enterprise';
  username: string;
  password: string;
  name: string;
  creditCode: string;
  /** Only staff holding user.manage may vouch for a code failing just its check character. */
  creditCodeNote?: string;
  legalRepresentative: string;
  phone: string;
}

export type RegistrationInput = CitizenRegistration | EnterpriseRegistration;

export async function registerAccount(
  ctx: AppContext,
  input: RegistrationInput,
  actor: Actor,
  principal: Principal | null,
): Promise<{ userId: string }> {
  const now = ctx.clock.now();
  const p = new Problems();
  const username = input.username.trim();
  checkUsername(p, username);
  checkPassword(p, input.password, username);
  const phone = checkMobile(p, input.phone, 'phone');

  let citizen: { realName: string; idNumber: string; birthDate: string; sex: 'male' | 'female' } | null =
    null;
  let enterprise: {
    name: string;
    creditCode: string;
    note: string | null;
    legalRepresentative: string;
  } | null = null;
  if (input.kind === 'citizen') {
    const realName = checkPersonName(p, input.realName, 'realName');
    const id = validateIdNumber(input.idNumber, shanghaiDate(now));
    if (!id.ok) p.add('ID_NUMBER_INVALID', 'idNumber', id.reason);
    else citizen = { realName, idNumber: id.normalized, birthDate: id.birthDate, sex: id.sex };
  } else {
    const name = checkOrgName(p, input.name, 'name');
    const staffMayVouch = principal?.kind === 'staff' && hasPermission(principal, 'user.manage');
    const code = checkCreditCode(p, input.creditCode, {
      acceptCheckDigitOnly: staffMayVouch,
      note: input.creditCodeNote ?? null,
      contactDesk: !staffMayVouch,
    });
    const legalRepresentative = checkPersonName(p, input.legalRepresentative, 'legalRepresentative');
    if (code) enterprise = { name, creditCode: code.code, note: code.note, legalRepresentative };
  }
  p.throwIfAny();

  if (await usernameExists(ctx.pool, username)) throw identityErrors.USERNAME_TAKEN('username');
  const idHash = citizen ? ctx.pii.blindIndex('id_number', citizen.idNumber) : null;
  if (idHash && (await idNumberRegistered(ctx.pool, idHash)))
    throw identityErrors.ID_NUMBER_TAKEN('idNumber');
  if (enterprise && (await enterpriseCreditCodeRegistered(ctx.pool, enterprise.creditCode))) {
    throw identityErrors.CREDIT_CODE_TAKEN('creditCode');
  }

  const passwordHash = await hashPassword(input.password);
  const userId = newId();
  const displayName = citizen?.realName ?? enterprise?.name ?? username;
  try {
    await withTx(ctx.pool, async (tx) => {
      await insertUser(tx, {
        id: userId,
        username,
        kind: input.kind,
        displayName,
        orgId: null,
        passwordHash,
        phoneEnc: phone ? ctx.pii.encrypt(phone) : null,
        phoneHash: phone ? ctx.pii.blindIndex('mobile', phone) : null,
        email: null,
        now,
      });
      if (citizen && idHash) {
        await insertCitizen(tx, {
          userId,
          realName: citizen.realName,
          idNumberEnc: ctx.pii.encrypt(citizen.idNumber),
          idNumberHash: idHash,
          birthDate: citizen.birthDate,
          sex: citizen.sex,
        });
      }
      if (enterprise) {
        await insertEnterprise(tx, {
          userId,
          name: enterprise.name,
          creditCode: enterprise.creditCode,
          creditCodeNote: enterprise.note,
          legalRepresentative: enterprise.legalRepresentative,
        });
      }
      const who = principal
        ? actor
        : actorAs(actor, { id: userId, display_name: displayName, username, org_id: null });
      await ctx.audit.record(tx, who, {
        action: 'account.register',
        objectType: 'user',
        objectId: userId,
        summary:
          input.kind === 'citizen'
            ? `注册个人账号 ${username}`
            : `注册法人账号 ${username}${enterprise?.note ? `（统一社会信用代码校验位不符，经办人说明：${enterprise.note}）` : ''}`,
        changes: diffFields(
          null,
          {
            username,
            kind: input.kind,
            phone,
            ...(citizen ? { realName: citizen.realName, idNumber: citizen.idNumber } : {}),
            ...(enterprise
              ? {
                  name: enterprise.name,
                  creditCode: enterprise.creditCode,
                  creditCodeNote: enterprise.note,
                  legalRepresentative: enterprise.legalRepresentative,
                }
              : {}),
          },
          { phone: maskMobile, idNumber: maskIdNumber, realName: maskName, legalRepresentative: maskName },
        ),
      });
      await ctx.events.emit(tx, {
        type: 'identity.account_registered',
        aggregateType: 'user',
        aggregateId: userId,
        payload: { kind: input.kind },
        actorId: principal?.userId ?? userId,
      });
    });
  } catch (e) {
    throw mapUniqueViolation(e);
  }
  return { userId };
}
