// 电子证照: the statuses of a licence (judged on the day it is looked at, and on the verification page
// also from its SM2 signature), its holder kinds, and a licence as staff see it (GET /api/v1/licences).

export type LicenceStatus = 'valid' | 'not_yet_valid' | 'expired' | 'revoked' | 'invalid';

export const LICENCE_STATUS_NAMES: Record<LicenceStatus, string> = {
  valid: '有效',
  not_yet_valid: '尚未生效',
  expired: '已过期',
  revoked: '已注销',
  invalid: '签名无效',
};

/** The status from the stored columns alone, without checking the signature (lists). */
export type PlainLicenceStatus = Exclude<LicenceStatus, 'invalid'>;

export type HolderKind = 'person' | 'enterprise';

export const HOLDER_KIND_NAMES: Record<HolderKind, string> = {
  person: '自然人',
  enterprise: '法人或其他组织',
};

export interface LicenceView {
  id: string;
  number: string;
  caseId: string;
  caseNumber: string;
  licenceName: string;
  holderName: string;
  holderKind: HolderKind;
  holderKindName: string;
  holderCodeMasked: string;
  orgId: string;
  orgName: string;
  validFrom: string;
  validUntil: string | null;
  scope: string;
  data: Record<string, string>;
  issuedOn: string;
  issuedAt: string;
  status: PlainLicenceStatus;
  statusName: string;
  revokedReason: string | null;
  revokedAt: string | null;
  revokedByName: string | null;
  keyId: string;
  verifyUrl: string;
}
