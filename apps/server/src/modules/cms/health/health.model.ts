// Words and thresholds of site health: the national inspection index (《政府网站与政务新媒体检查指标》,
// 国办秘函〔2019〕19号, and the 2017 普查评分表 it continues). Sources and what is still unverified are
// in docs/site-health.md. Thresholds are national, so they are constants here, not configuration; the
// early-warning levels follow the monitoring vendors cited in DOMAIN.md §4.2.

export const SEVERITIES = ['veto', 'deduction', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_NAMES: Record<Severity, string> = {
  veto: '单项否决',
  deduction: '扣分',
  warning: '预警',
};

export const VERDICTS = ['pass', 'fail', 'rectify'] as const;
export type Verdict = (typeof VERDICTS)[number];
/** 'unchecked' is what the API says for a site no check has finished for yet. */
export const VERDICT_NAMES: Record<Verdict | 'unchecked', string> = {
  pass: '合格',
  fail: '不合格（单项否决）',
  rectify: '需整改',
  unchecked: '尚未检查',
};

export const FINDING_KINDS = [
  'home-stale',
  'home-unreachable',
  'column-stale',
  'columns-stale',
  'column-empty',
  'columns-empty',
  'link-broken',
  'footer-missing',
  'page-footer-missing',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Names of the 检查指标 items a finding breaks (单项否决 items first, then 扣分 items). */
export const INDICATORS = {
  homeStale: '首页不更新',
  siteUnreachable: '站点无法访问',
  columnsStale: '栏目不更新',
  columnUpdate: '信息更新（栏目更新情况）',
  links: '网站可用性（链接可用性）',
  identity: '功能设计（网站标识与页面底部信息）',
} as const;

export const HEALTH_RULES = {
  /** 首页不更新: no new information on the home page for 2 weeks is a veto; vendors warn at 10 days. */
  homeVetoDays: 14,
  homeWarnDays: 10,
  /** 栏目不更新 ①: 动态、要闻 columns not updated in 2 weeks, 通知公告、政策文件 first-level columns not in 6 months, 5 or more: veto. */
  newsDays: 14,
  noticePolicyDays: 180,
  staleVetoCount: 5,
  staleWarnCount: 3,
  /** 栏目不更新 ②: 10 or more columns that should be updated and are not (empty ones included): veto; vendors warn at 6. */
  longStaleVetoCount: 10,
  longStaleWarnCount: 6,
  /** 栏目不更新 ③: 5 or more empty columns (栏目无内容): veto; vendors warn at 2. */
  emptyVetoCount: 5,
  emptyWarnCount: 2,
  /** A column is warned this many days before its own update interval runs out. */
  columnWarnDays: 3,
} as const;

export interface CrawlLimits {
  /** Requests in flight at once, over all hosts. */
  concurrency: number;
  /** Requests in flight per host (host:port), and the pause between two requests to it. */
  perHostIntervalMs: number;
  /** Whole request (connect, headers, redirects) for an external link. */
  timeoutMs: number;
  /** Pages of the site rendered and read for links per run. */
  maxPages: number;
  /** Distinct link targets checked per run; the rest are counted as skipped. */
  maxLinks: number;
  maxRedirects: number;
  /** Test servers run on the loopback interface; production never contacts private addresses. */
  allowPrivateAddresses: boolean;
}

export const DEFAULT_CRAWL_LIMITS: CrawlLimits = {
  concurrency: 4,
  perHostIntervalMs: 1000,
  timeoutMs: 5000,
  maxPages: 100,
  maxLinks: 300,
  maxRedirects: 5,
  allowPrivateAddresses: false,
};

export const USER_AGENT = 'Zhengtong-SiteHealth/1.0 (government website cluster link checker)';

export interface Finding {
  kind: FindingKind;
  indicator: string;
  severity: Severity;
  url: string | null;
  columnId: string | null;
  columnName: string | null;
  detail: string;
  fixPath: string | null;
}

export function verdictOf(findings: readonly Pick<Finding, 'severity'>[]): Verdict {
  if (findings.some((f) => f.severity === 'veto')) return 'fail';
  if (findings.some((f) => f.severity === 'deduction')) return 'rectify';
  return 'pass';
}

/** Findings in the order the page shows them: veto, deduction, warning (stable within each). */
export function bySeverity<T extends Pick<Finding, 'severity'>>(findings: readonly T[]): T[] {
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f.severity) - rank(b.f.severity) || a.i - b.i)
    .map((x) => x.f);
}

/**
 * Console paths where a finding is fixed: the cms console's 网站与栏目 page (site identity, footer,
 * columns and their intervals) and its article editor; the health page itself for crawl notes.
 */
export const fixPaths = {
  site: (siteId: string) => `/console/sites?siteId=${siteId}`,
  column: (siteId: string, columnId: string) => `/console/sites?siteId=${siteId}&columnId=${columnId}`,
  article: (articleId: string) => `/console/articles/${articleId}`,
  health: (siteId: string) => `/console/health/${siteId}`,
};

export const DAY_MS = 86_400_000;

/** Whole days between two instants (floor). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}
