// The identity module: organisation tree, accounts, roles with scoped assignments, sessions and
// two-factor sign-in. Other modules use only what this file exports.
import type { AppContext } from '../../platform/context.ts';
import type { ModuleManifest } from '../registry.ts';
import { registerIdentityPages } from './identity.pages.ts';
import { registerIdentityRoutes } from './identity.routes.ts';
import { seedIdentityDemo } from './identity.seed.ts';
import { sessionCacheOf } from './session-cache.ts';
import { purgeEndedSessions } from './use-cases/purge-sessions.ts';

export const identityModule: ModuleManifest = {
  name: 'identity',
  register(app, ctx: AppContext) {
    const cache = sessionCacheOf(ctx);
    ctx.auth.resolveSession = (token) => cache.resolve(token);
    registerIdentityRoutes(app, ctx);
    registerIdentityPages(app, ctx);
  },
  registerJobs(ctx) {
    ctx.jobs.register('identity.purge-sessions', async () => {
      await purgeEndedSessions(ctx);
    });
    ctx.jobs.schedule('identity.purge-sessions', 'identity.purge-sessions', 86_400);
  },
  seedDemo: seedIdentityDemo,
};

export {
  findStaffWithPermission,
  getOrg,
  getUserSummary,
  hasAnyAccount,
  listOrgIdsInReach,
  type OrgInfo,
  orgPathOf,
  type UserSummary,
} from './identity.lookups.ts';
export {
  type AdminClass,
  BUILTIN_ROLES,
  listPermissions,
  type PermissionDef,
  registerPermissions,
} from './identity.permissions.ts';
export { DEMO_PASSWORD } from './identity.seed.ts';
export { sessionCookieOptions } from './routes/session.routes.ts';
export { type SessionPrincipal, type SessionRole, type SessionUser, toSessionUser } from './session-cache.ts';
export { type ChangePasswordInput, changePassword } from './use-cases/change-password.ts';
export {
  createFirstAdministrator,
  type FirstAdministratorInput,
} from './use-cases/create-first-administrator.ts';
export { getProfile, type Profile } from './use-cases/get-profile.ts';
export { type LoginInput, type LoginResult, loginWithPassword } from './use-cases/login-with-password.ts';
export { logout } from './use-cases/logout.ts';
export {
  type CitizenRegistration,
  type EnterpriseRegistration,
  type RegistrationInput,
  registerAccount,
} from './use-cases/register-account.ts';
