// Public verification (the QR code's target): anyone with the licence number sees whether the licence
// is genuine and in force. Only what a licence shows publicly is returned: a person's name masked,
// no ID number; an organisation's name and credit code are public anyway.
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { licenceErrors } from '../licences.errors.ts';
import {
  chineseDay,
  HOLDER_KIND_NAMES,
  type LicenceStatus,
  publicHolderName,
  verifyLicenceRow,
} from '../licences.model.ts';
import { findLicenceByNumber } from '../licences.repository.ts';

export interface PublicLicence {
  number: string;
  licenceName: string;
  holderName: string;
  holderKind: 'person' | 'enterprise';
  holderKindName: string;
  /** The credit code of an organisation; null for a person. */
  holderCode: string | null;
  orgName: string;
  validFrom: string;
  validUntil: string | null;
  validityText: string;
  scope: string;
  data: { label: string; value: string }[];
  issuedOn: string;
  status: LicenceStatus;
  statusName: string;
  signatureValid: boolean;
  problem: string | null;
  revokedOn: string | null;
  revokedReason: string | null;
  checkedOn: string;
  algorithm: string;
}

const NUMBER = /^[A-Za-z0-9-]{4,40}$/;
const TAG = /^[0-9a-fA-F]{16}$/;

export async function verifyLicence(
  ctx: AppContext,
  no: string,
  sig?: string | null,
): Promise<PublicLicence> {
  const number = no.trim().toUpperCase();
  if (!NUMBER.test(number)) throw licenceErrors.LICENCE_NOT_FOUND();
  const row = await findLicenceByNumber(ctx.pool, number);
  if (!row) throw licenceErrors.LICENCE_NOT_FOUND();
  const today = shanghaiDate(ctx.clock.now());
  // A tag that is not 16 hex characters cannot come from a QR code we printed: treat it as a mismatch.
  const tag = sig === undefined || sig === null || sig === '' ? null : TAG.test(sig) ? sig : 'x'.repeat(16);
  const v = await verifyLicenceRow(ctx.pool, row, today, tag);
  return {
    number: row.number,
    licenceName: row.licence_name,
    holderName: publicHolderName(row),
    holderKind: row.holder_kind,
    holderKindName: HOLDER_KIND_NAMES[row.holder_kind],
    holderCode: row.holder_kind === 'enterprise' ? row.holder_code_masked : null,
    orgName: row.org_name,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    validityText: `${chineseDay(row.valid_from)} 至 ${chineseDay(row.valid_until)}`,
    scope: row.scope,
    data: Object.entries(row.data).map(([label, value]) => ({ label, value })),
    issuedOn: row.issued_on,
    status: v.status,
    statusName: v.statusName,
    signatureValid: v.signatureValid,
    problem: v.problem,
    revokedOn: row.revoked_at ? shanghaiDate(row.revoked_at) : null,
    revokedReason: row.status === 'revoked' ? row.revoked_reason : null,
    checkedOn: today,
    algorithm: 'SM2（SM3 杂凑），平台电子签名',
  };
}
