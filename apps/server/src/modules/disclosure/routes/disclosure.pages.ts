// Public 政府信息公开 pages, server-rendered in the portal theme and shared between anonymous visitors
// for the page cache's lifetime: the list of units, each unit's 公开指南, 公开目录 (with filters and
// paging, working without JavaScript), one catalogue entry, and the published annual reports.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { getPublishedArticle } from '../../cms/index.ts';
import { sendPortalPage } from '../../portal/index.ts';
import { cnDate } from '../disclosure.common.ts';
import { disclosureErrors } from '../disclosure.errors.ts';
import { DELIVERY_NAMES, GENRES, TOPICS } from '../disclosure.model.ts';
import { getAnnualReport, publishedReportYears } from '../use-cases/annual-report.ts';
import { findGuide, listDisclosureUnits } from '../use-cases/guide.ts';
import { getCatalogueEntry, listCatalogue } from '../use-cases/read-catalogue.ts';

const PAGE_SIZE = 20;

function notFound(message: string): AppError {
  return disclosureErrors.UNIT_NOT_FOUND(undefined, message);
}

function param(req: FastifyRequest, name: string): string {
  return String((req.params as Record<string, unknown>)[name] ?? '');
}

function queryText(req: FastifyRequest, name: string, max: number): string {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v.trim().slice(0, max) : '';
}

/** Page links for 1…n with the current one marked; `href(n)` builds each address. */
function pager(page: number, pageCount: number, href: (n: number) => string) {
  if (pageCount <= 1) return null;
  const pages: { n: number; href: string; current: boolean }[] = [];
  const from = Math.max(1, page - 4);
  const to = Math.min(pageCount, from + 8);
  for (let n = from; n <= to; n += 1) pages.push({ n, href: href(n), current: n === page });
  return {
    pages,
    prev: page > 1 ? href(page - 1) : null,
    next: page < pageCount ? href(page + 1) : null,
    page,
    pageCount,
  };
}

async function unitOr404(ctx: AppContext, orgId: string) {
  const g = await findGuide(ctx, orgId);
  if (!g) throw notFound('该单位不存在或未开设政府信息公开');
  return g;
}

function unitNav(orgId: string, active: 'guide' | 'catalogue' | 'reports') {
  return [
    { title: '公开指南', href: `/disclosure/${orgId}`, current: active === 'guide' },
    { title: '公开目录', href: `/disclosure/${orgId}/catalogue`, current: active === 'catalogue' },
    { title: '年度报告', href: `/disclosure/${orgId}/reports`, current: active === 'reports' },
  ];
}

export function registerDisclosurePages(app: FastifyInstance, ctx: AppContext): void {
  app.get('/disclosure', { schema: { hide: true } }, async (req, reply) =>
    sendPortalPage(ctx, req, reply, {
      page: 'disclosure/index',
      cacheAs: '/disclosure',
      data: async () => ({
        title: '政府信息公开',
        columnName: '政务公开',
        units: (await listDisclosureUnits(ctx)).map((u) => ({
          name: u.orgName,
          href: `/disclosure/${u.orgId}`,
          catalogueHref: `/disclosure/${u.orgId}/catalogue`,
          reportsHref: `/disclosure/${u.orgId}/reports`,
          entryCount: u.entryCount,
        })),
      }),
    }),
  );

  app.get('/disclosure/:orgId', { schema: { hide: true } }, async (req, reply) => {
    const g = await unitOr404(ctx, param(req, 'orgId'));
    return sendPortalPage(ctx, req, reply, {
      page: 'disclosure/guide',
      cacheAs: `/disclosure/${g.orgId}`,
      data: () => ({
        title: `${g.orgName}政府信息公开指南`,
        columnName: '政务公开',
        unit: { name: g.orgName, id: g.orgId },
        nav: unitNav(g.orgId, 'guide'),
        guide: { ...g, introParagraphs: g.intro.split(/\n+/).filter(Boolean) },
        deliveries: Object.values(DELIVERY_NAMES),
        updatedText: cnDate(shanghaiDate(new Date(g.updatedAt))),
      }),
    });
  });

  app.get('/disclosure/:orgId/catalogue', { schema: { hide: true } }, async (req, reply) => {
    const g = await unitOr404(ctx, param(req, 'orgId'));
    const q = queryText(req, 'q', 100);
    const topicRaw = queryText(req, 'topic', 40);
    const genreRaw = queryText(req, 'genre', 40);
    const topic = (TOPICS as readonly string[]).includes(topicRaw) ? topicRaw : '';
    const genre = (GENRES as readonly string[]).includes(genreRaw) ? genreRaw : '';
    const pageRaw = Number(queryText(req, 'page', 6));
    const page = Number.isInteger(pageRaw) && pageRaw >= 1 && pageRaw <= 10_000 ? pageRaw : 1;
    const filtered = !!(q || topic || genre);
    const href = (n: number) => {
      const u = new URLSearchParams();
      if (q) u.set('q', q);
      if (topic) u.set('topic', topic);
      if (genre) u.set('genre', genre);
      if (n > 1) u.set('page', String(n));
      const s = u.toString();
      return `/disclosure/${g.orgId}/catalogue${s ? `?${s}` : ''}`;
    };
    return sendPortalPage(ctx, req, reply, {
      page: 'disclosure/catalogue',
      // Only unfiltered pages share the cache: a search echoes what this visitor typed.
      ...(filtered ? {} : { cacheAs: href(page) }),
      data: async () => {
        const list = await listCatalogue(ctx, { orgId: g.orgId, q, topic, genre, page, pageSize: PAGE_SIZE });
        const pageCount = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
        return {
          title: `${g.orgName}政府信息公开目录`,
          columnName: '政务公开',
          unit: { name: g.orgName, id: g.orgId },
          nav: unitNav(g.orgId, 'catalogue'),
          filters: {
            q,
            topics: TOPICS.map((t) => ({ value: t, selected: t === topic })),
            genres: GENRES.map((t) => ({ value: t, selected: t === genre })),
          },
          filtered,
          total: list.total,
          entries: list.items,
          pager: pager(page, pageCount, href),
        };
      },
    });
  });

  app.get('/disclosure/:orgId/catalogue/:id', { schema: { hide: true } }, async (req, reply) => {
    const g = await unitOr404(ctx, param(req, 'orgId'));
    const entry = await getCatalogueEntry(ctx, null, param(req, 'id'));
    if (entry.orgId !== g.orgId) throw disclosureErrors.ENTRY_NOT_FOUND();
    return sendPortalPage(ctx, req, reply, {
      page: 'disclosure/entry',
      cacheAs: `/disclosure/${g.orgId}/catalogue/${entry.id}`,
      data: async () => {
        const article = entry.articleId ? await getPublishedArticle(ctx.pool, entry.articleId) : null;
        return {
          title: entry.title,
          columnName: '政务公开',
          unit: { name: g.orgName, id: g.orgId },
          nav: unitNav(g.orgId, 'catalogue'),
          entry: {
            ...entry,
            writtenText: cnDate(entry.writtenOn),
            publishedText: cnDate(entry.publishedOn),
            summaryParagraphs: entry.summary.split(/\n+/).filter(Boolean),
          },
          articleUrl: article && !article.withdrawn ? article.url : null,
        };
      },
    });
  });

  app.get('/disclosure/:orgId/reports', { schema: { hide: true } }, async (req, reply) => {
    const g = await unitOr404(ctx, param(req, 'orgId'));
    return sendPortalPage(ctx, req, reply, {
      page: 'disclosure/reports',
      cacheAs: `/disclosure/${g.orgId}/reports`,
      data: async () => ({
        title: `${g.orgName}政府信息公开工作年度报告`,
        columnName: '政务公开',
        unit: { name: g.orgName, id: g.orgId },
        nav: unitNav(g.orgId, 'reports'),
        years: (await publishedReportYears(ctx, g.orgId)).map((y) => ({
          year: y,
          href: `/disclosure/${g.orgId}/reports/${y}`,
        })),
      }),
    });
  });

  app.get(
    '/disclosure/:orgId/reports/:year',
    { schema: { hide: true } },
    async (req, reply: FastifyReply) => {
      const g = await unitOr404(ctx, param(req, 'orgId'));
      const yearText = param(req, 'year');
      const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
      if (!Number.isInteger(year)) throw disclosureErrors.REPORT_NOT_FOUND();
      // Public: only a published report has a page (drafts are for the unit's editors in the console).
      const report = await getAnnualReport(ctx, null, g.orgId, year).catch((e: unknown) => {
        if (e instanceof AppError && e.status < 500) throw disclosureErrors.REPORT_NOT_FOUND();
        throw e;
      });
      if (report.status !== 'published') throw disclosureErrors.REPORT_NOT_FOUND();
      const n = report.narrative ?? { overview: '', problems: '', other: '' };
      const paras = (s: string) => s.split(/\n+/).filter(Boolean);
      const t3 = report.table3;
      return sendPortalPage(ctx, req, reply, {
        page: 'disclosure/report',
        cacheAs: `/disclosure/${g.orgId}/reports/${year}`,
        data: () => ({
          title: `${g.orgName}${year}年政府信息公开工作年度报告`,
          columnName: '政务公开',
          unit: { name: g.orgName, id: g.orgId },
          nav: unitNav(g.orgId, 'reports'),
          year,
          report,
          overview: paras(n.overview),
          problems: paras(n.problems),
          other: paras(n.other),
          table3Rows: [t3.reconsideration, t3.litigationDirect, t3.litigationAfterReconsideration],
          publishedText: report.publishedAt ? cnDate(shanghaiDate(new Date(report.publishedAt))) : '',
        }),
      });
    },
  );
}
