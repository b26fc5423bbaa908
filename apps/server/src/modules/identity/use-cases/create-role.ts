// A security administrator defines a custom role. Its permissions must stay within one administrator
// class, or be business permissions only (三员分立).
import type { Actor } from '../../../platform/audit/audit.ts';
import { diffFields } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { type Principal, requireReach } from '../../../platform/http/principal.ts';
import { identityErrors } from '../identity.errors.ts';
import { type AdminClass, classOfPermissions, permissionDef } from '../identity.permissions.ts';
import { findRoleByCode, insertRole } from '../identity.repository.ts';
import { checkOrgName, Problems } from '../identity.rules.ts';
import { type RoleView, toRoleView } from '../identity.views.ts';
import { mapUniqueViolation } from '../unique-violation.ts';

export interface CreateRoleInput {
  code: string;
  name: string;
  description?: string;
  permissions: string[];
}

/** Role definitions are platform-wide: only a platform-scope role manager changes them. */
export function requireRoleManager(principal: Principal | null): void {
  const reach = requireReach(principal, 'role.manage');
  if (!reach.all)
    throw platformErrors.FORBIDDEN(undefined, '角色定义全平台通用，只有全平台范围的安全管理员可以维护');
}

/** Validates a permission list; returns the de-duplicated list and its administrator class. */
export function checkRolePermissions(
  p: Problems,
  permissions: readonly string[],
): { list: string[]; adminClass: AdminClass | null } {
  const list = [...new Set(permissions)].sort();
  const unknown = list.filter((c) => !permissionDef(c));
  if (unknown.length > 0) {
    p.add('PERMISSION_UNKNOWN', 'permissions', `不存在的权限：${unknown.join('、')}`);
    return { list, adminClass: null };
  }
  const cls = classOfPermissions(list);
  if (!cls.ok) {
    p.add('SEPARATION_OF_DUTIES', 'permissions', cls.reason);
    return { list, adminClass: null };
  }
  return { list, adminClass: cls.adminClass };
}

export async function createRole(
  ctx: AppContext,
  principal: Principal | null,
  input: CreateRoleInput,
  actor: Actor,
): Promise<RoleView> {
  requireRoleManager(principal);
  const p = new Problems();
  const name = checkOrgName(p, input.name, 'name');
  const perms = checkRolePermissions(p, input.permissions);
  const description = (input.description ?? '').trim();
  if (/[<>]/.test(description)) p.add('NAME_INVALID', 'description', '说明不能包含 < 或 >');
  p.throwIfAny();
  if (await findRoleByCode(ctx.pool, input.code)) throw identityErrors.ROLE_CODE_TAKEN('code');
  try {
    return await withTx(ctx.pool, async (tx) => {
      const role = await insertRole(tx, {
        id: newId(),
        code: input.code,
        name,
        description,
        permissions: perms.list,
        adminClass: perms.adminClass,
        now: ctx.clock.now(),
      });
      await ctx.audit.record(tx, actor, {
        action: 'role.create',
        objectType: 'role',
        objectId: role.id,
        summary: `新建角色“${name}”（${input.code}）`,
        changes: diffFields(null, {
          code: input.code,
          name,
          description,
          permissions: perms.list,
          adminClass: perms.adminClass,
        }),
      });
      return toRoleView(role);
    });
  } catch (e) {
    throw mapUniqueViolation(e);
  }
}
