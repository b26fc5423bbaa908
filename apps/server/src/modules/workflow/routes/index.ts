// Every HTTP route of the case engine.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { registerCaseRoutes } from './cases.routes.ts';
import { registerProcessRoutes } from './processes.routes.ts';
import { registerPublicCaseRoutes } from './public.routes.ts';
import { registerTaskRoutes } from './tasks.routes.ts';

export function registerWorkflowRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerProcessRoutes(app, ctx);
  registerTaskRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerPublicCaseRoutes(app, ctx);
}
