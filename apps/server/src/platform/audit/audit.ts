// The audit log (责任认定). Every state change and every read of personal data records an entry in
// the same transaction as the change. Entries are hash-chained with a keyed HMAC-SM3 over the
// previous hash and the canonical entry, so editing, inserting or removing any row breaks `verify`.
// Appending takes a transaction-scoped advisory lock: chain order equals commit order.
import { canonicalJson, chainHash } from '../crypto/hash-chain.ts';
import type { Clock } from '../db/clock.ts';
import { newId } from '../db/ids.ts';
import type { Queryable, Tx } from '../db/pool.ts';

const AUDIT_LOCK = 7_310_220_261;
const GENESIS = '0'.repeat(64);

/** Who did it and from where; built from the request (or 'system' for jobs). */
export interface Actor {
  userId: string | null;
  name: string;
  orgId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export const systemActor: Actor = {
  userId: null,
  name: '系统',
  orgId: null,
  ip: null,
  userAgent: null,
  requestId: null,
};

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

export interface AuditInput {
  action: string;
  objectType: string;
  objectId?: string | null;
  result?: 'success' | 'failure';
  summary?: string;
  changes?: FieldChanges | null;
}

interface StoredEntry {
  id: string;
  seq: number;
  occurred_at: Date;
  actor_id: string | null;
  actor_name: string | null;
  actor_org_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  result: string;
  summary: string | null;
  changes: unknown;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

function canonical(e: Omit<StoredEntry, 'prev_hash' | 'hash'>): string {
  return canonicalJson({
    id: e.id,
    seq: e.seq,
    occurredAt: e.occurred_at.toISOString(),
    actorId: e.actor_id,
    actorName: e.actor_name,
    actorOrgId: e.actor_org_id,
    action: e.action,
    objectType: e.object_type,
    objectId: e.object_id,
    result: e.result,
    summary: e.summary,
    changes: e.changes ?? null,
    ip: e.ip,
    userAgent: e.user_agent,
    requestId: e.request_id,
  });
}

/**
 * Before/after of the fields that changed. `mask` replaces personal data with its masked form so the
 * audit log never holds it in clear.
 */
export function diffFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  mask: Record<string, (v: string) => string> = {},
): FieldChanges {
  const out: FieldChanges = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    const m = mask[k];
    out[k] = {
      before: m && typeof b === 'string' ? m(b) : b,
      after: m && typeof a === 'string' ? m(a) : a,
    };
  }
  return out;
}

export class AuditLog {
  readonly #key: Buffer;
  readonly #clock: Clock;

  constructor(key: Buffer, clock: Clock) {
    this.#key = key;
    this.#clock = clock;
  }

  async record(tx: Tx, actor: Actor, input: AuditInput): Promise<string> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const last = await tx.query<{ seq: number; hash: string }>(
      `SELECT seq, hash FROM aud_entry ORDER BY seq DESC LIMIT 1`,
    );
    let prevSeq = last.rows[0]?.seq;
    let prevHash = last.rows[0]?.hash;
    if (prevSeq === undefined) {
      const anchor = await tx.query<{ seq: number; hash: string }>(
        'SELECT seq, hash FROM aud_anchor WHERE id = 1',
      );
      prevSeq = anchor.rows[0]?.seq ?? 0;
      prevHash = anchor.rows[0]?.hash ?? GENESIS;
    }
    const entry = {
      id: newId(),
      seq: prevSeq + 1,
      occurred_at: this.#clock.now(),
      actor_id: actor.userId,
      actor_name: actor.name,
      actor_org_id: actor.orgId,
      action: input.action,
      object_type: input.objectType,
      object_id: input.objectId ?? null,
      result: input.result ?? 'success',
      summary: input.summary ?? null,
      changes: input.changes && Object.keys(input.changes).length > 0 ? input.changes : null,
      ip: actor.ip,
      user_agent: actor.userAgent ? actor.userAgent.slice(0, 500) : null,
      request_id: actor.requestId,
    };
    const hash = chainHash(this.#key, prevHash as string, canonical(entry));
    await tx.query(
      `INSERT INTO aud_entry (id, seq, occurred_at, actor_id, actor_name, actor_org_id, action, object_type, object_id,
         result, summary, changes, ip, user_agent, request_id, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
      [
        entry.id,
        entry.seq,
        entry.occurred_at,
        entry.actor_id,
        entry.actor_name,
        entry.actor_org_id,
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.result,
        entry.summary,
        entry.changes === null ? null : JSON.stringify(entry.changes),
        entry.ip,
        entry.user_agent,
        entry.request_id,
        prevHash,
        hash,
      ],
    );
    return entry.id;
  }

  /**
   * Walks the chain in order from the anchor. Reports the first entry whose hash does not match its
   * content, whose prev_hash does not match its predecessor, or that follows a gap in seq (a deleted row).
   */
  async verify(
    db: Queryable,
  ): Promise<
    | { ok: true; checked: number }
    | { ok: false; checked: number; firstBrokenId: string; firstBrokenSeq: number }
  > {
    const anchor = await db.query<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM aud_anchor WHERE id = 1',
    );
    let prevSeq = anchor.rows[0]?.seq ?? 0;
    let prevHash = anchor.rows[0]?.hash ?? GENESIS;
    let checked = 0;
    const batch = 2000;
    for (;;) {
      const { rows } = await db.query<StoredEntry>(
        `SELECT * FROM aud_entry WHERE seq > $1 ORDER BY seq LIMIT ${batch}`,
        [prevSeq],
      );
      for (const row of rows) {
        const expected = chainHash(this.#key, prevHash, canonical(row));
        if (row.seq !== prevSeq + 1 || row.prev_hash !== prevHash || row.hash !== expected) {
          return { ok: false, checked, firstBrokenId: row.id, firstBrokenSeq: Number(row.seq) };
        }
        prevSeq = Number(row.seq);
        prevHash = row.hash;
        checked++;
      }
      if (rows.length < batch) return { ok: true, checked };
    }
  }

  /**
   * Retention: removes entries older than `days` (never fewer than 180) and moves the anchor to the
   * last removed entry, so the rest of the chain still verifies.
   */
  async purge(tx: Tx, days: number): Promise<number> {
    const keep = Math.max(days, 180);
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const cutoff = new Date(this.#clock.now().getTime() - keep * 86_400_000);
    const last = await tx.query<{ seq: number; hash: string }>(
      `SELECT seq, hash FROM aud_entry WHERE occurred_at < $1 ORDER BY seq DESC LIMIT 1`,
      [cutoff],
    );
    const row = last.rows[0];
    if (!row) return 0;
    await tx.query(`SET LOCAL zt.audit_purge = 'on'`);
    const del = await tx.query('DELETE FROM aud_entry WHERE seq <= $1', [row.seq]);
    await tx.query(
      `INSERT INTO aud_anchor (id, seq, hash) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, purged_at = now()`,
      [row.seq, row.hash],
    );
    return del.rowCount ?? 0;
  }
}
