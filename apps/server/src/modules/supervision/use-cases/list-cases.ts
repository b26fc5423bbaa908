// The drill-down list: cases in scope by level, unit and case type, most urgent first, with how many
// working days each is past its deadline.
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { containsPattern } from '../../../platform/db/like.ts';
import { many, one } from '../../../platform/db/pool.ts';
import { pageWindow } from '../../../platform/http/pagination.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { caseTypeName, statusName } from '../../workflow/index.ts';
import type { Level } from '../supervision.rules.ts';
import { SqlParams, supervisionScope } from '../supervision.scope.ts';

export interface SupervisedCaseQuery {
  level?: Level;
  orgId?: string;
  caseType?: string;
  status?: 'open' | 'paused' | 'completed' | 'cancelled';
  q?: string;
  page?: number;
  pageSize?: number;
}

type Status = 'open' | 'paused' | 'completed' | 'cancelled';

interface Row {
  id: string;
  number: string;
  case_type: string;
  subject: string;
  org_id: string;
  org_name: string;
  level: Level;
  due: string | null;
  legal_deadline: string | null;
  promised_deadline: string | null;
  warn_on: string | null;
  status: Status;
  pause_kind: string | null;
  received_on: string;
  completed_at: Date | null;
  current_steps: { key: string; name: string }[];
  open_orders: number;
}

export async function listSupervisedCases(
  ctx: AppContext,
  principal: Principal | null | undefined,
  q: SupervisedCaseQuery,
) {
  const scope = await supervisionScope(ctx, principal, q.orgId);
  const win = pageWindow(q);
  const p = new SqlParams();
  const where = [p.scope(scope, 'c.org_path')];
  where.push(q.status ? `c.status = ${p.add(q.status)}` : `c.status IN ('open', 'paused')`);
  if (q.level) where.push(`c.level = ${p.add(q.level)}`);
  if (q.caseType) where.push(`c.case_type = ${p.add(q.caseType)}`);
  const text = q.q?.trim();
  if (text) {
    const like = containsPattern(text);
    where.push(`(c.number ILIKE ${p.add(like)} OR c.subject ILIKE ${p.add(like)})`);
  }
  const sql = where.join(' AND ');
  const total = await one<{ n: number }>(
    ctx.pool,
    `SELECT count(*)::int AS n FROM wf_case c WHERE ${sql}`,
    p.values,
  );
  const rows = await many<Row>(
    ctx.pool,
    `SELECT c.id, c.number, c.case_type, c.subject, c.org_id, o.name AS org_name, c.level,
            to_char(coalesce(c.promised_deadline, c.legal_deadline), 'YYYY-MM-DD') AS due,
            to_char(c.legal_deadline, 'YYYY-MM-DD') AS legal_deadline,
            to_char(c.promised_deadline, 'YYYY-MM-DD') AS promised_deadline,
            to_char(c.warn_on, 'YYYY-MM-DD') AS warn_on, c.status, c.received_on, c.completed_at,
            (SELECT kind FROM wf_pause pz WHERE pz.case_id = c.id AND pz.ended_on IS NULL LIMIT 1) AS pause_kind,
            coalesce((
              SELECT json_agg(json_build_object('key', x.step_key, 'name', x.step_name) ORDER BY x.opened_at)
              FROM (SELECT DISTINCT ON (step_key) step_key, step_name, opened_at FROM (
                      SELECT step_key, step_name, opened_at FROM wf_task WHERE case_id = c.id AND status = 'open'
                      UNION ALL
                      SELECT step_key, step_name, opened_at FROM wf_wait WHERE case_id = c.id AND status = 'open') u
                    ORDER BY step_key, opened_at) x), '[]'::json) AS current_steps,
            (SELECT count(*)::int FROM sup_order so WHERE so.case_id = c.id AND so.status <> 'closed') AS open_orders
     FROM wf_case c JOIN idn_org o ON o.id = c.org_id
     WHERE ${sql}
     ORDER BY array_position(ARRAY['red','yellow','green'], c.level),
              coalesce(c.promised_deadline, c.legal_deadline) NULLS LAST, c.number
     LIMIT ${win.pageSize} OFFSET ${win.offset}`,
    p.values,
  );
  const today = shanghaiDate(ctx.clock.now());
  const items = [];
  for (const r of rows) {
    // Past the deadline: as of today while running, as of the completion day once completed.
    const asOf = r.completed_at ? shanghaiDate(r.completed_at) : today;
    let daysOverdue = 0;
    if (r.due && asOf > r.due && r.status !== 'cancelled') {
      try {
        daysOverdue = await ctx.calendar.countWorkingDays(r.due, asOf);
      } catch {
        daysOverdue = 0;
      }
    }
    items.push({
      caseId: r.id,
      caseNumber: r.number,
      caseType: r.case_type,
      caseTypeName: caseTypeName(r.case_type),
      subject: r.subject,
      orgId: r.org_id,
      orgName: r.org_name,
      level: r.level,
      dueDate: r.due,
      legalDeadline: r.legal_deadline,
      promisedDeadline: r.promised_deadline,
      warnOn: r.warn_on,
      status: r.status,
      statusName: statusName(r.status, r.pause_kind),
      currentStep: r.current_steps.map((s) => s.name).join('、') || null,
      currentSteps: r.current_steps,
      daysOverdue,
      receivedOn: r.received_on,
      openOrders: r.open_orders,
    });
  }
  return { items, total: total.n, page: win.page, pageSize: win.pageSize };
}
