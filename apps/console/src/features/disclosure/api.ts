// 政府信息公开 API (disclosure module): reply outcomes, requests (read, register), the units a member of
// staff works on, the catalogue with its Art. 26 alerts, the guide and the annual report.
// The answers' and bodies' shapes are the server's (apps/shared/disclosure.ts).
import {
  type AlertView,
  type AnnualReport,
  type Delivery,
  DELIVERY_NAMES,
  type EntryInput,
  type EntryView,
  GENRES,
  type GuideInput,
  type GuideView,
  type OutcomeView,
  type RegisterRequestInput,
  type ReportInput,
  type RequestView,
  type StaffUnit,
  type SubmitRequestResult,
  TOPICS,
  VALIDITIES,
} from '../../../../shared/disclosure.ts';
import { http } from '../../api/client.ts';
import type { Items, Page } from '../../api/types.ts';

export type {
  AnnualReport,
  EntryInput,
  EntryView,
  GuideInput,
  OutcomeView,
  RegisterRequestInput,
  RequestView,
  StaffUnit,
  SubmitRequestResult,
};

const id = (value: string) => encodeURIComponent(value);

export const CATALOGUE_EDIT = 'disclosure.catalogue.edit';
export const REQUEST_HANDLE = 'disclosure.request.handle';
export const REPORT_EDIT = 'disclosure.report.edit';

export const disclosureApi = {
  outcomes: (signal?: AbortSignal) =>
    http.get<Items<OutcomeView>>('/disclosure/outcomes', undefined, { signal }),
  request: (requestId: string, signal?: AbortSignal) =>
    http.get<RequestView>(`/disclosure/requests/${id(requestId)}`, undefined, { signal }),
  register: (body: RegisterRequestInput) =>
    http.post<SubmitRequestResult>('/disclosure/requests/registered', body),
  units: (signal?: AbortSignal) =>
    http.get<Items<StaffUnit>>('/disclosure/staff-units', undefined, { signal }),
  catalogue: (
    query: { orgId: string; status?: string; q?: string; page: number; pageSize: number },
    signal?: AbortSignal,
  ) => http.get<Page<EntryView>>('/disclosure/catalogue', { ...query }, { signal }),
  createEntry: (body: EntryInput) => http.post<EntryView>('/disclosure/catalogue', body),
  updateEntry: (entryId: string, body: EntryInput) =>
    http.put<EntryView>(`/disclosure/catalogue/${id(entryId)}`, body),
  withdrawEntry: (entryId: string, reason: string) =>
    http.post<EntryView>(`/disclosure/catalogue/${id(entryId)}/withdraw`, { reason }),
  alerts: (query: { orgId?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    http.get<Page<AlertView>>('/disclosure/alerts', { ...query }, { signal }),
  guide: (orgId: string, signal?: AbortSignal) =>
    http.get<GuideView>(`/disclosure/units/${id(orgId)}/guide`, undefined, { signal }),
  saveGuide: (orgId: string, body: GuideInput) =>
    http.put<GuideView>(`/disclosure/units/${id(orgId)}/guide`, body),
  report: (orgId: string, year: number, signal?: AbortSignal) =>
    http.get<AnnualReport>('/disclosure/annual-report', { orgId, year }, { signal }),
  saveReport: (body: ReportInput) => http.put<AnnualReport>('/disclosure/annual-report', body),
  publishReport: (orgId: string, year: number) =>
    http.post<AnnualReport>('/disclosure/annual-report/publish', { orgId, year }),
};

export { GENRES, TOPICS, VALIDITIES };

export const DELIVERIES = (Object.keys(DELIVERY_NAMES) as Delivery[]).map((value) => ({
  value,
  label: DELIVERY_NAMES[value],
}));
