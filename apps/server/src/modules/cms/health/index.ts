// Site health (网站健康检查) of the website cluster: a daily and on-demand check of every site against
// the national inspection index. The cms manifest wires it in with registerHealthRoutes(app, ctx) and
// registerHealthJobs(ctx); both are idempotent.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { httpFetcher, injectFetcher, type LinkResult, type PageFetcher } from './crawler.ts';
import { type CrawlLimits, DEFAULT_CRAWL_LIMITS } from './health.model.ts';
import { registerHealthApi } from './health.routes.ts';
import { HEALTH_CHECK_QUEUE, HEALTH_DAILY_QUEUE, queueAllSites, runHealthCheck } from './run-health.ts';

/** The web app of this process, when it has one: the crawler renders pages through it. */
const apps = new WeakMap<AppContext, FastifyInstance>();
const routed = new WeakSet<FastifyInstance>();
const jobbed = new WeakSet<AppContext>();
type ExternalCheck = (url: URL, limits: CrawlLimits) => Promise<LinkResult>;
const externalChecks = new WeakMap<AppContext, ExternalCheck>();

/** Replaces how this context's jobs check external links (tests: local servers only, never the internet). */
export function setExternalCheck(ctx: AppContext, check: ExternalCheck): void {
  externalChecks.set(ctx, check);
}

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  apps.set(ctx, app);
  if (routed.has(app)) return;
  routed.add(app);
  registerHealthApi(app, ctx);
}

/** How this process reaches the sites' pages: in-process when it serves them, else over the public URL. */
export function fetcherFor(ctx: AppContext): { fetcher: PageFetcher | null; note?: string } {
  const app = apps.get(ctx);
  if (app) return { fetcher: injectFetcher(app) };
  if (ctx.config.publicUrl)
    return { fetcher: httpFetcher(ctx.config.publicUrl, DEFAULT_CRAWL_LIMITS.timeoutMs) };
  return {
    fetcher: null,
    note: '后台任务进程未配置公网地址（ZT_PUBLIC_URL），本次未检查页面和链接',
  };
}

export function registerHealthJobs(ctx: AppContext): void {
  if (jobbed.has(ctx)) return;
  jobbed.add(ctx);
  ctx.jobs.register(HEALTH_CHECK_QUEUE, async (payload) => {
    const { fetcher, note } = fetcherFor(ctx);
    await runHealthCheck(ctx, String(payload.siteId), String(payload.runId), {
      fetcher,
      noFetcherNote: note,
      externalCheck: externalChecks.get(ctx),
    });
  });
  ctx.jobs.register(HEALTH_DAILY_QUEUE, async () => {
    await queueAllSites(ctx);
  });
  ctx.jobs.schedule(HEALTH_DAILY_QUEUE, HEALTH_DAILY_QUEUE, 86_400);
}

export { type CrawlLimits, type Finding, HEALTH_RULES, INDICATORS, VERDICT_NAMES } from './health.model.ts';
export { getSiteHealth, healthOverview } from './read-health.ts';
export { checkSite, queueHealthCheck, runHealthCheck } from './run-health.ts';
