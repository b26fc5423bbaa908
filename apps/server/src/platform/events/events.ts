// Domain events, written in the same transaction as the change that caused them. Each subscriber
// gets its own job per event, so a slow or failing subscriber never blocks the change or the others.
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

export class EventBus {
  readonly #subs = new Map<string, { name: string; fn: EventSubscriber }[]>();
  readonly #jobs: JobRunner;
  readonly #db: Queryable;

  constructor(jobs: JobRunner, db: Queryable) {
    this.#jobs = jobs;
    this.#db = db;
  }

  /** Registers a named subscriber. Register at boot, in every process, before any event is emitted. */
  subscribe(type: string, name: string, fn: EventSubscriber): void {
    const queue = `event:${name}`;
    const list = this.#subs.get(type) ?? [];
    list.push({ name, fn });
    this.#subs.set(type, list);
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
    for (const s of this.#subs.get(e.type) ?? []) await enqueueJob(tx, `event:${s.name}`, { eventId: id });
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
