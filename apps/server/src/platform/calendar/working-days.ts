// Deadline arithmetic over the published holiday calendar (DOMAIN §7.4).
//
// Everything here works on plain 'YYYY-MM-DD' calendar dates that are already in Asia/Shanghai: a
// statutory period is counted in days of the office's calendar, not in hours, so no time-zone maths
// belongs inside the counting. Callers turn an instant into a date once, with `shanghaiDate`.
//
// Years without a published 国务院办公厅 notice are refused rather than guessed: a guessed deadline
// that silently ignores next year's 春节 would be wrong by a week and nobody would notice.

export interface CalendarYear {
  /** Statutory rest days (法定节假日 and the 调休 days off around them), date → holiday name. */
  readonly holidays: ReadonlyMap<string, string>;
  /** Saturdays/Sundays declared working days (调休上班), date → label such as '春节调休上班'. */
  readonly workdays: ReadonlyMap<string, string>;
}

export interface CalendarData {
  readonly years: ReadonlyMap<number, CalendarYear>;
}

export interface CalendarDayEntry {
  readonly date: string;
  readonly name: string;
}

/** One year's notice as stored (seed file or database rows). */
export interface CalendarYearSeed {
  readonly year: number;
  readonly holidays: readonly CalendarDayEntry[];
  readonly makeupWorkdays: readonly CalendarDayEntry[];
}

export class CalendarYearMissingError extends Error {
  readonly year: number;
  readonly code = 'CALENDAR_YEAR_MISSING';

  constructor(year: number) {
    super(`${year}年的节假日安排尚未发布，无法计算期限`);
    this.name = 'CalendarYearMissingError';
    this.year = year;
  }
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a strictly valid 'YYYY-MM-DD' string; throws on anything else. */
function toDayNumber(date: string): number {
  const m = DATE_PATTERN.exec(date);
  if (m === null) {
    throw new RangeError(`日期格式应为 YYYY-MM-DD：${date}`);
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 02-30 over to 03-02; a round trip catches every impossible date.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new RangeError(`日期不存在：${date}`);
  }
  return ms / MS_PER_DAY;
}

function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

function yearOf(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function requireInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`${what}必须是整数：${n}`);
  }
}

function isWorkingDayNumber(cal: CalendarData, dayNumber: number): boolean {
  const year = yearOf(dayNumber);
  const entry = cal.years.get(year);
  if (entry === undefined) {
    throw new CalendarYearMissingError(year);
  }
  const date = fromDayNumber(dayNumber);
  if (entry.workdays.has(date)) return true;
  if (entry.holidays.has(date)) return false;
  const weekday = weekdayOf(dayNumber);
  return weekday !== 0 && weekday !== 6;
}

const shanghaiFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Asia/Shanghai on which `instant` falls. */
export function shanghaiDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) {
    throw new RangeError('无效的时间');
  }
  const parts = shanghaiFormatter.formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Throws a RangeError unless `date` is a real 'YYYY-MM-DD' calendar date. */
export function assertIsoDate(date: string): void {
  toDayNumber(date);
}

/** Plain calendar arithmetic, no holidays involved. */
export function addCalendarDays(date: string, n: number): string {
  requireInteger(n, '天数');
  return fromDayNumber(toDayNumber(date) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return weekdayOf(toDayNumber(date));
}

/**
 * Builds the in-memory calendar from stored notices, refusing contradictory data (a date both off and
 * on, a date filed under the wrong year, a 调休上班 day that is not a weekend) because every deadline
 * computed from it would inherit the mistake.
 */
export function buildCalendarData(seeds: Iterable<CalendarYearSeed>): CalendarData {
  const years = new Map<number, CalendarYear>();
  for (const seed of seeds) {
    if (years.has(seed.year)) {
      throw new Error(`${seed.year}年的节假日安排重复`);
    }
    const holidays = new Map<string, string>();
    const workdays = new Map<string, string>();
    for (const { date, name } of seed.holidays) {
      if (yearOf(toDayNumber(date)) !== seed.year) {
        throw new Error(`节假日 ${date} 不属于${seed.year}年`);
      }
      holidays.set(date, name);
    }
    for (const { date, name } of seed.makeupWorkdays) {
      const dayNumber = toDayNumber(date);
      if (yearOf(dayNumber) !== seed.year) {
        throw new Error(`调休上班日 ${date} 不属于${seed.year}年`);
      }
      if (holidays.has(date)) {
        throw new Error(`${date} 不能既是节假日又是调休上班日`);
      }
      const weekday = weekdayOf(dayNumber);
      if (weekday !== 0 && weekday !== 6) {
        throw new Error(`调休上班日 ${date} 不是周末`);
      }
      workdays.set(date, name);
    }
    years.set(seed.year, { holidays, workdays });
  }
  return { years };
}

/** Mon–Fri that is not a holiday, or a 调休上班 weekend day. */
export function isWorkingDay(cal: CalendarData, date: string): boolean {
  return isWorkingDayNumber(cal, toDayNumber(date));
}

/**
 * The date of the n-th working day after `from`. The day of `from` itself is never counted
 * (民法典 第二百零一条: 期间自次日开始计算), whether or not it is a working day; n = 0 returns `from`.
 * A negative n walks backwards and returns the |n|-th working day before `from` (for early warnings
 * such as "2 working days before the deadline").
 */
export function addWorkingDays(cal: CalendarData, from: string, n: number): string {
  requireInteger(n, '工作日天数');
  let day = toDayNumber(from);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  while (remaining > 0) {
    day += step;
    if (isWorkingDayNumber(cal, day)) remaining -= 1;
  }
  return fromDayNumber(day);
}

/**
 * Working days d with fromExclusive < d ≤ toInclusive, so that
 * countWorkingDays(cal, from, addWorkingDays(cal, from, n)) === n. When `toInclusive` is earlier than
 * `fromExclusive` the result is the negated count of the reversed range, which lets a caller show
 * "overdue by k working days" with the same call it uses for "k working days left".
 */
export function countWorkingDays(cal: CalendarData, fromExclusive: string, toInclusive: string): number {
  const from = toDayNumber(fromExclusive);
  const to = toDayNumber(toInclusive);
  if (to < from) return -countWorkingDays(cal, toInclusive, fromExclusive);
  let count = 0;
  for (let day = from + 1; day <= to; day += 1) {
    if (isWorkingDayNumber(cal, day)) count += 1;
  }
  return count;
}

/**
 * A natural-day period (e.g. 信访工作条例 time limits): `from` + n calendar days; when that last day is a
 * rest day (holiday, or a weekend that is not 调休上班) the period ends on the next working day
 * (民法典 第二百零三条). n = 0 returns `from` unchanged: there is no period to extend.
 */
export function addNaturalDays(cal: CalendarData, from: string, n: number): string {
  requireInteger(n, '天数');
  if (n < 0) {
    throw new RangeError(`期间天数不能为负数：${n}`);
  }
  let day = toDayNumber(from);
  if (n === 0) return fromDayNumber(day);
  day += n;
  while (!isWorkingDayNumber(cal, day)) day += 1;
  return fromDayNumber(day);
}
