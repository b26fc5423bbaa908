// RSS 2.0 per site and per column, sitemap.xml and robots.txt per site. URLs are absolute, from the
// configured public URL (or the request's host for sites reached by their own domain); text is XML
// escaped and characters XML 1.0 cannot carry are dropped.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { etagMatches, PORTAL_ROBOTS_TXT } from '../../portal/index.ts';
import { listColumns } from '../index.ts';
import type { SiteContext } from './site.context.ts';
import { listFeedItems, listSitemapArticles } from './site.queries.ts';

export const FEED_ITEMS = 50;
const SITEMAP_MAX_URLS = 50_000;
const FEED_TTL_SECONDS = 300;

/** Text safe inside an XML element or attribute. */
export function xmlEscape(s: string): string {
  return (
    s
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 cannot carry these characters
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(
        /[&<>"']/g,
        (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
      )
  );
}

const rfc822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

function sendXml(
  req: FastifyRequest,
  reply: FastifyReply,
  type: string,
  body: string,
  maxAge = FEED_TTL_SECONDS,
): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  reply.header('cache-control', `public, max-age=${maxAge}`).header('etag', etag);
  if (etagMatches(req.headers['if-none-match'], etag)) return reply.status(304).send();
  return reply.type(type).send(body);
}

export async function sendFeed(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  sc: SiteContext,
  columnCode: string | null,
): Promise<FastifyReply> {
  const columns = await listColumns(ctx.pool, sc.site.id);
  const column = columnCode ? columns.find((c) => c.code === columnCode && c.kind !== 'link') : null;
  if (columnCode && !column) throw platformErrors.NOT_FOUND(undefined, '栏目不存在');
  const items = await listFeedItems(ctx.pool, {
    siteId: sc.site.id,
    columnId: column?.id ?? null,
    limit: FEED_ITEMS,
  });
  const abs = (p: string) => `${sc.origin}${p}`;
  const home = column ? abs(`${sc.base}columns/${column.code}`) : abs(sc.base);
  const self = column ? `${home}/feed.xml` : abs(`${sc.base}feed.xml`);
  const title = column ? `${sc.site.name} - ${column.name}` : sc.site.name;
  const names = new Map(columns.map((c) => [c.id, c.name]));
  const newest = items[0]?.publishedAt ?? sc.site.updated_at;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${xmlEscape(title)}</title>`,
    `<link>${xmlEscape(home)}</link>`,
    `<description>${xmlEscape(column ? `${sc.site.name}“${column.name}”栏目最新发布的信息` : `${sc.site.name}最新发布的信息`)}</description>`,
    '<language>zh-CN</language>',
    `<lastBuildDate>${rfc822(newest)}</lastBuildDate>`,
    `<atom:link href="${xmlEscape(self)}" rel="self" type="application/rss+xml"/>`,
  ];
  for (const it of items) {
    const url = abs(`${sc.base}articles/${it.id}`);
    lines.push(
      '<item>',
      `<title>${xmlEscape(it.title)}</title>`,
      `<link>${xmlEscape(url)}</link>`,
      `<guid isPermaLink="true">${xmlEscape(url)}</guid>`,
      `<description>${xmlEscape(it.summary)}</description>`,
      `<pubDate>${rfc822(it.firstPublishedAt)}</pubDate>`,
      ...(names.get(it.columnId) ? [`<category>${xmlEscape(names.get(it.columnId) ?? '')}</category>`] : []),
      '</item>',
    );
  }
  lines.push('</channel>', '</rss>', '');
  return sendXml(req, reply, 'application/rss+xml; charset=utf-8', lines.join('\n'));
}

export async function sendSitemap(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  sc: SiteContext,
): Promise<FastifyReply> {
  const columns = (await listColumns(ctx.pool, sc.site.id)).filter((c) => c.kind !== 'link');
  const articles = await listSitemapArticles(ctx.pool, sc.site.id, SITEMAP_MAX_URLS - 1 - columns.length);
  const url = (path: string, lastmod: Date | null) =>
    `<url><loc>${xmlEscape(`${sc.origin}${path}`)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ''}</url>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url(sc.base, articles[0]?.updated ?? null),
    ...columns.map((c) => url(`${sc.base}columns/${c.code}`, c.last_published_at)),
    ...articles.map((a) => url(`${sc.base}articles/${a.id}`, a.updated)),
    '</urlset>',
    '',
  ];
  return sendXml(req, reply, 'application/xml; charset=utf-8', lines.join('\n'));
}

/**
 * Per-user pages and forms no search engine may index on any host that serves them (the city portal
 * and every site reached by its own domain): sign-in, personal centres, application and request forms,
 * drafts, the console and the API. Lookups and verifications are disallowed only with a query (the
 * answer to one person's query), the pages themselves stay indexable.
 */
export const PRIVATE_PATHS: readonly string[] = [
  '/api/',
  '/console/',
  '/login',
  '/register',
  '/profile',
  '/logout',
  '/hall/my',
  '/hall/drafts',
  '/hall/apply',
  '/hall/lookup?',
  '/disclosure/apply',
  '/disclosure/my',
  '/licences/verify?',
];

/** Disallow lines of the portal's robots.txt and ours, each once, in first-seen order. */
function disallowLines(extra: readonly string[]): string[] {
  const portal = PORTAL_ROBOTS_TXT.split('\n')
    .map((l) => /^Disallow:\s*(\S+)\s*$/i.exec(l.trim())?.[1])
    .filter((p): p is string => !!p);
  return [...new Set([...portal, ...PRIVATE_PATHS, ...extra])].map((p) => `Disallow: ${p}`);
}

export function sendRobots(req: FastifyRequest, reply: FastifyReply, sc: SiteContext): FastifyReply {
  const sitemap = `Sitemap: ${sc.origin}${sc.base}sitemap.xml`;
  // A site at / (the city portal, or a site on its own domain) shares that host with the hall and
  // disclosure pages; a site under /sites/{code}/ only adds its own search page.
  const body = [
    'User-agent: *',
    ...disallowLines([`${sc.base}search`]),
    `Allow: ${sc.base}`,
    sitemap,
    '',
  ].join('\n');
  return sendXml(req, reply, 'text/plain; charset=utf-8', body, 3600);
}
