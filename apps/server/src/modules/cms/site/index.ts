// Public rendering of the website cluster (the cms module's site half): routing by Host header or
// /sites/{code}/ prefix with the city portal at /, pages in each site's theme with stored overrides,
// feeds, sitemaps and robots.txt, the theme template API, and page-cache invalidation on publish.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import { announcePortalChange, onPortalChange, overridePortalRoute } from '../../portal/index.ts';
import type { ModuleManifest } from '../../registry.ts';
import {
  defaultSite,
  openSiteByCode,
  type SiteContext,
  siteContext,
  siteForRequestHost,
  siteScope,
} from './site.context.ts';
import { sendFeed, sendRobots, sendSitemap } from './site.feeds.ts';
import { sendArticle, sendColumn, sendHome, sendSiteSearch } from './site.pages.ts';
import { forgetSiteRenderers } from './site.renderer.ts';
import {
  getSiteTemplate,
  listSiteTemplates,
  MAX_TEMPLATE_CHARS,
  PREVIEW_PAGES,
  previewSitePage,
  resetSiteTemplate,
  saveSiteTemplate,
} from './site.theme.ts';

const CODE_RE = /^[a-z][a-z0-9-]{1,39}$/;
const COLUMN_RE = /^[a-z][a-z0-9-]{0,39}$/;
const ARTICLE_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Serves `rest` (the path below the site's base, without query) for a site, or returns null when it is
 * not a site page (then other routes answer: /login, /hall … on a site's own domain).
 */
async function serveSitePath(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  sc: SiteContext,
  rest: string,
): Promise<FastifyReply | null> {
  if (rest === '') return sendHome(ctx, req, reply, sc);
  if (rest === 'search') return sendSiteSearch(ctx, req, reply, sc);
  if (rest === 'feed.xml') return sendFeed(ctx, req, reply, sc, null);
  if (rest === 'sitemap.xml') return sendSitemap(ctx, req, reply, sc);
  if (rest === 'robots.txt') return sendRobots(req, reply, sc);
  const parts = rest.split('/');
  if (parts[0] === 'articles' && parts.length === 2) {
    if (!ARTICLE_RE.test(parts[1] ?? '')) throw platformErrors.NOT_FOUND(undefined, '文章不存在或尚未发布');
    return sendArticle(ctx, req, reply, sc, parts[1] as string);
  }
  if (parts[0] === 'columns' && (parts.length === 2 || (parts.length === 3 && parts[2] === 'feed.xml'))) {
    const code = parts[1] ?? '';
    if (!COLUMN_RE.test(code)) throw platformErrors.NOT_FOUND(undefined, '栏目不存在');
    return parts.length === 3 ? sendFeed(ctx, req, reply, sc, code) : sendColumn(ctx, req, reply, sc, code);
  }
  return null;
}

function pathOf(req: FastifyRequest): string {
  const q = req.url.indexOf('?');
  return q === -1 ? req.url : req.url.slice(0, q);
}

/** Requests on a site's own domain (not the default site's): its pages at /, other routes as usual. */
function registerHostRouting(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    const path = pathOf(req);
    if (path.startsWith('/api/') || path.startsWith('/assets/') || path.startsWith('/console')) return;
    if (path.startsWith('/sites/')) return;
    const site = await siteForRequestHost(ctx, req);
    if (!site || site.is_default) return;
    const served = await serveSitePath(ctx, req, reply, siteContext(ctx, req, site, true), path.slice(1));
    if (served) return served;
  });
}

function registerPages(app: FastifyInstance, ctx: AppContext): void {
  const hide = { schema: { hide: true } };

  // The default site (the city portal) at /: its home page and robots.txt replace the portal's once
  // the site exists; its other pages have their own routes.
  overridePortalRoute(ctx, 'home', async (req, reply) => {
    const site = await defaultSite(ctx);
    return site ? sendHome(ctx, req, reply, siteContext(ctx, req, site, false)) : null;
  });
  overridePortalRoute(ctx, 'robots', async (req, reply) => {
    const site = await defaultSite(ctx);
    return site ? sendRobots(req, reply, siteContext(ctx, req, site, false)) : null;
  });
  const onDefault =
    (rest: (req: FastifyRequest) => string) => async (req: FastifyRequest, reply: FastifyReply) => {
      const site = await defaultSite(ctx);
      if (!site) throw platformErrors.NOT_FOUND(undefined, '网站不存在');
      const served = await serveSitePath(ctx, req, reply, siteContext(ctx, req, site, false), rest(req));
      if (!served) throw platformErrors.NOT_FOUND();
      return served;
    };
  const param = (req: FastifyRequest, k: string) => String((req.params as Record<string, string>)[k] ?? '');
  app.get(
    '/articles/:id',
    hide,
    onDefault((req) => `articles/${param(req, 'id')}`),
  );
  app.get(
    '/columns/:code',
    hide,
    onDefault((req) => `columns/${param(req, 'code')}`),
  );
  app.get(
    '/columns/:code/feed.xml',
    hide,
    onDefault((req) => `columns/${param(req, 'code')}/feed.xml`),
  );
  app.get(
    '/feed.xml',
    hide,
    onDefault(() => 'feed.xml'),
  );
  app.get(
    '/sitemap.xml',
    hide,
    onDefault(() => 'sitemap.xml'),
  );

  // Every site under /sites/{code}/; the default site's prefix leads back to /.
  app.get('/sites/:code', hide, async (req, reply) => {
    const code = param(req, 'code');
    const site = CODE_RE.test(code) ? await openSiteByCode(ctx, code) : null;
    if (!site) throw platformErrors.NOT_FOUND(undefined, '网站不存在');
    // The router ignores a trailing slash, so /sites/{code}/ arrives here too: that is the home page.
    if (!pathOf(req).endsWith('/') || site.is_default)
      return reply.redirect(site.is_default ? '/' : `/sites/${code}/`, 301);
    return sendHome(ctx, req, reply, siteContext(ctx, req, site, false));
  });
  app.get('/sites/:code/*', hide, async (req, reply) => {
    const code = param(req, 'code');
    const site = CODE_RE.test(code) ? await openSiteByCode(ctx, code) : null;
    if (!site) throw platformErrors.NOT_FOUND(undefined, '网站不存在');
    const rest = param(req, '*');
    if (site.is_default) {
      const q = req.url.indexOf('?');
      return reply.redirect(`/${rest}${q === -1 ? '' : req.url.slice(q)}`, 301);
    }
    const served = await serveSitePath(ctx, req, reply, siteContext(ctx, req, site, false), rest);
    if (!served) throw platformErrors.NOT_FOUND();
    return served;
  });
}

const SiteIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const TemplateParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  '*': Type.String({ maxLength: 200 }),
});
const TemplateSchema = Type.Object({
  name: Type.String(),
  overridden: Type.Boolean(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  source: Type.String(),
  themeSource: Type.String(),
});
const tags = ['网站群'];

function registerThemeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/sites/:id/theme/templates',
    {
      schema: {
        tags,
        summary: '网站可修改的模板（及是否已被本站修改）',
        params: SiteIdParams,
        response: {
          200: Type.Object({
            theme: Type.String(),
            items: Type.Array(
              Type.Object({
                name: Type.String(),
                overridden: Type.Boolean(),
                updatedAt: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (req) => listSiteTemplates(ctx, req.principal, req.params.id),
  );
  r.get(
    '/api/v1/sites/:id/theme/templates/*',
    {
      schema: {
        tags,
        summary: '读取模板（本站修改的版本，或主题默认版本）',
        params: TemplateParams,
        response: { 200: TemplateSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => getSiteTemplate(ctx, req.principal, req.params.id, req.params['*']),
  );
  r.put(
    '/api/v1/sites/:id/theme/templates/*',
    {
      bodyLimit: MAX_TEMPLATE_CHARS * 4 + 1024,
      schema: {
        tags,
        summary: '保存本站的模板（先校验语法并试渲染首页、栏目页和文章页）',
        params: TemplateParams,
        body: Type.Object(
          { source: Type.String({ maxLength: MAX_TEMPLATE_CHARS }) },
          { additionalProperties: false },
        ),
        response: { 200: TemplateSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) =>
      saveSiteTemplate(
        ctx,
        req.principal,
        req,
        actorOf(req),
        req.params.id,
        req.params['*'],
        req.body.source,
      ),
  );
  r.delete(
    '/api/v1/sites/:id/theme/templates/*',
    {
      schema: {
        tags,
        summary: '删除本站的修改，恢复主题默认模板',
        params: TemplateParams,
        response: { 200: TemplateSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => resetSiteTemplate(ctx, req.principal, actorOf(req), req.params.id, req.params['*']),
  );
  r.post(
    '/api/v1/sites/:id/theme/preview',
    {
      bodyLimit: MAX_TEMPLATE_CHARS * 8 + 4096,
      schema: {
        tags,
        summary: '用未保存的模板预览网站页面（返回 HTML，页面内脚本被禁止执行）',
        params: SiteIdParams,
        body: Type.Object(
          {
            page: Type.Union(PREVIEW_PAGES.map((p) => Type.Literal(p))),
            templates: Type.Record(
              Type.String({ maxLength: 200 }),
              Type.String({ maxLength: MAX_TEMPLATE_CHARS }),
              {
                maxProperties: 20,
              },
            ),
            columnCode: Type.Optional(Type.String({ maxLength: 40 })),
            articleId: Type.Optional(Type.String({ format: 'uuid' })),
          },
          { additionalProperties: false },
        ),
        produces: ['text/html'],
        response: { 200: Type.String(), ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const html = await previewSitePage(ctx, req.principal, req, req.params.id, req.body);
      // The preview shows an administrator's unsaved markup on this origin: no scripts, no forms.
      return reply
        .header(
          'content-security-policy',
          "sandbox; default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
        )
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(html);
    },
  );
}

export const cmsSiteModule: ModuleManifest = {
  name: 'cms-site',
  register(app, ctx) {
    registerHostRouting(app, ctx);
    // Another process saved a theme: this process's compiled templates of that site are stale too.
    onPortalChange(ctx, (c) => {
      if (c.themeOf) forgetSiteRenderers(ctx, c.themeOf);
    });
    registerPages(app, ctx);
    registerThemeRoutes(app, ctx);
  },
  registerJobs(ctx) {
    // A published, withdrawn or expired article changes its site's pages: drop them from the cache,
    // in every web process.
    ctx.events.subscribe(
      ['cms.article.published', 'cms.article.withdrawn', 'cms.article.expired', 'cms.theme.changed'],
      'cms-site.page-cache',
      async (e) => {
        const siteId = typeof e.payload.siteId === 'string' ? e.payload.siteId : null;
        await announcePortalChange(ctx, {
          ...(siteId ? { scope: siteScope(siteId) } : {}),
          ...(e.type === 'cms.theme.changed' && siteId ? { themeOf: siteId } : {}),
        });
      },
    );
  },
};

export { siteScope } from './site.context.ts';
