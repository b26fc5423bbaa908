// The level sweep: set-based SQL over all open cases and steps, touching only the rows whose level
// rises today. Each candidate set comes from a partial index (see the workflow and supervision
// migrations), so a sweep where nothing changes reads almost nothing, and a midnight sweep reads only
// the cases crossing a threshold that day.
import { type Pool, type Queryable, withTx } from '../../platform/db/pool.ts';
import { LEVEL_RANK, type Level } from './supervision.rules.ts';

/** SQL for the level an open case (alias c) or step (alias t) should have on day $1. */
export const CASE_TARGET_SQL = `CASE WHEN coalesce(c.promised_deadline, c.legal_deadline) < $1::date THEN 'red'
       WHEN c.warn_on <= $1::date THEN 'yellow' ELSE 'green' END`;
export const TASK_TARGET_SQL = `CASE WHEN t.due_date < $1::date THEN 'red'
       WHEN t.warn_on <= $1::date THEN 'yellow' ELSE 'green' END`;

/** 'pending' (alert it) for a rise in level, 'none' for a fall. */
export const ALERT_STATE_SQL = (oldCol: string, newCol: string) =>
  `CASE WHEN array_position(ARRAY['green','yellow','red'], ${newCol}) > array_position(ARRAY['green','yellow','red'], ${oldCol}) THEN 'pending' ELSE 'none' END`;

/** The detail text of a legal-deadline anomaly of a case (alias c). */
export const LEGAL_OVERDUE_DETAIL_SQL = `'超过法定时限：法定办结期限为 ' || to_char(c.legal_deadline, 'YYYY-MM-DD') || '，期满仍未办结'`;

/** The detail text of a step-overdue anomaly, from a step (alias t) and its case (alias c). */
export const STEP_OVERDUE_DETAIL_SQL = `'“' || t.step_name || '”环节办理期限 ' || to_char(t.due_date, 'YYYY-MM-DD') || ' 已过，办件总期限 '
       || coalesce(to_char(coalesce(c.promised_deadline, c.legal_deadline), 'YYYY-MM-DD'), '未定') || ' 尚未届满'`;

export interface SweepResult {
  /** Cases whose level changed. */
  cases: number;
  /** Open steps whose level changed. */
  tasks: number;
  /** Anomalies newly recorded (step overdue, legal deadline passed). */
  anomalies: number;
  /** Rising changes waiting for the alert job. */
  alerts: number;
}

/**
 * One sweep for day `today` (Asia/Shanghai). Paused cases and their steps keep their level; finished
 * cases are not visited. Cases and steps are independent of one another (a step's overdue check reads
 * its case's deadline, not its level), so they run at once, each in its own transaction.
 */
export async function sweepLevels(pool: Pool, today: string, now: Date): Promise<SweepResult> {
  const [cases, t] = await Promise.all([
    withTx(pool, async (tx) => {
      const c = await runArms(tx, CASE_ARMS.map(caseArmSql), today, now);
      // After the case arms: a legal deadline passes only once the case is red.
      return { ...c, legal: await checkLegalDeadlines(tx, today, now) };
    }),
    withTx(pool, (tx) => runArms(tx, TASK_ARMS.map(taskArmSql), today, now)),
  ]);
  await pool.query('UPDATE sup_sweep_state SET last_run_at = $1, last_changed = $2 WHERE id = 1', [
    now,
    cases.n + t.n,
  ]);
  return {
    cases: cases.n,
    tasks: t.n,
    anomalies: t.anomalies + cases.legal,
    alerts: cases.rising + t.rising,
  };
}

interface Arm {
  /** The level the rows have before (fixed per arm, so history needs no second read). */
  from: Level;
  /** Further condition on the rows (one partial-index range). */
  where: string;
}

// Each arm is one UPDATE over one partial index whose rows are the candidates: to red first, then to
// yellow; a row the first arm moved no longer matches the next, because every arm names the level it
// starts from. Levels only come down when a deadline moves (an approved extension, a resumed or
// restarted clock, Art. 32 moving the clock start, a calendar change recomputing it), and each of those
// is an engine event on which the case is re-evaluated at once (evaluate.ts), so the sweep needs no
// index over red or yellow rows.
const CASE_ARMS: Arm[] = [
  { from: 'green', where: `coalesce(c.promised_deadline, c.legal_deadline) < $1::date` },
  { from: 'yellow', where: `coalesce(c.promised_deadline, c.legal_deadline) < $1::date` },
  { from: 'green', where: `c.warn_on <= $1::date` },
];
const TASK_ARMS: Arm[] = [
  { from: 'green', where: `t.due_date < $1::date` },
  { from: 'yellow', where: `t.due_date < $1::date` },
  { from: 'green', where: `t.warn_on <= $1::date` },
];

function caseArmSql(arm: Arm): string {
  return `WITH upd AS (
       UPDATE wf_case c SET level = ${CASE_TARGET_SQL}
       WHERE c.status = 'open' AND c.level = '${arm.from}' AND ${arm.where} AND ${CASE_TARGET_SQL} <> '${arm.from}'
       RETURNING c.id, c.level
     ),
     hist AS (
       INSERT INTO sup_level_change (case_id, task_id, from_level, to_level, at, alert_state)
       SELECT id, NULL, '${arm.from}', level, $2, ${ALERT_STATE_SQL(`'${arm.from}'::text`, 'level')} FROM upd
       RETURNING alert_state
     )
     SELECT count(*)::int AS n, count(*) FILTER (WHERE alert_state = 'pending')::int AS rising, 0 AS anomalies FROM hist`;
}

function taskArmSql(arm: Arm): string {
  // A step going red while its case is still within the case deadline is an anomaly (环节超时).
  const anomaly =
    LEVEL_RANK[arm.from] < LEVEL_RANK.red
      ? `, anom AS (
       INSERT INTO sup_anomaly (id, case_id, task_id, kind, detail, detected_at)
       SELECT gen_random_uuid(), t.case_id, t.id, 'step_overdue', ${STEP_OVERDUE_DETAIL_SQL}, $2
       FROM upd t JOIN wf_case c ON c.id = t.case_id
       WHERE t.level = 'red' AND NOT coalesce(coalesce(c.promised_deadline, c.legal_deadline) < $1::date, false)
       ON CONFLICT DO NOTHING
       RETURNING 1
     )`
      : '';
  return `WITH paused AS MATERIALIZED (SELECT id FROM wf_case WHERE status = 'paused'),
     upd AS (
       UPDATE wf_task t SET level = ${TASK_TARGET_SQL}
       WHERE t.status = 'open' AND t.level = '${arm.from}' AND ${arm.where} AND ${TASK_TARGET_SQL} <> '${arm.from}'
         -- Open steps belong to running cases, open or paused (finishing a case closes its steps); the
         -- few paused ones are excluded through their own small index rather than a look-up per step.
         AND NOT EXISTS (SELECT 1 FROM paused WHERE paused.id = t.case_id)
       RETURNING t.id, t.case_id, t.level, t.step_name, t.due_date
     ),
     hist AS (
       INSERT INTO sup_level_change (case_id, task_id, from_level, to_level, at, alert_state)
       SELECT case_id, id, '${arm.from}', level, $2, ${ALERT_STATE_SQL(`'${arm.from}'::text`, 'level')} FROM upd
       RETURNING alert_state
     )${anomaly}
     SELECT count(*)::int AS n, count(*) FILTER (WHERE alert_state = 'pending')::int AS rising,
            ${anomaly ? '(SELECT count(*) FROM anom)::int' : '0'} AS anomalies FROM hist`;
}

async function runArms(
  tx: Queryable,
  statements: string[],
  today: string,
  now: Date,
): Promise<{ n: number; rising: number; anomalies: number }> {
  // The candidate estimates of a partial index under a date range are poor (the planner does not know
  // that green rows are the ones not yet due), so never let it fall back to reading the whole table.
  await tx.query('SET LOCAL enable_seqscan = off');
  // Those same estimates make every statement look costly enough for JIT compilation, which then
  // takes far longer than the few rows the statement really touches.
  await tx.query('SET LOCAL jit = off');
  const sum = { n: 0, rising: 0, anomalies: 0 };
  for (const sql of statements) {
    const r = await tx.query<{ n: number; rising: number; anomalies: number }>(sql, [today, now]);
    sum.n += r.rows[0]?.n ?? 0;
    sum.rising += r.rows[0]?.rising ?? 0;
    sum.anomalies += r.rows[0]?.anomalies ?? 0;
  }
  return sum;
}

/** Legal deadlines that passed since the previous sweep (超过法定时限); returns how many were new. */
async function checkLegalDeadlines(tx: Queryable, today: string, now: Date): Promise<number> {
  const state = await tx.query<{ legal_checked_through: string | null }>(
    'SELECT legal_checked_through FROM sup_sweep_state WHERE id = 1 FOR UPDATE',
  );
  const from = state.rows[0]?.legal_checked_through ?? null;
  const legal = await tx.query(
    `INSERT INTO sup_anomaly (id, case_id, task_id, kind, detail, detected_at)
     SELECT gen_random_uuid(), id, NULL, 'legal_overdue', ${LEGAL_OVERDUE_DETAIL_SQL}, $2
     FROM wf_case c
     WHERE status = 'open' AND level = 'red' AND legal_deadline < $1::date
       AND ($3::date IS NULL OR legal_deadline >= $3::date)
     ON CONFLICT DO NOTHING`,
    [today, now, from],
  );
  await tx.query(
    `UPDATE sup_sweep_state SET legal_checked_through = greatest(coalesce(legal_checked_through, $1::date), $1::date)
     WHERE id = 1`,
    [today],
  );
  return legal.rowCount ?? 0;
}
