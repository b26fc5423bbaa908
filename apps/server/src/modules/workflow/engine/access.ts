// Who may act on a task and who may read a case. A task goes to: one named user; the staff of one
// unit holding task.handle; or the holders of a role whose grant's scope reaches the task's unit.
import { many, maybeOne, type Queryable } from '../../../platform/db/pool.ts';
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

function likePrefix(path: string): string {
  return `${path.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_')}%`;
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
        `(${alias}.assignee_type = 'role' AND ${alias}.role_code = ${next(g.code)} AND ${alias}.org_path LIKE ${next(likePrefix(g.scopeOrgPath))})`,
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

/** Staff users who could act on a task of this assignment (for notifications and transfer checks). */
export async function candidatesOf(db: Queryable, t: TaskAssignment): Promise<string[]> {
  if (t.assignee_type === 'user') return t.user_id ? [t.user_id] : [];
  if (t.assignee_type === 'unit') {
    const rows = await many<{ id: string }>(
      db,
      `SELECT DISTINCT u.id FROM idn_user u
       JOIN idn_role_assignment a ON a.user_id = u.id
       JOIN idn_role r ON r.id = a.role_id AND 'task.handle' = ANY (r.permissions)
       WHERE u.org_id = $1 AND u.kind = 'staff' AND u.status = 'active'`,
      [t.org_id],
    );
    return rows.map((r) => r.id);
  }
  const rows = await many<{ id: string }>(
    db,
    `SELECT DISTINCT u.id FROM idn_user u
     JOIN idn_role_assignment a ON a.user_id = u.id
     JOIN idn_role r ON r.id = a.role_id AND r.code = $1 AND 'task.handle' = ANY (r.permissions)
     LEFT JOIN idn_org so ON so.id = a.scope_org_id
     WHERE u.kind = 'staff' AND u.status = 'active'
       AND (a.scope = 'platform' OR (a.scope = 'org' AND starts_with($2, so.path)))`,
    [t.role_code, t.org_path ?? ''],
  );
  return rows.map((r) => r.id);
}
