// Who may act on a task and who may read a case. A task goes to: one named user; the staff of one
// unit holding task.handle; or the holders of a role whose grant's scope reaches the task's unit.
import { prefixPattern } from '../../../platform/db/like.ts';
import { maybeOne, type Queryable } from '../../../platform/db/pool.ts';
import { hasPermission, orgInReach, type Principal, reachOf } from '../../../platform/http/principal.ts';
import type { CaseRecord } from '../workflow.types.ts';

export interface TaskAssignment {
  assignee_type: 'role' | 'unit' | 'user';
  role_code: string | null;
  org_id: string | null;
  org_path: string | null;
  user_id: string | null;
}

export function mayActOnTask(p: Principal | null | undefined, t: TaskAssignment): boolean {
  if (p?.kind !== 'staff' || !hasPermission(p, 'task.handle')) return false;
  if (t.assignee_type === 'user') return t.user_id === p.userId;
  if (t.assignee_type === 'unit') return !!t.org_id && t.org_id === p.orgId;
  return p.grants.some(
    (g) =>
      g.code === t.role_code &&
      g.permissions.includes('task.handle') &&
      (g.scope === 'platform' ||
        (g.scope === 'org' && !!g.scopeOrgPath && !!t.org_path && t.org_path.startsWith(g.scopeOrgPath))),
  );
}

/**
 * SQL condition over a wf_task alias selecting the tasks the principal may act on, with parameters
 * numbered from `firstParam`. 'FALSE' for someone without task.handle.
 */
export function taskVisibilitySql(p: Principal, alias: string, firstParam: number): [string, unknown[]] {
  if (p.kind !== 'staff' || !hasPermission(p, 'task.handle')) return ['FALSE', []];
  const params: unknown[] = [];
  const next = (v: unknown) => {
    params.push(v);
    return `$${firstParam + params.length - 1}`;
  };
  const parts = [`(${alias}.assignee_type = 'user' AND ${alias}.user_id = ${next(p.userId)})`];
  if (p.orgId) parts.push(`(${alias}.assignee_type = 'unit' AND ${alias}.org_id = ${next(p.orgId)})`);
  for (const g of p.grants) {
    if (!g.permissions.includes('task.handle')) continue;
    if (g.scope === 'platform') {
      parts.push(`(${alias}.assignee_type = 'role' AND ${alias}.role_code = ${next(g.code)})`);
    } else if (g.scope === 'org' && g.scopeOrgPath) {
      parts.push(
        `(${alias}.assignee_type = 'role' AND ${alias}.role_code = ${next(g.code)} AND ${alias}.org_path LIKE ${next(prefixPattern(g.scopeOrgPath))})`,
      );
    }
  }
  return [`(${parts.join(' OR ')})`, params];
}

/**
 * The applicant, staff with case.read over the owning unit, and staff who may act (or acted) on one
 * of its tasks (a parallel reviewer in another department must see the case it reviews).
 */
export async function mayReadCase(
  db: Queryable,
  principal: Principal | null | undefined,
  c: CaseRecord,
): Promise<boolean> {
  if (!principal) return false;
  if (c.applicantUserId && c.applicantUserId === principal.userId) return true;
  if (principal.kind !== 'staff') return false;
  const reach = reachOf(principal, 'case.read');
  if (reach && orgInReach(reach, c.orgPath)) return true;
  const [cond, params] = taskVisibilitySql(principal, 't', 3);
  const r = await maybeOne(
    db,
    `SELECT 1 FROM wf_task t WHERE t.case_id = $1 AND (t.acted_by = $2 OR (t.status = 'open' AND ${cond})) LIMIT 1`,
    [c.id, principal.userId, ...params],
  );
  return !!r;
}

/**
 * SQL selecting `user_id` of everyone who may act on the open tasks of relation `tasks` (a wf_task
 * alias or CTE): the claimer of a claimed task; else the named user, the unit's members holding
 * task.handle, or the holders of the role whose grant's scope reaches the task's unit — the rule of
 * mayActOnTask, from the task's side. Callers keep only active staff.
 */
export function taskHandlersSql(tasks: string): string {
  return `SELECT claimed_by AS user_id FROM ${tasks} WHERE claimed_by IS NOT NULL
       UNION
       SELECT user_id FROM ${tasks} WHERE claimed_by IS NULL AND assignee_type = 'user'
       UNION
       SELECT u.id FROM ${tasks}
         JOIN idn_user u ON u.org_id = ${tasks}.org_id
         JOIN idn_role_assignment a ON a.user_id = u.id
         JOIN idn_role r ON r.id = a.role_id AND 'task.handle' = ANY (r.permissions)
       WHERE ${tasks}.claimed_by IS NULL AND ${tasks}.assignee_type = 'unit'
       UNION
       SELECT a.user_id FROM ${tasks}
         JOIN idn_role r ON r.code = ${tasks}.role_code AND 'task.handle' = ANY (r.permissions)
         JOIN idn_role_assignment a ON a.role_id = r.id
         LEFT JOIN idn_org so ON so.id = a.scope_org_id
       WHERE ${tasks}.claimed_by IS NULL AND ${tasks}.assignee_type = 'role'
         AND (a.scope = 'platform' OR (a.scope = 'org' AND starts_with(coalesce(${tasks}.org_path, ''), so.path)))`;
}
