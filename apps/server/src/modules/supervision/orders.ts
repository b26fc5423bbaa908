// Supervise orders (督办) run on the case engine as their own case type: the supervised unit's head
// replies, the supervisor reviews and closes it or sends it back. This file holds the system process
// and the hooks that keep sup_order and the supervised case's timeline in step with the order case.
import type { AppContext } from '../../platform/context.ts';
import { maybeOne, type Queryable, type Tx } from '../../platform/db/pool.ts';
import { addTimeline, ensureProcess, type ProcessDefinition, registerCaseType } from '../workflow/index.ts';

export const ORDER_CASE_TYPE = 'supervision_order';
export const ORDER_CASE_TYPE_NAME = '督办件';
export const ORDER_PROCESS_CODE = 'supervision.order';

export const ORDER_STATUS_NAMES = { open: '待答复', replied: '已答复待审核', closed: '已办结' } as const;

/**
 * 承办单位答复 (the approvers over the supervised unit; reply with the measures taken) → 监察审核
 * (the supervisors over the unit; close, or send back for a better reply) → 督办办结.
 */
export function orderProcessDefinition(): ProcessDefinition {
  return {
    start: 'respond',
    steps: [
      {
        key: 'respond',
        name: '承办单位答复',
        type: 'task',
        assignee: { type: 'role', role: 'approver' },
        actions: [{ key: 'reply', label: '答复督办', to: 'review', commentRequired: true }],
        position: { x: 80, y: 160 },
      },
      {
        key: 'review',
        name: '监察审核',
        type: 'task',
        assignee: { type: 'role', role: 'supervisor' },
        actions: [
          { key: 'close', label: '办结督办', to: 'closed' },
          { key: 'reject', label: '退回重新答复', kind: 'return', to: 'respond', commentRequired: true },
        ],
        position: { x: 320, y: 160 },
      },
      { key: 'closed', name: '督办办结', type: 'end', outcome: 'closed', position: { x: 560, y: 160 } },
    ],
  };
}

export async function ensureOrderProcess(db: Queryable): Promise<void> {
  await ensureProcess(db, {
    code: ORDER_PROCESS_CODE,
    name: '电子监察督办',
    caseType: ORDER_CASE_TYPE,
    definition: orderProcessDefinition(),
  });
}

interface OrderLink {
  id: string;
  case_id: string;
}

async function orderOfCase(tx: Tx, orderCaseId: string): Promise<OrderLink | null> {
  return maybeOne<OrderLink>(tx, 'SELECT id, case_id FROM sup_order WHERE order_case_id = $1 FOR UPDATE', [
    orderCaseId,
  ]);
}

export function registerOrderCaseType(): void {
  registerCaseType({
    type: ORDER_CASE_TYPE,
    name: ORDER_CASE_TYPE_NAME,
    async afterAction(tx: Tx, ctx: AppContext, a) {
      const order = await orderOfCase(tx, a.case.id);
      if (!order) return;
      const now = ctx.clock.now();
      if (a.action.key === 'reply') {
        await tx.query(
          `UPDATE sup_order SET status = 'replied', reply = $2, replied_at = $3, replied_by = $4 WHERE id = $1`,
          [order.id, a.comment, now, a.actorUserId],
        );
        await addTimeline(tx, order.case_id, {
          kind: 'supervision.reply',
          title: '答复电子监察督办',
          comment: a.comment,
          actorUserId: a.actorUserId,
          public: false,
          data: { orderId: order.id },
        });
      } else if (a.action.key === 'reject') {
        await tx.query(`UPDATE sup_order SET status = 'open' WHERE id = $1`, [order.id]);
        await addTimeline(tx, order.case_id, {
          kind: 'supervision.reply_returned',
          title: '督办答复被退回，须重新答复',
          comment: a.comment,
          actorUserId: a.actorUserId,
          public: false,
          data: { orderId: order.id },
        });
      }
    },
    async onCompleted(tx: Tx, ctx: AppContext, c, _outcome, actorUserId) {
      const order = await orderOfCase(tx, c.id);
      if (!order) return;
      await tx.query(`UPDATE sup_order SET status = 'closed', closed_at = $2, closed_by = $3 WHERE id = $1`, [
        order.id,
        ctx.clock.now(),
        actorUserId,
      ]);
      await addTimeline(tx, order.case_id, {
        kind: 'supervision.closed',
        title: '电子监察督办已办结',
        actorUserId,
        public: false,
        data: { orderId: order.id },
      });
    },
  });
}
