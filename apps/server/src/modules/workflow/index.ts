// The case engine (ARCHITECTURE §3): versioned process definitions, cases with clocks, tasks, the
// timeline, and the process/task/case APIs. It knows no case type; licensing, disclosure requests,
// letters and petitions register their hooks with registerCaseType. Other modules use only this file.
import type { ModuleManifest } from '../registry.ts';
import './workflow.permissions.ts';
import { registerDeadlineRecompute } from './engine/recompute.ts';
import { registerWorkflowRoutes } from './routes/index.ts';

export const workflowModule: ModuleManifest = {
  name: 'workflow',
  register(app, ctx) {
    registerWorkflowRoutes(app, ctx);
  },
  registerJobs(ctx) {
    // Deadlines computed on a provisional calendar year are recomputed when its notice is published.
    registerDeadlineRecompute(ctx);
  },
};

export type { Actor } from '../../platform/audit/audit.ts';
export type { Queryable, Tx } from '../../platform/db/pool.ts';
export type { Principal } from '../../platform/http/principal.ts';
export { mayActOnTask, mayReadCase, taskHandlersSql, taskVisibilitySql } from './engine/access.ts';
export { addTimeline, caseTimeline, getCase, getCaseForUpdate, openTasksOf } from './engine/cases.ts';
export { projectedDeadline } from './engine/clock.ts';
export {
  type ActInput,
  actOnTask,
  actOnTaskAsSystem,
  cancelCase,
  claimTask,
  normaliseQueryCode,
  type OpenCaseInput,
  openCase,
  pauseClock,
  resumeClock,
  signalCase,
  startClock,
} from './engine/engine.ts';
export {
  decideExtension,
  type ExtensionRecord,
  extensionsOf,
  requestExtension,
} from './engine/extensions.ts';
export {
  caseTypeName,
  createPublishedProcess,
  ensureProcess,
  listCaseTypes,
  registerCaseType,
} from './engine/processes.ts';
export { type RecomputeResult, recomputeDeadlines } from './engine/recompute.ts';
export {
  acceptDecideDefinition,
  acceptStep,
  awaitCorrectionStep,
  decideStep,
  endSteps,
  feeWaitStep,
  parallelLicenceDefinition,
  reviewStep,
  SIGNAL_FEE_PAID,
  SIGNAL_RESUBMITTED,
  standardLicenceDefinition,
} from './standard-definitions.ts';
export { listTasks, type TaskListItem } from './use-cases/list-tasks.ts';
export { lookupPublicCase, type PublicCase } from './use-cases/public-lookup.ts';
export { type CaseDetail, readCase } from './use-cases/read-case.ts';
export {
  type ActionDef,
  type Assignee,
  type DayUnit,
  type DefinitionProblem,
  type Effect,
  type Limit,
  PAUSE_KIND_NAMES,
  type PauseKind,
  type ProcessDefinition,
  type StepDef,
  validateDefinition,
} from './workflow.definition.ts';
export { workflowErrors } from './workflow.errors.ts';
export type {
  ActionEvent,
  CaseRecord,
  CaseTypeHooks,
  Level,
  TaskRecord,
  TimelineEntry,
} from './workflow.types.ts';
export { type CaseView, caseViews, statusName } from './workflow.views.ts';
