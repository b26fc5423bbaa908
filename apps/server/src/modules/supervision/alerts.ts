// Alerts (预警纠错): when a case or one of its steps turns yellow or red, the people who can act on it,
// the unit's head (审批负责人) and the supervisors whose scope reaches the unit get one in-app message
// per case and batch; red also goes by SMS and email to those with a number or address on file.
// Each rising level change is alerted exactly once (sup_level_change.alert_state pending → sent).
import type { AppContext } from '../../platform/context.ts';
import { many, type Tx, withTx } from '../../platform/db/pool.ts';
import { enqueueJob } from '../../platform/jobs/jobs.ts';
import { taskHandlersSql } from '../workflow/index.ts';
import { LEVEL_NAMES, LEVEL_RANK, type Level } from './supervision.rules.ts';

export const ALERT_QUEUE = 'supervision.alerts';
const BATCH = 200;

interface PendingRow {
  id: number;
  case_id: string;
  task_id: string | null;
  to_level: Level;
}

interface CaseInfo {
  id: string;
  number: string;
  subject: string;
  org_path: string;
  org_name: string;
  status: string;
  due: string | null;
}

interface Recipient {
  id: string;
  phone_enc: string | null;
  email: string | null;
}

/** Asks the alert job to run (in the caller's transaction, so it runs only if the change commits). */
export async function scheduleAlerts(db: Parameters<typeof enqueueJob>[0]): Promise<void> {
  await enqueueJob(db, ALERT_QUEUE, {}, { singletonKey: ALERT_QUEUE });
}

/**
 * Sends the alerts of up to BATCH pending level changes. Returns how many changes were handled; the
 * job calls it again while it fills a batch.
 */
export async function deliverPendingAlerts(ctx: AppContext): Promise<number> {
  return withTx(ctx.pool, async (tx) => {
    const pending = await many<PendingRow>(
      tx,
      `SELECT id, case_id, task_id, to_level FROM sup_level_change WHERE alert_state = 'pending'
       ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [BATCH],
    );
    if (pending.length === 0) return 0;
    const byCase = new Map<string, PendingRow[]>();
    for (const p of pending) byCase.set(p.case_id, [...(byCase.get(p.case_id) ?? []), p]);
    const cases = await many<CaseInfo>(
      tx,
      `SELECT c.id, c.number, c.subject, c.org_path, o.name AS org_name, c.status,
              to_char(coalesce(c.promised_deadline, c.legal_deadline), 'YYYY-MM-DD') AS due
       FROM wf_case c JOIN idn_org o ON o.id = c.org_id WHERE c.id = ANY($1)`,
      [[...byCase.keys()]],
    );
    const sent: number[] = [];
    const dropped: number[] = [];
    for (const c of cases) {
      const changes = byCase.get(c.id) ?? [];
      // A case finished or withdrawn before the alert went out needs no warning any more.
      if (c.status !== 'open' && c.status !== 'paused') {
        dropped.push(...changes.map((x) => x.id));
        continue;
      }
      await alertCase(ctx, tx, c, changes);
      sent.push(...changes.map((x) => x.id));
    }
    await tx.query(`UPDATE sup_level_change SET alert_state = 'sent' WHERE id = ANY($1::bigint[])`, [sent]);
    await tx.query(`UPDATE sup_level_change SET alert_state = 'none' WHERE id = ANY($1::bigint[])`, [
      dropped,
    ]);
    return pending.length;
  });
}

async function alertCase(ctx: AppContext, tx: Tx, c: CaseInfo, changes: PendingRow[]): Promise<void> {
  const stepIds = changes.map((x) => x.task_id).filter((x): x is string => !!x);
  // The steps concerned: those that changed, or for a change of the whole case, every open step.
  const steps = await many<{ id: string; step_name: string; due_date: string | null; level: Level }>(
    tx,
    `SELECT id, step_name, to_char(due_date, 'YYYY-MM-DD') AS due_date, level FROM wf_task
     WHERE case_id = $1 AND (id = ANY($2) OR ($3 AND status = 'open'))`,
    [c.id, stepIds, changes.some((x) => !x.task_id)],
  );
  const recipients = await recipientsOf(
    ctx,
    tx,
    c,
    steps.map((s) => s.id),
  );
  if (recipients.length === 0) return;

  const worst = changes.reduce<Level>(
    (w, x) => (LEVEL_RANK[x.to_level] > LEVEL_RANK[w] ? x.to_level : w),
    'green',
  );
  const whole = changes.find((x) => !x.task_id);
  const title =
    worst === 'red' ? `【红灯纠错】办件 ${c.number} 已超过办理期限` : `【黄灯预警】办件 ${c.number} 即将到期`;
  const lines = [
    `办件：${c.number}（${c.subject}）`,
    `办理单位：${c.org_name}`,
    `办结期限：${c.due ?? '未定'}`,
  ];
  if (whole) lines.push(`办件监察状态：${LEVEL_NAMES[whole.to_level]}`);
  for (const x of changes.filter((y) => y.task_id)) {
    const s = steps.find((y) => y.id === x.task_id);
    if (s) lines.push(`“${s.step_name}”环节：${LEVEL_NAMES[x.to_level]}（环节期限 ${s.due_date ?? '未定'}）`);
  }
  lines.push(worst === 'red' ? '请立即办理并说明超期原因。' : '请抓紧办理，避免超期。');
  const body = lines.join('\n');
  const link = `/console/cases/${c.id}`;
  for (const r of recipients) {
    await ctx.notify.inbox(tx, { userId: r.id, title, body, link });
    if (worst !== 'red') continue;
    const sms = `【电子监察】办件${c.number}已超过办理期限（${c.due ?? '未定'}），请立即办理。`;
    if (r.phone_enc) {
      try {
        await ctx.notify.sms(tx, { to: ctx.pii.decrypt(r.phone_enc), body: sms });
      } catch (e) {
        // A landline or an unreadable number: the in-app message still reaches them.
        ctx.log.warn({ err: (e as Error).message, userId: r.id }, 'supervision alert: no SMS');
      }
    }
    if (r.email) {
      try {
        await ctx.notify.email(tx, { to: r.email, subject: title, body });
      } catch (e) {
        ctx.log.warn({ err: (e as Error).message, userId: r.id }, 'supervision alert: no email');
      }
    }
  }
}

/**
 * Who hears about a case: the possible handlers of the steps (the engine's rule, taskHandlersSql),
 * the approvers (unit heads) and the supervisors whose scope reaches the case's unit.
 */
async function recipientsOf(_ctx: AppContext, tx: Tx, c: CaseInfo, taskIds: string[]): Promise<Recipient[]> {
  return many<Recipient>(
    tx,
    `WITH t AS (SELECT * FROM wf_task WHERE id = ANY($1)),
     ids AS (
       ${taskHandlersSql('t')}
       UNION
       SELECT a.user_id FROM idn_role r
         JOIN idn_role_assignment a ON a.role_id = r.id
         LEFT JOIN idn_org so ON so.id = a.scope_org_id
       WHERE r.code IN ('approver', 'supervisor')
         AND (a.scope = 'platform' OR (a.scope = 'org' AND starts_with($2, so.path)))
     )
     SELECT u.id, u.phone_enc, u.email FROM idn_user u JOIN ids ON ids.user_id = u.id
     WHERE u.kind = 'staff' AND u.status = 'active' ORDER BY u.id`,
    [taskIds, c.org_path],
  );
}
