// Service items (政务服务事项 实施清单) as the services module's staff API serves them
// (services.types.ts / services.rules.ts on the server), their application forms, the taxonomy of
// item types/themes/life events and the region list.
import type { DayUnit, Faq, Fee, ItemResult, ServiceItem } from '../../../../shared/service-items.ts';
import type { Audience, ItemStatus } from '../../../../shared/service-taxonomy.ts';
import { ApiError, http } from '../../api/client.ts';
import type { FormDefinition, FormProblem } from './formTypes.ts';

const id = (value: string) => encodeURIComponent(value);

export type {
  DayUnit,
  Faq,
  Fee,
  FeeRule,
  ItemResult,
  ServiceItem,
} from '../../../../shared/service-items.ts';
export type { Audience, ItemStatus } from '../../../../shared/service-taxonomy.ts';

export interface Material {
  id?: string;
  name: string;
  required?: boolean;
  necessity: 'required' | 'optional' | 'deferrable';
  originalOrCopy: 'original' | 'copy' | 'both';
  medium: 'paper' | 'electronic' | 'both';
  copies?: number;
  source: 'applicant' | 'government' | 'other';
  sourceNote?: string;
  note?: string;
  basis?: string;
  acceptanceStandard?: string;
  blankFileId?: string | null;
  sampleFileId?: string | null;
}

export interface SpecialProcedure {
  name: string;
  days: number;
  unit?: DayUnit;
  basis?: string;
  counted: boolean;
  note?: string;
}

export interface Location {
  name: string;
  address: string;
  hours: string;
  phone?: string | null;
  transport?: string;
}

export interface Contact {
  phone?: string | null;
  url?: string | null;
  email?: string | null;
  address?: string | null;
  note?: string;
}

export interface RemedyBody {
  body: string;
  address?: string;
  phone?: string | null;
  url?: string | null;
}

/** Everything an editor may set (server: ItemInput). */
export interface ItemInput {
  orgId: string;
  name: string;
  basicCode: string;
  implementationCode: string;
  handleCode?: string | null;
  itemType: string;
  audience?: Audience[];
  themes?: string[];
  lifeEvents?: string[];
  legalBasis?: string;
  acceptanceConditions?: string;
  quantityLimit?: string;
  legalLimitDays?: number | null;
  legalLimitUnit?: DayUnit | null;
  legalLimitNote?: string;
  promisedLimitDays?: number | null;
  promisedLimitUnit?: DayUnit | null;
  promisedLimitNote?: string;
  specialProcedures?: SpecialProcedure[];
  processDescription?: string;
  visitsRequired?: number;
  visitsExplanation?: string;
  onlineDepth?: number;
  locations?: Location[];
  consultation?: Contact;
  complaint?: Contact;
  remedies?: { reconsideration?: RemedyBody | null; litigation?: RemedyBody | null };
  faq?: Faq[];
  result?: ItemResult;
  fees?: Fee[];
  materials?: Material[];
  processCode?: string | null;
}

export interface ServiceItemRow {
  id: string;
  code: string;
  name: string;
  orgId: string;
  orgName?: string;
  itemType: string;
  itemTypeName?: string;
  status: ItemStatus;
  statusName?: string;
  version?: number;
  processCode?: string | null;
  updatedAt?: string;
}

export interface Taxonomy {
  itemTypes: { code: string; name: string }[];
  themes: { code: string; name: string; audience?: Audience[] }[];
  lifeEvents: { code: string; name: string; audience?: Audience[] }[];
  onlineDepths: { level: number; name: string; description?: string }[];
}

export interface Region {
  code: string;
  name: string;
}

export interface FormCheck {
  ok: boolean;
  /** Problems of the data (only when the definition itself is sound). */
  problems: FormProblem[];
  /** Problems of the definition, paths relative to the form ("sections[0].fields[1].key"). */
  definitionProblems: { path: string; message: string }[];
  values: Record<string, unknown> | null;
}

export interface ItemQuery {
  q?: string;
  orgId?: string;
  status?: ItemStatus;
  page: number;
  pageSize: number;
}

export const serviceApi = {
  list: (query: ItemQuery, signal?: AbortSignal) =>
    http.get<{ items: ServiceItemRow[]; total: number }>('/manage/service-items', { ...query }, { signal }),
  get: (itemId: string, signal?: AbortSignal) =>
    http.get<ServiceItem>(`/manage/service-items/${id(itemId)}`, undefined, { signal }),
  create: (body: ItemInput) => http.post<ServiceItem>('/manage/service-items', body),
  update: (itemId: string, body: Partial<ItemInput>) =>
    http.put<ServiceItem>(`/manage/service-items/${id(itemId)}`, body),
  saveForm: (itemId: string, form: FormDefinition) =>
    http.put<ServiceItem>(`/manage/service-items/${id(itemId)}/form`, { form }),
  publish: (itemId: string) => http.post<ServiceItem>(`/manage/service-items/${id(itemId)}/publish`),
  suspend: (itemId: string, reason: string) =>
    http.post<ServiceItem>(`/manage/service-items/${id(itemId)}/suspend`, { reason }),
  taxonomy: (signal?: AbortSignal) => http.get<Taxonomy>('/service-taxonomy', undefined, { signal }),
  regions: (parent?: string, signal?: AbortSignal) =>
    http.get<{ items: Region[] }>('/public/regions', { parent }, { signal }),
  validateForm: (form: FormDefinition, data: Record<string, unknown>, signal?: AbortSignal) =>
    http.post<FormCheck>('/forms/validate', { form, data }, { signal }),
};

export interface StoredFile {
  id: string;
  sha256: string;
  size: number;
  contentType: string;
}

/**
 * Uploads a blank form or sample (POST /files, multipart field `file`). The shared client speaks
 * JSON only, so this one request is sent here, with the session's CSRF token fetched first.
 */
export async function uploadFile(file: File): Promise<StoredFile> {
  const session = await http.get<{ csrfToken?: string }>('/session');
  const body = new FormData();
  body.append('file', file);
  let res: Response;
  try {
    res = await fetch('/api/v1/files', {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(session.csrfToken ? { 'X-CSRF-Token': session.csrfToken } : {}),
      },
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络连接后重试');
  }
  if (!res.ok) {
    let err: { code?: string; message?: string } | undefined;
    try {
      err = ((await res.json()) as { error?: { code?: string; message?: string } }).error;
    } catch {
      // not JSON: the status decides the message below
    }
    const fallback = res.status === 413 ? '文件过大' : res.status === 415 ? '不支持的文件类型' : '上传失败';
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message || fallback);
  }
  return (await res.json()) as StoredFile;
}
