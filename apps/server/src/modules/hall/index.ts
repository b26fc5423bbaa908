// 网上办事大厅 (online service hall): public, server-rendered pages over the services, licensing,
// workflow, licences and ratings modules. Browse items by department, theme and life event; read the
// full 办事指南; apply online (form, materials, review, submit, 接收回执); follow one's own cases
// (timeline, documents, correction and resubmission, withdrawal, 好差评); look a case up by number and
// query code without signing in. Every page works without JavaScript.
import type { ModuleManifest } from '../registry.ts';
import { registerApplyPages } from './routes/apply.pages.ts';
import { registerBrowsePages } from './routes/browse.pages.ts';
import { registerLookupPages } from './routes/lookup.pages.ts';
import { registerMyPages } from './routes/my.pages.ts';

export const hallModule: ModuleManifest = {
  name: 'hall',
  async register(app, ctx) {
    registerBrowsePages(app, ctx);
    await registerApplyPages(app, ctx);
    await registerMyPages(app, ctx);
    registerLookupPages(app, ctx);
  },
};
