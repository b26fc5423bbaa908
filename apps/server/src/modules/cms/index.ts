// The website cluster (cms module): sites, column trees, articles with their editorial workflow and
// revisions, push between sites and column subscriptions. Other modules use only what this file
// exports; public pages are rendered by modules/cms/site (CMS-SITE) from these functions.
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/pool.ts';
import type { ModuleManifest } from '../registry.ts';
import './cms.permissions.ts';
import type { ColumnRow, SiteRow } from './cms.model.ts';
import {
  findSite,
  findSiteByCode,
  findSiteByDomain,
  listColumnRows,
  listSiteRows,
} from './cms.repository.ts';
import { seedCmsDemo } from './cms.seed.ts';
import { registerHealthJobs, registerHealthRoutes } from './health/index.ts';
import { registerArticleRoutes } from './routes/articles.routes.ts';
import { registerMediaRoutes } from './routes/media.routes.ts';
import { registerSiteRoutes } from './routes/sites.routes.ts';
import { PUBLISH_SCHEDULED_QUEUE, publishScheduled, sweepArticles } from './use-cases/article-workflow.ts';
import { copyToSubscribers } from './use-cases/push-articles.ts';

export const cmsModule: ModuleManifest = {
  name: 'cms',
  async register(app, ctx) {
    registerSiteRoutes(app, ctx);
    registerArticleRoutes(app, ctx);
    registerHealthRoutes(app, ctx);
    await registerMediaRoutes(app, ctx);
  },
  registerJobs(ctx: AppContext) {
    registerHealthJobs(ctx);
    ctx.jobs.register(PUBLISH_SCHEDULED_QUEUE, async (payload) => {
      await publishScheduled(
        ctx,
        String(payload.articleId),
        typeof payload.revision === 'number' ? payload.revision : null,
      );
    });
    ctx.jobs.register('cms.sweep', async () => {
      await sweepArticles(ctx);
    });
    ctx.jobs.schedule('cms.sweep', 'cms.sweep', 60);
    ctx.events.subscribe('cms.article.published', 'cms.subscription-copy', async (e) => {
      if (e.payload.copyOf) return;
      await copyToSubscribers(ctx, String(e.payload.articleId));
    });
  },
  seedDemo: seedCmsDemo,
};

export {
  ARTICLE_STATUS_NAMES,
  type ArticleStatus,
  articleUrl,
  COLUMN_KIND_NAMES,
  type ColumnKind,
  type ColumnRow,
  columnUrl,
  REQUIRED_COLUMNS,
  type SiteFooter,
  type SiteRow,
  siteBase,
  VALIDITY_NAMES,
} from './cms.model.ts';
export { CMS_ARTICLE_EDIT, CMS_ARTICLE_REVIEW, CMS_SITE_MANAGE } from './cms.permissions.ts';
export { sanitizeArticleHtml } from './cms.sanitize.ts';
export { seedCmsDemo } from './cms.seed.ts';
export type { ArticleView, ColumnView, PublishedArticle, SiteView } from './cms.views.ts';
export {
  getPublishedArticle,
  listPublishedArticles,
  type PublishedListItem,
} from './use-cases/read-articles.ts';

export function getSite(db: Queryable, id: string): Promise<SiteRow | null> {
  return /^[0-9a-f-]{36}$/i.test(id) ? findSite(db, id) : Promise.resolve(null);
}

export function listSites(db: Queryable): Promise<SiteRow[]> {
  return listSiteRows(db, { openOnly: true });
}

export function siteByCode(db: Queryable, code: string): Promise<SiteRow | null> {
  return /^[a-z][a-z0-9-]{1,39}$/.test(code) ? findSiteByCode(db, code) : Promise.resolve(null);
}

/** The site a Host header names (port and case ignored), or null (then the path prefix decides). */
export function siteForHost(db: Queryable, host: string): Promise<SiteRow | null> {
  const h = host.trim().toLowerCase().replace(/:\d+$/, '');
  return h ? findSiteByDomain(db, h) : Promise.resolve(null);
}

export function listColumns(db: Queryable, siteId: string): Promise<ColumnRow[]> {
  return /^[0-9a-f-]{36}$/i.test(siteId) ? listColumnRows(db, siteId) : Promise.resolve([]);
}
