// Reading supervise orders: one SELECT shape for the list and the detail.
import { many, type Queryable } from '../../../platform/db/pool.ts';
import { ORDER_STATUS_NAMES } from '../orders.ts';
import type { Level } from '../supervision.rules.ts';

export interface OrderView {
  id: string;
  caseId: string;
  caseNumber: string;
  subject: string;
  orderCaseId: string;
  orderCaseNumber: string;
  orgId: string;
  orgName: string;
  deadline: string;
  content: string;
  status: 'open' | 'replied' | 'closed';
  statusName: string;
  level: Level;
  currentStep: string | null;
  reply: string | null;
  repliedAt: string | null;
  repliedByName: string | null;
  issuedAt: string;
  issuedByName: string | null;
  closedAt: string | null;
  closedByName: string | null;
}

interface OrderRow {
  id: string;
  case_id: string;
  case_number: string;
  subject: string;
  order_case_id: string;
  order_case_number: string;
  org_id: string;
  org_name: string;
  deadline: string;
  content: string;
  status: OrderView['status'];
  level: Level;
  current_step: string | null;
  reply: string | null;
  replied_at: Date | null;
  replied_by_name: string | null;
  issued_at: Date;
  issued_by_name: string | null;
  closed_at: Date | null;
  closed_by_name: string | null;
}

export const ORDER_FROM = `FROM sup_order o
  JOIN wf_case c ON c.id = o.case_id
  JOIN wf_case oc ON oc.id = o.order_case_id
  JOIN idn_org org ON org.id = o.org_id`;

export async function selectOrders(
  db: Queryable,
  where: string,
  params: unknown[],
  page: { limit: number; offset: number } = { limit: 1, offset: 0 },
): Promise<OrderView[]> {
  const rows = await many<OrderRow>(
    db,
    `SELECT o.id, o.case_id, c.number AS case_number, c.subject, o.order_case_id, oc.number AS order_case_number,
            o.org_id, org.name AS org_name, to_char(o.deadline, 'YYYY-MM-DD') AS deadline, o.content, o.status,
            oc.level,
            (SELECT string_agg(t.step_name, '、' ORDER BY t.opened_at) FROM wf_task t
              WHERE t.case_id = o.order_case_id AND t.status = 'open') AS current_step,
            o.reply, o.replied_at, ru.display_name AS replied_by_name, o.issued_at, iu.display_name AS issued_by_name,
            o.closed_at, cu.display_name AS closed_by_name
     ${ORDER_FROM}
     LEFT JOIN idn_user ru ON ru.id = o.replied_by
     LEFT JOIN idn_user iu ON iu.id = o.issued_by
     LEFT JOIN idn_user cu ON cu.id = o.closed_by
     WHERE ${where}
     ORDER BY o.issued_at DESC, o.id DESC
     LIMIT ${page.limit} OFFSET ${page.offset}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    subject: r.subject,
    orderCaseId: r.order_case_id,
    orderCaseNumber: r.order_case_number,
    orgId: r.org_id,
    orgName: r.org_name,
    deadline: r.deadline,
    content: r.content,
    status: r.status,
    statusName: ORDER_STATUS_NAMES[r.status],
    level: r.level,
    currentStep: r.current_step,
    reply: r.reply,
    repliedAt: r.replied_at?.toISOString() ?? null,
    repliedByName: r.replied_by_name,
    issuedAt: r.issued_at.toISOString(),
    issuedByName: r.issued_by_name,
    closedAt: r.closed_at?.toISOString() ?? null,
    closedByName: r.closed_by_name,
  }));
}
