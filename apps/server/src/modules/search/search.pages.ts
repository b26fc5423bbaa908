// The public search page (/search), server-rendered in the portal theme; works without JavaScript.
// CMS sites reuse renderSearchPage for /sites/{code}/search with their siteId and base path.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { SEARCH_SOURCE_TYPES, type SearchSourceType } from '../../platform/search/index.ts';
import { sendPortalPage } from '../portal/index.ts';
import { MAX_PAGE, MAX_QUERY_INPUT } from './search.schemas.ts';
import { runSearch } from './use-cases/search-documents.ts';

const PAGE_SIZE = 10;
/** What the page shows of a pasted query (the search itself only uses its start). */
const MAX_SHOWN_QUERY = 100;

export const TYPE_NAMES: Record<SearchSourceType, string> = {
  article: '文章',
  policy: '政策文件',
  catalogue: '信息公开',
  'service-item': '办事服务',
};

export interface SearchPageOptions {
  /** Search one site only (a CMS site's own search page); absent: the whole cluster. */
  siteId?: string | null;
  /** Path of the page itself, for the form and the links ('/search' or '/sites/qingtian/search'). */
  path?: string;
  /** Shown in the heading, e.g. the site's name. */
  scopeName?: string;
}

function first(v: unknown): string {
  if (Array.isArray(v)) return first(v[0]);
  return typeof v === 'string' ? v : '';
}

interface PagerLink {
  number: number;
  href: string;
  current: boolean;
  gap: boolean;
}

function pager(page: number, pageCount: number, href: (n: number) => string) {
  const pages: PagerLink[] = [];
  let last = 0;
  for (let n = 1; n <= pageCount; n += 1) {
    if (n !== 1 && n !== pageCount && Math.abs(n - page) > 2) continue;
    if (last && n - last > 1) pages.push({ number: 0, href: '', current: false, gap: true });
    pages.push({ number: n, href: href(n), current: n === page, gap: false });
    last = n;
  }
  return { pages, prev: page > 1 ? href(page - 1) : null, next: page < pageCount ? href(page + 1) : null };
}

function shanghaiDate(iso: string): string {
  return new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

/**
 * Renders the search page for this request's ?q, ?type and ?page. Bad parameters never fail the
 * page: an unknown type means all types, a page out of range the nearest one.
 */
export async function renderSearchPage(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  opts: SearchPageOptions = {},
): Promise<FastifyReply> {
  const path = opts.path ?? '/search';
  const query = req.query as Record<string, unknown>;
  const q = first(query.q).slice(0, MAX_QUERY_INPUT).trim();
  const rawType = first(query.type);
  const type = (SEARCH_SOURCE_TYPES as readonly string[]).includes(rawType)
    ? (rawType as SearchSourceType)
    : undefined;
  const pageNo = Number.parseInt(first(query.page), 10);
  let page = Number.isFinite(pageNo) ? Math.min(Math.max(pageNo, 1), MAX_PAGE) : 1;

  const link = (p: { type?: SearchSourceType | undefined; page?: number }) => {
    const u = new URLSearchParams();
    if (q) u.set('q', q.slice(0, MAX_SHOWN_QUERY * 2));
    if (p.type) u.set('type', p.type);
    if (p.page && p.page > 1) u.set('page', String(p.page));
    return `${path}?${u.toString()}`;
  };

  let result = q
    ? await runSearch(ctx, { q, siteId: opts.siteId ?? undefined, type, page, pageSize: PAGE_SIZE })
    : null;
  const lastPage = result
    ? Math.min(Math.max(1, Math.ceil(result.total / PAGE_SIZE)), MAX_PAGE / PAGE_SIZE)
    : 1;
  if (result && page > lastPage) {
    // A page past the end (an old link): show the last one instead of an empty list.
    page = lastPage;
    result = await runSearch(ctx, { q, siteId: opts.siteId ?? undefined, type, page, pageSize: PAGE_SIZE });
  }
  const shownQuery = q.length > MAX_SHOWN_QUERY ? `${q.slice(0, MAX_SHOWN_QUERY)}…` : q;
  const items = (result?.items ?? []).map((h) => ({
    title: h.title,
    url: h.url,
    snippet: h.snippet,
    date: shanghaiDate(h.publishedAt),
    typeName: TYPE_NAMES[h.type],
    extra: [
      h.extra?.docNumber ? { name: '文号', value: h.extra.docNumber } : null,
      h.extra?.indexNumber ? { name: '索引号', value: h.extra.indexNumber } : null,
      h.extra?.orgName ? { name: '实施机构', value: h.extra.orgName } : null,
    ].filter((x) => x !== null),
  }));
  const heading = opts.scopeName ? `${opts.scopeName}站内搜索` : '全站搜索';
  return sendPortalPage(ctx, req, reply, {
    page: 'search',
    data: () => ({
      title: q ? `“${shownQuery}”的搜索结果` : heading,
      columnName: '搜索',
      heading,
      path,
      q,
      shownQuery,
      type: type ?? '',
      types: [
        { name: '全部', href: link({}), current: !type },
        ...SEARCH_SOURCE_TYPES.map((t) => ({
          name: TYPE_NAMES[t],
          href: link({ type: t }),
          current: t === type,
        })),
      ],
      searched: Boolean(q),
      total: result?.total ?? 0,
      totalText: result ? `${result.total}${result.totalCapped ? '+' : ''}` : '0',
      titleOnly: result?.matchedBy === 'title',
      items,
      page,
      pager: pager(page, lastPage, (n) => link({ type, page: n })),
    }),
  });
}

export function registerSearchPages(app: FastifyInstance, ctx: AppContext): void {
  app.get('/search', { schema: { hide: true } }, async (req, reply) => renderSearchPage(ctx, req, reply));
}
