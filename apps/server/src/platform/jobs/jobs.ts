// Background jobs on PostgreSQL (FOR UPDATE SKIP LOCKED). A job is a row inserted in the caller's
// transaction, so it is the transactional outbox too. Workers in any number of processes claim rows;
// a crashed worker's claim expires and another picks the job up. See docs/adr/0004-jobs-on-postgresql.md.
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { Clock } from '../db/clock.ts';
import { newId } from '../db/ids.ts';
import type { Pool, Queryable } from '../db/pool.ts';

export interface JobContext {
  id: string;
  queue: string;
  attempt: number;
}
export type JobHandler = (payload: Record<string, unknown>, job: JobContext) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
  singletonKey?: string;
  maxAttempts?: number;
}

interface ClaimedJob {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

const LEASE_SECONDS = 300;

/** Adds a job in the caller's transaction (or autocommit). Duplicate live singletons are ignored. */
export async function enqueueJob(
  db: Queryable,
  queue: string,
  payload: Record<string, unknown> = {},
  opts: EnqueueOptions = {},
): Promise<void> {
  await db.query(
    `INSERT INTO platform_job (id, queue, payload, run_at, singleton_key, max_attempts)
     VALUES ($1, $2, $3, coalesce($4, now()), $5, $6)
     ON CONFLICT (queue, singleton_key) WHERE singleton_key IS NOT NULL AND state IN ('queued','running') DO NOTHING`,
    [
      newId(),
      queue,
      JSON.stringify(payload),
      opts.runAt ?? null,
      opts.singletonKey ?? null,
      opts.maxAttempts ?? 5,
    ],
  );
  // Delivered on commit only, so workers wake for committed jobs.
  await db.query(`SELECT pg_notify('zt_job', $1)`, [queue]);
}

interface Ticker {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
  timer: NodeJS.Timeout | null;
  busy: Promise<void> | null;
}

export class JobRunner {
  readonly #pool: Pool;
  readonly #log: FastifyBaseLogger;
  readonly #clock: Clock;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #schedules: { name: string; queue: string; everySeconds: number }[] = [];
  readonly #workerId = `${hostname()}:${process.pid}:${newId().slice(-6)}`;
  #timer: NodeJS.Timeout | null = null;
  #listener: pg.Client | null = null;
  #running = false;
  #busy: Promise<void> | null = null;
  #wake = false;
  #schedulesChecked = { real: 0, clock: 0 };
  readonly #tickers: Ticker[] = [];
  readonly pollMs: number;
  readonly batchSize: number;

  constructor(
    pool: Pool,
    log: FastifyBaseLogger,
    clock: Clock,
    opts: { pollMs?: number; batchSize?: number } = {},
  ) {
    this.#pool = pool;
    this.#log = log;
    this.#clock = clock;
    this.pollMs = opts.pollMs ?? 1000;
    this.batchSize = opts.batchSize ?? 10;
  }

  register(queue: string, handler: JobHandler): void {
    if (this.#handlers.has(queue)) throw new Error(`job queue ${queue} registered twice`);
    this.#handlers.set(queue, handler);
  }

  /** A recurring job; whichever process claims the schedule row enqueues the run. */
  schedule(name: string, queue: string, everySeconds: number): void {
    this.#schedules.push({ name, queue, everySeconds });
  }

  /**
   * In-process periodic work that needs no job row and may run in every process at once (it must
   * serialise itself, e.g. with an advisory lock): sealing the audit chain. Runs while the runner runs.
   */
  every(name: string, everyMs: number, run: () => Promise<unknown>): void {
    this.#tickers.push({ name, everyMs, run, timer: null, busy: null });
  }

  #tick(t: Ticker): void {
    t.timer = setTimeout(() => {
      t.timer = null;
      t.busy = t
        .run()
        .then(
          () => {},
          (e: unknown) => this.#log.error({ err: e, ticker: t.name }, 'periodic task failed'),
        )
        .then(() => {
          t.busy = null;
          if (this.#running) this.#tick(t);
        });
    }, t.everyMs);
  }

  async start(connectionString: string): Promise<void> {
    for (const s of this.#schedules) {
      await this.#pool.query(
        `INSERT INTO platform_schedule (name, queue, every_seconds, next_run_at)
         VALUES ($1, $2, $3::int, now() + make_interval(secs => $3::int))
         ON CONFLICT (name) DO UPDATE SET queue = EXCLUDED.queue, every_seconds = EXCLUDED.every_seconds`,
        [s.name, s.queue, s.everySeconds],
      );
    }
    this.#running = true;
    // LISTEN gives sub-second pickup; polling is the safety net if a notification is missed.
    const listener = new pg.Client({ connectionString, application_name: 'zhengtong-jobs' });
    listener.on('error', () => {});
    try {
      await listener.connect();
      await listener.query('LISTEN zt_job');
      listener.on('notification', () => this.#kick());
      this.#listener = listener;
    } catch (e) {
      this.#log.warn({ err: e }, 'job listener unavailable; polling only');
    }
    for (const t of this.#tickers) this.#tick(t);
    this.#loop();
  }

  #kick(): void {
    if (!this.#running) return;
    if (this.#busy) {
      this.#wake = true;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#loop();
  }

  #loop(): void {
    this.#timer = null;
    this.#busy = this.runOnce()
      .catch((e: unknown) => {
        this.#log.error({ err: e }, 'job loop failed');
        return 0;
      })
      .then((n) => {
        this.#busy = null;
        if (!this.#running) return;
        const again = n > 0 || this.#wake;
        this.#wake = false;
        this.#timer = setTimeout(() => this.#loop(), again ? 0 : this.pollMs);
      });
  }

  /** Fires due schedules and runs one batch of ready jobs. Returns how many jobs ran. */
  async runOnce(): Promise<number> {
    await this.#fireSchedules();
    const queues = [...this.#handlers.keys()];
    if (queues.length === 0) return 0;
    const now = this.#clock.now();
    const { rows } = await this.#pool.query<ClaimedJob>(
      `UPDATE platform_job j SET state = 'running', attempts = j.attempts + 1, locked_by = $1,
              locked_until = $4::timestamptz + make_interval(secs => ${LEASE_SECONDS})
       WHERE j.id IN (
         SELECT id FROM platform_job
         WHERE queue = ANY($2) AND run_at <= greatest($4::timestamptz, now())
           AND (state = 'queued' OR (state = 'running' AND locked_until < greatest($4::timestamptz, now())))
         ORDER BY run_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING j.id, j.queue, j.payload, j.attempts, j.max_attempts`,
      [this.#workerId, queues, this.batchSize, now],
    );
    await Promise.all(rows.map((job) => this.#run(job)));
    return rows.length;
  }

  async #run(job: ClaimedJob): Promise<void> {
    const handler = this.#handlers.get(job.queue);
    try {
      if (!handler) throw new Error(`no handler for ${job.queue}`);
      await handler(job.payload, { id: job.id, queue: job.queue, attempt: job.attempts });
      await this.#pool.query(
        `UPDATE platform_job SET state = 'done', finished_at = now(), locked_by = NULL, locked_until = NULL WHERE id = $1`,
        [job.id],
      );
    } catch (e) {
      const err = e as Error;
      const final = job.attempts >= job.max_attempts;
      this.#log.warn(
        { job: job.id, queue: job.queue, attempt: job.attempts, final, err: err.message },
        'job failed',
      );
      // Exponential backoff: 2, 4, 8 … seconds, capped at an hour.
      const delay = Math.min(2 ** job.attempts, 3600);
      await this.#pool.query(
        `UPDATE platform_job SET state = $2, last_error = $3, locked_by = NULL, locked_until = NULL,
                run_at = now() + make_interval(secs => $4), finished_at = CASE WHEN $2 = 'failed' THEN now() END
         WHERE id = $1`,
        [job.id, final ? 'failed' : 'queued', String(err.stack ?? err.message).slice(0, 4000), delay],
      );
    }
  }

  async #fireSchedules(): Promise<void> {
    if (this.#schedules.length === 0) return;
    // Schedules are whole seconds apart: looking once a second is enough, however busy the queues are.
    // (A clock moved on by a test or the demo counts as time passing.)
    const real = Date.now();
    const clock = this.#clock.now().getTime();
    const sinceClock = clock - this.#schedulesChecked.clock;
    if (real - this.#schedulesChecked.real < 1000 && sinceClock >= 0 && sinceClock < 1000) return;
    this.#schedulesChecked = { real, clock };
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ name: string; queue: string }>(
        `UPDATE platform_schedule s SET last_run_at = $2, next_run_at = $2::timestamptz + make_interval(secs => s.every_seconds)
         WHERE s.name IN (SELECT name FROM platform_schedule WHERE name = ANY($1) AND next_run_at <= greatest($2::timestamptz, now()) FOR UPDATE SKIP LOCKED)
         RETURNING s.name, s.queue`,
        [this.#schedules.map((s) => s.name), this.#clock.now()],
      );
      for (const r of rows)
        await enqueueJob(client, r.queue, { schedule: r.name }, { singletonKey: `schedule:${r.name}` });
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  /** Runs jobs until none is ready (tests, CLI). */
  async drain(maxRounds = 100): Promise<void> {
    for (let i = 0; i < maxRounds; i++) if ((await this.runOnce()) === 0) return;
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    for (const t of this.#tickers) if (t.timer) clearTimeout(t.timer);
    await this.#busy;
    await Promise.all(this.#tickers.map((t) => t.busy));
    await this.#listener?.end().catch(() => {});
    this.#listener = null;
  }
}

/** Finished jobs are kept this many days for diagnosis (failed ones longer), then deleted. */
export const DONE_JOB_DAYS = 7;
export const FAILED_JOB_DAYS = 30;
const CLEANUP_QUEUE = 'jobs.cleanup';

/** Deletes old finished jobs, a batch at a time; returns how many went. */
export async function deleteOldJobs(db: Queryable, batch = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await db.query(
      `DELETE FROM platform_job WHERE id IN (
         SELECT id FROM platform_job
         WHERE (state = 'done' AND finished_at < now() - make_interval(days => $1))
            OR (state = 'failed' AND finished_at < now() - make_interval(days => $2))
         LIMIT $3)`,
      [DONE_JOB_DAYS, FAILED_JOB_DAYS, batch],
    );
    total += r.rowCount ?? 0;
    if ((r.rowCount ?? 0) < batch) return total;
  }
}

/** Daily housekeeping of the job table itself: without it every event and schedule run stays forever. */
export function registerJobHousekeeping(jobs: JobRunner, db: Queryable): void {
  jobs.register(CLEANUP_QUEUE, async () => {
    await deleteOldJobs(db);
  });
  jobs.schedule(CLEANUP_QUEUE, CLEANUP_QUEUE, 86_400);
}
