// Anomalies (异常) in scope, and a supervisor marking one handled with a note (纠错 recorded).
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { many, maybeOne, one, withTx } from '../../../platform/db/pool.ts';
import { pageWindow } from '../../../platform/http/pagination.ts';
import { orgInReach, type Principal, requireReach } from '../../../platform/http/principal.ts';
import { supervisionErrors } from '../supervision.errors.ts';
import { ANOMALY_NAMES, type AnomalyKind } from '../supervision.rules.ts';
import { SqlParams, supervisionScope } from '../supervision.scope.ts';

export interface AnomalyQuery {
  kind?: AnomalyKind;
  resolved?: boolean;
  orgId?: string;
  caseId?: string;
  page?: number;
  pageSize?: number;
}

interface Row {
  id: string;
  case_id: string;
  number: string;
  case_type: string;
  subject: string;
  org_id: string;
  org_name: string;
  task_id: string | null;
  step_name: string | null;
  kind: AnomalyKind;
  detail: string;
  detected_at: Date;
  resolved: boolean;
  resolved_at: Date | null;
  resolved_by_name: string | null;
  resolution: string | null;
}

const SELECT = `SELECT a.id, a.case_id, c.number, c.case_type, c.subject, c.org_id, o.name AS org_name, a.task_id,
       t.step_name, a.kind, a.detail, a.detected_at, a.resolved, a.resolved_at, u.display_name AS resolved_by_name,
       a.resolution
  FROM sup_anomaly a JOIN wf_case c ON c.id = a.case_id JOIN idn_org o ON o.id = c.org_id
  LEFT JOIN wf_task t ON t.id = a.task_id LEFT JOIN idn_user u ON u.id = a.resolved_by`;

function view(r: Row) {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.number,
    caseType: r.case_type,
    subject: r.subject,
    orgId: r.org_id,
    orgName: r.org_name,
    taskId: r.task_id,
    stepName: r.step_name,
    kind: r.kind,
    kindName: ANOMALY_NAMES[r.kind],
    detail: r.detail,
    detectedAt: r.detected_at.toISOString(),
    resolved: r.resolved,
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    resolvedByName: r.resolved_by_name,
    resolution: r.resolution,
  };
}

export async function listAnomalies(
  ctx: AppContext,
  principal: Principal | null | undefined,
  q: AnomalyQuery,
) {
  const scope = await supervisionScope(ctx, principal, q.orgId);
  const win = pageWindow(q);
  const p = new SqlParams();
  const where = [p.scope(scope, 'c.org_path')];
  if (q.kind) where.push(`a.kind = ${p.add(q.kind)}`);
  if (q.resolved !== undefined) where.push(`a.resolved = ${p.add(q.resolved)}`);
  if (q.caseId) where.push(`a.case_id = ${p.add(q.caseId)}`);
  const sql = where.join(' AND ');
  const total = await one<{ n: number }>(
    ctx.pool,
    `SELECT count(*)::int AS n FROM sup_anomaly a JOIN wf_case c ON c.id = a.case_id WHERE ${sql}`,
    p.values,
  );
  const rows = await many<Row>(
    ctx.pool,
    `${SELECT} WHERE ${sql} ORDER BY a.resolved, a.detected_at DESC, a.id DESC LIMIT ${win.pageSize} OFFSET ${win.offset}`,
    p.values,
  );
  return { items: rows.map(view), total: total.n, page: win.page, pageSize: win.pageSize };
}

export async function resolveAnomaly(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  input: { resolution: string },
  actor: Actor,
) {
  const reach = requireReach(principal, 'supervision.order');
  if (!UUID_RE.test(id)) throw supervisionErrors.ANOMALY_NOT_FOUND();
  const resolution = input.resolution.trim();
  if (!resolution) throw supervisionErrors.COMMENT_REQUIRED('resolution', '请填写处理情况');
  await withTx(ctx.pool, async (tx) => {
    const a = await maybeOne<{ resolved: boolean; org_path: string; number: string; kind: AnomalyKind }>(
      tx,
      `SELECT a.resolved, c.org_path, c.number, a.kind FROM sup_anomaly a JOIN wf_case c ON c.id = a.case_id
       WHERE a.id = $1 FOR UPDATE OF a`,
      [id],
    );
    if (!a || !orgInReach(reach, a.org_path)) throw supervisionErrors.ANOMALY_NOT_FOUND();
    if (a.resolved) throw supervisionErrors.ANOMALY_RESOLVED();
    await tx.query(
      'UPDATE sup_anomaly SET resolved = true, resolved_at = $2, resolved_by = $3, resolution = $4 WHERE id = $1',
      [id, ctx.clock.now(), (principal as Principal).userId, resolution],
    );
    await ctx.audit.record(tx, actor, {
      action: 'supervision.anomaly.resolve',
      objectType: 'sup_anomaly',
      objectId: id,
      summary: `处理办件 ${a.number} 的异常（${ANOMALY_NAMES[a.kind]}）：${resolution}`,
    });
  });
  const r = await one<Row>(ctx.pool, `${SELECT} WHERE a.id = $1`, [id]);
  return view(r);
}
