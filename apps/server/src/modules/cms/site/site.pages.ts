// Public pages of every cms site: home (blocks fed by columns), column lists with pagination, article
// pages (policy metadata, validity, 政策解读, attachments, withdrawn notice, print view, share link) and
// the site's search page. Anonymous pages go through the portal's shared page cache (ETag, 304).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { portalOrgDirectoryHtml, sendPortalPage, setRequestRenderer } from '../../portal/index.ts';
import { renderSearchPage } from '../../search/index.ts';
import { COLUMN_KIND_NAMES, type ColumnRow, VALIDITY_NAMES } from '../cms.model.ts';
import {
  getPublishedArticle,
  listPublishedArticles,
  type PublishedArticle,
  type PublishedListItem,
} from '../index.ts';
import type { SiteContext } from './site.context.ts';
import { listColumnHeadlines, listPictureArticles } from './site.queries.ts';
import { columnHref, siteRendering } from './site.renderer.ts';

export const LIST_PAGE_SIZE = 20;
const MAX_LIST_PAGE = 500;
const HOME_ITEMS = 8;

const dateFmt = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeFmt = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 2026-11-24 in Beijing time. */
export const shanghaiDate = (iso: string | Date): string => dateFmt.format(new Date(iso));
/** 2026-11-24 10:00 in Beijing time. */
export const shanghaiTime = (iso: string | Date): string => timeFmt.format(new Date(iso));

function firstParam(v: unknown): string {
  if (Array.isArray(v)) return firstParam(v[0]);
  return typeof v === 'string' ? v : '';
}

function listItem(
  sc: SiteContext,
  a: Pick<PublishedListItem, 'id' | 'title' | 'publishedAt' | 'docNumber' | 'validity'>,
) {
  return {
    title: a.title,
    href: `${sc.base}articles/${a.id}`,
    date: shanghaiDate(a.publishedAt),
    docNumber: a.docNumber,
    validity: a.validity && a.validity !== 'valid' ? VALIDITY_NAMES[a.validity as 'invalid'] : null,
  };
}

/** Prepares the request to render in the site's theme and cache scope. */
async function prepare(ctx: AppContext, req: FastifyRequest, sc: SiteContext) {
  const r = await siteRendering(ctx, sc.site, sc.base);
  setRequestRenderer(req, r.renderer, sc.scope);
  return r;
}

/** Columns from the top down to `c` (for breadcrumbs). */
function trail(columns: ColumnRow[], c: ColumnRow): ColumnRow[] {
  const out: ColumnRow[] = [];
  let cur: ColumnRow | undefined = c;
  while (cur && out.length < 10) {
    out.unshift(cur);
    const parentId: string | null = cur.parent_id;
    cur = parentId ? columns.find((x) => x.id === parentId) : undefined;
  }
  return out;
}

function pager(page: number, pageCount: number, href: (n: number) => string) {
  const pages: { number: number; href: string; current: boolean; gap: boolean }[] = [];
  let last = 0;
  for (let n = 1; n <= pageCount; n += 1) {
    if (n !== 1 && n !== pageCount && Math.abs(n - page) > 2) continue;
    if (last && n - last > 1) pages.push({ number: 0, href: '', current: false, gap: true });
    pages.push({ number: n, href: href(n), current: n === page, gap: false });
    last = n;
  }
  return { pages, prev: page > 1 ? href(page - 1) : null, next: page < pageCount ? href(page + 1) : null };
}

/** A page of a site: its template, data and (for pages the same for every visitor) cache path. */
export interface SitePage {
  page: string;
  data: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  cacheAs?: string;
}

export async function sendHome(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  sc: SiteContext,
): Promise<FastifyReply> {
  const { columns } = await prepare(ctx, req, sc);
  return sendPortalPage(ctx, req, reply, homePage(ctx, sc, columns));
}

export function homePage(ctx: AppContext, sc: SiteContext, columns: ColumnRow[]): SitePage {
  return {
    page: 'site/home',
    cacheAs: sc.base,
    data: async () => {
      const pick = (kind: ColumnRow['kind'], prefer: string) => {
        const candidates = columns.filter((c) => c.kind === kind);
        return candidates.find((x) => x.code === prefer) ?? candidates[0] ?? null;
      };
      const chosen = [pick('news', 'zwdt'), pick('notice', 'tzgg'), pick('policy', 'wjzl')];
      const [heads, pictures] = await Promise.all([
        listColumnHeadlines(
          ctx.pool,
          sc.site.id,
          chosen.filter((c) => c !== null).map((c) => c.id),
          HOME_ITEMS,
        ),
        listPictureArticles(ctx.pool, sc.site.id, 4),
      ]);
      const [news, notices, policies] = chosen.map((c) =>
        c
          ? {
              name: c.name,
              href: columnHref(sc.base, c),
              id: `blk-${c.code}`,
              items: heads
                .filter((h) => h.columnId === c.id)
                .map((h) =>
                  listItem(sc, {
                    id: h.id,
                    title: h.title,
                    publishedAt: h.firstPublishedAt.toISOString(),
                    docNumber: h.docNumber,
                    validity: h.validity,
                  }),
                ),
            }
          : null,
      );
      const interaction = columns.find((c) => c.kind === 'interaction');
      const serviceLinks = columns
        .filter((c) => c.kind === 'link')
        .map((c) => ({ title: c.name, href: columnHref(sc.base, c) }));
      return {
        title: '首页',
        columnName: '首页',
        news,
        notices,
        policies,
        pictures: pictures.map((p) => ({
          title: p.title,
          href: `${sc.base}articles/${p.id}`,
          src: `/api/v1/cms/files/${p.coverFileId}`,
          date: shanghaiDate(p.publishedAt),
        })),
        serviceLinks: serviceLinks.length ? serviceLinks : [{ title: '办事服务', href: '/hall' }],
        interactionHref: interaction ? columnHref(sc.base, interaction) : null,
        interactionName: interaction?.name ?? '互动交流',
        orgDirectoryHtml: sc.site.is_default ? await portalOrgDirectoryHtml(ctx) : '',
      };
    },
  };
}

export async function sendColumn(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  sc: SiteContext,
  code: string,
): Promise<FastifyReply> {
  const { columns } = await prepare(ctx, req, sc);
  const column = columns.find((c) => c.code === code);
  if (!column) throw platformErrors.NOT_FOUND(undefined, '栏目不存在');
  if (column.kind === 'link' && column.link_url && /^(?:\/(?!\/)|https?:\/\/)/.test(column.link_url))
    return reply.header('cache-control', 'public, max-age=300').redirect(column.link_url, 302);
  const raw = firstParam((req.query as Record<string, unknown>).page);
  return sendPortalPage(ctx, req, reply, columnPage(ctx, sc, columns, column, raw));
}

/**
 * A column's list page; `raw` is the ?page= parameter as sent ('' when absent). The list is read when
 * the page is rendered, so a cached copy costs no query.
 */
export function columnPage(
  ctx: AppContext,
  sc: SiteContext,
  columns: ColumnRow[],
  column: ColumnRow,
  raw: string,
): SitePage {
  const asked = /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  const path = `${sc.base}columns/${column.code}`;
  const href = (n: number) => (n > 1 ? `${path}?page=${n}` : path);
  const crumbs = trail(columns, column).map((c) => ({ title: c.name, href: columnHref(sc.base, c) }));
  const read = (page: number) =>
    listPublishedArticles(ctx.pool, {
      siteId: sc.site.id,
      columnId: column.id,
      page,
      pageSize: LIST_PAGE_SIZE,
    });
  return {
    page: 'site/column',
    // Only the first page is shared: later pages carry ?page=, which the cached chrome must not hold.
    ...(raw === '' ? { cacheAs: path } : {}),
    data: async () => {
      let page = Math.min(Math.max(asked, 1), MAX_LIST_PAGE);
      let list = await read(page);
      const pageCount = Math.min(Math.max(1, Math.ceil(list.total / LIST_PAGE_SIZE)), MAX_LIST_PAGE);
      if (page > pageCount) {
        // A page past the end (an old link): the last page instead of an empty list.
        page = pageCount;
        list = await read(page);
      }
      return {
        title: page > 1 ? `${column.name}（第 ${page} 页）` : column.name,
        columnName: column.name,
        column: {
          name: column.name,
          kind: column.kind,
          kindName: COLUMN_KIND_NAMES[column.kind],
          href: path,
          feedHref: `${path}/feed.xml`,
          isPolicy: column.kind === 'policy',
        },
        crumbs,
        children: columns
          .filter((c) => c.parent_id === column.id)
          .map((c) => ({ title: c.name, href: columnHref(sc.base, c) })),
        items: list.items.map((a) => listItem(sc, a)),
        total: list.total,
        page,
        pageCount,
        pager: pager(page, pageCount, href),
      };
    },
  };
}

function fileSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.ceil(n / 1024)} KB`;
  return `${n} B`;
}

export async function sendArticle(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  sc: SiteContext,
  id: string,
): Promise<FastifyReply> {
  const { columns } = await prepare(ctx, req, sc);
  const query = req.query as Record<string, unknown>;
  const print = firstParam(query.print) === '1';
  return sendPortalPage(
    ctx,
    req,
    reply,
    articlePage(ctx, sc, columns, id.toLowerCase(), print, Object.keys(query).length === 0),
  );
}

/**
 * An article's page. The article is read when the page is rendered (a cached copy costs no query);
 * one that is not public, or belongs to another site, is a 404 and is never cached.
 */
export function articlePage(
  ctx: AppContext,
  sc: SiteContext,
  columns: ColumnRow[],
  id: string,
  print: boolean,
  cacheable: boolean,
): SitePage {
  const path = `${sc.base}articles/${id}`;
  return {
    page: 'site/article',
    ...(cacheable ? { cacheAs: path } : {}),
    data: async () => {
      const a = await getPublishedArticle(ctx.pool, id);
      // Another site's article is not shown under this site's address.
      if (!a || a.siteId !== sc.site.id) throw platformErrors.NOT_FOUND(undefined, '文章不存在或尚未发布');
      return articleData(sc, columns, a, path, print);
    },
  };
}

function articleData(
  sc: SiteContext,
  columns: ColumnRow[],
  a: PublishedArticle,
  path: string,
  print: boolean,
): Record<string, unknown> {
  const column = columns.find((c) => c.id === a.columnId);
  const crumbs = column
    ? trail(columns, column).map((c) => ({ title: c.name, href: columnHref(sc.base, c) }))
    : [];
  const stale = a.validity === 'invalid' || a.validity === 'repealed';
  return {
    title: a.title,
    columnName: a.columnName,
    description: a.subtitle || a.title,
    printView: print,
    printHref: `${path}?print=1`,
    articleHref: path,
    shareUrl: `${sc.origin}${path}`,
    crumbs,
    article: {
      id: a.id,
      title: a.title,
      subtitle: a.subtitle,
      source: a.source,
      author: a.author,
      credit: a.credit,
      body: a.body,
      published: shanghaiTime(a.firstPublishedAt),
      publishedIso: a.firstPublishedAt,
      updated: a.publishedAt !== a.firstPublishedAt ? shanghaiTime(a.publishedAt) : null,
      isPolicy: Boolean(a.docNumber || a.validity || a.writtenOn),
      docNumber: a.docNumber,
      writtenOn: a.writtenOn,
      validityName: a.validityName,
      validityStale: stale,
      videoSrc: a.videoFileId && !a.withdrawn ? `/api/v1/cms/files/${a.videoFileId}` : null,
      attachments: a.withdrawn
        ? []
        : a.attachments.map((f) => ({
            name: f.name,
            href: `/api/v1/cms/files/${f.fileId}`,
            size: fileSize(f.size),
          })),
      interpretations: a.interpretations,
      interprets: a.interprets,
      withdrawn: a.withdrawn ? { reason: a.withdrawn.reason, at: shanghaiTime(a.withdrawn.at) } : null,
    },
  };
}

export async function sendSiteSearch(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  sc: SiteContext,
): Promise<FastifyReply> {
  await prepare(ctx, req, sc);
  return renderSearchPage(ctx, req, reply, {
    siteId: sc.site.id,
    path: `${sc.base}search`,
    scopeName: sc.site.name,
  });
}
