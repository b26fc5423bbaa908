// Changes a custom role. When its administrator class changes, every holder is checked again, so a
// role edit cannot smuggle an account past 三员分立.
import type { Actor } from '../../../platform/audit/audit.ts';
import { diffFields } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { identityErrors } from '../identity.errors.ts';
import { accountSeparationProblem } from '../identity.permissions.ts';
import { findRole, findUser, holdersOfRole, listAssignments, updateRole } from '../identity.repository.ts';
import { checkOrgName, Problems } from '../identity.rules.ts';
import { type RoleView, toRoleView } from '../identity.views.ts';
import { sessionCacheOf } from '../session-cache.ts';
import { checkRolePermissions, requireRoleManager } from './create-role.ts';

export interface UpdateRoleInput {
  name?: string;
  description?: string;
  permissions?: string[];
}

export async function updateRoleDefinition(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  input: UpdateRoleInput,
  actor: Actor,
): Promise<RoleView> {
  requireRoleManager(principal);
  const p = new Problems();
  const name = input.name === undefined ? undefined : checkOrgName(p, input.name, 'name');
  const perms = input.permissions === undefined ? undefined : checkRolePermissions(p, input.permissions);
  const description = input.description?.trim();
  if (description && /[<>]/.test(description)) p.add('NAME_INVALID', 'description', '说明不能包含 < 或 >');
  p.throwIfAny();

  return withTx(ctx.pool, async (tx) => {
    await tx.query('SELECT id FROM idn_role WHERE id = $1 FOR UPDATE', [id]);
    const before = await findRole(tx, id);
    if (!before) throw platformErrors.NOT_FOUND();
    if (before.builtin) throw identityErrors.ROLE_READ_ONLY();
    const adminClass = perms ? perms.adminClass : before.admin_class;
    if (adminClass !== before.admin_class) {
      for (const userId of await holdersOfRole(tx, id)) {
        const roles = (await listAssignments(tx, [userId])).map((a) => ({
          name: a.name,
          adminClass: a.role_id === id ? adminClass : a.admin_class,
        }));
        const problem = accountSeparationProblem(roles);
        if (problem) {
          const user = await findUser(tx, userId);
          throw identityErrors.SEPARATION_OF_DUTIES(
            'permissions',
            `修改后，账号 ${user?.username ?? userId} 将违反三员分立：${problem}`,
          );
        }
      }
    }
    const after = await updateRole(tx, id, {
      name: name ?? before.name,
      description: description ?? before.description,
      permissions: perms?.list ?? before.permissions,
      adminClass,
    });
    const pick = (r: typeof before) => ({
      name: r.name,
      description: r.description,
      permissions: r.permissions,
      adminClass: r.admin_class,
    });
    await ctx.audit.record(tx, actor, {
      action: 'role.update',
      objectType: 'role',
      objectId: id,
      summary: `修改角色“${after.name}”（${after.code}）`,
      changes: diffFields(pick(before), pick(after)),
    });
    // Every holder's permissions may have changed.
    tx.afterCommit(() => sessionCacheOf(ctx).invalidateAll());
    return toRoleView(after);
  });
}
