// Search: the public search API and page over the cluster's index (platform/search), and service
// items in that index. Content modules index their own published things through platform/search.
import type { ModuleManifest } from '../registry.ts';
import { registerSearchPages } from './search.pages.ts';
import { registerSearchRoutes } from './search.routes.ts';
import { backfillServiceItems } from './use-cases/backfill-service-items.ts';

export const searchModule: ModuleManifest = {
  name: 'search',
  async init(ctx) {
    await backfillServiceItems(ctx);
  },
  register(app, ctx) {
    registerSearchRoutes(app, ctx);
    registerSearchPages(app, ctx);
  },
  async seedDemo(ctx, progress) {
    const n = await backfillServiceItems(ctx);
    if (n > 0) progress(`搜索索引：已收录 ${n} 个政务服务事项`);
  },
};

export { renderSearchPage, type SearchPageOptions } from './search.pages.ts';
export { indexServiceItem, removeServiceItem } from './service-items.ts';
export { runSearch, type SearchInput, type SearchOutput } from './use-cases/search-documents.ts';
