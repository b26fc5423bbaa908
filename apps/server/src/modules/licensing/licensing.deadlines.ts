// The Art. 32 acceptance window licensing adds on top of the engine's clocks. The deadlines an
// applicant is shown before acceptance come from the engine (projectedDeadline), so they are the ones
// the case gets when accepted on the day of receipt.
import { CalendarYearMissingError } from '../../platform/calendar/working-days.ts';
import type { AppContext } from '../../platform/context.ts';

/** 行政许可法 Art. 32 (四): the correction notice or acceptance decision is due within 5 working days. */
export const ACCEPTANCE_WINDOW_WORKING_DAYS = 5;

/** The last day of the acceptance window opened on `from`; null when that year's calendar is not published. */
export async function acceptanceDueOn(ctx: AppContext, from: string): Promise<string | null> {
  try {
    return await ctx.calendar.addWorkingDays(from, ACCEPTANCE_WINDOW_WORKING_DAYS);
  } catch (e) {
    if (e instanceof CalendarYearMissingError) {
      ctx.log.warn({ from, year: e.year }, 'acceptance window: calendar year missing');
      return null;
    }
    throw e;
  }
}
