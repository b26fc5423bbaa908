// What the console and the API read: a site's latest health check, the cluster overview, and the
// on-demand check request. Site administrators (cms.site.manage) over the site's owning unit only.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { orgInReach } from '../../../platform/http/principal.ts';
import { siteBase } from '../cms.model.ts';
import { CMS_SITE_MANAGE } from '../cms.permissions.ts';
import { type Caller, reachFor, requireInSite } from '../cms.scope.ts';
import { healthErrors } from './health.errors.ts';
import { SEVERITY_NAMES, VERDICT_NAMES, type Verdict } from './health.model.ts';
import {
  findingsOf,
  healthSite,
  latestDoneRun,
  latestRunsBySite,
  openSites,
  type RunRow,
} from './health.queries.ts';
import { queueHealthCheck } from './run-health.ts';

async function siteInScope(ctx: AppContext, caller: Caller, siteId: string) {
  reachFor(caller, CMS_SITE_MANAGE);
  const site = await healthSite(ctx.pool, siteId);
  if (!site) throw healthErrors.HEALTH_SITE_NOT_FOUND();
  requireInSite(caller, CMS_SITE_MANAGE, site, '该网站不在您的管理范围内，不能查看或发起其健康检查');
  return site;
}

export async function getSiteHealth(ctx: AppContext, caller: Caller, siteId: string) {
  const site = await siteInScope(ctx, caller, siteId);
  const run = await latestDoneRun(ctx.pool, site.id);
  const live = await ctx.pool.query<RunRow>(
    `SELECT * FROM cms_health_run WHERE site_id = $1 AND status IN ('queued', 'running')`,
    [site.id],
  );
  const pending = live.rows[0]
    ? {
        id: live.rows[0].id,
        status: live.rows[0].status,
        trigger: live.rows[0].trigger,
        createdAt: live.rows[0].created_at.toISOString(),
      }
    : null;
  const findings = run ? await findingsOf(ctx.pool, run.id) : [];
  const verdict: Verdict | 'unchecked' = run?.verdict ?? 'unchecked';
  return {
    siteId: site.id,
    siteName: site.name,
    verdict,
    verdictName: VERDICT_NAMES[verdict],
    checkedAt: run?.finished_at?.toISOString() ?? null,
    counts: {
      veto: run?.veto_count ?? 0,
      deduction: run?.deduction_count ?? 0,
      warning: run?.warning_count ?? 0,
    },
    pagesCrawled: run?.pages_crawled ?? 0,
    linksChecked: run?.links_checked ?? 0,
    linksSkipped: run?.links_skipped ?? 0,
    note: run?.note ?? null,
    findings: findings.map((f) => ({
      kind: f.kind,
      indicator: f.indicator,
      severity: f.severity,
      severityName: SEVERITY_NAMES[f.severity],
      ...(f.url ? { url: f.url } : {}),
      ...(f.column_id ? { columnId: f.column_id } : {}),
      ...(f.column_name ? { column: f.column_name } : {}),
      detail: f.detail,
      ...(f.fix_path ? { fixPath: f.fix_path } : {}),
    })),
    pending,
  };
}

export async function requestHealthCheck(ctx: AppContext, caller: Caller, siteId: string, actor: Actor) {
  const site = await siteInScope(ctx, caller, siteId);
  if (site.status !== 'open') throw healthErrors.HEALTH_SITE_CLOSED();
  const r = await queueHealthCheck(ctx, site.id, 'manual', actor);
  const row = await ctx.pool.query<{ status: 'queued' | 'running' }>(
    'SELECT status FROM cms_health_run WHERE id = $1',
    [r.runId],
  );
  return {
    runId: r.runId,
    status: row.rows[0]?.status === 'running' ? 'running' : 'queued',
    queued: r.queued,
  } as const;
}

/** Every open site in the caller's reach with its latest verdict (cluster administrators see all). */
export async function healthOverview(ctx: AppContext, caller: Caller) {
  const reach = reachFor(caller, CMS_SITE_MANAGE);
  const sites = (await openSites(ctx.pool)).filter((s) => orgInReach(reach, s.org_path));
  const runs = new Map((await latestRunsBySite(ctx.pool)).map((r) => [r.site_id, r]));
  const live = new Set(
    (
      await ctx.pool.query<{ site_id: string }>(
        `SELECT site_id FROM cms_health_run WHERE status IN ('queued', 'running')`,
      )
    ).rows.map((r) => r.site_id),
  );
  const items = sites.map((s) => {
    const r = runs.get(s.id);
    const verdict: Verdict | 'unchecked' = r?.verdict ?? 'unchecked';
    return {
      siteId: s.id,
      siteName: s.name,
      siteCode: s.site_code,
      url: siteBase(s),
      verdict,
      verdictName: VERDICT_NAMES[verdict],
      checkedAt: r?.finished_at?.toISOString() ?? null,
      counts: {
        veto: r?.veto_count ?? 0,
        deduction: r?.deduction_count ?? 0,
        warning: r?.warning_count ?? 0,
      },
      pending: live.has(s.id),
    };
  });
  const count = (v: string) => items.filter((i) => i.verdict === v).length;
  return {
    items,
    totals: {
      sites: items.length,
      pass: count('pass'),
      fail: count('fail'),
      rectify: count('rectify'),
      unchecked: count('unchecked'),
    },
  };
}
