// One health check of one site: the content checks, then the crawl of its pages and links, stored as a
// run with its findings in one transaction (with the audit entry and the domain event).
import { type Actor, systemActor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { enqueueJob } from '../../../platform/jobs/jobs.ts';
import { articleUrl, columnUrl, siteBase } from '../cms.model.ts';
import {
  checkExternal,
  checkInternal,
  classifyLink,
  extractLinks,
  fetchPage,
  footerText,
  type LinkResult,
  type LinkTarget,
  type PageFetcher,
  Politeness,
} from './crawler.ts';
import { contentFindings, footerMarks } from './health.checks.ts';
import {
  bySeverity,
  type CrawlLimits,
  DEFAULT_CRAWL_LIMITS,
  type Finding,
  fixPaths,
  INDICATORS,
  VERDICT_NAMES,
  verdictOf,
} from './health.model.ts';
import {
  clusterDomains,
  failAbandonedRuns,
  failRun,
  finishRun,
  type HealthSite,
  healthColumns,
  healthSite,
  insertRun,
  listedArticles,
  liveRun,
  markRunning,
  openSites,
  purgeOldRuns,
} from './health.queries.ts';

export const HEALTH_CHECK_QUEUE = 'cms.health.check';
export const HEALTH_DAILY_QUEUE = 'cms.health.daily';

/** Queues a check of the site unless one is queued or running; returns the live run's id. */
export async function queueHealthCheck(
  ctx: AppContext,
  siteId: string,
  trigger: 'schedule' | 'manual',
  actor: Actor,
): Promise<{ runId: string; queued: boolean }> {
  const now = ctx.clock.now();
  return withTx(ctx.pool, async (tx) => {
    await failAbandonedRuns(tx, siteId, now);
    const live = await liveRun(tx, siteId);
    if (live) return { runId: live.id, queued: false };
    const runId = await insertRun(tx, { siteId, trigger, requestedBy: actor.userId, at: now });
    await enqueueJob(tx, HEALTH_CHECK_QUEUE, { siteId, runId }, { singletonKey: `health:${siteId}` });
    if (trigger === 'manual')
      await ctx.audit.record(tx, actor, {
        action: 'cms.health.request',
        objectType: 'cms_site',
        objectId: siteId,
        summary: '发起网站健康检查',
      });
    return { runId, queued: true };
  });
}

/** The daily schedule: one check per open site. */
export async function queueAllSites(ctx: AppContext): Promise<number> {
  let n = 0;
  for (const s of await openSites(ctx.pool)) {
    const r = await queueHealthCheck(ctx, s.id, 'schedule', systemActor);
    if (r.queued) n += 1;
  }
  return n;
}

export interface RunOptions {
  fetcher: PageFetcher | null;
  /** Why there is no fetcher, shown with the run. */
  noFetcherNote?: string;
  limits?: Partial<CrawlLimits>;
  /** How external links are checked (tests keep the crawler off the internet with it). */
  externalCheck?: (url: URL, limits: CrawlLimits) => Promise<LinkResult>;
}

export interface RunResult {
  verdict: ReturnType<typeof verdictOf>;
  findings: Finding[];
  pagesCrawled: number;
  linksChecked: number;
  linksSkipped: number;
  peakConcurrency: number;
}

/** Runs a queued (or new) check of the site now and stores it. */
export async function runHealthCheck(
  ctx: AppContext,
  siteId: string,
  runId: string | null,
  opts: RunOptions,
): Promise<RunResult | null> {
  const id = runId ?? (await queueDirect(ctx, siteId));
  if (!(await markRunning(ctx.pool, id, ctx.clock.now()))) return null;
  try {
    const site = await healthSite(ctx.pool, siteId);
    if (!site) {
      await failRun(ctx.pool, id, '网站不存在', ctx.clock.now());
      return null;
    }
    const result = await checkSite(ctx, site, opts);
    await withTx(ctx.pool, async (tx) => {
      const at = ctx.clock.now();
      await finishRun(tx, id, {
        verdict: result.verdict,
        findings: result.findings,
        pagesCrawled: result.pagesCrawled,
        linksChecked: result.linksChecked,
        linksSkipped: result.linksSkipped,
        note: opts.fetcher ? null : (opts.noFetcherNote ?? '未检查链接和页面'),
        at,
      });
      const counts = (s: Finding['severity']) => result.findings.filter((f) => f.severity === s).length;
      await ctx.audit.record(
        tx,
        { ...systemActor, name: '网站健康检查' },
        {
          action: 'cms.health.checked',
          objectType: 'cms_site',
          objectId: site.id,
          summary: `${site.name}：${VERDICT_NAMES[result.verdict]}（单项否决 ${counts('veto')}，扣分 ${counts('deduction')}，预警 ${counts('warning')}）`,
        },
      );
      await ctx.events.emit(tx, {
        type: 'cms.health.checked',
        aggregateType: 'cms-site',
        aggregateId: site.id,
        payload: {
          siteId: site.id,
          runId: id,
          verdict: result.verdict,
          veto: counts('veto'),
          deduction: counts('deduction'),
          warning: counts('warning'),
        },
      });
      await purgeOldRuns(tx, site.id, at);
    });
    return result;
  } catch (e) {
    await failRun(ctx.pool, id, `检查失败：${(e as Error).message}`, ctx.clock.now());
    throw e;
  }
}

async function queueDirect(ctx: AppContext, siteId: string): Promise<string> {
  return withTx(ctx.pool, async (tx) => {
    await failAbandonedRuns(tx, siteId, ctx.clock.now());
    const live = await liveRun(tx, siteId);
    if (live) return live.id;
    return insertRun(tx, { siteId, trigger: 'manual', requestedBy: null, at: ctx.clock.now() });
  });
}

interface PageToRead {
  path: string;
  /** Where a problem on this page is fixed. */
  fixPath: string;
  columnId: string | null;
  columnName: string | null;
  /** The body of the article from the database, read for links when the page itself does not render. */
  fallbackHtml: string | null;
}

/** The checks themselves (no writes): content findings, then pages and links. */
export async function checkSite(ctx: AppContext, site: HealthSite, opts: RunOptions): Promise<RunResult> {
  const limits: CrawlLimits = { ...DEFAULT_CRAWL_LIMITS, ...opts.limits };
  const now = ctx.clock.now();
  const columns = await healthColumns(ctx.pool, site.id);
  const findings = contentFindings(site, columns, now);
  const politeness = new Politeness(limits.concurrency, limits.perHostIntervalMs);
  let pagesCrawled = 0;
  let linksChecked = 0;
  let linksSkipped = 0;

  const fetcher = opts.fetcher;
  if (fetcher) {
    const base = siteBase(site);
    const colById = new Map(columns.map((c) => [c.id, c]));
    const articles = await listedArticles(ctx.pool, site.id, limits.maxPages);
    const pages: PageToRead[] = [
      { path: base, fixPath: fixPaths.site(site.id), columnId: null, columnName: null, fallbackHtml: null },
      ...columns
        .filter((c) => c.kind !== 'link')
        .map((c) => ({
          path: columnUrl(site, c),
          fixPath: fixPaths.column(site.id, c.id),
          columnId: c.id,
          columnName: c.name,
          fallbackHtml: null,
        })),
      ...articles.map((a) => ({
        path: articleUrl(site, a),
        fixPath: fixPaths.article(a.id),
        columnId: a.column_id,
        columnName: colById.get(a.column_id)?.name ?? null,
        fallbackHtml: a.body,
      })),
    ].slice(0, limits.maxPages);

    const internalHosts = new Set((await clusterDomains(ctx.pool)).map((d) => d.toLowerCase()));
    if (ctx.config.publicUrl) {
      const pu = new URL(ctx.config.publicUrl);
      internalHosts.add(pu.hostname.toLowerCase());
      internalHosts.add(pu.host.toLowerCase());
    }
    const marks = footerMarks(site);
    /** Link target (shown form) → where it was first seen, in page order. */
    const targets = new Map<string, { target: LinkTarget; page: PageToRead }>();
    const footerMisses: { page: PageToRead; missing: string[] }[] = [];

    const rendered = await Promise.all(
      pages.map((p) =>
        politeness.run(
          'internal',
          async () => {
            try {
              return await fetchPage(fetcher, p.path, limits.maxRedirects, internalHosts);
            } catch {
              return null;
            }
          },
          0,
        ),
      ),
    );
    for (const [i, p] of pages.entries()) {
      const res = rendered[i];
      let html: string | null = null;
      if (res && res.status === 200 && /html/i.test(res.contentType)) {
        html = res.body;
        pagesCrawled += 1;
        const text = footerText(html).replace(/\s+/g, '');
        const missing = marks.filter((m) => !text.includes(m.text.replace(/\s+/g, ''))).map((m) => m.label);
        if (i === 0 && !/zfwzzc\.www\.gov\.cn/.test(html)) missing.push('“我为政府网站找错”入口');
        if (missing.length) footerMisses.push({ page: p, missing });
      } else if (i === 0) {
        findings.push({
          kind: 'home-unreachable',
          indicator: INDICATORS.siteUnreachable,
          severity: 'warning',
          url: p.path,
          columnId: null,
          columnName: null,
          detail: res
            ? `本次检查首页返回 ${res.status}，未能正常打开（单项否决以 1 周内多次监测的打不开比例计，此为单次结果）`
            : '本次检查首页无法打开（单项否决以 1 周内多次监测的打不开比例计，此为单次结果）',
          fixPath: p.fixPath,
        });
      }
      const source = html ?? p.fallbackHtml;
      if (!source) continue;
      for (const raw of extractLinks(source)) {
        const t = classifyLink(raw, p.path, internalHosts);
        if (t && !targets.has(t.shown)) targets.set(t.shown, { target: t, page: p });
      }
    }

    for (const m of footerMisses.slice(0, 10))
      findings.push({
        kind: 'page-footer-missing',
        indicator: INDICATORS.identity,
        severity: 'deduction',
        url: m.page.path,
        columnId: m.page.columnId,
        columnName: m.page.columnName,
        detail: `页面底部缺少${m.missing.join('、')}`,
        fixPath: fixPaths.site(site.id),
      });
    if (footerMisses.length > 10)
      findings.push({
        kind: 'page-footer-missing',
        indicator: INDICATORS.identity,
        severity: 'deduction',
        url: siteBase(site),
        columnId: null,
        columnName: null,
        detail: `另有 ${footerMisses.length - 10} 个页面底部缺少网站标识信息`,
        fixPath: fixPaths.site(site.id),
      });

    const external = opts.externalCheck ?? checkExternal;
    const all = [...targets.values()];
    const checked = all.slice(0, limits.maxLinks);
    linksSkipped = all.length - checked.length;
    const results = await Promise.all(
      checked.map(({ target }) =>
        target.internal
          ? politeness.run(
              'internal',
              () =>
                checkInternal(fetcher, target, limits.maxRedirects, internalHosts).catch(
                  (): LinkResult => ({ outcome: 'broken', status: null, reason: '无法访问' }),
                ),
              0,
            )
          : politeness.run(target.url!.host.toLowerCase(), () => external(target.url!, limits)),
      ),
    );
    for (const [i, { target, page }] of checked.entries()) {
      const r = results[i]!;
      if (r.outcome === 'skipped') {
        linksSkipped += 1;
        continue;
      }
      linksChecked += 1;
      if (r.outcome !== 'broken') continue;
      findings.push({
        kind: 'link-broken',
        indicator: INDICATORS.links,
        severity: 'deduction',
        url: page.path,
        columnId: page.columnId,
        columnName: page.columnName,
        detail: `${target.internal ? '站内' : '站外'}链接 ${target.shown} 不可用：${r.reason}`,
        fixPath: page.fixPath,
      });
    }
    if (linksSkipped > 0)
      findings.push({
        kind: 'link-broken',
        indicator: INDICATORS.links,
        severity: 'warning',
        url: siteBase(site),
        columnId: null,
        columnName: null,
        detail: `本次有 ${linksSkipped} 个链接未检查（超过每次 ${limits.maxLinks} 个的上限或目标限流），将在后续检查中覆盖`,
        fixPath: fixPaths.health(site.id),
      });
  }

  const sorted = bySeverity(findings);
  return {
    verdict: verdictOf(sorted),
    findings: sorted,
    pagesCrawled,
    linksChecked,
    linksSkipped,
    peakConcurrency: politeness.peak,
  };
}
