// The identity JSON API (docs/api-foundation.md): sessions, registration, organisations, users, roles.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { registerAccountRoutes } from './routes/accounts.routes.ts';
import { registerOrgRoutes } from './routes/orgs.routes.ts';
import { registerRoleRoutes } from './routes/roles.routes.ts';
import { registerSessionRoutes } from './routes/session.routes.ts';
import { registerUserRoutes } from './routes/users.routes.ts';

export function registerIdentityRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerSessionRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerOrgRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerRoleRoutes(app, ctx);
}
