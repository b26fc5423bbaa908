// The ordered list of modules. Each manifest registers its routes, pages, jobs and demo seed; the
// kernel never imports a module directly.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.ts';
import { cmsModule } from './cms/index.ts';
import { cmsSiteModule } from './cms/site/index.ts';
import { disclosureModule } from './disclosure/index.ts';
import { hallModule } from './hall/index.ts';
import { identityModule } from './identity/index.ts';
import { licencesModule } from './licences/index.ts';
import { licensingModule } from './licensing/index.ts';
import { portalModule } from './portal/index.ts';
import { ratingsModule } from './ratings/index.ts';
import { searchModule } from './search/index.ts';
import { servicesModule } from './services/index.ts';
import { supervisionModule } from './supervision/index.ts';
import { workflowModule } from './workflow/index.ts';

export interface ModuleManifest {
  name: string;
  /**
   * Idempotent start-up work every process does before serving (e.g. making sure the system process
   * definitions the module relies on exist). Runs after migrations, before routes are registered.
   */
  init?(ctx: AppContext): Promise<void>;
  /** JSON API routes and public pages. */
  register?(app: FastifyInstance, ctx: AppContext): Promise<void> | void;
  /** Job handlers, schedules and event subscribers (every process registers them). */
  registerJobs?(ctx: AppContext): void;
  /** Demo region content, on first start with an empty database. */
  seedDemo?(ctx: AppContext, progress: (msg: string) => void): Promise<void>;
}

export const modules: readonly ModuleManifest[] = [
  identityModule,
  portalModule,
  workflowModule,
  servicesModule,
  licensingModule,
  licencesModule,
  ratingsModule,
  supervisionModule,
  hallModule,
  cmsModule,
  cmsSiteModule,
  disclosureModule,
  searchModule,
];
