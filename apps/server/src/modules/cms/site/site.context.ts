// Which cms site a public request is for: by Host header (a site's domains), by the path prefix
// /sites/{code}/, or the default site (the city portal) at /. Open sites are held in memory for a few
// seconds, so routing a page costs no query.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import type { SiteRow } from '../cms.model.ts';
import { listSites } from '../index.ts';

const SITES_TTL_MS = 5_000;
const HOST_RE = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?(?::\d{1,5})?$/;

interface Directory {
  at: number;
  sites: Promise<SiteRow[]>;
}

const directories = new WeakMap<AppContext, Directory>();

/** Open sites, re-read at most every few seconds. */
export function openSites(ctx: AppContext): Promise<SiteRow[]> {
  const now = Date.now();
  const hit = directories.get(ctx);
  if (hit && now - hit.at < SITES_TTL_MS) return hit.sites;
  const sites = listSites(ctx.pool).catch((err: unknown) => {
    directories.delete(ctx);
    throw err;
  });
  directories.set(ctx, { at: now, sites });
  return sites;
}

/** Forget the cached site list (after a site changed in this process, and in tests). */
export function forgetOpenSites(ctx: AppContext): void {
  directories.delete(ctx);
}

/** The request's host name, lowercased, without port; '' when the header is not a host name. */
export function requestHostname(req: FastifyRequest): string {
  const h = String(req.hostname ?? '').toLowerCase();
  return HOST_RE.test(h) ? h.replace(/:\d+$/, '') : '';
}

export async function siteForRequestHost(ctx: AppContext, req: FastifyRequest): Promise<SiteRow | null> {
  const host = requestHostname(req);
  if (!host) return null;
  return (await openSites(ctx)).find((s) => s.domains.includes(host)) ?? null;
}

export async function openSiteByCode(ctx: AppContext, code: string): Promise<SiteRow | null> {
  return (await openSites(ctx)).find((s) => s.code === code) ?? null;
}

export async function defaultSite(ctx: AppContext): Promise<SiteRow | null> {
  return (await openSites(ctx)).find((s) => s.is_default) ?? null;
}

/** A site as one request sees it: where its links start and the origin for absolute URLs. */
export interface SiteContext {
  site: SiteRow;
  /** Path prefix of the site's pages: '/' (default site, or reached by its own domain) or '/sites/{code}/'. */
  base: string;
  /** scheme://host of absolute URLs (feeds, sitemap, share link). */
  origin: string;
  /** Page-cache scope: the site, and the base and origin its pages were rendered for. */
  scope: string;
}

/** Cache scope prefix of all of a site's pages (for invalidation). */
export function siteScope(siteId: string): string {
  return `cms:${siteId}|`;
}

export function siteContext(
  ctx: AppContext,
  req: FastifyRequest,
  site: SiteRow,
  viaDomain: boolean,
): SiteContext {
  const base = viaDomain || site.is_default ? '/' : `/sites/${site.code}/`;
  const host = requestHostname(req) || 'localhost';
  const proto = req.protocol === 'https' ? 'https' : 'http';
  const configured = ctx.config.publicUrl ? ctx.config.publicUrl.replace(/\/+$/, '') : null;
  const origin = viaDomain || !configured ? `${proto}://${host}${portOf(req, proto)}` : configured;
  return { site, base, origin, scope: `${siteScope(site.id)}${origin}${base}` };
}

function portOf(req: FastifyRequest, proto: 'http' | 'https'): string {
  const m = /:(\d{1,5})$/.exec(String(req.host ?? ''));
  if (!m || (proto === 'http' && m[1] === '80') || (proto === 'https' && m[1] === '443')) return '';
  return `:${m[1]}`;
}
