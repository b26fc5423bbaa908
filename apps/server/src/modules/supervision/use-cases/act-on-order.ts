// Acting on a supervise order: the unit's head replies (答复督办); a supervisor in scope closes it
// (办结督办) or sends it back (退回重新答复). The order case's open task carries the action, so the
// engine's checks, timeline, events and audit apply as to any other task.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { maybeOne, withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { orgInReach, type Principal, reachOf } from '../../../platform/http/principal.ts';
import { actOnTask, actOnTaskAsSystem, getCase, mayActOnTask, mayReadCase } from '../../workflow/index.ts';
import { supervisionErrors } from '../supervision.errors.ts';
import { type OrderView, selectOrders } from './order-views.ts';

export interface OrderActionInput {
  action: 'reply' | 'close' | 'reject';
  comment?: string;
}

const STEP_OF_ACTION = { reply: 'respond', close: 'review', reject: 'review' } as const;

export async function actOnOrder(
  ctx: AppContext,
  principal: Principal | null | undefined,
  orderId: string,
  input: OrderActionInput,
  actor: Actor,
): Promise<OrderView> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  if (!UUID_RE.test(orderId)) throw supervisionErrors.ORDER_NOT_FOUND();
  const order = await maybeOne<{ id: string; order_case_id: string; org_path: string; status: string }>(
    ctx.pool,
    'SELECT id, order_case_id, org_path, status FROM sup_order WHERE id = $1',
    [orderId],
  );
  if (!order) throw supervisionErrors.ORDER_NOT_FOUND();
  const task = await maybeOne<{
    id: string;
    step_key: string;
    assignee_type: 'role' | 'unit' | 'user';
    role_code: string | null;
    org_id: string | null;
    org_path: string | null;
    user_id: string | null;
  }>(
    ctx.pool,
    `SELECT id, step_key, assignee_type, role_code, org_id, org_path, user_id FROM wf_task
     WHERE case_id = $1 AND status = 'open' ORDER BY opened_at DESC LIMIT 1`,
    [order.order_case_id],
  );
  const mayAct = !!task && mayActOnTask(principal, task);
  const orderReach = reachOf(principal, 'supervision.order');
  const supervises = !!orderReach && orgInReach(orderReach, order.org_path);
  const readReach = reachOf(principal, 'supervision.read');
  if (!mayAct && !supervises && !(readReach && orgInReach(readReach, order.org_path))) {
    // The unit's head who handled it still sees it (and learns it is closed) through the order case.
    const oc = await getCase(ctx.pool, order.order_case_id);
    if (!oc || !(await mayReadCase(ctx.pool, principal, oc))) throw supervisionErrors.ORDER_NOT_FOUND();
  }
  if (order.status === 'closed' || !task) throw supervisionErrors.ORDER_CLOSED();
  if (task.step_key !== STEP_OF_ACTION[input.action])
    throw supervisionErrors.ACTION_NOT_ALLOWED(
      'action',
      task.step_key === 'respond' ? '督办件正等待承办单位答复' : '督办件已答复，正等待监察审核',
    );
  const act = { action: input.action, comment: input.comment ?? null };
  if (mayAct) {
    await actOnTask(ctx, principal, task.id, act, actor);
  } else if (task.step_key === 'review' && supervises) {
    // A supervisor without the task.handle permission still reviews the orders they issue: the
    // engine applies the action for them and the audit names them.
    await withTx(ctx.pool, async (tx) => {
      await actOnTaskAsSystem(tx, ctx, task.id, act);
      if (input.action === 'close')
        await tx.query('UPDATE sup_order SET closed_by = $2 WHERE id = $1', [order.id, principal.userId]);
      await ctx.audit.record(tx, actor, {
        action: `supervision.order.${input.action}`,
        objectType: 'sup_order',
        objectId: order.id,
        summary: input.action === 'close' ? '办结督办' : `退回督办答复：${input.comment ?? ''}`,
      });
    });
  } else {
    throw platformErrors.FORBIDDEN();
  }
  const [view] = await selectOrders(ctx.pool, 'o.id = $1', [order.id]);
  if (!view) throw platformErrors.INTERNAL();
  return view;
}
