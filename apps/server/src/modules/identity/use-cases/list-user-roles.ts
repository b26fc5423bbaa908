// The role assignments of one account.
import type { AppContext } from '../../../platform/context.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { findUser, listAssignments } from '../identity.repository.ts';
import { requireUserReach } from '../identity.scope.ts';
import { toRoleSummary } from '../identity.views.ts';
import type { SessionRole } from '../session-cache.ts';

export async function listUserRoles(
  ctx: AppContext,
  principal: Principal | null,
  userId: string,
): Promise<SessionRole[]> {
  const user = await findUser(ctx.pool, userId);
  requireUserReach(principal, 'role.read', user, ['role.read', 'user.read']);
  return (await listAssignments(ctx.pool, [user.id])).map(toRoleSummary);
}
