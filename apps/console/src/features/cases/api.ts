// Case handling API (workflow engine, H1; licensing, H3; service items, H2): the task inbox, case
// detail and actions, clocks and extensions, and the licence application behind a case.
import type { FormField, FormSection } from '../../../../shared/forms.ts';
import type { Level } from '../../../../shared/levels.ts';
import {
  type ActionKind,
  type Limit,
  PAUSE_KIND_CODES,
  PAUSE_KIND_NAMES,
} from '../../../../shared/process.ts';
import { http } from '../../api/client.ts';

export { LEVEL_NAMES, LEVELS, type Level } from '../../../../shared/levels.ts';
export type { ActionKind, DayUnit, Limit, PauseKind } from '../../../../shared/process.ts';

const id = (value: string) => encodeURIComponent(value);

export type CaseStatus = 'open' | 'paused' | 'completed' | 'cancelled';

export interface TaskAction {
  key: string;
  label: string;
  kind?: ActionKind | null;
  commentRequired?: boolean;
  /** For a return without a fixed target: the earlier steps the case may go back to. */
  returnTargets?: { key: string; name: string }[];
}

export interface TaskRow {
  id: string;
  caseId: string;
  caseNumber: string;
  caseType: string;
  caseTypeName?: string;
  subject: string;
  step: string;
  stepName: string;
  actions: TaskAction[];
  dueDate: string | null;
  level: Level;
  caseDueDate?: string | null;
  caseLevel?: Level;
  claimedBy: string | null;
  claimedByName?: string | null;
  openedAt: string;
  orgId?: string | null;
  orgName?: string | null;
  applicantName?: string | null;
}

export interface TaskQuery {
  caseType?: string;
  level?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface CaseRow {
  id: string;
  number: string;
  caseType: string;
  caseTypeName?: string;
  subject: string;
  orgId: string;
  orgName?: string | null;
  applicantName: string;
  status: CaseStatus;
  statusName: string;
  outcome: string | null;
  receivedOn: string;
  legalDeadline: string | null;
  promisedDeadline: string | null;
  level: Level;
  completedAt: string | null;
  createdAt?: string;
  currentSteps?: { key: string; name: string }[];
}

export interface CaseQuery {
  type?: string;
  status?: string;
  level?: string;
  q?: string;
  orgId?: string;
  page: number;
  pageSize: number;
}

export interface CaseRecord extends CaseRow {
  processVersionId?: string;
  orgPath?: string;
  applicantUserId: string | null;
  refType: string | null;
  refId: string | null;
  data: Record<string, unknown>;
  clockStartedOn: string | null;
  legal: Limit | null;
  promised: Limit | null;
  extendedDays: number;
  pausedDays: number;
  warnOn: string | null;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  kind: string;
  title: string;
  stepKey?: string | null;
  stepName: string | null;
  action: string | null;
  comment: string | null;
  actorName: string | null;
  actorOrgName: string | null;
  data?: Record<string, unknown> | null;
  public?: boolean;
}

export interface OpenTask {
  id: string;
  stepKey: string;
  stepName: string;
  assigneeType: 'role' | 'unit' | 'user' | string;
  /** Who handles it, e.g. 青田县市场监督管理局审查人员. */
  assigneeName: string;
  /** Actions are listed only when the caller may act on the task. */
  actions: TaskAction[];
  dueDate: string | null;
  level: Level;
  claimedBy: string | null;
  claimedByName?: string | null;
  openedAt: string;
  mayAct: boolean;
}

export interface Pause {
  id: string;
  kind: string;
  kindName?: string;
  reason: string;
  startedOn: string;
  expectedDays: number | null;
  endedOn: string | null;
  countedDays: number | null;
}

export interface Extension {
  id: string;
  days: number;
  reason: string;
  status: 'requested' | 'approved' | 'rejected' | string;
  requestedAt: string;
  requestedByName?: string | null;
  decidedAt: string | null;
  decidedByName?: string | null;
  decisionComment: string | null;
}

export interface CasePermissions {
  pause: boolean;
  resume: boolean;
  requestExtension: boolean;
  decideExtension: boolean;
}

export interface CaseDetail {
  case: CaseRecord;
  timeline: TimelineEntry[];
  tasks: OpenTask[];
  pauses: Pause[];
  extensions: Extension[];
  permissions: CasePermissions;
}

export interface ListAnswer<T> {
  items: T[];
  total: number;
}

export const PAUSE_KINDS = PAUSE_KIND_CODES.map((value) => ({ value, label: PAUSE_KIND_NAMES[value] }));

// --- licence applications (H3) and service items (H2) ---

export type { FormField, FormSection } from '../../../../shared/forms.ts';

export interface ServiceMaterial {
  id: string;
  name: string;
  required: boolean;
}

export interface ServiceItem {
  id: string;
  name: string;
  form?: { sections?: FormSection[]; fields?: FormField[] } | null;
  materials?: ServiceMaterial[];
}

export interface MaterialFile {
  fileId: string;
  name: string;
  size: number;
  contentType: string;
  /** 1 for the first submission, 2… for each resubmission after a correction request. */
  round: number;
  url: string;
}

export interface ApplicationMaterial {
  materialId: string;
  name: string;
  required: boolean;
  files: MaterialFile[];
}

export interface ApplicationDocument {
  id: string;
  kind: string;
  title: string;
  number?: string;
  issuedOn?: string;
  createdAt?: string;
  url: string;
}

export interface FeeLine {
  name: string;
  standard?: string;
  amountFen: number;
  basis?: string;
}

export interface Payment {
  amountFen: number;
  standardFen?: number;
  method: string;
  methodName?: string;
  reference: string;
  recordedAt: string;
  recordedByName?: string | null;
}

export interface Fees {
  status: 'due' | 'paid' | 'waived';
  statusName: string;
  totalFen: number;
  standardFen?: number;
  totalText?: string;
  lines: FeeLine[];
  issuedOn?: string;
  paidAt?: string | null;
  documentId?: string | null;
  payments: Payment[];
}

export interface CorrectionView {
  round: number;
  items: { materialId: string | null; name: string; problem: string }[];
  comment: string | null;
  requestedOn: string;
  requestedAt: string;
  resolvedAt: string | null;
}

export interface Application {
  id: string;
  number: string | null;
  caseId: string | null;
  itemId: string;
  itemCode?: string;
  itemName: string;
  orgName?: string;
  applicantName: string;
  applicantKind?: string;
  status: string;
  statusName: string;
  form: Record<string, unknown>;
  /** The form as label/value text, labelled from the item's form definition by the server. */
  formSummary?: { key: string; label: string; value: string }[];
  materials: ApplicationMaterial[];
  acceptedOn?: string | null;
  autoAccepted?: boolean;
  acceptanceDeadline?: string | null;
  documents: ApplicationDocument[];
  fees: Fees | null;
  licence: { id: string; number: string | null; name: string; verifyUrl: string | null } | null;
  correction: CorrectionView | null;
  decisionReason?: string | null;
  canRecordPayment?: boolean;
}

export interface PaymentBody {
  amountFen: number;
  method: string;
  reference: string;
}

export const tasksApi = {
  list: (query: TaskQuery, signal?: AbortSignal) =>
    http.get<ListAnswer<TaskRow>>('/tasks', { ...query }, { signal }),
  claim: (taskId: string) => http.post<unknown>(`/tasks/${id(taskId)}/claim`),
  act: (taskId: string, body: { action: string; comment?: string; data?: Record<string, unknown> }) =>
    http.post<unknown>(`/tasks/${id(taskId)}/actions`, body),
};

export const casesApi = {
  list: (query: CaseQuery, signal?: AbortSignal) =>
    http.get<ListAnswer<CaseRow>>('/cases', { ...query }, { signal }),
  get: (caseId: string, signal?: AbortSignal) =>
    http.get<CaseDetail>(`/cases/${id(caseId)}`, undefined, { signal }),
  pause: (caseId: string, body: { kind: string; reason: string; expectedDays?: number }) =>
    http.post<unknown>(`/cases/${id(caseId)}/pause`, body),
  // Resume takes no body; ?restart=true would compute the period afresh (not offered here).
  resume: (caseId: string) => http.post<unknown>(`/cases/${id(caseId)}/resume`),
  requestExtension: (caseId: string, body: { days: number; reason: string }) =>
    http.post<unknown>(`/cases/${id(caseId)}/extensions`, body),
  decideExtension: (caseId: string, extId: string, body: { approve: boolean; comment?: string }) =>
    http.post<unknown>(`/cases/${id(caseId)}/extensions/${id(extId)}/decision`, body),
};

export const applicationsApi = {
  get: (appId: string, signal?: AbortSignal) =>
    http.get<Application>(`/applications/${id(appId)}`, undefined, { signal }),
  fees: (appId: string, signal?: AbortSignal) =>
    http.get<Fees>(`/applications/${id(appId)}/fees`, undefined, { signal }),
  recordPayment: (appId: string, body: PaymentBody) =>
    http.post<unknown>(`/applications/${id(appId)}/payments`, body),
};

export const serviceItemsApi = {
  get: (itemId: string, signal?: AbortSignal) =>
    http.get<ServiceItem>(`/service-items/${id(itemId)}`, undefined, { signal }),
};

/** Download address of a stored file (GET /api/v1/files/{id}). */
export function fileUrl(fileId: string): string {
  return `/api/v1/files/${id(fileId)}`;
}
