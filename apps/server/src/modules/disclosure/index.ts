// The 政府信息公开 module (国务院令第711号): per unit a guide, the catalogue of proactively disclosed
// information, requests for disclosure as cases on the engine, and the annual report. Other modules use
// only what this file exports.
import './disclosure.permissions.ts';
import type { ModuleManifest } from '../registry.ts';
import { ensureProcess, registerCaseType } from '../workflow/index.ts';
import { disclosureHooks } from './disclosure.case-type.ts';
import { DISCLOSURE_CASE_TYPE, DISCLOSURE_DEFINITION, DISCLOSURE_PROCESS } from './disclosure.model.ts';
import { seedDisclosureDemo } from './disclosure.seed.ts';
import { registerApplyPages } from './routes/apply.pages.ts';
import { registerDisclosurePages } from './routes/disclosure.pages.ts';
import { registerDisclosureRoutes } from './routes/disclosure.routes.ts';

// Case type hooks are in-memory: every process (web and worker) registers them when it loads the module.
registerCaseType(disclosureHooks);

export const disclosureModule: ModuleManifest = {
  name: 'disclosure',
  async init(ctx) {
    await ensureProcess(ctx.pool, {
      code: DISCLOSURE_PROCESS,
      name: '政府信息公开申请办理',
      caseType: DISCLOSURE_CASE_TYPE,
      definition: DISCLOSURE_DEFINITION,
    });
  },
  register(app, ctx) {
    registerDisclosureRoutes(app, ctx);
    registerDisclosurePages(app, ctx);
    registerApplyPages(app, ctx);
  },
  seedDemo: seedDisclosureDemo,
};

export { DISCLOSURE_CASE_TYPE, DISCLOSURE_PROCESS, OUTCOMES } from './disclosure.model.ts';
export { type AnnualReport, getAnnualReport } from './use-cases/annual-report.ts';
export {
  getRequest,
  listMyDisclosureRequests,
  type RequestView,
  requestStatusName,
} from './use-cases/requests.ts';
export { receiptDate, submitRequest } from './use-cases/submit-request.ts';
