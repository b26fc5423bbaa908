// Browsing: the hall home (search, departments, themes, life events, popular items), the item list
// with filters and pages, and the full 办事指南 (blank forms and samples download from the services API).
// These pages are the same for every anonymous visitor, so they go through the portal's page cache.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { sendPortalPage } from '../../portal/index.ts';
import { hallData, type ItemFilters } from '../hall.data.ts';
import { notFound, uuidParam } from '../hall.http.ts';
import { guideView, itemCard, pagination } from '../hall.views.ts';

const PAGE_SIZE = 15;
const CODE_RE = /^[A-Za-z0-9_-]{1,40}$/;

function filtersOf(req: FastifyRequest): ItemFilters & { page: number } {
  const q = req.query as Record<string, unknown>;
  const s = (k: string, max: number) =>
    typeof q[k] === 'string' ? (q[k] as string).trim().slice(0, max) : '';
  const orgId = s('orgId', 40);
  const theme = s('theme', 40);
  const lifeEvent = s('lifeEvent', 40);
  const audience = s('audience', 20);
  const page = Number(s('page', 6));
  return {
    q: s('q', 60),
    orgId: /^[0-9a-f-]{36}$/i.test(orgId) ? orgId.toLowerCase() : '',
    theme: CODE_RE.test(theme) ? theme : '',
    lifeEvent: CODE_RE.test(lifeEvent) ? lifeEvent : '',
    audience: audience === 'person' || audience === 'enterprise' ? audience : '',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

function queryString(f: Record<string, string | number>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== '' && !(k === 'page' && v === 1)) u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

export function registerBrowsePages(app: FastifyInstance, ctx: AppContext): void {
  const data = hallData(ctx);

  app.get('/hall', { schema: { hide: true } }, async (req, reply) =>
    sendPortalPage(ctx, req, reply, {
      page: 'hall/home',
      cacheAs: '/hall',
      data: async () => {
        const [units, taxonomy, popular] = await Promise.all([
          data.unitsWithItems(),
          data.taxonomy(),
          data.popularItems(6),
        ]);
        return {
          title: '网上办事大厅',
          columnName: '网上办事',
          units,
          personThemes: taxonomy.themes.filter((t) => t.audience !== 'enterprise'),
          enterpriseThemes: taxonomy.themes.filter((t) => t.audience !== 'person'),
          lifeEvents: taxonomy.lifeEvents,
          popular: popular.map(itemCard),
        };
      },
    }),
  );

  app.get('/hall/items', { schema: { hide: true } }, async (req, reply) => {
    const f = filtersOf(req);
    const plain = !f.q && !f.orgId && !f.theme && !f.lifeEvent && !f.audience && f.page === 1;
    return sendPortalPage(ctx, req, reply, {
      page: 'hall/items',
      // Only the unfiltered first page is shared: other URLs carry the visitor's own search words.
      ...(plain ? { cacheAs: '/hall/items' } : {}),
      data: async () => {
        const [units, taxonomy, result] = await Promise.all([
          data.unitsWithItems(),
          data.taxonomy(),
          data.listItems(f, f.page, PAGE_SIZE),
        ]);
        const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
        const unit = units.find((u) => u.orgId === f.orgId);
        const theme = taxonomy.themes.find((t) => t.code === f.theme);
        const event = taxonomy.lifeEvents.find((e) => e.code === f.lifeEvent);
        const heading = f.q
          ? `“${f.q}”的搜索结果`
          : (unit?.name ??
            theme?.name ??
            event?.name ??
            (f.audience === 'person'
              ? '面向个人的办事事项'
              : f.audience === 'enterprise'
                ? '面向企业的办事事项'
                : '全部办事事项'));
        return {
          title: heading,
          columnName: '网上办事',
          heading,
          filters: f,
          units,
          themes: taxonomy.themes,
          lifeEvents: taxonomy.lifeEvents,
          items: result.items.map(itemCard),
          total: result.total,
          page: f.page,
          pageCount,
          pager: pagination(f.page, pageCount, (n) => `/hall/items${queryString({ ...f, page: n })}`),
        };
      },
    });
  });

  app.get('/hall/items/:id', { schema: { hide: true } }, async (req, reply) => {
    const id = uuidParam(req);
    if (!id) throw notFound('事项不存在或尚未发布');
    const item = await data.getItem(id);
    if (!item) throw notFound('事项不存在或尚未发布');
    const taxonomy = await data.taxonomy();
    const guide = guideView(item, taxonomy);
    return sendPortalPage(ctx, req, reply, {
      page: 'hall/item',
      cacheAs: `/hall/items/${id}`,
      data: () => ({
        title: `${guide.name}办事指南`,
        columnName: '网上办事',
        description: `${guide.name}（${guide.orgName}）办事指南：受理条件、申请材料、办理时限、收费标准、办理流程`,
        guide,
      }),
    });
  });
}
