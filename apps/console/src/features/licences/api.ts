// 电子证照 API (licences module, H4): list and search, detail with validity, revoke.
import { http } from '../../api/client.ts';

const id = (value: string) => encodeURIComponent(value);

export type LicenceStatus = 'valid' | 'not_yet_valid' | 'expired' | 'revoked';

export interface Licence {
  id: string;
  number: string;
  caseId: string;
  caseNumber: string;
  licenceName: string;
  holderName: string;
  holderKind: 'person' | 'enterprise';
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
  status: LicenceStatus;
  statusName: string;
  revokedReason: string | null;
  revokedAt: string | null;
  revokedByName: string | null;
  keyId: string;
  verifyUrl: string;
}

/** The detail answer adds the result of checking the SM2 signature. */
export interface LicenceDetail extends Licence {
  signatureValid: boolean;
  signatureProblem: string | null;
}

export interface LicenceQuery {
  q?: string;
  status?: string;
  orgId?: string;
  page: number;
  pageSize: number;
}

export const licencesApi = {
  list: (query: LicenceQuery, signal?: AbortSignal) =>
    http.get<{ items: Licence[]; total: number }>('/licences', { ...query }, { signal }),
  get: (licenceId: string, signal?: AbortSignal) =>
    http.get<LicenceDetail>(`/licences/${id(licenceId)}`, undefined, { signal }),
  revoke: (licenceId: string, reason: string) =>
    http.post<unknown>(`/licences/${id(licenceId)}/revoke`, { reason }),
};

/** The certificate PDF with its verification QR code. */
export function licencePdfUrl(licenceId: string): string {
  return `/api/v1/licences/${id(licenceId)}/pdf`;
}
