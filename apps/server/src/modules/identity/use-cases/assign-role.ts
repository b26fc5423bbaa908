// A security administrator grants a role over a data scope. The scope must lie inside the granter's
// own reach, nobody grants to themselves, and no account may end up holding two administrator classes
// or an administrator class plus business roles (三员分立, DOMAIN §8.1).
import type { Actor } from '../../../platform/audit/audit.ts';
import { diffFields } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { type Principal, requireReach, type ScopeKind } from '../../../platform/http/principal.ts';
import { identityErrors } from '../identity.errors.ts';
import { accountSeparationProblem } from '../identity.permissions.ts';
import {
  findAssignment,
  findOrg,
  findRole,
  findUser,
  findUserForUpdate,
  insertAssignment,
  listAssignments,
  type OrgRow,
} from '../identity.repository.ts';
import { requireOrgReach, requireUserReach } from '../identity.scope.ts';
import { toRoleSummary } from '../identity.views.ts';
import type { SessionRole } from '../session-cache.ts';
import { sessionCacheOf } from '../session-cache.ts';
import { mapUniqueViolation } from '../unique-violation.ts';

export interface AssignRoleInput {
  roleId: string;
  scope: ScopeKind;
  scopeOrgId?: string;
}

/** Checks that the caller may grant (or withdraw) a role over this scope. */
export function requireScopeInReach(
  principal: Principal | null,
  scope: ScopeKind,
  scopeOrg: OrgRow | null,
): void {
  const reach = requireReach(principal, 'role.assign');
  if (scope === 'platform' && !reach.all) {
    throw platformErrors.FORBIDDEN('scope', '只有全平台范围的安全管理员可以授予或撤销全平台范围的角色');
  }
  if (scope === 'org') requireOrgReach(principal, 'role.assign', scopeOrg, ['org.read', 'role.read']);
}

export async function assignRole(
  ctx: AppContext,
  principal: Principal | null,
  userId: string,
  input: AssignRoleInput,
  actor: Actor,
): Promise<SessionRole> {
  const user = await findUser(ctx.pool, userId);
  requireUserReach(principal, 'role.assign', user, ['user.read', 'role.read']);
  const me = principal as Principal;
  if (user.id === me.userId) throw identityErrors.SELF_ASSIGNMENT();
  const role = await findRole(ctx.pool, input.roleId);
  if (!role) throw platformErrors.UNPROCESSABLE('roleId', '角色不存在');
  if (input.scope === 'org' && !input.scopeOrgId) {
    throw identityErrors.SCOPE_INVALID('scopeOrgId', '授权范围为“机构”时须选择机构');
  }
  if (input.scope !== 'org' && input.scopeOrgId) {
    throw identityErrors.SCOPE_INVALID('scopeOrgId', '只有授权范围为“机构”时才选择机构');
  }
  const scopeOrg = input.scope === 'org' ? await findOrg(ctx.pool, input.scopeOrgId as string) : null;
  requireScopeInReach(principal, input.scope, scopeOrg);

  const id = newId();
  try {
    return await withTx(ctx.pool, async (tx) => {
      // Locking the account serialises concurrent grants, so two of them cannot each pass the check.
      await findUserForUpdate(tx, user.id);
      const existing = await listAssignments(tx, [user.id]);
      if (
        existing.some(
          (a) =>
            a.role_id === role.id && a.scope === input.scope && a.scope_org_id === (scopeOrg?.id ?? null),
        )
      ) {
        throw identityErrors.ASSIGNMENT_EXISTS('roleId');
      }
      const problem = accountSeparationProblem([
        ...existing.map((a) => ({ name: a.name, adminClass: a.admin_class })),
        { name: role.name, adminClass: role.admin_class },
      ]);
      if (problem) throw identityErrors.SEPARATION_OF_DUTIES('roleId', problem);
      await insertAssignment(tx, {
        id,
        userId: user.id,
        roleId: role.id,
        scope: input.scope,
        scopeOrgId: scopeOrg?.id ?? null,
        grantedBy: me.userId,
        now: ctx.clock.now(),
      });
      const scopeText =
        input.scope === 'platform' ? '全平台' : input.scope === 'org' ? `${scopeOrg?.name}及下级` : '本人';
      await ctx.audit.record(tx, actor, {
        action: 'role.assign',
        objectType: 'user',
        objectId: user.id,
        summary: `为 ${user.username} 授予角色“${role.name}”，范围：${scopeText}`,
        changes: diffFields(null, {
          assignmentId: id,
          role: role.code,
          scope: input.scope,
          scopeOrgId: scopeOrg?.id ?? null,
        }),
      });
      await ctx.events.emit(tx, {
        type: 'identity.role_assigned',
        aggregateType: 'user',
        aggregateId: user.id,
        payload: { assignmentId: id, roleId: role.id, scope: input.scope, scopeOrgId: scopeOrg?.id ?? null },
        actorId: me.userId,
      });
      tx.afterCommit(() => sessionCacheOf(ctx).invalidateUser(user.id));
      const row = await findAssignment(tx, id);
      return toRoleSummary(row!);
    });
  } catch (e) {
    throw mapUniqueViolation(e);
  }
}
