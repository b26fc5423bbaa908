// The public portal shell: home page, theme assets, robots.txt, the 关怀模式 switch, themed error
// pages and the anonymous page cache. Other modules add their public pages with `sendPortalPage`,
// which gives them the same caching rules; repeat anonymous hits of a cached page are answered by the
// fast lane (platform/http/fast-lane.ts) before Fastify, and every web process hears of changes.
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pg from 'pg';
import type { AppContext } from '../../platform/context.ts';
import { etagMatches, type FastLane, fastLaneOf } from '../../platform/http/fast-lane.ts';
import {
  chromeOf,
  installErrorPages,
  MODE_COOKIE,
  type NavItem,
  type PortalRenderer,
  rendererFor,
} from '../../platform/templating/portal-renderer.ts';
import { getOrg, listOrgIdsInReach, type OrgInfo } from '../identity/index.ts';
import type { ModuleManifest } from '../registry.ts';

/** How long anonymous pages are shared (in memory here, and by browsers and CDNs). */
export const PAGE_TTL_SECONDS = 60;
const MAX_CACHED_PAGES = 500;
const CARE_COOKIE_MAX_AGE = 365 * 24 * 3600;

/**
 * Sections of a government portal in the order they appear in the main navigation. A section is shown
 * only once a module has registered its page (GET route), so the navigation never leads nowhere.
 */
export const PORTAL_SECTIONS: readonly NavItem[] = [
  { title: '首页', href: '/' },
  { title: '政务公开', href: '/zwgk' },
  { title: '政务服务', href: '/hall' },
  { title: '互动交流', href: '/hdjl' },
  { title: '走进{region}', href: '/zjls' },
];

interface CachedPage {
  /** Encoded once: sending a Buffer skips re-encoding the page on every hit. */
  body: Buffer;
  etag: string;
  expiresAt: number;
}

/** Rendered anonymous pages, keyed by canonical path and display mode. */
class PageCache {
  readonly #entries = new Map<string, CachedPage>();
  readonly #pending = new Map<string, Promise<CachedPage>>();

  async get(key: string, now: number, render: () => Promise<string>): Promise<CachedPage> {
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > now) return hit;
    // One render per key at a time: a burst of requests after expiry waits for the same render.
    let p = this.#pending.get(key);
    if (!p) {
      p = render()
        .then((html) => {
          const body = Buffer.from(html);
          const page = { body, etag: strongEtag(body), expiresAt: Date.now() + PAGE_TTL_SECONDS * 1000 };
          if (this.#entries.size >= MAX_CACHED_PAGES)
            this.#entries.delete(this.#entries.keys().next().value as string);
          this.#entries.set(key, page);
          return page;
        })
        .finally(() => this.#pending.delete(key));
      this.#pending.set(key, p);
    }
    return p;
  }

  /** True while `page` is still the current copy for `key`. */
  isLive(key: string, page: CachedPage): boolean {
    return page.expiresAt > Date.now() && this.#entries.get(key) === page;
  }

  /** Drops every page, or only those whose scope starts with `scope` (a cms site's pages). */
  clear(scope?: string): void {
    if (scope === undefined) {
      this.#entries.clear();
      return;
    }
    for (const key of [...this.#entries.keys()]) if (key.startsWith(scope)) this.#entries.delete(key);
  }
}

const caches = new WeakMap<AppContext, PageCache>();

function cacheOf(ctx: AppContext): PageCache {
  let c = caches.get(ctx);
  if (!c) {
    c = new PageCache();
    caches.set(ctx, c);
  }
  return c;
}

/**
 * Drops cached pages (call after publishing content that appears on cached pages): all of them, or
 * only those rendered under a scope starting with `scope` (see setRequestRenderer).
 */
export function invalidatePortalCache(ctx: AppContext, scope?: string): void {
  cacheOf(ctx).clear(scope);
  if (scope === undefined) {
    directoryCache.delete(ctx);
    fastLaneOf(ctx).clear();
  }
}

/** A change to published content or presentation that every web process must apply. */
export interface PortalChange {
  /** Cache scope whose pages are stale (see setRequestRenderer); absent: every page. */
  scope?: string;
  /** A cms site whose theme changed (its compiled templates are stale too). */
  themeOf?: string;
}

const CHANGE_CHANNEL = 'zt_portal_change';
/** Tells this application's own notifications from other processes' (one tag per context). */
const senderTags = new WeakMap<AppContext, string>();
function senderTag(ctx: AppContext): string {
  let tag = senderTags.get(ctx);
  if (!tag) {
    tag = `${process.pid}-${randomUUID()}`;
    senderTags.set(ctx, tag);
  }
  return tag;
}
const changeListeners = new WeakMap<AppContext, ((c: PortalChange) => void)[]>();

/** Runs `fn` whenever a portal change is applied in this process (announced here or by another one). */
export function onPortalChange(ctx: AppContext, fn: (c: PortalChange) => void): void {
  changeListeners.set(ctx, [...(changeListeners.get(ctx) ?? []), fn]);
}

function applyPortalChange(ctx: AppContext, c: PortalChange): void {
  invalidatePortalCache(ctx, c.scope);
  for (const fn of changeListeners.get(ctx) ?? []) fn(c);
}

/**
 * Applies a change here at once and tells every other process of the platform (PostgreSQL NOTIFY):
 * with several web processes, the one that ran the publishing job is not the only one with a cache.
 */
export async function announcePortalChange(ctx: AppContext, c: PortalChange): Promise<void> {
  applyPortalChange(ctx, c);
  await ctx.pool.query('SELECT pg_notify($1, $2)', [
    CHANGE_CHANNEL,
    JSON.stringify({ from: senderTag(ctx), ...c }),
  ]);
}

/**
 * Listens for other processes' portal changes while the web server runs. A lost connection is
 * reopened; until then cached pages still expire after PAGE_TTL_SECONDS.
 */
function listenForPortalChanges(app: FastifyInstance, ctx: AppContext): void {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: ctx.databaseUrl, application_name: 'zhengtong-portal' });
    c.on('error', () => {});
    c.on('end', () => {
      if (closed) return;
      client = null;
      // Whatever was missed while disconnected: start from a clean cache.
      invalidatePortalCache(ctx);
      retry = setTimeout(() => void connect().catch(() => {}), 5000);
    });
    c.on('notification', (n) => {
      try {
        const msg = JSON.parse(n.payload ?? '{}') as PortalChange & { from?: string };
        if (msg.from === senderTag(ctx)) return;
        applyPortalChange(ctx, {
          ...(typeof msg.scope === 'string' ? { scope: msg.scope } : {}),
          ...(typeof msg.themeOf === 'string' ? { themeOf: msg.themeOf } : {}),
        });
      } catch (err) {
        ctx.log.warn({ err }, 'unreadable portal change notification');
      }
    });
    await c.connect();
    if (closed) {
      await c.end();
      return;
    }
    await c.query(`LISTEN ${CHANGE_CHANNEL}`);
    client = c;
  };
  app.addHook('onReady', async () => {
    await connect().catch((err: unknown) => {
      ctx.log.warn({ err }, 'portal change listener unavailable; cached pages expire by age only');
    });
  });
  app.addHook('onClose', async () => {
    closed = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
  });
}

/** A renderer and cache scope chosen for one request (a cms site's pages, in that site's theme). */
const requestRenderers = new WeakMap<FastifyRequest, { renderer: PortalRenderer; scope: string }>();

/**
 * Renders every portal page of this request (including pages other modules send, such as the search
 * page) with `renderer`, and shares cached copies only within `scope`.
 */
export function setRequestRenderer(req: FastifyRequest, renderer: PortalRenderer, scope: string): void {
  requestRenderers.set(req, { renderer, scope });
}

type RouteOverride = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | null>;
const overrides = new WeakMap<AppContext, Partial<Record<'home' | 'robots', RouteOverride>>>();

/**
 * Lets the cms serve `/` (its default site's home page) and `/robots.txt`: the override answers, or
 * returns null and the portal's own page is sent (no cms default site yet).
 */
export function overridePortalRoute(ctx: AppContext, route: 'home' | 'robots', fn: RouteOverride): void {
  overrides.set(ctx, { ...overrides.get(ctx), [route]: fn });
}

function strongEtag(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

export { etagMatches };

/** Cached pages sent by the full stack, to be handed to the fast lane once the response is out. */
const laneCandidates = new WeakMap<FastifyRequest, { key: string; page: CachedPage }>();

/**
 * After a cached page went out in full to an anonymous visitor, the fast lane may answer the same
 * request shape from memory, with exactly the headers the full stack sent, while the page is live.
 */
function feedFastLane(app: FastifyInstance, ctx: AppContext, lane: FastLane): void {
  app.addHook('onResponse', async (req, reply) => {
    const c = laneCandidates.get(req);
    if (!c || reply.statusCode !== 200) return;
    const key = lane.keyOf(req.raw);
    if (key === null) return;
    const cache = cacheOf(ctx);
    lane.remember(
      key,
      { status: 200, body: c.page.body, etag: c.page.etag, live: () => cache.isLive(c.key, c.page) },
      reply.getHeaders(),
    );
  });
}

export interface PortalPage {
  /** Template under themes/<theme>/pages. */
  page: string;
  /** Page data; for cached pages it must not depend on who is asking. */
  data: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  /**
   * Canonical path of a page that is the same for every anonymous visitor. Set it to share the
   * rendered page (memory, browsers, CDN); leave it out for pages with per-visitor content.
   */
  cacheAs?: string;
  status?: number;
}

/**
 * Sends a portal page: anonymous visitors of a cacheable page get the shared copy with a strong ETag
 * (304 when unchanged); signed-in users always get a fresh, private, uncached page.
 */
export async function sendPortalPage(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  page: PortalPage,
): Promise<FastifyReply> {
  const scoped = requestRenderers.get(req);
  const renderer = scoped?.renderer ?? rendererFor(ctx);
  reply.type('text/html; charset=utf-8');
  if (page.cacheAs && !req.principal) {
    const chrome = chromeOf(req, page.cacheAs);
    const key = `${scoped?.scope ?? ''}\n${page.cacheAs}\n${chrome.care ? 'care' : 'standard'}`;
    const cached = await cacheOf(ctx).get(key, Date.now(), async () =>
      renderer.render(page.page, await page.data(), chrome),
    );
    // The display mode lives in a cookie, so shared caches must key on it.
    reply
      .header('cache-control', `public, max-age=${PAGE_TTL_SECONDS}`)
      .header('etag', cached.etag)
      .header('vary', 'Cookie');
    if (etagMatches(req.headers['if-none-match'], cached.etag)) return reply.status(304).send();
    if ((page.status ?? 200) === 200) laneCandidates.set(req, { key, page: cached });
    return reply.status(page.status ?? 200).send(cached.body);
  }
  const html = await renderer.render(page.page, await page.data(), chromeOf(req));
  return reply
    .status(page.status ?? 200)
    .header('cache-control', req.principal ? 'private, no-store' : 'no-store')
    .send(html);
}

function registerAssets(app: FastifyInstance, renderer: PortalRenderer): void {
  app.get('/assets/*', { schema: { hide: true } }, async (req, reply) => {
    const rel = (req.params as { '*': string })['*'];
    const asset = renderer.assets.get(rel);
    if (!asset) return reply.callNotFound();
    const v = (req.query as { v?: unknown }).v;
    // Pages link assets with ?v=<content hash>: those URLs never change meaning, so cache them for a year.
    reply
      .header('etag', asset.etag)
      .header(
        'cache-control',
        v === asset.hash ? 'public, max-age=31536000, immutable' : 'public, max-age=3600, must-revalidate',
      )
      .header('x-content-type-options', 'nosniff');
    if (etagMatches(req.headers['if-none-match'], asset.etag)) return reply.status(304).send();
    return reply.type(asset.type).send(asset.body);
  });
}

/** `?mode=care` / `?mode=standard` on any page: remember the choice in a cookie and come back without the parameter. */
function registerModeSwitch(app: FastifyInstance, ctx: AppContext): void {
  const secure = ctx.config.publicUrl?.startsWith('https:') ?? false;
  app.addHook('onRequest', async (req, reply) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url.includes('mode=')) return;
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || req.url.startsWith('/console'))
      return;
    const u = new URL(req.url, 'http://local.invalid');
    const mode = u.searchParams.get('mode');
    if (mode !== 'care' && mode !== 'standard') return;
    u.searchParams.delete('mode');
    if (mode === 'care') {
      reply.setCookie(MODE_COOKIE, 'care', {
        path: '/',
        maxAge: CARE_COOKIE_MAX_AGE,
        sameSite: 'lax',
        httpOnly: true,
        secure,
      });
    } else {
      reply.clearCookie(MODE_COOKIE, { path: '/', sameSite: 'lax', httpOnly: true, secure });
    }
    // Only the path of this site: a URL such as //host/?mode=care must not become an open redirect.
    const target = u.host === 'local.invalid' && !u.pathname.startsWith('//') ? u.pathname + u.search : '/';
    return reply.header('cache-control', 'no-store').redirect(target, 303);
  });
}

/** A block of the home page's 机构设置 directory: a region government and its departments. */
export interface OrgGroup {
  name: string;
  units: string[];
}

/** Directory depth shown on the home page: the city and its counties (townships are too many). */
const DIRECTORY_MAX_DEPTH = 1;
const DIRECTORY_MAX_ORGS = 400;

async function loadOrgGroups(ctx: AppContext): Promise<OrgGroup[]> {
  // Ids come ordered by depth, then sort order, then name.
  const ids = (await listOrgIdsInReach(ctx, { all: true })).slice(0, DIRECTORY_MAX_ORGS);
  const orgs = (await Promise.all(ids.map((id) => getOrg(ctx.pool, id)))).filter(
    (o): o is OrgInfo => o !== null,
  );
  const regions = orgs.filter((o) => o.kind === 'region' && o.depth <= DIRECTORY_MAX_DEPTH);
  return regions.map((r) => ({
    name: r.name,
    units: orgs.filter((o) => o.parentId === r.id && o.kind === 'department').map((o) => o.name),
  }));
}

const directoryCache = new WeakMap<AppContext, { at: number; html: Promise<string> }>();

/**
 * The 机构设置 block as HTML, rendered from the theme's partial at most once per page lifetime:
 * signed-in visitors get a fresh page on every request, and redoing this loop (and its queries) for
 * each of them would cost more than the rest of the page.
 */
async function orgDirectoryHtml(ctx: AppContext, renderer: PortalRenderer): Promise<string> {
  const now = Date.now();
  const hit = directoryCache.get(ctx);
  if (hit && now - hit.at < PAGE_TTL_SECONDS * 1000) return hit.html;
  const html = loadOrgGroups(ctx)
    .then((orgGroups) => renderer.renderFragment('org-directory', { orgGroups }))
    .catch((err: unknown) => {
      // The home page must stay up when the directory cannot be read; try again next time.
      ctx.log.error({ err }, 'organisation directory unavailable');
      directoryCache.delete(ctx);
      return '';
    });
  directoryCache.set(ctx, { at: now, html });
  return html;
}

/** The home page's 机构设置 block (pre-rendered HTML), for the cms default site's home page. */
export function portalOrgDirectoryHtml(ctx: AppContext): Promise<string> {
  return orgDirectoryHtml(ctx, rendererFor(ctx));
}

const ROBOTS = [
  'User-agent: *',
  'Disallow: /api/',
  'Disallow: /console/',
  'Disallow: /login',
  'Disallow: /register',
  'Disallow: /profile',
  'Disallow: /logout',
  'Disallow: /hall/my',
  'Disallow: /hall/drafts',
  'Disallow: /hall/apply',
  'Allow: /',
  '',
].join('\n');

/** The portal's robots.txt (the cms default site adds its sitemap to it). */
export const PORTAL_ROBOTS_TXT = ROBOTS;

export async function registerPortal(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const renderer = rendererFor(ctx);
  installErrorPages(ctx, renderer);
  feedFastLane(app, ctx, fastLaneOf(ctx));
  listenForPortalChanges(app, ctx);
  registerModeSwitch(app, ctx);
  registerAssets(app, renderer);

  app.get(
    '/',
    { schema: { hide: true } },
    async (req, reply) =>
      (await overrides.get(ctx)?.home?.(req, reply)) ??
      sendPortalPage(ctx, req, reply, {
        page: 'home',
        cacheAs: '/',
        data: async () => ({
          title: '首页',
          columnName: '首页',
          orgDirectoryHtml: await orgDirectoryHtml(ctx, renderer),
        }),
      }),
  );

  app.get(
    '/robots.txt',
    { schema: { hide: true } },
    async (req, reply) =>
      (await overrides.get(ctx)?.robots?.(req, reply)) ??
      reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(ROBOTS),
  );

  // Navigation and search follow the routes that exist once every module has registered.
  app.addHook('onReady', async () => {
    renderer.nav = PORTAL_SECTIONS.filter(
      (s) => s.href === '/' || app.hasRoute({ method: 'GET', url: s.href }),
    ).map((s) => ({ title: s.title.replace('{region}', renderer.site.regionName), href: s.href }));
    renderer.hasSearch = app.hasRoute({ method: 'GET', url: '/search' });
  });
}

export const portalModule: ModuleManifest = {
  name: 'portal',
  register: registerPortal,
};
