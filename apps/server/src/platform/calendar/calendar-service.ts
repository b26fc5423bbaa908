// The working-day calendar as the running system sees it: the database tables (seeded with the
// official 2025/2026 notices, edited by administrators), cached in memory for the deadline maths.
import type { Pool, Queryable, Tx } from '../db/pool.ts';
import {
  addNaturalDays,
  addWorkingDays,
  buildCalendarData,
  type CalendarData,
  type CalendarYearSeed,
  countWorkingDays,
  isWorkingDay,
} from './working-days.ts';

export interface CalendarDayRow {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

const CACHE_MS = 30_000;

export class CalendarService {
  readonly #pool: Pool;
  #cache: { data: CalendarData; at: number } | null = null;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  /**
   * The calendar data. Cached for 30 s per process; an edit in this process invalidates at once, other
   * processes see it within the cache period.
   */
  async data(): Promise<CalendarData> {
    if (this.#cache && Date.now() - this.#cache.at < CACHE_MS) return this.#cache.data;
    const years = await this.#pool.query<{ year: number }>('SELECT year FROM platform_calendar_year');
    const days = await this.#pool.query<{ day: string; year: number; kind: string; name: string }>(
      'SELECT day, year, kind, name FROM platform_calendar_day ORDER BY day',
    );
    const seeds = new Map<
      number,
      { year: number; holidays: CalendarDayRow[]; makeupWorkdays: CalendarDayRow[] }
    >();
    for (const y of years.rows) seeds.set(y.year, { year: y.year, holidays: [], makeupWorkdays: [] });
    for (const d of days.rows) {
      const s = seeds.get(d.year);
      if (!s) continue;
      const entry = { date: d.day, kind: d.kind as CalendarDayRow['kind'], name: d.name };
      (d.kind === 'holiday' ? s.holidays : s.makeupWorkdays).push(entry);
    }
    const data = buildCalendarData([...seeds.values()] as CalendarYearSeed[]);
    this.#cache = { data, at: Date.now() };
    return data;
  }

  invalidate(): void {
    this.#cache = null;
  }

  async addWorkingDays(from: string, n: number): Promise<string> {
    return addWorkingDays(await this.data(), from, n);
  }

  async countWorkingDays(fromExclusive: string, toInclusive: string): Promise<number> {
    return countWorkingDays(await this.data(), fromExclusive, toInclusive);
  }

  async addNaturalDays(from: string, n: number): Promise<string> {
    return addNaturalDays(await this.data(), from, n);
  }

  async isWorkingDay(date: string): Promise<boolean> {
    return isWorkingDay(await this.data(), date);
  }

  async listYears(db: Queryable) {
    const r = await db.query<{
      year: number;
      source: string;
      holidays: number;
      workdays: number;
      updated_at: Date;
    }>(
      `SELECT y.year, y.source, y.updated_at,
              count(*) FILTER (WHERE d.kind = 'holiday')::int AS holidays,
              count(*) FILTER (WHERE d.kind = 'workday')::int AS workdays
       FROM platform_calendar_year y LEFT JOIN platform_calendar_day d ON d.year = y.year
       GROUP BY y.year ORDER BY y.year`,
    );
    return r.rows.map((y) => ({
      year: y.year,
      source: y.source,
      holidays: y.holidays,
      workdays: y.workdays,
      updatedAt: y.updated_at.toISOString(),
    }));
  }

  async getYear(
    db: Queryable,
    year: number,
  ): Promise<{ year: number; source: string; days: CalendarDayRow[] } | null> {
    const y = await db.query<{ source: string }>(
      'SELECT source FROM platform_calendar_year WHERE year = $1',
      [year],
    );
    const row = y.rows[0];
    if (!row) return null;
    const d = await db.query<{ day: string; kind: CalendarDayRow['kind']; name: string }>(
      'SELECT day, kind, name FROM platform_calendar_day WHERE year = $1 ORDER BY day',
      [year],
    );
    return {
      year,
      source: row.source,
      days: d.rows.map((r) => ({ date: r.day, kind: r.kind, name: r.name })),
    };
  }

  /** Replaces one year's arrangement (publishing a year that had none makes it computable). */
  async saveYear(tx: Tx, year: number, source: string, days: readonly CalendarDayRow[]): Promise<void> {
    await tx.query(
      `INSERT INTO platform_calendar_year (year, source) VALUES ($1, $2)
       ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, updated_at = now()`,
      [year, source],
    );
    await tx.query('DELETE FROM platform_calendar_day WHERE year = $1', [year]);
    if (days.length > 0) {
      await tx.query(
        `INSERT INTO platform_calendar_day (day, year, kind, name)
         SELECT d, $1, k, n FROM unnest($2::date[], $3::text[], $4::text[]) AS t(d, k, n)`,
        [year, days.map((d) => d.date), days.map((d) => d.kind), days.map((d) => d.name)],
      );
    }
    tx.afterCommit(() => this.invalidate());
  }
}
