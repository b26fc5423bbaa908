// Deadline arithmetic over the published holiday calendar (DOMAIN §7.4).
//
// Everything here works on plain 'YYYY-MM-DD' calendar dates that are already in Asia/Shanghai: a
// statutory period is counted in days of the office's calendar, not in hours, so no time-zone maths
// belongs inside the counting. Callers turn an instant into a date once, with `shanghaiDate`.
//
// A year without a published 国务院办公厅 notice is not guessed freely: for the years in
// PROVISIONAL_FESTIVAL_DATES it is computed *provisionally* from the statutory rule alone (weekends,
// plus the holidays of 《全国年节及纪念日放假办法》, no 调休), and every result that relied on such a
// year can say so (`isProvisional`), so deadlines computed from it are marked and recomputed once the
// notice is published. Any other missing year (beyond the table, or before 2025 when the current rule
// took effect) is refused with CalendarYearMissingError.

export interface CalendarYear {
  /** Statutory rest days (法定节假日 and the 调休 days off around them), date → holiday name. */
  readonly holidays: ReadonlyMap<string, string>;
  /** Saturdays/Sundays declared working days (调休上班), date → label such as '春节调休上班'. */
  readonly workdays: ReadonlyMap<string, string>;
  /** True when no notice is published: the year follows the statutory rule without 调休. */
  readonly provisional?: boolean;
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
export function buildCalendarData(
  seeds: Iterable<CalendarYearSeed>,
  opts: { provisional?: boolean } = {},
): CalendarData {
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
  // A published notice always wins; the statutory rule only fills the years that have none.
  if (opts.provisional !== false) {
    for (const year of PROVISIONAL_FESTIVAL_DATES.keys()) {
      if (years.has(year)) continue;
      const seed = provisionalYearSeed(year) as CalendarYearSeed;
      years.set(year, {
        holidays: new Map(seed.holidays.map((d) => [d.date, d.name])),
        workdays: new Map(),
        provisional: true,
      });
    }
  }
  return { years };
}

// ---------------------------------------------------------------- provisional years

/**
 * The lunar-calendar and solar-term dates the statutory holidays depend on, for the years after the
 * last published notice. 除夕 is the last day of the lunar year (the 春节 holiday is 除夕 and 正月初一
 * to 初三, i.e. 除夕 + 0..3 days); 清明 is the day of the solar term; 端午 is 五月初五; 中秋 is 八月十五.
 *
 * Sources (checked 2026-11-24): the published holiday tables for China at holidayssky.com ("Public
 * Holidays in China for 2027": 除夕 02-05, 春节 02-06, 清明 04-05, 端午 06-09, 中秋 09-15) and
 * calendardate.com / holidays.rest (2028: 除夕 01-25, 春节 01-26, 清明 04-04, 端午 05-28, 中秋
 * 10-03), cross-checked by computing the new moons (Meeus, Astronomical Algorithms ch. 49, in Beijing
 * time UTC+8: 2027-02-06 23:56, 2027-06-05, 2027-09-01, 2028-01-26 23:13, 2028-05-24, 2028-09-19)
 * and the sun reaching longitude 15° (清明: 2027-04-05 08:15, 2028-04-04 14:02). Note that ICU's
 * Chinese calendar (Intl 'u-ca-chinese', ICU 78) puts 2027's 正月初一 on 02-07: its approximation
 * misses the new moon four minutes before Beijing midnight. Add a year here only from such sources.
 */
export const PROVISIONAL_FESTIVAL_DATES: ReadonlyMap<
  number,
  { readonly chuxi: string; readonly qingming: string; readonly duanwu: string; readonly zhongqiu: string }
> = new Map([
  [2027, { chuxi: '2027-02-05', qingming: '2027-04-05', duanwu: '2027-06-09', zhongqiu: '2027-09-15' }],
  [2028, { chuxi: '2028-01-25', qingming: '2028-04-04', duanwu: '2028-05-28', zhongqiu: '2028-10-03' }],
]);

/** Shown as the source of a provisional year. */
export const PROVISIONAL_SOURCE =
  '暂定：按《全国年节及纪念日放假办法》（2024年修订）的法定节假日计算，周末照常休息，未含调休；以国务院办公厅发布的当年节假日安排为准';

/**
 * The provisional arrangement of a year in PROVISIONAL_FESTIVAL_DATES (null for any other year): the
 * statutory holidays of 《全国年节及纪念日放假办法》 (2024 年修订, in force 2025-01-01) — 元旦
 * 1 day, 春节 4 days (除夕 to 正月初三), 清明 1 day, 劳动节 2 days (05-01, 05-02), 端午 1 day, 中秋
 * 1 day, 国庆 3 days (10-01 to 10-03). A holiday on a weekend is not moved and no 调休 is guessed.
 * Two holidays on one date (2028-10-03: 国庆节 and 中秋节) keep both names.
 */
export function provisionalYearSeed(year: number): CalendarYearSeed | null {
  const f = PROVISIONAL_FESTIVAL_DATES.get(year);
  if (!f) return null;
  const y = String(year);
  const entries: [string, string][] = [
    [`${y}-01-01`, '元旦'],
    ...[0, 1, 2, 3].map((i): [string, string] => [addCalendarDays(f.chuxi, i), '春节']),
    [f.qingming, '清明节'],
    [`${y}-05-01`, '劳动节'],
    [`${y}-05-02`, '劳动节'],
    [f.duanwu, '端午节'],
    [`${y}-10-01`, '国庆节'],
    [`${y}-10-02`, '国庆节'],
    [`${y}-10-03`, '国庆节'],
    [f.zhongqiu, '中秋节'], // after 国庆 so a shared date reads '国庆节、中秋节', as the notices write it
  ];
  const byDate = new Map<string, string>();
  for (const [date, name] of entries) {
    const prev = byDate.get(date);
    byDate.set(date, prev && prev !== name ? `${prev}、${name}` : name);
  }
  const holidays = [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, name]) => ({ date, name }));
  return { year, holidays, makeupWorkdays: [] };
}

/** The provisional years of a calendar, ascending. */
export function provisionalYears(cal: CalendarData): number[] {
  return [...cal.years.entries()]
    .filter(([, y]) => y.provisional)
    .map(([year]) => year)
    .sort((a, b) => a - b);
}

/**
 * Whether a computation between two dates (in either order, both included) could have relied on a
 * provisional year: true when any year from the earlier date's to the later date's is provisional.
 * Every calendar function here only looks at days between its start and its result, so
 * `isProvisional(cal, from, addWorkingDays(cal, from, n))` tells whether that deadline may still move
 * when the notice is published.
 */
export function isProvisional(cal: CalendarData, a: string, b: string): boolean {
  const ya = yearOf(toDayNumber(a));
  const yb = yearOf(toDayNumber(b));
  for (let y = Math.min(ya, yb); y <= Math.max(ya, yb); y += 1) {
    if (cal.years.get(y)?.provisional) return true;
  }
  return false;
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
