// Domain events, written in the same transaction as the change that caused them. Each subscriber
// gets its own job per event, so a slow or failing subscriber never blocks the change or the others.
// A subscriber that looks at an aggregate's state rather than at the event itself (supervision
// re-evaluating a case) asks for one job per transaction and aggregate: an action that closes a task,
// moves the case, starts its clock and opens the next task is then one job, not four.
import { newId } from '../db/ids.ts';
import type { Queryable, Tx } from '../db/pool.ts';
import { enqueueJob, type JobRunner } from '../jobs/jobs.ts';

export interface DomainEvent {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  actorId: string | null;
  occurredAt: string;
}

export type EventSubscriber = (event: DomainEvent) => Promise<void>;

export interface SubscribeOptions {
  /**
   * One job per transaction and aggregate, however many of the subscribed types the transaction emits
   * for it; the job gets the first of them. Only for subscribers that read the aggregate's committed
   * state when they run.
   */
  oncePerTransaction?: boolean;
}

interface Subscription {
  name: string;
  once: boolean;
}

export class EventBus {
  readonly #subs = new Map<string, Subscription[]>();
  /** Per open transaction: the subscriber/aggregate pairs already given a job. */
  readonly #queuedIn = new WeakMap<Tx, Set<string>>();
  readonly #jobs: JobRunner;
  readonly #db: Queryable;

  constructor(jobs: JobRunner, db: Queryable) {
    this.#jobs = jobs;
    this.#db = db;
  }

  /**
   * Registers a named subscriber to one or several event types. Register at boot, in every process,
   * before any event is emitted.
   */
  subscribe(
    types: string | readonly string[],
    name: string,
    fn: EventSubscriber,
    opts: SubscribeOptions = {},
  ): void {
    for (const type of typeof types === 'string' ? [types] : types) {
      const list = this.#subs.get(type) ?? [];
      list.push({ name, once: opts.oncePerTransaction === true });
      this.#subs.set(type, list);
    }
    this.handle(`event:${name}`, fn);
  }

  /** Delivers the event a job names to `fn` (also for queues of earlier subscriber names). */
  handle(queue: string, fn: EventSubscriber): void {
    this.#jobs.register(queue, async (payload) => {
      const r = await this.#db.query<{
        id: string;
        type: string;
        aggregate_type: string;
        aggregate_id: string;
        payload: Record<string, unknown>;
        actor_id: string | null;
        occurred_at: Date;
      }>('SELECT * FROM platform_event WHERE id = $1', [payload.eventId]);
      const row = r.rows[0];
      if (!row) return;
      await fn({
        id: row.id,
        type: row.type,
        aggregateType: row.aggregate_type,
        aggregateId: row.aggregate_id,
        payload: row.payload,
        actorId: row.actor_id,
        occurredAt: row.occurred_at.toISOString(),
      });
    });
  }

  async emit(
    tx: Tx,
    e: {
      type: string;
      aggregateType: string;
      aggregateId: string;
      payload?: Record<string, unknown>;
      actorId?: string | null;
    },
  ): Promise<string> {
    const id = newId();
    await tx.query(
      `INSERT INTO platform_event (id, type, aggregate_type, aggregate_id, payload, actor_id) VALUES ($1,$2,$3,$4,$5,$6)`,
      [id, e.type, e.aggregateType, e.aggregateId, JSON.stringify(e.payload ?? {}), e.actorId ?? null],
    );
    for (const s of this.#subs.get(e.type) ?? []) {
      if (s.once) {
        const key = `${s.name}\u0000${e.aggregateType}\u0000${e.aggregateId}`;
        let queued = this.#queuedIn.get(tx);
        if (!queued) {
          queued = new Set();
          this.#queuedIn.set(tx, queued);
        }
        if (queued.has(key)) continue;
        queued.add(key);
      }
      await enqueueJob(tx, `event:${s.name}`, { eventId: id });
    }
    return id;
  }
}

/**
 * Next value of a per-organisation, per-year counter (办件编号, 索引号 …), inside the caller's
 * transaction. Each counter is a PostgreSQL sequence made on first use (zt_next_sequence, migration
 * 20261124071000), so concurrent transactions never wait for each other here; a rolled-back
 * transaction leaves a gap.
 */
export async function nextSequence(tx: Tx, scope: string, orgKey: string, year: number): Promise<number> {
  const r = await tx.query<{ value: string }>('SELECT zt_next_sequence($1, $2, $3) AS value', [
    scope,
    orgKey,
    year,
  ]);
  return Number(r.rows[0]?.value ?? 1);
}
