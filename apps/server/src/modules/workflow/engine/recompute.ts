// Recomputing stored deadlines when the working-day calendar changes (a year's notice published,
// corrected or withdrawn — above all when a provisional year gets its real 国务院办公厅 notice). The
// calendar service emits `calendar.changed` in the transaction of the change; this subscriber runs as a
// job and recomputes, from their stored inputs, the legal/promised deadlines and warning day of every
// open or paused case and the due date and warning day of every open task whose computation touched the
// changed year. Batches of cases are locked in id order (the engine's lock order: case row, then its
// tasks), and only rows whose values change are written.
import { systemActor } from '../../../platform/audit/audit.ts';
import { CALENDAR_CHANGED } from '../../../platform/calendar/calendar-service.ts';
import type { AppContext } from '../../../platform/context.ts';
import { many, type Tx, withTx } from '../../../platform/db/pool.ts';
import type { DayUnit } from '../workflow.definition.ts';
import { addTimeline, type CaseRow, limitOf } from './cases.ts';
import { type CaseDeadlines, caseDeadlines, isYearMissing, stepDeadline } from './clock.ts';
import { emitCaseEvent } from './engine.ts';

export const RECOMPUTE_SUBSCRIBER = 'workflow.recompute-deadlines';
export const RECOMPUTED_TITLE = '办理期限按新公布的节假日安排重新计算';
const BATCH_SIZE = 100;

/** The stored inputs and results of a case's clock (a subset of the case row). */
type CaseClockRow = Pick<
  CaseRow,
  | 'id'
  | 'number'
  | 'case_type'
  | 'clock_started_on'
  | 'legal_days'
  | 'legal_unit'
  | 'promised_days'
  | 'promised_unit'
  | 'extended_days'
  | 'paused_days'
  | 'legal_deadline'
  | 'promised_deadline'
  | 'warn_on'
  | 'deadline_provisional'
>;

interface TaskClockRow {
  id: string;
  case_id: string;
  limit_days: number;
  limit_unit: DayUnit;
  deadline_from: string;
  due_date: string | null;
  warn_on: string | null;
  deadline_provisional: boolean;
}

export interface RecomputeResult {
  /** Cases whose stored deadline fields changed (and of these, whose deadlines moved). */
  casesChanged: number;
  casesMoved: number;
  tasksChanged: number;
  /** Rows left as they were because a year they reach can no longer be computed (logged). */
  skipped: number;
}

export function registerDeadlineRecompute(ctx: AppContext): void {
  ctx.events.subscribe(CALENDAR_CHANGED, RECOMPUTE_SUBSCRIBER, async (e) => {
    // The change may have been made in another process: never compute from a cached calendar.
    ctx.calendar.invalidate();
    const year = typeof e.payload.year === 'number' ? e.payload.year : undefined;
    await recomputeDeadlines(ctx, { year });
  });
}

/**
 * Recomputes the deadlines of running cases and open tasks. With `year`, only rows whose stored
 * computation window (from the clock start or task start to the latest stored date) touches that
 * year are visited: a walk that never reached the year cannot change when the year does.
 */
export async function recomputeDeadlines(
  ctx: AppContext,
  opts: { year?: number; batchSize?: number } = {},
): Promise<RecomputeResult> {
  const result: RecomputeResult = { casesChanged: 0, casesMoved: 0, tasksChanged: 0, skipped: 0 };
  const first = opts.year === undefined ? null : `${opts.year}-01-01`;
  const last = opts.year === undefined ? null : `${opts.year}-12-31`;
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const n = await withTx(ctx.pool, async (tx) => {
      const cases = await many<CaseClockRow>(
        tx,
        `SELECT c.id, c.number, c.case_type, c.clock_started_on, c.legal_days, c.legal_unit, c.promised_days,
                c.promised_unit, c.extended_days, c.paused_days, c.legal_deadline, c.promised_deadline,
                c.warn_on, c.deadline_provisional
         FROM wf_case c
         WHERE c.status IN ('open', 'paused') AND c.id > $1
           AND ($3::date IS NULL
                OR (c.clock_started_on IS NOT NULL AND least(c.clock_started_on, c.warn_on) <= $4::date
                    AND greatest(c.legal_deadline, c.promised_deadline, c.warn_on) >= $3::date)
                OR EXISTS (SELECT 1 FROM wf_task t
                           WHERE t.case_id = c.id AND t.status = 'open' AND t.deadline_from IS NOT NULL
                             AND t.limit_days IS NOT NULL AND least(t.deadline_from, t.warn_on) <= $4::date
                             AND greatest(t.due_date, t.warn_on) >= $3::date))
         ORDER BY c.id LIMIT $2
         FOR UPDATE OF c`,
        [after, batchSize, first, last],
      );
      if (cases.length === 0) return 0;
      after = cases[cases.length - 1]?.id as string;
      const changed = new Map<string, CaseDeadlines & { moved: boolean }>();
      for (const c of cases) {
        const d = await recomputeCase(tx, ctx, c, result);
        if (d) changed.set(c.id, d);
      }
      const stepsChanged = await recomputeTasks(
        tx,
        ctx,
        cases.map((c) => c.id),
        result,
      );
      // One event per case whose deadlines or step deadlines changed: supervision re-evaluates its
      // levels on it (the sweep only raises levels, so a deadline moved later would stay red).
      for (const c of cases) {
        const d = changed.get(c.id);
        if (!d && !stepsChanged.has(c.id)) continue;
        await emitCaseEvent(
          tx,
          ctx,
          { id: c.id, caseType: c.case_type },
          'case.deadlines_recomputed',
          {
            legalDeadline: d ? d.legalDeadline : c.legal_deadline,
            promisedDeadline: d ? d.promisedDeadline : c.promised_deadline,
            warnOn: d ? d.warnOn : c.warn_on,
            provisional: d ? d.provisional : c.deadline_provisional,
            moved: d?.moved ?? false,
            stepsChanged: stepsChanged.has(c.id),
          },
          null,
        );
      }
      return cases.length;
    });
    if (n < batchSize) break;
  }
  if (result.casesChanged + result.tasksChanged > 0) {
    await withTx(ctx.pool, (tx) =>
      ctx.audit.record(tx, systemActor, {
        action: 'case.deadlines_recompute',
        objectType: 'calendar_year',
        objectId: opts.year === undefined ? '*' : String(opts.year),
        summary: `节假日安排变更后重新计算办理期限：办件 ${result.casesChanged} 件（期限变动 ${result.casesMoved} 件），待办 ${result.tasksChanged} 项`,
      }),
    );
  }
  if (result.skipped > 0)
    ctx.log.warn({ year: opts.year, skipped: result.skipped }, 'deadline recompute skipped rows');
  return result;
}

async function recomputeCase(
  tx: Tx,
  ctx: AppContext,
  c: CaseClockRow,
  result: RecomputeResult,
): Promise<(CaseDeadlines & { moved: boolean }) | null> {
  if (!c.clock_started_on) return null;
  let d: CaseDeadlines;
  try {
    d = await caseDeadlines(ctx, {
      clockStartedOn: c.clock_started_on,
      legal: limitOf(c.legal_days, c.legal_unit),
      promised: limitOf(c.promised_days, c.promised_unit),
      extendedDays: c.extended_days,
      pausedDays: c.paused_days,
    });
  } catch (e) {
    if (!isYearMissing(e)) throw e;
    result.skipped += 1;
    ctx.log.warn({ caseId: c.id, err: (e as Error).message }, 'case deadline not recomputed');
    return null;
  }
  const moved = d.legalDeadline !== c.legal_deadline || d.promisedDeadline !== c.promised_deadline;
  if (!moved && d.warnOn === c.warn_on && d.provisional === c.deadline_provisional) return null;
  await tx.query(
    `UPDATE wf_case SET legal_deadline = $2, promised_deadline = $3, warn_on = $4, deadline_provisional = $5,
            updated_at = $6, row_version = row_version + 1
     WHERE id = $1`,
    [c.id, d.legalDeadline, d.promisedDeadline, d.warnOn, d.provisional, ctx.clock.now()],
  );
  result.casesChanged += 1;
  if (moved) {
    result.casesMoved += 1;
    const parts = [
      d.legalDeadline !== c.legal_deadline ? `法定办结期限 ${c.legal_deadline} → ${d.legalDeadline}` : null,
      d.promisedDeadline !== c.promised_deadline
        ? `承诺办结期限 ${c.promised_deadline} → ${d.promisedDeadline}`
        : null,
    ].filter(Boolean);
    await addTimeline(tx, c.id, {
      kind: 'clock',
      title: RECOMPUTED_TITLE,
      comment: parts.join('；'),
      public: false,
      data: {
        before: { legalDeadline: c.legal_deadline, promisedDeadline: c.promised_deadline, warnOn: c.warn_on },
        after: { legalDeadline: d.legalDeadline, promisedDeadline: d.promisedDeadline, warnOn: d.warnOn },
        provisional: d.provisional,
      },
      at: ctx.clock.now(),
    });
  }
  return { ...d, moved };
}

async function recomputeTasks(
  tx: Tx,
  ctx: AppContext,
  caseIds: string[],
  result: RecomputeResult,
): Promise<Set<string>> {
  const changedCases = new Set<string>();
  // Case rows are locked already; the tasks follow in the same order the engine uses.
  const tasks = await many<TaskClockRow>(
    tx,
    `SELECT id, case_id, limit_days, limit_unit, deadline_from, due_date, warn_on, deadline_provisional
     FROM wf_task
     WHERE case_id = ANY($1) AND status = 'open' AND limit_days IS NOT NULL AND limit_unit IS NOT NULL
       AND deadline_from IS NOT NULL
     ORDER BY case_id, id
     FOR UPDATE`,
    [caseIds],
  );
  for (const t of tasks) {
    let d: Awaited<ReturnType<typeof stepDeadline>>;
    try {
      d = await stepDeadline(ctx, t.deadline_from, { days: t.limit_days, unit: t.limit_unit });
    } catch (e) {
      if (!isYearMissing(e)) throw e;
      result.skipped += 1;
      ctx.log.warn({ taskId: t.id, err: (e as Error).message }, 'task deadline not recomputed');
      continue;
    }
    if (d.dueDate === t.due_date && d.warnOn === t.warn_on && d.provisional === t.deadline_provisional)
      continue;
    await tx.query(
      'UPDATE wf_task SET due_date = $2, warn_on = $3, deadline_provisional = $4 WHERE id = $1',
      [t.id, d.dueDate, d.warnOn, d.provisional],
    );
    result.tasksChanged += 1;
    changedCases.add(t.case_id);
  }
  return changedCases;
}
