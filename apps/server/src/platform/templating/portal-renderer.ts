// Public portal rendering: one LiquidJS engine per theme folder (themes/<name>/), sandboxed because
// administrators edit these templates. The engine only ever sees an in-memory snapshot of the theme's
// layouts/, partials/ and pages/ folders, output is escaped unless a template says `| raw`, unknown
// filters are errors, prototype properties are invisible, and parse/render/memory are bounded.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type FS, Liquid, LookupType } from 'liquidjs';
import type { AppContext } from '../context.ts';
import type { Principal } from '../http/principal.ts';

export const THEMES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../themes');

/** Cookie holding the display mode chosen with `?mode=care|standard` (关怀模式). */
export const MODE_COOKIE = 'zt_mode';

const TEMPLATE_FOLDERS = ['layouts', 'partials', 'pages'] as const;
const TEMPLATE_EXT = '.liquid';
// One optional sub-folder (pages/hall/item.liquid → 'hall/item'); no dots, so never a way out of pages/.
const PAGE_NAME = /^[a-z0-9][a-z0-9-]{0,63}(?:\/[a-z0-9][a-z0-9-]{0,63})?$/;

/** The site's identity as shown in the header and footer (政府网站发展指引: 网站标识码、备案信息、主办单位). */
export interface SiteInfo {
  /** 网站名称, e.g. 丽水市人民政府 */
  name: string;
  /** Platform brand shown beside the name. */
  brand: string;
  /** Short region name used in headings such as 走进丽水. */
  regionName: string;
  /** 主办单位 */
  sponsor: string;
  /** 承办单位 */
  organizer: string | null;
  /** 网站标识码 */
  siteCode: string | null;
  /** ICP备案号 (links to beian.miit.gov.cn) */
  icp: string | null;
  /** 公安机关备案号 */
  psb: string | null;
  /** 联系电话 */
  phone: string | null;
  /** 服务时间 */
  serviceHours: string | null;
  /** 办公地址 */
  address: string | null;
  /** 我为政府网站找错 */
  errorReportUrl: string | null;
}

export interface NavItem {
  title: string;
  href: string;
}

export const DEFAULT_SITE: Readonly<SiteInfo> = Object.freeze({
  name: '丽水市人民政府',
  brand: '政通',
  regionName: '丽水',
  sponsor: '丽水市人民政府办公室',
  organizer: '丽水市大数据发展管理局',
  siteCode: null,
  icp: null,
  psb: null,
  phone: '12345（政务服务便民热线）',
  serviceHours: '工作日 上午 8:30—12:00，下午 14:30—17:30（法定节假日除外）',
  address: null,
  errorReportUrl: 'https://zfwzzc.www.gov.cn/',
});

/**
 * Site identity from configuration. The keys (siteName, siteSponsor …) are read when the config schema
 * has them and fall back to the demo region's values otherwise.
 */
export function siteInfoFromConfig(config: object): SiteInfo {
  const c = config as Record<string, unknown>;
  const str = (k: string): string | null =>
    typeof c[k] === 'string' && (c[k] as string).trim() ? (c[k] as string) : null;
  return {
    name: str('siteName') ?? DEFAULT_SITE.name,
    brand: str('siteBrand') ?? DEFAULT_SITE.brand,
    regionName: str('siteRegionName') ?? DEFAULT_SITE.regionName,
    sponsor: str('siteSponsor') ?? DEFAULT_SITE.sponsor,
    organizer: str('siteOrganizer') ?? DEFAULT_SITE.organizer,
    siteCode: str('siteIdCode') ?? DEFAULT_SITE.siteCode,
    icp: str('siteIcp') ?? DEFAULT_SITE.icp,
    psb: str('sitePsb') ?? DEFAULT_SITE.psb,
    phone: str('sitePhone') ?? DEFAULT_SITE.phone,
    serviceHours: str('siteServiceHours') ?? DEFAULT_SITE.serviceHours,
    address: str('siteAddress') ?? DEFAULT_SITE.address,
    errorReportUrl: str('siteErrorReportUrl') ?? DEFAULT_SITE.errorReportUrl,
  };
}

/** Per-request chrome: who is signed in, the display mode, where we are. */
export interface RequestChrome {
  user: { displayName: string; username: string; kind: string } | null;
  /** The session's CSRF token, for signed-in forms (logout). */
  csrfToken: string | null;
  care: boolean;
  /** Current path (no query), to mark the current nav item. */
  path: string;
  /** Links that switch the display mode and come back to this page. */
  careHref: string;
  standardHref: string;
}

export interface ThemeAsset {
  body: Buffer;
  type: string;
  etag: string;
  /** Short content hash used in `?v=` so pages can link assets with a year-long cache. */
  hash: string;
}

export interface PortalRenderer {
  readonly theme: string;
  readonly site: Readonly<SiteInfo>;
  /** Assets under themes/<name>/assets, keyed by their path below it ('css/portal.css'). */
  readonly assets: ReadonlyMap<string, ThemeAsset>;
  /** Main navigation; the portal fills it with the sections whose pages exist. */
  nav: NavItem[];
  /** Shows the search box when a /search page exists. */
  hasSearch: boolean;
  /** Renders pages/<page>.liquid with the page data and the site chrome. */
  render(page: string, data: Record<string, unknown>, chrome?: Partial<RequestChrome>): Promise<string>;
  /**
   * Renders partials/<name>.liquid on its own (with `site` but no visitor chrome). Pages pass the
   * result to a template as pre-rendered HTML (`{{ x | raw }}`) for blocks that are the same for
   * every visitor, so a signed-in page render does not redo them.
   */
  renderFragment(name: string, data: Record<string, unknown>): Promise<string>;
  /** Re-reads the theme folder (after an administrator edits it) and drops cached templates. */
  reload(): void;
  /** Parses a template source with this renderer's rules (filters, limits); throws LiquidJS's error. */
  validate(source: string): void;
}

const MIME: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

function walk(dir: string, base = dir, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    // Symlinks could point out of the theme folder: ignore them.
    if (e.isSymbolicLink()) continue;
    if (e.isDirectory()) walk(full, base, out);
    else if (e.isFile()) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

/** A LiquidJS file system that only knows the theme's templates, held in memory. */
function snapshotFs(files: Map<string, string>): FS {
  const norm = (p: string) => path.posix.normalize(p);
  const inside = (root: string, file: string) => {
    const r = norm(root).replace(/\/?$/, '/');
    return norm(file).startsWith(r);
  };
  return {
    exists: async (f) => files.has(norm(f)),
    existsSync: (f) => files.has(norm(f)),
    readFile: async (f) => {
      const s = files.get(norm(f));
      if (s === undefined) throw new Error(`ENOENT: ${f}`);
      return s;
    },
    readFileSync: (f) => {
      const s = files.get(norm(f));
      if (s === undefined) throw new Error(`ENOENT: ${f}`);
      return s;
    },
    resolve: (dir, file, ext) => {
      // Absolute names, backslashes and NUL never name a theme file.
      if (file.startsWith('/') || file.includes('\\') || file.includes('\0')) return '/\0invalid';
      const withExt = path.posix.extname(file) ? file : file + ext;
      return norm(path.posix.join(dir, withExt));
    },
    contains: async (root, file) => inside(root, file),
    containsSync: (root, file) => inside(root, file),
    sep: '/',
    dirname: (f) => path.posix.dirname(f),
  };
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface RendererOptions {
  theme?: string;
  themesDir?: string;
  site?: Partial<SiteInfo>;
  nav?: NavItem[];
  /**
   * Template sources that replace (or add to) the theme's files, keyed by their path in the snapshot
   * ('/pages/site/home.liquid', '/layouts/base.liquid'): a cms site's stored overrides. They live in
   * the same in-memory snapshot, so they are as sandboxed as the theme's own files.
   */
  overrides?: ReadonlyMap<string, string>;
  /** Values every template of this renderer sees besides the chrome (a cms site's base path …). */
  globals?: Record<string, unknown>;
}

export function createPortalRenderer(opts: RendererOptions = {}): PortalRenderer {
  const theme = opts.theme ?? 'default';
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(theme)) throw new Error(`invalid theme name: ${theme}`);
  const root = path.join(opts.themesDir ?? THEMES_DIR, theme);
  const site: SiteInfo = { ...DEFAULT_SITE, ...opts.site };
  const templates = new Map<string, string>();
  const assets = new Map<string, ThemeAsset>();
  let engine: Liquid;

  const load = () => {
    templates.clear();
    assets.clear();
    for (const folder of TEMPLATE_FOLDERS) {
      for (const rel of walk(path.join(root, folder))) {
        if (rel.endsWith(TEMPLATE_EXT)) {
          templates.set(`/${folder}/${rel}`, fs.readFileSync(path.join(root, folder, rel), 'utf8'));
        }
      }
    }
    for (const [key, source] of opts.overrides ?? []) {
      if (/^\/(?:layouts|partials|pages)\/[a-z0-9/-]+\.liquid$/.test(key) && !key.includes('//'))
        templates.set(key, source);
    }
    for (const rel of walk(path.join(root, 'assets'))) {
      const type = MIME[path.extname(rel).toLowerCase()];
      if (!type) continue;
      const body = fs.readFileSync(path.join(root, 'assets', rel));
      const digest = createHash('sha256').update(body).digest('base64url');
      assets.set(rel, { body, type, etag: `"${digest.slice(0, 27)}"`, hash: digest.slice(0, 10) });
    }
    engine = new Liquid({
      fs: snapshotFs(templates),
      root: ['/pages'],
      partials: ['/partials'],
      layouts: ['/layouts'],
      extname: TEMPLATE_EXT,
      relativeReference: false,
      cache: true,
      strictFilters: true,
      strictVariables: false,
      ownPropertyOnly: true,
      outputEscape: 'escape',
      // Bounds for one template set: a theme is a few dozen kilobytes.
      parseLimit: 2_000_000,
      renderLimit: 2_000,
      memoryLimit: 50_000_000,
      jsTruthy: false,
      timezoneOffset: 'Asia/Shanghai',
    });
    engine.registerFilter('asset_url', (rel: unknown) => {
      const key = String(rel).replace(/^\/+/, '');
      const a = assets.get(key);
      return a ? `/assets/${key}?v=${a.hash}` : `/assets/${key}`;
    });
  };
  load();

  const renderer: PortalRenderer = {
    theme,
    site,
    assets,
    nav: opts.nav ?? [{ title: '首页', href: '/' }],
    hasSearch: false,
    async render(page, data, chrome = {}) {
      if (!PAGE_NAME.test(page)) throw new Error(`invalid page name: ${page}`);
      const current = chrome.path ?? '/';
      const globals = {
        ...opts.globals,
        site,
        nav: renderer.nav.map((n) => ({
          title: n.title,
          href: n.href,
          current: n.href === '/' ? current === '/' : current === n.href || current.startsWith(`${n.href}/`),
        })),
        hasSearch: renderer.hasSearch,
        user: chrome.user ?? null,
        csrfToken: chrome.csrfToken ?? null,
        care: chrome.care ?? false,
        path: current,
        careHref: chrome.careHref ?? '?mode=care',
        standardHref: chrome.standardHref ?? '?mode=standard',
      };
      return engine.renderFile(page, data, { globals });
    },
    async renderFragment(name, data) {
      if (!PAGE_NAME.test(name)) throw new Error(`invalid fragment name: ${name}`);
      return engine.renderFile(name, data, { globals: { site }, lookupType: LookupType.Partials });
    },
    reload: load,
    validate(source) {
      engine.parse(source);
    },
  };
  return renderer;
}

const renderers = new WeakMap<AppContext, PortalRenderer>();

/** The portal renderer of this app (default theme, site identity from config), built on first use. */
export function rendererFor(ctx: AppContext): PortalRenderer {
  let r = renderers.get(ctx);
  if (!r) {
    r = createPortalRenderer({ site: siteInfoFromConfig(ctx.config) });
    renderers.set(ctx, r);
  }
  return r;
}

/** True when the request chose 关怀模式 (cookie set by `?mode=care`). */
export function isCareMode(req: FastifyRequest): boolean {
  return req.cookies?.[MODE_COOKIE] === 'care';
}

function modeHref(req: FastifyRequest, mode: 'care' | 'standard'): string {
  const u = new URL(req.url, 'http://x');
  u.searchParams.set('mode', mode);
  return u.pathname + u.search;
}

function userOf(p: Principal | null): RequestChrome['user'] {
  return p ? { displayName: p.displayName, username: p.username, kind: p.kind } : null;
}

/**
 * Chrome for a request: signed-in user, session CSRF token, display mode and mode-switch links.
 * `canonicalPath` replaces the request URL for pages shared through the anonymous page cache, so
 * nothing from one visitor's query string ends up in another visitor's page.
 */
export function chromeOf(req: FastifyRequest, canonicalPath?: string): RequestChrome {
  const p = req.principal ?? null;
  return {
    user: userOf(p),
    csrfToken: p?.csrfToken ?? null,
    care: isCareMode(req),
    path: canonicalPath ?? new URL(req.url, 'http://x').pathname,
    careHref: canonicalPath ? `${canonicalPath}?mode=care` : modeHref(req, 'care'),
    standardHref: canonicalPath ? `${canonicalPath}?mode=standard` : modeHref(req, 'standard'),
  };
}

/**
 * A redirect target from user input (`?next=`) when it is a path on this site, otherwise null.
 * Refuses scheme-relative (`//host`), backslash (`/\host`, which browsers treat as `//`) and
 * control characters.
 */
export function localPath(next: unknown): string | null {
  if (typeof next !== 'string' || next.length === 0 || next.length > 500) return null;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(next)) return null;
  const u = new URL(next, 'http://local.invalid');
  if (u.host !== 'local.invalid') return null;
  return u.pathname + u.search + u.hash;
}

const ERROR_TITLES: Record<number, string> = {
  400: '请求无效',
  403: '无权访问',
  404: '页面不存在',
  413: '提交的内容过大',
  429: '操作过于频繁',
  500: '服务器错误',
  503: '服务暂不可用',
};

function fallbackErrorHtml(status: number, message: string): string {
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${status} ${escapeAttr(ERROR_TITLES[status] ?? '出错了')}</title></head>` +
    `<body><main><h1>${escapeAttr(ERROR_TITLES[status] ?? '出错了')}</h1><p>${escapeAttr(message)}</p><p><a href="/">返回首页</a></p></main></body></html>`
  );
}

/** Renders themed 404/403/500 pages for every non-API URL (the kernel calls ctx.renderErrorPage). */
export function installErrorPages(ctx: AppContext, renderer: PortalRenderer = rendererFor(ctx)): void {
  ctx.renderErrorPage = async (req: FastifyRequest, reply: FastifyReply, status: number, message: string) => {
    let html: string;
    try {
      const title = ERROR_TITLES[status] ?? (status >= 500 ? '服务器错误' : '请求未能完成');
      html = await renderer.render('error', { title, status, message }, chromeOf(req));
    } catch (err) {
      req.log.error({ err }, 'error page failed to render');
      html = fallbackErrorHtml(status, message);
    }
    return reply
      .status(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(html);
  };
}
