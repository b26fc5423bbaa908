// Deadline arithmetic for cases and tasks (DOMAIN §7.4): counting starts the day after the clock
// starts, working days follow the published calendar (调休 working weekends count), a natural-day
// period ending on a rest day moves to the next working day. A deadline that reaches a year whose
// holiday notice is not yet published is computed on the provisional calendar and marked
// `provisional`; recompute.ts recomputes it when the calendar changes.
import {
  addCalendarDays,
  CalendarYearMissingError,
  shanghaiDate,
} from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import type { Limit } from '../workflow.definition.ts';
import { workflowErrors } from '../workflow.errors.ts';

/**
 * Runs calendar maths, turning a year that is neither published nor provisionally computable (beyond
 * the provisional table) into a 422 the user can act on.
 */
export async function withCalendar<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof CalendarYearMissingError)
      throw workflowErrors.CALENDAR_YEAR_MISSING(undefined, e.message);
    throw e;
  }
}

/** Whether `e` is the engine's refusal of a calendar year it cannot compute (see withCalendar). */
export function isYearMissing(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === 'CALENDAR_YEAR_MISSING';
}

export function today(ctx: AppContext): string {
  return shanghaiDate(ctx.clock.now());
}

export function warnPercent(ctx: AppContext): number {
  const v = ctx.config.supervisionWarnPercent;
  return typeof v === 'number' && v > 0 && v < 100 ? v : 80;
}

/** The end of a period of `days` in `unit` counted from the day after `from`. */
export async function addPeriod(
  ctx: AppContext,
  from: string,
  days: number,
  unit: Limit['unit'],
): Promise<string> {
  return withCalendar(() =>
    unit === 'natural' ? ctx.calendar.addNaturalDays(from, days) : ctx.calendar.addWorkingDays(from, days),
  );
}

/**
 * The day a period turns yellow: the earlier of "warn% of the days used" and "one working day
 * before the deadline". `extraDays` are days the clock stood still (they do not count as used).
 */
export async function warnDay(
  ctx: AppContext,
  from: string,
  days: number,
  unit: Limit['unit'],
  extraDays: number,
  deadline: string,
): Promise<string> {
  return withCalendar(async () => {
    const used = Math.ceil((warnPercent(ctx) * days) / 100);
    const byShare =
      unit === 'natural'
        ? addCalendarDays(from, used + extraDays)
        : await ctx.calendar.addWorkingDays(from, used + extraDays);
    const dayBefore = await ctx.calendar.addWorkingDays(deadline, -1);
    return [byShare, dayBefore].sort()[0] as string; // ISO dates sort as text
  });
}

export interface ClockFields {
  clockStartedOn: string | null;
  legal: Limit | null;
  promised: Limit | null;
  extendedDays: number;
  pausedDays: number;
}

/** Whether results computed from `from` relied on a provisional calendar year. */
async function reliedOnProvisional(
  ctx: AppContext,
  from: string,
  results: (string | null)[],
): Promise<boolean> {
  const dates = [from, ...results.filter((d): d is string => d !== null)].sort();
  return ctx.calendar.rangeIsProvisional(dates[0] as string, dates[dates.length - 1] as string);
}

export interface CaseDeadlines {
  legalDeadline: string | null;
  promisedDeadline: string | null;
  warnOn: string | null;
  /** Some of these dates depend on a year whose holiday notice is not yet published. */
  provisional: boolean;
}

/** Legal and promised deadlines and the warning day of a case. */
export async function caseDeadlines(ctx: AppContext, c: ClockFields): Promise<CaseDeadlines> {
  if (!c.clockStartedOn)
    return { legalDeadline: null, promisedDeadline: null, warnOn: null, provisional: false };
  const start = c.clockStartedOn;
  const extra = c.extendedDays + c.pausedDays;
  const legalDeadline = c.legal ? await addPeriod(ctx, start, c.legal.days + extra, c.legal.unit) : null;
  const promisedDeadline = c.promised
    ? await addPeriod(ctx, start, c.promised.days + extra, c.promised.unit)
    : null;
  const basis = c.promised ?? c.legal;
  const basisDeadline = c.promised ? promisedDeadline : legalDeadline;
  const warnOn =
    basis && basisDeadline
      ? await warnDay(ctx, start, basis.days + c.extendedDays, basis.unit, c.pausedDays, basisDeadline)
      : null;
  const provisional = await reliedOnProvisional(ctx, start, [legalDeadline, promisedDeadline, warnOn]);
  return { legalDeadline, promisedDeadline, warnOn, provisional };
}

/**
 * The deadline of `limit` for a clock starting on `from`, exactly as caseDeadlines computes it before
 * any pause or extension; null without a limit or when the calendar cannot reach it. Licensing shows
 * it to applicants before acceptance, projected as if the clock started on the day of receipt.
 */
export async function projectedDeadline(
  ctx: AppContext,
  from: string,
  limit: Limit | null,
): Promise<string | null> {
  if (!limit) return null;
  try {
    return await addPeriod(ctx, from, limit.days, limit.unit);
  } catch (e) {
    if (isYearMissing(e)) return null;
    throw e;
  }
}

/** Due date and warning day of a task (or wait) with a step limit, counted from the day it opened. */
export async function stepDeadline(
  ctx: AppContext,
  openedOn: string,
  limit: Limit | undefined,
): Promise<{ dueDate: string | null; warnOn: string | null; provisional: boolean }> {
  if (!limit) return { dueDate: null, warnOn: null, provisional: false };
  const dueDate = await addPeriod(ctx, openedOn, limit.days, limit.unit);
  const warnOn = await warnDay(ctx, openedOn, limit.days, limit.unit, 0, dueDate);
  return { dueDate, warnOn, provisional: await reliedOnProvisional(ctx, openedOn, [dueDate, warnOn]) };
}

/**
 * Days of a pause that do not count: those after the day it started up to and including the day it
 * ended, in the unit of the case's period (working days unless the case counts natural days).
 * Days before the clock started never count anyway.
 */
export async function pausedDaysBetween(
  ctx: AppContext,
  startedOn: string,
  endedOn: string,
  unit: Limit['unit'],
): Promise<number> {
  if (endedOn <= startedOn) return 0;
  if (unit === 'natural') {
    const a = Date.parse(`${startedOn}T00:00:00Z`);
    const b = Date.parse(`${endedOn}T00:00:00Z`);
    return Math.round((b - a) / 86_400_000);
  }
  return withCalendar(() => ctx.calendar.countWorkingDays(startedOn, endedOn));
}
