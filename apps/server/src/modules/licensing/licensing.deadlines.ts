// Date arithmetic licensing adds on top of the engine's clocks: the Art. 32 acceptance window and the
// deadlines an applicant is shown before the clock has started (projected as if accepted today).
import type { AppContext } from '../../platform/context.ts';
import { CalendarYearMissingError, shanghaiDate } from '../../platform/calendar/working-days.ts';
import type { Limit } from '../workflow/index.ts';

/** 行政许可法 Art. 32 (四): the correction notice or acceptance decision is due within 5 working days. */
export const ACCEPTANCE_WINDOW_WORKING_DAYS = 5;

export function todayOf(ctx: AppContext): string {
  return shanghaiDate(ctx.clock.now());
}

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

/** The deadline of a limit counted from `from` (counting starts the next day); null when not computable. */
export async function deadlineFrom(
  ctx: AppContext,
  from: string,
  limit: Limit | null,
): Promise<string | null> {
  if (!limit) return null;
  try {
    return limit.unit === 'natural'
      ? await ctx.calendar.addNaturalDays(from, limit.days)
      : await ctx.calendar.addWorkingDays(from, limit.days);
  } catch (e) {
    if (e instanceof CalendarYearMissingError) return null;
    throw e;
  }
}
