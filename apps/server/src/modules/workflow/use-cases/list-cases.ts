// Cases the caller may read: those of units inside their case.read reach, and those they handle or
// handled (a parallel reviewer in another department).
import type { AppContext } from '../../../platform/context.ts';
import { containsPattern } from '../../../platform/db/like.ts';
import { many } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { pageWindow } from '../../../platform/http/pagination.ts';
import { hasPermission, type Principal, reachOf, reachSql } from '../../../platform/http/principal.ts';
import { taskVisibilitySql } from '../engine/access.ts';
import { CASE_SELECT, type CaseRow, toCaseRecord } from '../engine/cases.ts';
import type { CaseRecord, Level } from '../workflow.types.ts';
import { type CaseView, caseViews } from '../workflow.views.ts';

export async function listCases(
  ctx: AppContext,
  principal: Principal | null | undefined,
  q: {
    type?: string;
    status?: CaseRecord['status'];
    level?: Level;
    q?: string;
    orgId?: string;
    page?: number;
    pageSize?: number;
  },
): Promise<{ items: CaseView[]; total: number; page: number; pageSize: number }> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  if (
    principal.kind !== 'staff' ||
    (!hasPermission(principal, 'case.read') && !hasPermission(principal, 'task.handle'))
  )
    throw platformErrors.FORBIDDEN();
  const { page, pageSize, offset } = pageWindow(q);
  const reach = reachOf(principal, 'case.read');
  const [reachCond, reachParams] = reach ? reachSql(reach, 'c.org_path', 1) : ['FALSE', []];
  const params: unknown[] = [...reachParams];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const me = add(principal.userId);
  const [vis, visParams] = taskVisibilitySql(principal, 't', params.length + 1);
  params.push(...visParams);
  const where = [
    `(${reachCond} OR EXISTS (SELECT 1 FROM wf_task t WHERE t.case_id = c.id AND (t.acted_by = ${me} OR (t.status = 'open' AND ${vis}))))`,
  ];
  if (q.type) where.push(`c.case_type = ${add(q.type)}`);
  if (q.status) where.push(`c.status = ${add(q.status)}`);
  if (q.level) where.push(`c.level = ${add(q.level)}`);
  if (q.orgId) where.push(`c.org_id = ${add(q.orgId)}`);
  if (q.q?.trim()) {
    const p = add(containsPattern(q.q.trim()));
    where.push(`(c.number ILIKE ${p} OR c.subject ILIKE ${p} OR c.applicant_name ILIKE ${p})`);
  }
  const count = await many<{ n: number }>(
    ctx.pool,
    `SELECT count(*) AS n FROM wf_case c WHERE ${where.join(' AND ')}`,
    params,
  );
  const rows = await many<CaseRow>(
    ctx.pool,
    `${CASE_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC
     LIMIT ${add(pageSize)} OFFSET ${add(offset)}`,
    params,
  );
  return {
    items: await caseViews(ctx.pool, rows.map(toCaseRecord)),
    total: count[0]?.n ?? 0,
    page,
    pageSize,
  };
}
