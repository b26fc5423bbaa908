// Re-evaluating one case at once, on every engine event: its level and its steps' levels, the verdict
// of a completed case, and the anomalies its history shows. The sweep does the same for all cases
// in bulk, but only for time passing; this also sees completion, refusals and deadlines that moved.

import { shanghaiDate } from '../../platform/calendar/working-days.ts';
import type { AppContext } from '../../platform/context.ts';
import { newId } from '../../platform/db/ids.ts';
import { many, maybeOne, type Queryable, type Tx } from '../../platform/db/pool.ts';
import {
  ACCEPT_ACTION,
  type AnomalyKind,
  DECISION_OUTCOMES,
  LEVEL_RANK,
  type Level,
  levelOn,
  REFUSAL_ACTIONS,
  REFUSAL_OUTCOMES,
} from './supervision.rules.ts';

interface CaseRow {
  id: string;
  number: string;
  case_type: string;
  org_id: string;
  org_path: string;
  subject: string;
  status: 'open' | 'paused' | 'completed' | 'cancelled';
  outcome: string | null;
  level: Level;
  warn_on: string | null;
  promised_deadline: string | null;
  legal_deadline: string | null;
  clock_started_on: string | null;
  paused_days: number;
  completed_at: Date | null;
  process_version_id: string;
}

interface TaskRow {
  id: string;
  step_name: string;
  status: 'open' | 'done' | 'cancelled';
  level: Level;
  due_date: string | null;
  warn_on: string | null;
  action: string | null;
  comment: string | null;
  acted_at: Date | null;
}

export interface EvaluateResult {
  /** Level changes recorded (case and steps). */
  changes: number;
  /** Rising changes waiting for an alert. */
  alerts: number;
  /** Anomalies newly recorded. */
  anomalies: number;
}

/** Records an anomaly once per case, kind and step; returns true when it is new. */
export async function recordAnomaly(
  db: Queryable,
  a: { caseId: string; taskId?: string | null; kind: AnomalyKind; detail: string; at: Date },
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO sup_anomaly (id, case_id, task_id, kind, detail, detected_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING`,
    [newId(), a.caseId, a.taskId ?? null, a.kind, a.detail.slice(0, 1000), a.at],
  );
  return (r.rowCount ?? 0) > 0;
}

async function recordChange(
  tx: Tx,
  c: { caseId: string; taskId: string | null; from: Level; to: Level; at: Date; alert: boolean },
): Promise<void> {
  await tx.query(
    `INSERT INTO sup_level_change (case_id, task_id, from_level, to_level, at, alert_state) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      c.caseId,
      c.taskId,
      c.from,
      c.to,
      c.at,
      c.alert && LEVEL_RANK[c.to] > LEVEL_RANK[c.from] ? 'pending' : 'none',
    ],
  );
}

/** Evaluates one case in the caller's transaction. A case that does not exist is ignored. */
export async function evaluateCaseIn(tx: Tx, ctx: AppContext, caseId: string): Promise<EvaluateResult> {
  const result: EvaluateResult = { changes: 0, alerts: 0, anomalies: 0 };
  // Same lock order as the engine (case, then its tasks), so the two never deadlock.
  const c = await maybeOne<CaseRow>(
    tx,
    `SELECT id, number, case_type, org_id, org_path, subject, status, outcome, level, warn_on, promised_deadline,
            legal_deadline, clock_started_on, paused_days, completed_at, process_version_id
     FROM wf_case WHERE id = $1 FOR UPDATE`,
    [caseId],
  );
  if (!c) return result;
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const due = c.promised_deadline ?? c.legal_deadline;
  const completedOn = c.completed_at ? shanghaiDate(c.completed_at) : null;

  const change = async (taskId: string | null, from: Level, to: Level, alert: boolean) => {
    await recordChange(tx, { caseId, taskId, from, to, at: now, alert });
    result.changes += 1;
    if (alert && LEVEL_RANK[to] > LEVEL_RANK[from]) result.alerts += 1;
  };
  const anomaly = async (kind: AnomalyKind, detail: string, taskId: string | null = null) => {
    if (await recordAnomaly(tx, { caseId, taskId, kind, detail, at: now })) result.anomalies += 1;
  };

  // The case's level: running cases by today; a paused case keeps its level; a completed one ends
  // with the level it had on the day it was completed; a withdrawn one keeps its last level.
  let caseLevel = c.level;
  if (c.status === 'open' || (c.status === 'completed' && completedOn)) {
    const day = c.status === 'open' ? today : (completedOn as string);
    caseLevel = levelOn(due, c.warn_on, day);
    if (caseLevel !== c.level) {
      await tx.query('UPDATE wf_case SET level = $2 WHERE id = $1', [caseId, caseLevel]);
      await change(null, c.level, caseLevel, c.status === 'open');
    }
  }

  // Steps: open ones of a running case by today, finished ones by the day they were acted on.
  const tasks = await many<TaskRow>(
    tx,
    `SELECT id, step_name, status, level, due_date, warn_on, action, comment, acted_at
     FROM wf_task WHERE case_id = $1 ORDER BY opened_at, id`,
    [caseId],
  );
  for (const t of tasks) {
    let day: string | null = null;
    if (t.status === 'open' && c.status === 'open') day = today;
    else if (t.status === 'done' && t.acted_at) day = shanghaiDate(t.acted_at);
    if (!day) continue;
    const level = levelOn(t.due_date, t.warn_on, day);
    if (level !== t.level) {
      // Conditional: a concurrent sweep may have moved it already (then it recorded the change).
      const u = await tx.query('UPDATE wf_task SET level = $2 WHERE id = $1 AND level = $3', [
        t.id,
        level,
        t.level,
      ]);
      if ((u.rowCount ?? 0) > 0) await change(t.id, t.level, level, t.status === 'open');
    }
    // 环节超时: the step went past its own deadline while the case as a whole was still on time.
    if (level === 'red' && !(due && day > due)) {
      await anomaly(
        'step_overdue',
        `“${t.step_name}”环节办理期限 ${t.due_date} 已过，办件总期限 ${due ?? '未定'} 尚未届满`,
        t.id,
      );
    }
  }

  // 超过法定时限: still running after the legal deadline, or completed after it.
  if (c.legal_deadline) {
    if (c.status === 'open' && today > c.legal_deadline) {
      await anomaly('legal_overdue', `超过法定时限：法定办结期限为 ${c.legal_deadline}，期满仍未办结`);
    } else if (c.status === 'completed' && completedOn && completedOn > c.legal_deadline) {
      await anomaly(
        'legal_overdue',
        `超过法定时限：法定办结期限为 ${c.legal_deadline}，于 ${completedOn} 办结`,
      );
    }
  }

  // 不予受理/不予许可未说明理由: a refusing action without a comment, or the action that ended the case
  // with a refusing outcome.
  const done = tasks.filter((t) => t.status === 'done' && t.acted_at);
  const last = [...done]
    .sort((a, b) => (a.acted_at as Date).getTime() - (b.acted_at as Date).getTime())
    .at(-1);
  for (const t of done) {
    const refusing =
      (t.action && REFUSAL_ACTIONS.has(t.action)) ||
      (c.status === 'completed' && c.outcome && REFUSAL_OUTCOMES.has(c.outcome) && t === last);
    if (refusing && !(t.comment ?? '').trim()) {
      await anomaly(
        'refused_without_reason',
        `“${t.step_name}”环节作出不予受理或不予许可的决定，未说明理由`,
        t.id,
      );
    }
  }

  if (c.status === 'completed' && completedOn) {
    // 未经受理作出决定: the process offers 受理, the case reached a decision, and nobody accepted it.
    if (c.outcome && DECISION_OUTCOMES.has(c.outcome) && !done.some((t) => t.action === ACCEPT_ACTION)) {
      const offersAccept = await maybeOne(
        tx,
        `SELECT 1 FROM wf_process_version
         WHERE id = $1 AND jsonb_path_exists(definition, '$.steps[*].actions[*] ? (@.key == "accept")')`,
        [c.process_version_id],
      );
      if (offersAccept) await anomaly('missing_acceptance', '办件未经受理环节即作出许可决定');
    }
    await recordResult(tx, ctx, c, caseLevel, completedOn);
  }
  return result;
}

/** The verdict of a completed case, once: on time against the promised and the legal deadline. */
async function recordResult(tx: Tx, ctx: AppContext, c: CaseRow, finalLevel: Level, completedOn: string) {
  const due = c.promised_deadline ?? c.legal_deadline;
  let handlingDays: number | null = null;
  let limitDays: number | null = null;
  if (c.clock_started_on) {
    try {
      handlingDays = Math.max(
        0,
        (await ctx.calendar.countWorkingDays(c.clock_started_on, completedOn)) - c.paused_days,
      );
      if (due)
        limitDays = Math.max(
          0,
          (await ctx.calendar.countWorkingDays(c.clock_started_on, due)) - c.paused_days,
        );
    } catch {
      // A year without a published calendar: leave the averages without this case.
    }
  }
  await tx.query(
    `INSERT INTO sup_case_result (case_id, case_type, org_id, org_path, subject, outcome, completed_on, final_level,
                                  due_date, legal_deadline, on_time, legal_on_time, handling_days, limit_days)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (case_id) DO UPDATE SET final_level = EXCLUDED.final_level`,
    [
      c.id,
      c.case_type,
      c.org_id,
      c.org_path,
      c.subject,
      c.outcome,
      completedOn,
      finalLevel,
      due,
      c.legal_deadline,
      due ? completedOn <= due : null,
      c.legal_deadline ? completedOn <= c.legal_deadline : null,
      handlingDays,
      limitDays,
    ],
  );
}
