// 行政许可法 Art. 32 (四): 逾期不告知的，自收到申请材料之日起即为受理. A scheduled job finds the
// applications whose acceptance step is still open (no correction pending) after the 5-working-day
// window and accepts them on the engine as the system; the case hooks date the acceptance (and the
// clock) back to the day the materials arrived and explain it on the timeline.
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { actOnTaskAsSystem, getCaseForUpdate, openTasksOf } from '../../workflow/index.ts';
import { ART32_TEXT } from '../licensing.case-type.ts';
import { acceptanceDueOn } from '../licensing.deadlines.ts';
import {
  findApplication,
  findApplicationForUpdate,
  listAcceptancesWithoutDueDate,
  listOverdueAcceptances,
  updateApplication,
} from '../licensing.repository.ts';

export const AUTO_ACCEPT_QUEUE = 'licensing.auto-accept';
const BATCH = 200;

/** Accepts every overdue application; returns the ids accepted. Safe to run in several processes. */
export async function runAutoAcceptance(ctx: AppContext): Promise<string[]> {
  const today = shanghaiDate(ctx.clock.now());
  // Windows whose end could not be computed (that year's calendar was not published yet).
  for (const app of await listAcceptancesWithoutDueDate(ctx.pool, BATCH)) {
    const due = await acceptanceDueOn(ctx, app.acceptance_window_from as string);
    if (due)
      await ctx.pool.query('UPDATE lic_application SET acceptance_due_on = $2 WHERE id = $1', [app.id, due]);
  }
  const accepted: string[] = [];
  for (;;) {
    const ids = await listOverdueAcceptances(ctx.pool, today, BATCH);
    let progressed = false;
    for (const id of ids) {
      if (accepted.includes(id)) continue;
      try {
        if (await acceptOne(ctx, id, today)) {
          accepted.push(id);
          progressed = true;
        }
      } catch (e) {
        ctx.log.error({ err: e, applicationId: id }, 'Art. 32 auto-acceptance failed');
      }
    }
    if (ids.length < BATCH || !progressed) break;
  }
  return accepted;
}

async function acceptOne(ctx: AppContext, id: string, today: string): Promise<boolean> {
  const peek = await findApplication(ctx.pool, id);
  if (!peek?.case_id) return false;
  const caseId = peek.case_id;
  return withTx(ctx.pool, async (tx) => {
    // Case row first, then the application: the order every engine action takes.
    await getCaseForUpdate(tx, caseId);
    const app = await findApplicationForUpdate(tx, id);
    if (
      !app?.acceptance_pending ||
      app.status !== 'submitted' ||
      !app.acceptance_due_on ||
      app.acceptance_due_on >= today
    ) {
      return false;
    }
    const tasks = await openTasksOf(tx, caseId);
    const task = tasks.find((t) => t.stepKey === app.acceptance_step);
    if (!task) {
      // The acceptance step is no longer open (acted on elsewhere): nothing is pending any more.
      await updateApplication(tx, app.id, { acceptancePending: false }, ctx.clock.now());
      return false;
    }
    try {
      await actOnTaskAsSystem(tx, ctx, task.id, {
        action: 'accept',
        comment: ART32_TEXT,
        data: { auto: true },
      });
    } catch (e) {
      if ((e as { code?: string }).code === 'TASK_ALREADY_HANDLED') return false;
      throw e;
    }
    return true;
  });
}
