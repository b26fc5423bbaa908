// What a licence's signature covers, how its status is judged, and how it is shown.
//
// The signature covers the canonical JSON (RFC 8785-style, platform/crypto/hash-chain.ts) of the
// licence's fields as issued. Verification re-derives that JSON from the stored columns, so a change
// to any signed column (holder, validity, scope …) makes the signature fail. The full ID number is
// never in the signed text: the keyed blind index binds it without exposing it.
// Revocation is a later state change and not part of the signature.

import {
  HOLDER_KIND_NAMES,
  LICENCE_STATUS_NAMES,
  type LicenceStatus,
  type LicenceView,
  type PlainLicenceStatus,
} from '../../../../shared/licences.ts';
import { canonicalJson } from '../../platform/crypto/hash-chain.ts';
import { type PlatformSignature, platformVerify } from '../../platform/crypto/sm2.ts';
import type { Queryable } from '../../platform/db/pool.ts';
import { chineseDate } from '../../platform/documents/pdf.ts';
import { publicLink } from '../../platform/documents/qr.ts';
import { maskName } from '../../platform/ids/mask.ts';
import type { LicenceRow } from './licences.repository.ts';

export const PAYLOAD_VERSION = 1;

export {
  HOLDER_KIND_NAMES,
  LICENCE_STATUS_NAMES,
  type LicenceStatus,
  type LicenceView,
} from '../../../../shared/licences.ts';

type Signed = Pick<
  LicenceRow,
  | 'number'
  | 'case_number'
  | 'licence_name'
  | 'holder_name'
  | 'holder_kind'
  | 'holder_code_hash'
  | 'holder_code_masked'
  | 'org_id'
  | 'org_name'
  | 'valid_from'
  | 'valid_until'
  | 'scope'
  | 'data'
  | 'issued_on'
>;

/** The exact text that is signed for a licence. */
export function signedPayloadOf(l: Signed): string {
  return canonicalJson({
    v: PAYLOAD_VERSION,
    type: 'zhengtong.licence',
    number: l.number,
    caseNumber: l.case_number,
    licenceName: l.licence_name,
    holder: {
      name: l.holder_name,
      kind: l.holder_kind,
      codeMasked: l.holder_code_masked,
      codeIndex: l.holder_code_hash,
    },
    issuer: { id: l.org_id, name: l.org_name },
    validFrom: l.valid_from,
    validUntil: l.valid_until,
    scope: l.scope,
    data: l.data,
    issuedOn: l.issued_on,
  });
}

/** First 16 hex characters of the signature: printed in the QR code's address. */
export function sigTag(signature: string): string {
  return signature.slice(0, 16);
}

export function verifyPath(l: Pick<LicenceRow, 'number' | 'signature'>): string {
  return `/licences/verify?no=${encodeURIComponent(l.number)}&sig=${sigTag(l.signature)}`;
}

export function verifyUrl(
  config: { publicUrl: string | null; host: string; port: number },
  l: Pick<LicenceRow, 'number' | 'signature'>,
): string {
  return publicLink(config, verifyPath(l));
}

export interface Verification {
  status: LicenceStatus;
  statusName: string;
  signatureValid: boolean;
  /** Why the signature check failed (for the verification page). */
  problem: string | null;
}

/**
 * Checks the signature of a stored licence and judges its status on `today` (Asia/Shanghai).
 * `tag`: the signature prefix from a QR code, when the check started from one.
 */
export async function verifyLicenceRow(
  db: Queryable,
  l: LicenceRow,
  today: string,
  tag?: string | null,
): Promise<Verification> {
  const payload = signedPayloadOf(l);
  const sig: PlatformSignature = { keyId: l.key_id, signature: l.signature };
  let problem: string | null = null;
  if (payload !== l.signed_payload || !(await platformVerify(db, payload, sig))) {
    problem = '证照内容与平台电子签名不符，可能已被篡改';
  } else if (tag && tag.toLowerCase() !== sigTag(l.signature)) {
    problem = '二维码中的签名摘要与证照记录不一致，该二维码可能不是本平台签发';
  }
  const signatureValid = problem === null;
  let status: LicenceStatus;
  if (!signatureValid) status = 'invalid';
  else if (l.status === 'revoked') status = 'revoked';
  else if (l.valid_until !== null && l.valid_until < today) status = 'expired';
  else if (l.valid_from > today) status = 'not_yet_valid';
  else status = 'valid';
  return { status, statusName: LICENCE_STATUS_NAMES[status], signatureValid, problem };
}

/** '2031-11-23' → '2031年11月23日'; null → '长期'. */
export function chineseDay(date: string | null): string {
  return date ? chineseDate(date) : '长期';
}

/** Holder name as published: a person's name masked, an organisation's name in full (it is public). */
export function publicHolderName(l: Pick<LicenceRow, 'holder_name' | 'holder_kind'>): string {
  return l.holder_kind === 'person' ? maskName(l.holder_name) : l.holder_name;
}

/** Status from the columns alone (lists); the signature is checked on the detail and public pages. */
export function plainStatus(l: LicenceRow, today: string): PlainLicenceStatus {
  if (l.status === 'revoked') return 'revoked';
  if (l.valid_until !== null && l.valid_until < today) return 'expired';
  if (l.valid_from > today) return 'not_yet_valid';
  return 'valid';
}

export function toLicenceView(
  config: { publicUrl: string | null; host: string; port: number },
  l: LicenceRow,
  today: string,
): LicenceView {
  const status = plainStatus(l, today);
  return {
    id: l.id,
    number: l.number,
    caseId: l.case_id,
    caseNumber: l.case_number,
    licenceName: l.licence_name,
    holderName: l.holder_name,
    holderKind: l.holder_kind,
    holderKindName: HOLDER_KIND_NAMES[l.holder_kind],
    holderCodeMasked: l.holder_code_masked,
    orgId: l.org_id,
    orgName: l.org_name,
    validFrom: l.valid_from,
    validUntil: l.valid_until,
    scope: l.scope,
    data: l.data,
    issuedOn: l.issued_on,
    issuedAt: l.issued_at.toISOString(),
    status,
    statusName: LICENCE_STATUS_NAMES[status],
    revokedReason: l.revoked_reason,
    revokedAt: l.revoked_at?.toISOString() ?? null,
    revokedByName: l.revoked_by_name ?? null,
    keyId: l.key_id,
    verifyUrl: verifyUrl(config, l),
  };
}
