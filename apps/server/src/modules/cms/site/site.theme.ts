// Site administrators edit their site's templates: each save is parsed and then trial-rendered (home,
// a column and an article with the site's real content) in the same sandboxed engine the pages use,
// so a template that cannot parse, includes a file that is not a theme template, or runs past the
// render-time or memory limits is refused with the reason (and the line, for parse errors).
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { maybeOne, withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { invalidatePortalCache } from '../../portal/index.ts';
import type { ColumnRow, SiteRow } from '../cms.model.ts';
import { CMS_SITE_MANAGE } from '../cms.permissions.ts';
import { type Caller, requireInSite } from '../cms.scope.ts';
import { getPublishedArticle, getSite, listColumns, listPublishedArticles } from '../index.ts';
import { forgetOpenSites, type SiteContext, siteContext, siteScope } from './site.context.ts';
import { siteErrors } from './site.errors.ts';
import { articlePage, columnPage, homePage, type SitePage } from './site.pages.ts';
import { listTemplateOverrides, type TemplateOverrideRow } from './site.queries.ts';
import {
  buildSiteRenderer,
  forgetSiteRenderers,
  themeOf,
  themeTemplateNames,
  themeTemplateSource,
} from './site.renderer.ts';

export const MAX_TEMPLATE_CHARS = 200_000;
export const PREVIEW_PAGES = ['home', 'column', 'article'] as const;
export type PreviewPage = (typeof PREVIEW_PAGES)[number];

async function managedSite(ctx: AppContext, caller: Caller, siteId: string): Promise<SiteRow> {
  const site = await getSite(ctx.pool, siteId);
  if (!site) throw platformErrors.NOT_FOUND(undefined, '网站不存在');
  requireInSite(caller, CMS_SITE_MANAGE, site);
  return site;
}

export interface TemplateView {
  name: string;
  overridden: boolean;
  updatedAt: string | null;
}

export async function listSiteTemplates(
  ctx: AppContext,
  caller: Caller,
  siteId: string,
): Promise<{ theme: string; items: TemplateView[] }> {
  const site = await managedSite(ctx, caller, siteId);
  const theme = themeOf(site);
  const rows = new Map((await listTemplateOverrides(ctx.pool, site.id)).map((r) => [r.name, r]));
  return {
    theme,
    items: themeTemplateNames(theme).map((name) => ({
      name,
      overridden: rows.has(name),
      updatedAt: rows.get(name)?.updated_at.toISOString() ?? null,
    })),
  };
}

export interface TemplateDetail extends TemplateView {
  /** What the site uses: its override, or the theme's file. */
  source: string;
  /** The theme's own file (to compare with, or to go back to). */
  themeSource: string;
}

function checkName(theme: string, name: string): string {
  const source = themeTemplateSource(theme, name);
  if (source === null) throw siteErrors.TEMPLATE_NOT_FOUND('name', `主题中没有模板“${name.slice(0, 80)}”`);
  return source;
}

export async function getSiteTemplate(
  ctx: AppContext,
  caller: Caller,
  siteId: string,
  name: string,
): Promise<TemplateDetail> {
  const site = await managedSite(ctx, caller, siteId);
  const themeSource = checkName(themeOf(site), name);
  const row = await maybeOne<TemplateOverrideRow>(
    ctx.pool,
    'SELECT * FROM cms_theme_template WHERE site_id = $1 AND name = $2',
    [site.id, name],
  );
  return {
    name,
    overridden: !!row,
    updatedAt: row?.updated_at.toISOString() ?? null,
    source: row?.source ?? themeSource,
    themeSource,
  };
}

/** A site context for rendering outside a visitor's request (preview, trial render). */
function offlineContext(ctx: AppContext, req: FastifyRequest, site: SiteRow): SiteContext {
  return siteContext(ctx, req, site, false);
}

/** The pages a trial render or preview looks at, with the site's real content. */
async function samplePage(
  ctx: AppContext,
  sc: SiteContext,
  columns: ColumnRow[],
  page: PreviewPage,
  opts: { columnCode?: string | undefined; articleId?: string | undefined } = {},
): Promise<SitePage | null> {
  if (page === 'home') return homePage(ctx, sc, columns);
  if (page === 'column') {
    const column = opts.columnCode
      ? columns.find((c) => c.code === opts.columnCode)
      : (columns.find((c) => c.kind === 'news') ?? columns.find((c) => c.kind !== 'link'));
    return column ? columnPage(ctx, sc, columns, column, '') : null;
  }
  let id = opts.articleId;
  if (!id) {
    const newest = await listPublishedArticles(ctx.pool, { siteId: sc.site.id, pageSize: 1 });
    id = newest.items[0]?.id;
  }
  const a = id ? await getPublishedArticle(ctx.pool, id) : null;
  return a && a.siteId === sc.site.id ? articlePage(ctx, sc, columns, a.id, false, false) : null;
}

function lineOf(err: unknown): number | null {
  const m = /line:(\d+)/.exec(err instanceof Error ? err.message : '');
  return m ? Number(m[1]) : null;
}

function reasonOf(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/render limit|exceeded/i.test(msg) && /render/i.test(msg)) return '渲染超时（模板可能含有过大的循环）';
  if (/memory/i.test(msg)) return '渲染占用内存过多';
  if (/ENOENT|Failed to lookup|not found/i.test(msg))
    return '引用了主题中不存在的模板（只能引用本主题的模板）';
  if (/undefined filter/i.test(msg)) return '使用了不支持的过滤器';
  return '模板语法错误';
}

/** Renders `pages` with the site's overrides plus `unsaved`; refuses with the first problem found. */
async function trialRender(
  ctx: AppContext,
  req: FastifyRequest,
  site: SiteRow,
  unsaved: Map<string, string>,
  pages: { page: PreviewPage; columnCode?: string | undefined; articleId?: string | undefined }[],
): Promise<string[]> {
  const theme = themeOf(site);
  for (const [name, source] of unsaved) {
    checkName(theme, name);
    if (source.length > MAX_TEMPLATE_CHARS)
      throw siteErrors.TEMPLATE_INVALID(name, `模板“${name}”超过 ${MAX_TEMPLATE_CHARS} 个字符`);
  }
  const sc = offlineContext(ctx, req, site);
  const columns = await listColumns(ctx.pool, site.id);
  const stored = new Map((await listTemplateOverrides(ctx.pool, site.id)).map((r) => [r.name, r.source]));
  const renderer = buildSiteRenderer(ctx, site, columns, new Map([...stored, ...unsaved]), sc.base);
  for (const [name, source] of unsaved) {
    try {
      renderer.validate(source);
    } catch (err) {
      const line = lineOf(err);
      throw siteErrors.TEMPLATE_INVALID(
        [{ field: name, message: `${reasonOf(err)}${line ? `（第 ${line} 行）` : ''}` }],
        `模板“${name}”${line ? `第 ${line} 行` : ''}有错误，未保存`,
      );
    }
  }
  const out: string[] = [];
  for (const p of pages) {
    const spec = await samplePage(ctx, sc, columns, p.page, p);
    if (!spec) {
      if (p.columnCode || p.articleId)
        throw siteErrors.PREVIEW_PAGE_INVALID('page', '要预览的栏目或文章不存在');
      continue;
    }
    try {
      out.push(await renderer.render(spec.page, await spec.data(), { path: sc.base }));
    } catch (err) {
      const line = lineOf(err);
      throw siteErrors.TEMPLATE_INVALID(
        [
          {
            field: [...unsaved.keys()][0] ?? 'templates',
            message: `${reasonOf(err)}${line ? `（第 ${line} 行）` : ''}`,
          },
        ],
        `模板渲染“${p.page}”页面时出错：${reasonOf(err)}`,
      );
    }
  }
  return out;
}

export async function saveSiteTemplate(
  ctx: AppContext,
  caller: Caller,
  req: FastifyRequest,
  actor: Actor,
  siteId: string,
  name: string,
  source: string,
): Promise<TemplateDetail> {
  const site = await managedSite(ctx, caller, siteId);
  const themeSource = checkName(themeOf(site), name);
  await trialRender(ctx, req, site, new Map([[name, source]]), [
    { page: 'home' },
    { page: 'column' },
    { page: 'article' },
  ]);
  const now = ctx.clock.now();
  const userId = caller && 'userId' in caller ? caller.userId : null;
  await withTx(ctx.pool, async (tx) => {
    const before = await maybeOne<{ source: string }>(
      tx,
      'SELECT source FROM cms_theme_template WHERE site_id = $1 AND name = $2 FOR UPDATE',
      [site.id, name],
    );
    await tx.query(
      `INSERT INTO cms_theme_template (site_id, name, source, updated_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (site_id, name) DO UPDATE SET source = EXCLUDED.source, updated_by = EXCLUDED.updated_by,
         updated_at = EXCLUDED.updated_at`,
      [site.id, name, source, userId, now],
    );
    await ctx.audit.record(tx, actor, {
      action: 'cms.theme.template.save',
      objectType: 'cms-site',
      objectId: site.id,
      summary: `修改网站“${site.name}”的模板“${name}”`,
      changes: {
        [name]: {
          before: before ? `${before.source.length} 字符` : '主题默认',
          after: `${source.length} 字符`,
        },
      },
    });
    await ctx.events.emit(tx, {
      type: 'cms.theme.changed',
      aggregateType: 'cms-site',
      aggregateId: site.id,
      payload: { siteId: site.id, name },
      actorId: userId,
    });
  });
  themeChanged(ctx, site.id);
  return { name, overridden: true, updatedAt: now.toISOString(), source, themeSource };
}

export async function resetSiteTemplate(
  ctx: AppContext,
  caller: Caller,
  actor: Actor,
  siteId: string,
  name: string,
): Promise<TemplateDetail> {
  const site = await managedSite(ctx, caller, siteId);
  const themeSource = checkName(themeOf(site), name);
  const userId = caller && 'userId' in caller ? caller.userId : null;
  await withTx(ctx.pool, async (tx) => {
    const r = await tx.query('DELETE FROM cms_theme_template WHERE site_id = $1 AND name = $2', [
      site.id,
      name,
    ]);
    if (!r.rowCount) return;
    await ctx.audit.record(tx, actor, {
      action: 'cms.theme.template.reset',
      objectType: 'cms-site',
      objectId: site.id,
      summary: `网站“${site.name}”的模板“${name}”恢复为主题默认`,
    });
    await ctx.events.emit(tx, {
      type: 'cms.theme.changed',
      aggregateType: 'cms-site',
      aggregateId: site.id,
      payload: { siteId: site.id, name },
      actorId: userId,
    });
  });
  themeChanged(ctx, site.id);
  return { name, overridden: false, updatedAt: null, source: themeSource, themeSource };
}

/** Renders one page of the site with unsaved templates (nothing is stored). */
export async function previewSitePage(
  ctx: AppContext,
  caller: Caller,
  req: FastifyRequest,
  siteId: string,
  input: { page: PreviewPage; templates: Record<string, string>; columnCode?: string; articleId?: string },
): Promise<string> {
  const site = await managedSite(ctx, caller, siteId);
  const unsaved = new Map(Object.entries(input.templates));
  const [html] = await trialRender(ctx, req, site, unsaved, [
    { page: input.page, columnCode: input.columnCode, articleId: input.articleId },
  ]);
  if (html === undefined) throw siteErrors.PREVIEW_PAGE_INVALID('page', '该网站还没有可预览的内容');
  return html;
}

/** Drops what this process holds of a site's rendering (renderers, cached pages). */
export function themeChanged(ctx: AppContext, siteId: string): void {
  forgetSiteRenderers(ctx, siteId);
  forgetOpenSites(ctx);
  invalidatePortalCache(ctx, siteScope(siteId));
}
