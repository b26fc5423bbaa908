// All HTTP routes of the services module.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { registerFormRoutes } from './routes/forms.routes.ts';
import { registerManageServiceRoutes } from './routes/manage.routes.ts';
import { registerPublicServiceRoutes } from './routes/public.routes.ts';

export function registerServiceRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerPublicServiceRoutes(app, ctx);
  registerManageServiceRoutes(app, ctx);
  registerFormRoutes(app, ctx);
}
