// 电子监察 API (supervision module, H5): dashboard figures, cases by level, anomalies, supervise
// orders (督办) and department scorecards.
import type { Level } from '../../../../shared/levels.ts';
import { http } from '../../api/client.ts';

export { LEVEL_NAMES } from '../../../../shared/levels.ts';

const id = (value: string) => encodeURIComponent(value);

export type LevelCounts = Record<Level, number>;

/** One row of a by-unit, by-item or by-case-type breakdown. */
export interface BreakdownRow extends LevelCounts {
  key: string;
  name: string;
  /** Open, paused included. */
  open: number;
  /** Completed within the statistics range. */
  completed: number;
  onTime: number;
  onTimeRate: number | null;
  avgHandlingDays: number | null;
  avgLimitDays: number | null;
}

export interface Overview {
  asOf: string;
  from: string;
  to: string;
  levels: LevelCounts;
  open: number;
  paused: number;
  completed: number;
  onTime: number;
  onTimeRate: number | null;
  legalOnTimeRate: number | null;
  avgHandlingDays: number | null;
  avgLimitDays: number | null;
  openAnomalies: number;
  openOrders: number;
  byUnit: BreakdownRow[];
  byItem: BreakdownRow[];
  byCaseType: BreakdownRow[];
}

export interface SupervisedCase {
  caseId: string;
  caseNumber: string;
  caseType: string;
  caseTypeName: string;
  subject: string;
  orgId: string;
  orgName: string;
  level: Level;
  /** The promised deadline, or the legal one when nothing was promised. */
  dueDate: string | null;
  legalDeadline: string | null;
  promisedDeadline: string | null;
  status: string;
  statusName: string;
  currentSteps: { key: string; name: string }[];
  /** Working days past the deadline; 0 when not overdue. */
  daysOverdue: number;
  receivedOn: string;
  openOrders: number;
}

export interface Anomaly {
  id: string;
  caseId: string;
  caseNumber: string;
  caseType: string;
  subject: string;
  orgId: string;
  orgName: string;
  stepName: string | null;
  kind: string;
  kindName: string;
  detail: string;
  detectedAt: string;
  resolved: boolean;
  resolvedAt: string | null;
  resolvedByName: string | null;
  resolution: string | null;
}

export interface Order {
  id: string;
  caseId: string;
  caseNumber: string;
  subject: string;
  orderCaseId: string;
  orderCaseNumber: string;
  orgId: string;
  orgName: string;
  deadline: string;
  content: string;
  status: 'open' | 'replied' | 'closed';
  statusName: string;
  level: Level;
  currentStep: string | null;
  reply: string | null;
  repliedAt: string | null;
  repliedByName: string | null;
  issuedAt: string;
  issuedByName: string | null;
  closedAt: string | null;
  closedByName: string | null;
}

export interface Scorecard {
  rank: number;
  orgId: string;
  orgName: string;
  completed: number;
  /** Completed cases that had a time limit. */
  timed: number;
  onTime: number;
  onTimeRate: number | null;
  anomalies: number;
  ratings: number;
  ratingAverage: number | null;
  badRatings: number;
  satisfaction: number | null;
  score: number;
  grade: string;
}

export interface Scorecards {
  period: { code: string; name: string; from: string; to: string };
  formula: string;
  items: Scorecard[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export const supervisionApi = {
  overview: (query: { orgId?: string; from?: string; to?: string }, signal?: AbortSignal) =>
    http.get<Overview>('/supervision/overview', { ...query }, { signal }),
  cases: (
    query: { level?: string; orgId?: string; caseType?: string; q?: string; page: number; pageSize: number },
    signal?: AbortSignal,
  ) => http.get<Page<SupervisedCase>>('/supervision/cases', { ...query }, { signal }),
  anomalies: (
    query: { resolved?: boolean; kind?: string; orgId?: string; page: number; pageSize: number },
    signal?: AbortSignal,
  ) => http.get<Page<Anomaly>>('/supervision/anomalies', { ...query }, { signal }),
  resolveAnomaly: (anomalyId: string, resolution: string) =>
    http.post<Anomaly>(`/supervision/anomalies/${id(anomalyId)}/resolve`, { resolution }),
  orders: (
    query: { status?: string; orgId?: string; caseId?: string; page: number; pageSize: number },
    signal?: AbortSignal,
  ) => http.get<Page<Order>>('/supervision/orders', { ...query }, { signal }),
  issueOrder: (body: { caseId: string; deadline: string; content: string }) =>
    http.post<Order>('/supervision/orders', body),
  /** Supervisors close a replied order or send it back; the unit replies from its 待办. */
  actOnOrder: (orderId: string, body: { action: 'close' | 'reject'; comment?: string }) =>
    http.post<Order>(`/supervision/orders/${id(orderId)}/actions`, body),
  /** period: '2026-11' (month) or '2026-Q4' (quarter); the server defaults to the last complete month. */
  scorecards: (query: { period?: string; orgId?: string }, signal?: AbortSignal) =>
    http.get<Scorecards>('/supervision/scorecards', { ...query }, { signal }),
};
