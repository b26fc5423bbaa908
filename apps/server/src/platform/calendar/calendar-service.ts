// The working-day calendar as the running system sees it: the database tables (seeded with the
// official 2025/2026 notices, edited by administrators), cached in memory for the deadline maths.
// Years in PROVISIONAL_FESTIVAL_DATES without a published notice are filled provisionally by the
// statutory rule (working-days.ts); publishing the notice replaces them. Every change emits
// `calendar.changed` in the caller's transaction, so deadlines computed earlier can be recomputed.
import type { Pool, Queryable, Tx } from '../db/pool.ts';
import type { EventBus } from '../events/events.ts';
import {
  addNaturalDays,
  addWorkingDays,
  buildCalendarData,
  type CalendarData,
  type CalendarYearSeed,
  countWorkingDays,
  isProvisional,
  isWorkingDay,
  PROVISIONAL_FESTIVAL_DATES,
  PROVISIONAL_SOURCE,
  provisionalYearSeed,
} from './working-days.ts';

export interface CalendarDayRow {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export type CalendarYearStatus = 'published' | 'provisional';

/** Domain event emitted whenever a year is published, changed or withdrawn. */
export const CALENDAR_CHANGED = 'calendar.changed';

const CACHE_MS = 30_000;

export class CalendarService {
  readonly #pool: Pool;
  #cache: { data: CalendarData; at: number } | null = null;
  #loading: Promise<CalendarData> | null = null;
  #generation = 0;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  /**
   * The calendar data. Cached for 30 s per process; an edit in this process invalidates at once, other
   * processes see it within the cache period.
   *
   * Deadline maths runs inside transactions that already hold a pool connection, so loading must never
   * wait on the pool while many of them do: only one load runs at a time (the others share it), an
   * expired cache is served while a fresh copy loads in the background, and `warm()` loads it at start.
   */
  async data(): Promise<CalendarData> {
    const cached = this.#cache;
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.data;
    if (cached) {
      this.#load().catch(() => {
        // Keep serving the last good copy; the next call tries again.
      });
      return cached.data;
    }
    return this.#load();
  }

  /** Loads the calendar now (at start-up, before requests and jobs). */
  async warm(): Promise<void> {
    await this.#load();
  }

  #load(): Promise<CalendarData> {
    if (this.#loading) return this.#loading;
    const generation = this.#generation;
    const p = this.#read()
      .then((data) => {
        // An invalidation while loading means this copy may predate the edit: keep it out of the cache.
        if (generation === this.#generation) this.#cache = { data, at: Date.now() };
        return data;
      })
      .finally(() => {
        this.#loading = null;
      });
    this.#loading = p;
    return p;
  }

  async #read(): Promise<CalendarData> {
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
    return buildCalendarData([...seeds.values()] as CalendarYearSeed[]);
  }

  invalidate(): void {
    this.#cache = null;
    this.#loading = null;
    this.#generation += 1;
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

  /**
   * Whether a result computed between these dates relied on a provisional year (one without a
   * published notice), i.e. may still move when that notice is published.
   */
  async rangeIsProvisional(from: string, to: string): Promise<boolean> {
    return isProvisional(await this.data(), from, to);
  }

  /** Published years, and the provisional years that stand in for missing notices. */
  async listYears(db: Queryable): Promise<
    {
      year: number;
      status: CalendarYearStatus;
      source: string;
      holidays: number;
      workdays: number;
      updatedAt: string | null;
    }[]
  > {
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
    const published = r.rows.map((y) => ({
      year: y.year,
      status: 'published' as const,
      source: y.source,
      holidays: y.holidays,
      workdays: y.workdays,
      updatedAt: y.updated_at.toISOString() as string | null,
    }));
    const have = new Set(published.map((y) => y.year));
    const provisional = [...PROVISIONAL_FESTIVAL_DATES.keys()]
      .filter((year) => !have.has(year))
      .map((year) => ({
        year,
        status: 'provisional' as const,
        source: PROVISIONAL_SOURCE,
        holidays: provisionalYearSeed(year)?.holidays.length ?? 0,
        workdays: 0,
        updatedAt: null,
      }));
    return [...published, ...provisional].sort((a, b) => a.year - b.year);
  }

  /** A provisional year's arrangement (the statutory holidays only), or null outside the table. */
  provisionalYear(year: number): { year: number; source: string; days: CalendarDayRow[] } | null {
    const seed = provisionalYearSeed(year);
    if (!seed) return null;
    return {
      year,
      source: PROVISIONAL_SOURCE,
      days: seed.holidays.map((d) => ({ date: d.date, kind: 'holiday' as const, name: d.name })),
    };
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

  /**
   * Replaces one year's arrangement (publishing a year that had none makes it computable, and replaces
   * its provisional arrangement). Emits `calendar.changed` in the same transaction.
   */
  async saveYear(
    tx: Tx,
    year: number,
    source: string,
    days: readonly CalendarDayRow[],
    opts: { events: Pick<EventBus, 'emit'>; actorId?: string | null },
  ): Promise<void> {
    const r = await tx.query<{ created: boolean }>(
      `INSERT INTO platform_calendar_year (year, source) VALUES ($1, $2)
       ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, updated_at = now()
       RETURNING (xmax = 0) AS created`,
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
    await this.#changed(tx, year, r.rows[0]?.created ? 'published' : 'updated', opts);
  }

  /**
   * Withdraws a published year (e.g. entered under the wrong year). A year in the provisional table
   * falls back to its provisional arrangement; any other year becomes uncomputable. False when the
   * year was not published.
   */
  async deleteYear(
    tx: Tx,
    year: number,
    opts: { events: Pick<EventBus, 'emit'>; actorId?: string | null },
  ): Promise<boolean> {
    const r = await tx.query('DELETE FROM platform_calendar_year WHERE year = $1', [year]);
    if ((r.rowCount ?? 0) === 0) return false;
    await this.#changed(tx, year, 'withdrawn', opts);
    return true;
  }

  async #changed(
    tx: Tx,
    year: number,
    change: 'published' | 'updated' | 'withdrawn',
    opts: { events: Pick<EventBus, 'emit'>; actorId?: string | null },
  ): Promise<void> {
    await opts.events.emit(tx, {
      type: CALENDAR_CHANGED,
      aggregateType: 'calendar_year',
      aggregateId: String(year),
      payload: { year, change },
      actorId: opts.actorId ?? null,
    });
    tx.afterCommit(() => this.invalidate());
  }
}
