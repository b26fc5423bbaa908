// Supervise orders for supervisors in scope: the list, and one order with its own timeline and the
// actions the caller may take now.
import type { AppContext } from '../../../platform/context.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { maybeOne, one } from '../../../platform/db/pool.ts';
import { pageWindow } from '../../../platform/http/pagination.ts';
import { orgInReach, type Principal, reachOf } from '../../../platform/http/principal.ts';
import { caseTimeline, getCase, mayActOnTask, mayReadCase } from '../../workflow/index.ts';
import { supervisionErrors } from '../supervision.errors.ts';
import { SqlParams, supervisionScope } from '../supervision.scope.ts';
import { ORDER_FROM, type OrderView, selectOrders } from './order-views.ts';

export interface OrderListQuery {
  status?: 'open' | 'replied' | 'closed';
  caseId?: string;
  orgId?: string;
  page?: number;
  pageSize?: number;
}

export async function listOrders(
  ctx: AppContext,
  principal: Principal | null | undefined,
  q: OrderListQuery,
) {
  const scope = await supervisionScope(ctx, principal, q.orgId);
  const win = pageWindow(q);
  const p = new SqlParams();
  const where = [p.scope(scope, 'o.org_path')];
  if (q.status) where.push(`o.status = ${p.add(q.status)}`);
  if (q.caseId) where.push(`o.case_id = ${p.add(q.caseId)}`);
  const sql = where.join(' AND ');
  const total = await one<{ n: number }>(
    ctx.pool,
    `SELECT count(*)::int AS n ${ORDER_FROM} WHERE ${sql}`,
    p.values,
  );
  const items = await selectOrders(ctx.pool, sql, p.values, { limit: win.pageSize, offset: win.offset });
  return { items, total: total.n, page: win.page, pageSize: win.pageSize };
}

const ACTIONS = {
  respond: [{ key: 'reply', label: '答复督办', commentRequired: true }],
  review: [
    { key: 'close', label: '办结督办', commentRequired: false },
    { key: 'reject', label: '退回重新答复', commentRequired: true },
  ],
} as const;

export async function readOrder(ctx: AppContext, principal: Principal | null | undefined, id: string) {
  if (!principal || !UUID_RE.test(id)) throw supervisionErrors.ORDER_NOT_FOUND();
  const [order] = await selectOrders(ctx.pool, 'o.id = $1', [id]);
  if (!order) throw supervisionErrors.ORDER_NOT_FOUND();
  const orgPath = (
    await one<{ org_path: string }>(ctx.pool, 'SELECT org_path FROM sup_order WHERE id = $1', [id])
  ).org_path;
  const read = reachOf(principal, 'supervision.read');
  const inScope = !!read && orgInReach(read, orgPath);
  // The unit's head handling the reply reads it through the order case.
  const orderCase = await getCase(ctx.pool, order.orderCaseId);
  if (!inScope && !(orderCase && (await mayReadCase(ctx.pool, principal, orderCase))))
    throw supervisionErrors.ORDER_NOT_FOUND();
  const task = await maybeOne<{
    step_key: 'respond' | 'review';
    assignee_type: 'role' | 'unit' | 'user';
    role_code: string | null;
    org_id: string | null;
    org_path: string | null;
    user_id: string | null;
  }>(
    ctx.pool,
    `SELECT step_key, assignee_type, role_code, org_id, org_path, user_id FROM wf_task
     WHERE case_id = $1 AND status = 'open' ORDER BY opened_at DESC LIMIT 1`,
    [order.orderCaseId],
  );
  const orderReach = reachOf(principal, 'supervision.order');
  const supervises = !!orderReach && orgInReach(orderReach, orgPath);
  const actions =
    task && (mayActOnTask(principal, task) || (task.step_key === 'review' && supervises))
      ? [...(ACTIONS[task.step_key] ?? [])]
      : [];
  const timeline = (await caseTimeline(ctx.pool, order.orderCaseId)).map((e) => ({
    at: e.at,
    title: e.title,
    stepName: e.stepName,
    comment: e.comment,
    actorName: e.actorName,
    actorOrgName: e.actorOrgName,
  }));
  return { ...order, timeline, actions } satisfies OrderView & Record<string, unknown>;
}
