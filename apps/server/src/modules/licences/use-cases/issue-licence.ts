// Issues an electronic licence inside the caller's transaction (the licensing decision that grants
// it): numbers it, signs its fields with the platform's SM2 key, stores it, audits it and tells the
// holder. Calling it again for the same case and licence name returns the licence already issued, so
// a retried decision never issues two.
//
// Numbering: XK + the issuing unit's region code (nearest ancestor with one, GB/T 2260) + the year of
// issue + a 6-digit sequence per region and year, e.g. XK3311022026000012. "XK" (许可) is the prefix
// used by national licence series; the region code keeps numbers unique across the platform.

import { type Actor, systemActor } from '../../../platform/audit/audit.ts';
import { assertIsoDate, shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { platformSign } from '../../../platform/crypto/sm2.ts';
import { newId } from '../../../platform/db/ids.ts';
import type { Tx } from '../../../platform/db/pool.ts';
import { nextSequence } from '../../../platform/events/events.ts';
import { validateIdNumber } from '../../../platform/ids/gb11643.ts';
import { validateCreditCode } from '../../../platform/ids/gb32100.ts';
import { maskIdNumber } from '../../../platform/ids/mask.ts';
import { getOrg, getUserSummary } from '../../identity/index.ts';
import { getCase } from '../../workflow/index.ts';
import { licenceErrors } from '../licences.errors.ts';
import { signedPayloadOf, verifyUrl } from '../licences.model.ts';
import { findLicenceForCase, insertLicence, type LicenceRow } from '../licences.repository.ts';

export interface IssueLicenceInput {
  caseId: string;
  caseNumber: string;
  /** e.g. 食品经营许可证 */
  licenceName: string;
  holderName: string;
  /** 公民身份号码 (person) or 统一社会信用代码 (enterprise). */
  holderCode: string;
  holderKind: 'person' | 'enterprise';
  /** The issuing unit (the case's owning unit). */
  orgId: string;
  validFrom: string;
  /** null: no expiry (长期). */
  validUntil: string | null;
  /** 许可范围 / 经营项目 printed on the certificate. */
  scope?: string;
  /** Further fields printed on the certificate, label → value, e.g. {"经营场所": "丽水市莲都区……"}. */
  data?: Record<string, string | number>;
  /** The account that may download the licence; default: the case's applicant. */
  holderUserId?: string | null;
  /** Who made the decision (audit); null or absent: the system. */
  actorUserId?: string | null;
}

export interface IssuedLicence {
  id: string;
  number: string;
  verifyUrl: string;
}

async function regionCodeOf(tx: Tx, orgId: string): Promise<string> {
  let id: string | null = orgId;
  for (let depth = 0; id && depth < 20; depth++) {
    const org = await getOrg(tx, id);
    if (!org) break;
    if (org.regionCode) return org.regionCode;
    id = org.parentId;
  }
  throw licenceErrors.LICENCE_INPUT_INVALID('orgId', '发证机关不在任何行政区划之下，无法编号');
}

function normalizeData(data: Record<string, string | number> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data ?? {})) {
    const label = k.trim();
    const value = String(v).trim();
    if (!label || label.length > 20 || value.length > 500) {
      throw licenceErrors.LICENCE_INPUT_INVALID('data', `证照附加信息“${label.slice(0, 20)}”不正确`);
    }
    out[label] = value;
  }
  if (Object.keys(out).length > 20)
    throw licenceErrors.LICENCE_INPUT_INVALID('data', '证照附加信息不能超过 20 项');
  return out;
}

async function actorFor(tx: Tx, userId: string | null | undefined): Promise<Actor> {
  if (!userId) return systemActor;
  const u = await getUserSummary(tx, userId);
  return {
    ...systemActor,
    userId,
    name: u ? `${u.displayName}（${u.username}）` : '系统',
    orgId: u?.orgId ?? null,
  };
}

export async function issueLicence(
  tx: Tx,
  ctx: AppContext,
  input: IssueLicenceInput,
): Promise<IssuedLicence> {
  const licenceName = input.licenceName.trim();
  const holderName = input.holderName.trim();
  if (licenceName.length < 1 || licenceName.length > 100)
    throw licenceErrors.LICENCE_INPUT_INVALID('licenceName', '证照名称须为 1–100 个字');
  if (holderName.length < 1 || holderName.length > 200)
    throw licenceErrors.LICENCE_INPUT_INVALID('holderName', '持证主体名称须为 1–200 个字');
  try {
    assertIsoDate(input.validFrom);
    if (input.validUntil !== null) assertIsoDate(input.validUntil);
  } catch {
    throw licenceErrors.VALIDITY_INVALID('validFrom', '有效期日期格式应为 YYYY-MM-DD');
  }
  if (input.validUntil !== null && input.validUntil < input.validFrom)
    throw licenceErrors.VALIDITY_INVALID('validUntil');
  const scope = (input.scope ?? '').trim();
  if (scope.length > 2000) throw licenceErrors.LICENCE_INPUT_INVALID('scope', '许可范围不能超过 2000 字');
  const data = normalizeData(input.data);

  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  let code: string;
  let masked: string;
  if (input.holderKind === 'person') {
    const check = validateIdNumber(input.holderCode, today);
    if (!check.ok) throw licenceErrors.HOLDER_CODE_INVALID('holderCode', check.reason);
    code = check.normalized;
    masked = maskIdNumber(code);
  } else {
    const check = validateCreditCode(input.holderCode);
    // A code failing only its check character was accepted (with a note) when the account was made.
    const normalized = check.ok ? check.normalized : check.checkDigitOnly ? check.normalized : undefined;
    if (!normalized)
      throw licenceErrors.HOLDER_CODE_INVALID('holderCode', check.ok ? undefined : check.reason);
    code = normalized;
    // The unified social credit code is public (printed on every business licence).
    masked = code;
  }

  const existing = await findLicenceForCase(tx, input.caseId, licenceName);
  if (existing)
    return { id: existing.id, number: existing.number, verifyUrl: verifyUrl(ctx.config, existing) };

  const org = await getOrg(tx, input.orgId);
  if (!org) throw licenceErrors.LICENCE_INPUT_INVALID('orgId', '发证机关不存在');
  const region = await regionCodeOf(tx, org.id);
  const year = Number(today.slice(0, 4));
  const seq = await nextSequence(tx, 'licence', region, year);
  const number = `XK${region}${year}${String(seq).padStart(6, '0')}`;

  let holderUserId = input.holderUserId;
  if (holderUserId === undefined) {
    const c = await getCase(tx, input.caseId);
    if (!c) throw licenceErrors.LICENCE_INPUT_INVALID('caseId', '办件不存在');
    holderUserId = c.applicantUserId;
  }

  const fields = {
    number,
    case_number: input.caseNumber,
    licence_name: licenceName,
    holder_name: holderName,
    holder_kind: input.holderKind,
    holder_code_hash: ctx.pii.blindIndex(input.holderKind === 'person' ? 'id_number' : 'credit_code', code),
    holder_code_masked: masked,
    org_id: org.id,
    org_name: org.name,
    valid_from: input.validFrom,
    valid_until: input.validUntil,
    scope,
    data,
    issued_on: today,
  } satisfies Partial<LicenceRow>;
  const payload = signedPayloadOf(fields);
  const sig = await platformSign(tx, ctx.pii, payload);
  const row: Omit<LicenceRow, 'created_at' | 'revoked_by_name'> = {
    ...fields,
    id: newId(),
    case_id: input.caseId,
    holder_code_enc: ctx.pii.encrypt(code),
    holder_user_id: holderUserId ?? null,
    org_path: org.path,
    issued_at: now,
    status: 'valid',
    revoked_reason: null,
    revoked_at: null,
    revoked_by: null,
    signed_payload: payload,
    signature: sig.signature,
    key_id: sig.keyId,
  };
  await insertLicence(tx, row);
  await ctx.audit.record(tx, await actorFor(tx, input.actorUserId), {
    action: 'licence.issue',
    objectType: 'licence',
    objectId: row.id,
    summary: `颁发电子证照《${licenceName}》${number}（办件 ${input.caseNumber}）`,
  });
  await ctx.events.emit(tx, {
    type: 'licence.issued',
    aggregateType: 'licence',
    aggregateId: row.id,
    payload: { licenceId: row.id, number, caseId: input.caseId, orgId: org.id },
    actorId: input.actorUserId ?? null,
  });
  const url = verifyUrl(ctx.config, row);
  if (row.holder_user_id) {
    await ctx.notify.inbox(tx, {
      userId: row.holder_user_id,
      title: `您的电子证照《${licenceName}》已颁发`,
      body: `证照编号 ${number}，发证机关 ${org.name}。可在“我的证照”中下载，或扫描证照上的二维码核验。`,
      link: `/api/v1/my/licences/${row.id}/pdf`,
    });
  }
  return { id: row.id, number, verifyUrl: url };
}
