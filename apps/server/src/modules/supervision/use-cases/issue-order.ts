// A supervisor issues a supervise order (督办) on a case in scope: an order case opens on the engine
// for the unit's head to reply by the deadline, and the supervised case's timeline records it.
import type { Actor } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { maybeOne, withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { orgInReach, type Principal, requireReach } from '../../../platform/http/principal.ts';
import { addTimeline, getCaseForUpdate, openCase } from '../../workflow/index.ts';
import { ORDER_CASE_TYPE, ORDER_PROCESS_CODE } from '../orders.ts';
import { supervisionErrors } from '../supervision.errors.ts';
import { type OrderView, selectOrders } from './order-views.ts';

export interface IssueOrderInput {
  caseId: string;
  deadline: string;
  content: string;
}

export async function issueOrder(
  ctx: AppContext,
  principal: Principal | null | undefined,
  input: IssueOrderInput,
  actor: Actor,
): Promise<OrderView> {
  const reach = requireReach(principal, 'supervision.order');
  const user = principal as Principal;
  const content = input.content.trim();
  if (!content) throw supervisionErrors.CONTENT_REQUIRED('content');
  const today = shanghaiDate(ctx.clock.now());
  if (input.deadline <= today) throw supervisionErrors.DEADLINE_INVALID('deadline');
  let days: number;
  try {
    days = await ctx.calendar.countWorkingDays(today, input.deadline);
  } catch {
    throw supervisionErrors.DEADLINE_INVALID(
      'deadline',
      '督办期限所在年份的节假日安排尚未发布，无法计算期限',
    );
  }
  if (days < 1) throw supervisionErrors.DEADLINE_INVALID('deadline');

  const orderId = await withTx(ctx.pool, async (tx) => {
    const c = await getCaseForUpdate(tx, input.caseId);
    if (!c || !orgInReach(reach, c.orgPath)) throw supervisionErrors.CASE_NOT_FOUND('caseId');
    if (c.status === 'completed' || c.status === 'cancelled') throw supervisionErrors.CASE_CLOSED('caseId');
    const open = await maybeOne(tx, `SELECT 1 FROM sup_order WHERE case_id = $1 AND status <> 'closed'`, [
      c.id,
    ]);
    if (open) throw supervisionErrors.ORDER_OPEN('caseId');
    const id = newId();
    const limit = { days, unit: 'working' as const };
    const opened = await openCase(tx, ctx, {
      caseType: ORDER_CASE_TYPE,
      processCode: ORDER_PROCESS_CODE,
      orgId: c.orgId,
      subject: `督办：${c.number} ${c.subject}`.slice(0, 200),
      refType: 'sup_order',
      refId: id,
      data: { supervisedCaseId: c.id, supervisedCaseNumber: c.number, deadline: input.deadline, content },
      legal: limit,
      promised: limit,
      clockStartsOn: today,
      actorUserId: user.userId,
    });
    await tx.query(
      `INSERT INTO sup_order (id, case_id, order_case_id, org_id, org_path, deadline, content, issued_by, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, c.id, opened.case.id, c.orgId, c.orgPath, input.deadline, content, user.userId, ctx.clock.now()],
    );
    await addTimeline(tx, c.id, {
      kind: 'supervision.order',
      title: `电子监察督办：请于 ${input.deadline} 前答复（督办件 ${opened.case.number}）`,
      comment: content,
      actorUserId: user.userId,
      public: false,
      data: { orderId: id, orderCaseId: opened.case.id, deadline: input.deadline },
    });
    await ctx.audit.record(tx, actor, {
      action: 'supervision.order.issue',
      objectType: 'sup_order',
      objectId: id,
      summary: `对办件 ${c.number} 发出督办，答复期限 ${input.deadline}`,
    });
    return id;
  });
  const [view] = await selectOrders(ctx.pool, 'o.id = $1', [orderId]);
  if (!view) throw platformErrors.INTERNAL();
  return view;
}
