// The inbox: every open task the caller may act on, across case types, soonest deadline first.
import type { AppContext } from '../../../platform/context.ts';
import { containsPattern } from '../../../platform/db/like.ts';
import { many } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { pageWindow } from '../../../platform/http/pagination.ts';
import { hasPermission, type Principal } from '../../../platform/http/principal.ts';
import { taskVisibilitySql } from '../engine/access.ts';
import { caseTypeName, definitionOfVersion } from '../engine/processes.ts';
import type { Level } from '../workflow.types.ts';
import { type ActionView, actionViews } from '../workflow.views.ts';

export interface TaskListItem {
  id: string;
  caseId: string;
  caseNumber: string;
  caseType: string;
  caseTypeName: string;
  subject: string;
  step: string;
  stepName: string;
  actions: ActionView[];
  dueDate: string | null;
  level: Level;
  caseDueDate: string | null;
  caseLevel: Level;
  caseStatus: string;
  claimedBy: string | null;
  claimedByName: string | null;
  openedAt: string;
  orgId: string;
  orgName: string | null;
  applicantName: string;
}

export async function listTasks(
  ctx: AppContext,
  principal: Principal | null | undefined,
  q: { caseType?: string; level?: Level; q?: string; page?: number; pageSize?: number },
): Promise<{ items: TaskListItem[]; total: number; page: number; pageSize: number }> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  if (!hasPermission(principal, 'task.handle')) throw platformErrors.FORBIDDEN();
  const { page, pageSize, offset } = pageWindow(q);
  const [vis, params] = taskVisibilitySql(principal, 't', 1);
  const where = [`t.status = 'open'`, vis];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.caseType) where.push(`c.case_type = ${add(q.caseType)}`);
  if (q.level) where.push(`t.level = ${add(q.level)}`);
  if (q.q?.trim()) {
    const p = add(containsPattern(q.q.trim()));
    where.push(`(c.number ILIKE ${p} OR c.subject ILIKE ${p} OR c.applicant_name ILIKE ${p})`);
  }
  const rows = await many<{
    id: string;
    case_id: string;
    number: string;
    case_type: string;
    subject: string;
    step_key: string;
    step_name: string;
    due_date: string | null;
    level: Level;
    case_due: string | null;
    case_level: Level;
    case_status: string;
    claimed_by: string | null;
    claimed_by_name: string | null;
    opened_at: Date;
    org_id: string;
    org_name: string | null;
    applicant_name: string;
    process_version_id: string;
    total: number;
  }>(
    ctx.pool,
    `SELECT t.id, t.case_id, c.number, c.case_type, c.subject, t.step_key, t.step_name, t.due_date, t.level,
            coalesce(c.promised_deadline, c.legal_deadline) AS case_due, c.level AS case_level, c.status AS case_status,
            t.claimed_by, cu.display_name AS claimed_by_name, t.opened_at, c.org_id, o.name AS org_name,
            c.applicant_name, c.process_version_id, count(*) OVER () AS total
     FROM wf_task t JOIN wf_case c ON c.id = t.case_id
     LEFT JOIN idn_org o ON o.id = c.org_id LEFT JOIN idn_user cu ON cu.id = t.claimed_by
     WHERE ${where.join(' AND ')}
     ORDER BY coalesce(t.due_date, c.promised_deadline, c.legal_deadline) NULLS LAST, t.opened_at, t.id
     LIMIT ${add(pageSize)} OFFSET ${add(offset)}`,
    params,
  );
  const items: TaskListItem[] = [];
  for (const r of rows) {
    const def = await definitionOfVersion(ctx.pool, r.process_version_id);
    items.push({
      id: r.id,
      caseId: r.case_id,
      caseNumber: r.number,
      caseType: r.case_type,
      caseTypeName: caseTypeName(r.case_type),
      subject: r.subject,
      step: r.step_key,
      stepName: r.step_name,
      actions: actionViews(def.steps.find((s) => s.key === r.step_key)),
      dueDate: r.due_date,
      level: r.level,
      caseDueDate: r.case_due,
      caseLevel: r.case_level,
      caseStatus: r.case_status,
      claimedBy: r.claimed_by,
      claimedByName: r.claimed_by_name,
      openedAt: r.opened_at.toISOString(),
      orgId: r.org_id,
      orgName: r.org_name,
      applicantName: r.applicant_name,
    });
  }
  return { items, total: rows[0]?.total ?? 0, page, pageSize };
}
