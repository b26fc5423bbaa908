// 网站健康检查 API (cms module, site health): a site's latest check with its findings, an on-demand
// check, and the cluster overview.
import { http } from '../../api/client.ts';

const id = (value: string) => encodeURIComponent(value);

export type Severity = 'veto' | 'deduction' | 'warning';
export type Verdict = 'pass' | 'fail' | 'rectify' | 'unchecked';

export const SEVERITY_ORDER: readonly Severity[] = ['veto', 'deduction', 'warning'];
export const SEVERITY_NAMES: Record<Severity, string> = {
  veto: '单项否决',
  deduction: '扣分',
  warning: '预警',
};

export interface Finding {
  kind: string;
  /** The 检查指标 item it breaks. */
  indicator: string;
  severity: Severity;
  severityName: string;
  /** Public page path where it shows. */
  url?: string;
  columnId?: string;
  column?: string;
  detail: string;
  /** Console path (/console/…) where it is fixed. */
  fixPath?: string;
}

export interface Counts {
  veto: number;
  deduction: number;
  warning: number;
}

export interface SiteHealth {
  siteId: string;
  siteName: string;
  verdict: Verdict;
  verdictName: string;
  checkedAt: string | null;
  counts: Counts;
  pagesCrawled: number;
  linksChecked: number;
  linksSkipped: number;
  note: string | null;
  findings: Finding[];
  pending: {
    id: string;
    status: 'queued' | 'running';
    trigger: 'schedule' | 'manual';
    createdAt: string;
  } | null;
}

export interface OverviewItem {
  siteId: string;
  siteName: string;
  siteCode: string;
  url: string;
  verdict: Verdict;
  verdictName: string;
  checkedAt: string | null;
  counts: Counts;
  pending: boolean;
}

export interface Overview {
  items: OverviewItem[];
  totals: { sites: number; pass: number; fail: number; rectify: number; unchecked: number };
}

export const healthApi = {
  site: (siteId: string, signal?: AbortSignal) =>
    http.get<SiteHealth>(`/sites/${id(siteId)}/health`, undefined, { signal }),
  run: (siteId: string) =>
    http.post<{ runId: string; status: 'queued' | 'running'; queued: boolean }>(
      `/sites/${id(siteId)}/health/run`,
    ),
  overview: (signal?: AbortSignal) => http.get<Overview>('/health/overview', undefined, { signal }),
};
