// One portal renderer per cms site (platform/templating/portal-renderer.ts, the same sandboxed
// LiquidJS engine as the portal): the site's theme folder with the site's stored template overrides on
// top, the site's identity (footer) as `site`, its top-level columns as the navigation, and
// partials/site/layout standing in for layouts/base, so every page rendered for the site, including
// pages of other modules such as the search page, wears the site's header, navigation and footer.
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../../platform/context.ts';
import {
  createPortalRenderer,
  DEFAULT_SITE,
  type NavItem,
  type PortalRenderer,
  rendererFor,
  type SiteInfo,
  THEMES_DIR,
} from '../../../platform/templating/portal-renderer.ts';
import type { ColumnRow, SiteRow } from '../cms.model.ts';
import { listColumns } from '../index.ts';
import { listTemplateOverrides, overridesVersion } from './site.queries.ts';

/** Templates a site administrator may override (names as stored, without .liquid). */
export const SITE_TEMPLATE_DIRS = ['pages/site', 'partials/site'] as const;
/** The template that wraps every page of a site (it replaces layouts/base in the site's renderer). */
export const SITE_LAYOUT = 'partials/site/layout';
/** How long a site's renderer is used before its overrides and columns are looked at again. */
const RECHECK_MS = 5_000;

/** Theme folder of a site: its own theme when that folder exists, the default theme otherwise. */
export function themeOf(site: Pick<SiteRow, 'theme'>): string {
  const t = /^[a-z][a-z0-9-]{0,39}$/.test(site.theme) ? site.theme : 'default';
  return fs.existsSync(path.join(THEMES_DIR, t, 'pages', 'site')) ? t : 'default';
}

/** Names of the site templates of a theme ('pages/site/home', 'partials/site/footer' …). */
export function themeTemplateNames(theme: string): string[] {
  const out: string[] = [];
  for (const dir of SITE_TEMPLATE_DIRS) {
    const full = path.join(THEMES_DIR, theme, dir);
    if (!fs.existsSync(full)) continue;
    for (const e of fs.readdirSync(full, { withFileTypes: true })) {
      if (e.isFile() && e.name.endsWith('.liquid')) out.push(`${dir}/${e.name.slice(0, -'.liquid'.length)}`);
    }
  }
  return out.sort();
}

/** The theme's own source of a site template, or null when the theme has no such template. */
export function themeTemplateSource(theme: string, name: string): string | null {
  if (!themeTemplateNames(theme).includes(name)) return null;
  return fs.readFileSync(path.join(THEMES_DIR, theme, `${name}.liquid`), 'utf8');
}

/** The site's identity for the header and footer (发展指引: 主办单位、网站标识码、备案号、联系方式). */
export function siteInfoOf(ctx: AppContext, site: SiteRow): SiteInfo {
  const portal = rendererFor(ctx).site;
  const f = site.footer ?? {};
  return {
    name: site.name,
    brand: portal.brand,
    regionName: site.is_default ? portal.regionName : site.name.replace(/人民政府$/, ''),
    sponsor: f.sponsor?.trim() || site.name,
    organizer: f.organiser?.trim() || null,
    siteCode: site.site_code,
    icp: f.icp?.trim() || null,
    psb: f.psb?.trim() || null,
    phone: f.phone?.trim() || null,
    serviceHours: site.is_default ? portal.serviceHours : null,
    address: f.address?.trim() || null,
    errorReportUrl: DEFAULT_SITE.errorReportUrl,
  };
}

export function columnHref(base: string, c: Pick<ColumnRow, 'kind' | 'link_url' | 'code'>): string {
  return c.kind === 'link' && c.link_url ? c.link_url : `${base}columns/${c.code}`;
}

export interface SiteRendering {
  renderer: PortalRenderer;
  columns: ColumnRow[];
}

interface Entry {
  version: string;
  checkedAt: number;
  value: SiteRendering;
}

const cache = new WeakMap<AppContext, Map<string, Entry>>();

/**
 * Builds a renderer for `site` with `overrides` (name → source) on top of its theme; `base` is the
 * path the site's links start with ('/', '/sites/qingtian/').
 */
export function buildSiteRenderer(
  ctx: AppContext,
  site: SiteRow,
  columns: ColumnRow[],
  overrides: ReadonlyMap<string, string>,
  base: string,
): PortalRenderer {
  const theme = themeOf(site);
  const files = new Map<string, string>();
  for (const [name, source] of overrides) files.set(`/${name}.liquid`, source);
  const layout = overrides.get(SITE_LAYOUT) ?? themeTemplateSource(theme, SITE_LAYOUT);
  if (layout !== null) files.set('/layouts/base.liquid', layout);
  const top = columns.filter((c) => c.parent_id === null);
  const nav: NavItem[] = [
    { title: '首页', href: base },
    ...top.slice(0, 11).map((c) => ({ title: c.name, href: columnHref(base, c) })),
  ];
  const renderer = createPortalRenderer({
    theme,
    site: siteInfoOf(ctx, site),
    nav,
    overrides: files,
    globals: {
      siteBase: base,
      siteSearch: `${base}search`,
      siteEmail: site.footer?.email ?? null,
      // 公安备案号 links to its record: the number's digits (浙公网安备 33112102000001号 → 33112102000001).
      sitePsbCode: (site.footer?.psb ?? '').replace(/\D/g, ''),
      isDefaultSite: site.is_default,
      loginHref: '/login',
    },
  });
  renderer.hasSearch = true;
  return renderer;
}

/**
 * The renderer of a site for links under `base`, rebuilt when the site, its columns or its overrides
 * changed (looked at every few seconds, so other processes pick up a saved template quickly).
 */
export async function siteRendering(ctx: AppContext, site: SiteRow, base: string): Promise<SiteRendering> {
  let map = cache.get(ctx);
  if (!map) {
    map = new Map();
    cache.set(ctx, map);
  }
  const key = `${site.id}\n${base}`;
  const now = Date.now();
  const hit = map.get(key);
  if (hit && now - hit.checkedAt < RECHECK_MS) return hit.value;
  const columns = await listColumns(ctx.pool, site.id);
  const version = [
    site.updated_at.getTime(),
    await overridesVersion(ctx.pool, site.id),
    ...columns.map((c) => `${c.id}:${c.updated_at.getTime()}`),
  ].join('|');
  if (hit && hit.version === version) {
    hit.checkedAt = now;
    return hit.value;
  }
  const rows = await listTemplateOverrides(ctx.pool, site.id);
  const renderer = buildSiteRenderer(ctx, site, columns, new Map(rows.map((r) => [r.name, r.source])), base);
  const value = { renderer, columns };
  map.set(key, { version, checkedAt: now, value });
  return value;
}

/** Forget a site's renderers (after its templates were saved in this process). */
export function forgetSiteRenderers(ctx: AppContext, siteId: string): void {
  const map = cache.get(ctx);
  if (!map) return;
  for (const key of [...map.keys()]) if (key.startsWith(`${siteId}\n`)) map.delete(key);
}
