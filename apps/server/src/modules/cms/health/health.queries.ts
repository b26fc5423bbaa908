// Site health's reads of the cms tables (inside the cms module) and its own tables. Nothing outside
// modules/cms/health calls these.
import { newId } from '../../../platform/db/ids.ts';
import { many, maybeOne, type Queryable } from '../../../platform/db/pool.ts';
import { type ColumnKind, LISTED_SQL, type SiteFooter } from '../cms.model.ts';
import type { Finding, Severity, Verdict } from './health.model.ts';

export interface HealthSite {
  id: string;
  code: string;
  name: string;
  site_code: string;
  domains: string[];
  org_path: string;
  footer: SiteFooter;
  is_default: boolean;
  status: 'open' | 'closed';
}

const SITE_COLS = 'id, code, name, site_code, domains, org_path, footer, is_default, status';

export function healthSite(db: Queryable, id: string): Promise<HealthSite | null> {
  return maybeOne<HealthSite>(db, `SELECT ${SITE_COLS} FROM cms_site WHERE id = $1`, [id]);
}

export function openSites(db: Queryable): Promise<HealthSite[]> {
  return many<HealthSite>(
    db,
    `SELECT ${SITE_COLS} FROM cms_site WHERE status = 'open' ORDER BY is_default DESC, created_at, code`,
  );
}

/** Every domain of every site of the cluster: links to them are internal (resolved, not fetched). */
export async function clusterDomains(db: Queryable): Promise<string[]> {
  const rows = await many<{ d: string }>(db, 'SELECT DISTINCT lower(unnest(domains)) AS d FROM cms_site');
  return rows.map((r) => r.d);
}

export interface HealthColumn {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  kind: ColumnKind;
  update_days: number | null;
  has_children: boolean;
  /** Publicly listed articles (published, not withdrawn, not expired), linked copies included. */
  listed: number;
  latest_at: Date | null;
}

export function healthColumns(db: Queryable, siteId: string): Promise<HealthColumn[]> {
  return many<HealthColumn>(
    db,
    `SELECT c.id, c.parent_id, c.code, c.name, c.kind, c.update_days,
            EXISTS (SELECT 1 FROM cms_column k WHERE k.parent_id = c.id) AS has_children,
            coalesce(s.listed, 0)::int AS listed, s.latest_at
     FROM cms_column c
     LEFT JOIN (SELECT a.column_id, count(*) AS listed, max(a.published_at) AS latest_at
                FROM cms_article a WHERE a.site_id = $1 AND ${LISTED_SQL} GROUP BY a.column_id) s
       ON s.column_id = c.id
     WHERE c.site_id = $1
     ORDER BY c.sort, c.code`,
    [siteId],
  );
}

export interface HealthArticle {
  id: string;
  column_id: string;
  title: string;
  /** Body of the public revision (what the page shows), not the working copy. */
  body: string;
}

/** The site's listed articles, newest first, with the body of their public revision. */
export function listedArticles(db: Queryable, siteId: string, limit: number): Promise<HealthArticle[]> {
  return many<HealthArticle>(
    db,
    `SELECT a.id, a.column_id, r.title, r.body
     FROM cms_article a
     JOIN cms_article_revision r ON r.article_id = a.id AND r.number = a.public_revision
     WHERE a.site_id = $1 AND ${LISTED_SQL}
     ORDER BY a.published_at DESC NULLS LAST, a.id
     LIMIT $2`,
    [siteId, limit],
  );
}

// ---- runs and findings ----

export interface RunRow {
  id: string;
  site_id: string;
  trigger: 'schedule' | 'manual';
  status: 'queued' | 'running' | 'done' | 'failed';
  requested_by: string | null;
  verdict: Verdict | null;
  veto_count: number;
  deduction_count: number;
  warning_count: number;
  pages_crawled: number;
  links_checked: number;
  links_skipped: number;
  note: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface FindingRow {
  kind: Finding['kind'];
  indicator: string;
  severity: Severity;
  url: string | null;
  column_id: string | null;
  column_name: string | null;
  detail: string;
  fix_path: string | null;
}

export function liveRun(db: Queryable, siteId: string): Promise<RunRow | null> {
  return maybeOne<RunRow>(
    db,
    `SELECT * FROM cms_health_run WHERE site_id = $1 AND status IN ('queued', 'running') FOR UPDATE`,
    [siteId],
  );
}

export function runById(db: Queryable, id: string): Promise<RunRow | null> {
  return maybeOne<RunRow>(db, 'SELECT * FROM cms_health_run WHERE id = $1', [id]);
}

export function latestDoneRun(db: Queryable, siteId: string): Promise<RunRow | null> {
  return maybeOne<RunRow>(
    db,
    `SELECT * FROM cms_health_run WHERE site_id = $1 AND status = 'done'
     ORDER BY finished_at DESC, id DESC LIMIT 1`,
    [siteId],
  );
}

/** The latest finished run of each site. */
export function latestRunsBySite(db: Queryable): Promise<RunRow[]> {
  return many<RunRow>(
    db,
    `SELECT DISTINCT ON (r.site_id) r.* FROM cms_health_run r WHERE r.status = 'done'
     ORDER BY r.site_id, r.finished_at DESC, r.id DESC`,
  );
}

export async function insertRun(
  db: Queryable,
  r: { siteId: string; trigger: RunRow['trigger']; requestedBy: string | null; at: Date },
): Promise<string> {
  const id = newId();
  await db.query(
    `INSERT INTO cms_health_run (id, site_id, trigger, status, requested_by, created_at)
     VALUES ($1, $2, $3, 'queued', $4, $5)`,
    [id, r.siteId, r.trigger, r.requestedBy, r.at],
  );
  return id;
}

/** Live runs left behind by a process that died mid-check stop blocking new runs after an hour. */
export async function failAbandonedRuns(db: Queryable, siteId: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE cms_health_run SET status = 'failed', finished_at = $2, note = '检查进程中断，已放弃'
     WHERE site_id = $1 AND status IN ('queued', 'running') AND created_at < $2::timestamptz - interval '1 hour'`,
    [siteId, now],
  );
}

export async function markRunning(db: Queryable, runId: string, at: Date): Promise<boolean> {
  const r = await db.query(
    `UPDATE cms_health_run SET status = 'running', started_at = $2 WHERE id = $1 AND status IN ('queued', 'running')`,
    [runId, at],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function finishRun(
  db: Queryable,
  runId: string,
  r: {
    verdict: Verdict;
    findings: readonly Finding[];
    pagesCrawled: number;
    linksChecked: number;
    linksSkipped: number;
    note: string | null;
    at: Date;
  },
): Promise<void> {
  const count = (s: Severity) => r.findings.filter((f) => f.severity === s).length;
  await db.query(
    `UPDATE cms_health_run SET status = 'done', verdict = $2, veto_count = $3, deduction_count = $4,
            warning_count = $5, pages_crawled = $6, links_checked = $7, links_skipped = $8, note = $9,
            finished_at = $10
     WHERE id = $1`,
    [
      runId,
      r.verdict,
      count('veto'),
      count('deduction'),
      count('warning'),
      r.pagesCrawled,
      r.linksChecked,
      r.linksSkipped,
      r.note,
      r.at,
    ],
  );
  if (r.findings.length === 0) return;
  await db.query(
    `INSERT INTO cms_health_finding (id, run_id, sort, kind, indicator, severity, url, column_id, column_name, detail, fix_path)
     SELECT v.id, $1, v.sort, v.kind, v.indicator, v.severity, v.url, v.column_id, v.column_name, v.detail, v.fix_path
     FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::text[], $10::text[], $11::text[])
       AS v(id, sort, kind, indicator, severity, url, column_id, column_name, detail, fix_path)`,
    [
      runId,
      r.findings.map(() => newId()),
      r.findings.map((_, i) => i),
      r.findings.map((f) => f.kind),
      r.findings.map((f) => f.indicator),
      r.findings.map((f) => f.severity),
      r.findings.map((f) => f.url),
      r.findings.map((f) => f.columnId),
      r.findings.map((f) => f.columnName),
      r.findings.map((f) => f.detail),
      r.findings.map((f) => f.fixPath),
    ],
  );
}

export async function failRun(db: Queryable, runId: string, note: string, at: Date): Promise<void> {
  await db.query(
    `UPDATE cms_health_run SET status = 'failed', note = $2, finished_at = $3
     WHERE id = $1 AND status IN ('queued', 'running')`,
    [runId, note.slice(0, 500), at],
  );
}

export function findingsOf(db: Queryable, runId: string): Promise<FindingRow[]> {
  return many<FindingRow>(
    db,
    `SELECT kind, indicator, severity, url, column_id, column_name, detail, fix_path
     FROM cms_health_finding WHERE run_id = $1 ORDER BY sort`,
    [runId],
  );
}

/** Keeps 90 days of finished runs per site, and always the latest one. */
export async function purgeOldRuns(db: Queryable, siteId: string, now: Date): Promise<void> {
  await db.query(
    `DELETE FROM cms_health_run r
     WHERE r.site_id = $1 AND r.status IN ('done', 'failed') AND r.created_at < $2::timestamptz - interval '90 days'
       AND r.id <> coalesce((SELECT id FROM cms_health_run WHERE site_id = $1 AND status = 'done'
                             ORDER BY finished_at DESC, id DESC LIMIT 1), '00000000-0000-0000-0000-000000000000'::uuid)`,
    [siteId, now],
  );
}
