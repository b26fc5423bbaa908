// The permission catalogue and the roles built from it.
import type { AppContext } from '../../../platform/context.ts';
import { type Principal, requireReach } from '../../../platform/http/principal.ts';
import { listPermissions, type PermissionDef } from '../identity.permissions.ts';
import { listRoles as listRoleRows } from '../identity.repository.ts';
import { type RoleView, toRoleView } from '../identity.views.ts';

export function listPermissionCatalogue(principal: Principal | null): PermissionDef[] {
  requireReach(principal, 'role.read');
  return listPermissions();
}

export async function listRoles(ctx: AppContext, principal: Principal | null): Promise<RoleView[]> {
  requireReach(principal, 'role.read');
  return (await listRoleRows(ctx.pool)).map(toRoleView);
}
