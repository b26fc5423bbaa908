// One account, when it lies inside the caller's user.read reach.
import type { AppContext } from '../../../platform/context.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { findUser, listAssignments } from '../identity.repository.ts';
import { requireUserReach } from '../identity.scope.ts';
import { toUserView, type UserView } from '../identity.views.ts';

export async function readUser(ctx: AppContext, principal: Principal | null, id: string): Promise<UserView> {
  const user = await findUser(ctx.pool, id);
  requireUserReach(principal, 'user.read', user);
  return toUserView(ctx, user, await listAssignments(ctx.pool, [user.id]));
}
