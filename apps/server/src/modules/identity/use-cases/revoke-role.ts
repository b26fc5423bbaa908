// Withdraws a role assignment, under the same rules as granting it.
import type { Actor } from '../../../platform/audit/audit.ts';
import { diffFields } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { identityErrors } from '../identity.errors.ts';
import { deleteAssignment, findAssignment, findOrg, findUser } from '../identity.repository.ts';
import { requireUserReach } from '../identity.scope.ts';
import { sessionCacheOf } from '../session-cache.ts';
import { requireScopeInReach } from './assign-role.ts';

export async function revokeRole(
  ctx: AppContext,
  principal: Principal | null,
  userId: string,
  assignmentId: string,
  actor: Actor,
): Promise<void> {
  const user = await findUser(ctx.pool, userId);
  requireUserReach(principal, 'role.assign', user, ['user.read', 'role.read']);
  if (user.id === (principal as Principal).userId) throw identityErrors.SELF_ASSIGNMENT();
  const a = await findAssignment(ctx.pool, assignmentId);
  if (!a || a.user_id !== user.id) throw platformErrors.NOT_FOUND();
  requireScopeInReach(principal, a.scope, a.scope_org_id ? await findOrg(ctx.pool, a.scope_org_id) : null);
  await withTx(ctx.pool, async (tx) => {
    await deleteAssignment(tx, a.id);
    await ctx.audit.record(tx, actor, {
      action: 'role.revoke',
      objectType: 'user',
      objectId: user.id,
      summary: `撤销 ${user.username} 的角色“${a.name}”（范围：${a.scope === 'org' ? `${a.scope_org_name}及下级` : a.scope === 'platform' ? '全平台' : '本人'}）`,
      changes: diffFields(
        { assignmentId: a.id, role: a.code, scope: a.scope, scopeOrgId: a.scope_org_id },
        null,
      ),
    });
    await ctx.events.emit(tx, {
      type: 'identity.role_revoked',
      aggregateType: 'user',
      aggregateId: user.id,
      payload: { assignmentId: a.id, roleId: a.role_id },
      actorId: actor.userId,
    });
    tx.afterCommit(() => sessionCacheOf(ctx).invalidateUser(user.id));
  });
}
