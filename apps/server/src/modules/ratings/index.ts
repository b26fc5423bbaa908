// The 好差评 module: applicants rate completed cases; bad ratings become rectification cases on the
// engine (差评整改, with a follow-up and feedback to the rater); results are published per unit.
import './ratings.permissions.ts';
import { ensureProcess, registerCaseType } from '../workflow/index.ts';
import type { ModuleManifest } from '../registry.ts';
import { RECTIFICATION_CASE_TYPE, RECTIFICATION_DEFINITION, RECTIFICATION_PROCESS } from './ratings.model.ts';
import { rectificationHooks } from './ratings.rectification.ts';
import { registerRatingPages } from './routes/ratings.pages.ts';
import { registerRatingRoutes } from './routes/ratings.routes.ts';

// Case type hooks are in-memory: every process (web and worker) registers them when it loads the module.
registerCaseType(rectificationHooks);

export const ratingsModule: ModuleManifest = {
  name: 'ratings',
  async init(ctx) {
    await ensureProcess(ctx.pool, {
      code: RECTIFICATION_PROCESS,
      name: '好差评差评整改',
      caseType: RECTIFICATION_CASE_TYPE,
      definition: RECTIFICATION_DEFINITION,
    });
  },
  register(app, ctx) {
    registerRatingRoutes(app, ctx);
    registerRatingPages(app, ctx);
  },
};

export { isBad, LEVEL_NAMES, RECTIFICATION_PROCESS } from './ratings.model.ts';
export type { RatingView } from './ratings.views.ts';
export { canRateCase, ratingOfCase } from './use-cases/rating-of-case.ts';
export { type SubmitRatingInput, submitRating } from './use-cases/submit-rating.ts';
export { publishedUnitResults, type UnitResult, type UnitResults } from './use-cases/unit-results.ts';
