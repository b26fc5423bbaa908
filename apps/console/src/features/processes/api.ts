// Process definitions (湖北's 业务流程网上定制) as the case engine's HTTP API serves them:
// GET/POST /processes, GET /processes/{id} with versions, draft versions edited and published,
// and POST /processes/validate for the designer's live check.
import type { DefinitionProblem, ProcessDefinition } from '../../../../shared/process.ts';
import { http } from '../../api/client.ts';

export type {
  ActionDef,
  ActionKind,
  Assignee,
  DayUnit,
  Effect,
  Limit,
  ProcessDefinition,
  StepDef,
  StepType,
} from '../../../../shared/process.ts';

export type VersionStatus = 'draft' | 'published' | 'retired';

export interface ProcessVersion {
  id?: string;
  version: number;
  status: VersionStatus;
  note?: string;
  definition?: ProcessDefinition;
  createdAt?: string;
  createdByName?: string | null;
  publishedAt?: string | null;
  publishedByName?: string | null;
  /** Problems of the stored definition (drafts may be saved while incomplete). */
  problems?: Problem[];
  /** Cases that run (or ran) on this version. */
  caseCount?: number;
}

export interface ProcessSummary {
  id: string;
  code: string;
  name: string;
  caseType: string;
  caseTypeName?: string;
  description?: string;
  orgId: string | null;
  orgName?: string | null;
  publishedVersion?: number | null;
  latestVersion?: number | null;
  draftVersion?: number | null;
  updatedAt?: string;
}

export interface ProcessDetail extends ProcessSummary {
  versions: ProcessVersion[];
}

export interface ProcessCreate {
  code: string;
  name: string;
  caseType: string;
  orgId?: string | null;
  description?: string;
  definition: ProcessDefinition;
  note?: string;
}

/** A problem of a definition as POST /processes/validate names it. */
export type Problem = DefinitionProblem;

export interface ValidateAnswer {
  ok: boolean;
  problems: Problem[];
}

export interface ProcessList {
  items: ProcessSummary[];
  total?: number;
}

const id = (value: string) => encodeURIComponent(value);

export const processApi = {
  /** pageSize at most 100. */
  list: (query: { q?: string; caseType?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    http.get<ProcessList>('/processes', { ...query }, { signal }),
  get: (processId: string, signal?: AbortSignal) =>
    http.get<ProcessDetail>(`/processes/${id(processId)}`, undefined, { signal }),
  create: (body: ProcessCreate) => http.post<ProcessDetail>('/processes', body),
  /** Answers the process with its versions; the new draft is `draftVersion`. */
  newVersion: (processId: string, body: { definition: ProcessDefinition; note?: string }) =>
    http.post<ProcessDetail>(`/processes/${id(processId)}/versions`, body),
  saveVersion: (processId: string, version: number, body: { definition: ProcessDefinition; note?: string }) =>
    http.put<ProcessDetail>(`/processes/${id(processId)}/versions/${version}`, body),
  publish: (processId: string, version: number) =>
    http.post<ProcessDetail>(`/processes/${id(processId)}/versions/${version}/publish`),
  caseTypes: (signal?: AbortSignal) =>
    http.get<{ items: { type: string; name: string }[] }>('/case-types', undefined, { signal }),
  validate: (definition: ProcessDefinition, signal?: AbortSignal) =>
    http.post<ValidateAnswer>('/processes/validate', { definition }, { signal }),
};
