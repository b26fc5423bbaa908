// 电子证照 API (licences module, H4): list and search, detail with validity, revoke.
import type { LicenceView, PlainLicenceStatus } from '../../../../shared/licences.ts';
import { http } from '../../api/client.ts';

const id = (value: string) => encodeURIComponent(value);

export { LICENCE_STATUS_NAMES } from '../../../../shared/licences.ts';

/** The status a licence is listed with (the signature is checked on the detail only). */
export type LicenceStatus = PlainLicenceStatus;

/** A licence as GET /licences lists it. */
export type Licence = LicenceView;

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
