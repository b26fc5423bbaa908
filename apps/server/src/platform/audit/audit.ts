// The audit log (责任认定). Every state change and every read of personal data records an entry in
// the same transaction as the change: one INSERT, no lock, so busy transactions never queue behind
// each other's audit entries. A sealer (the `audit.seal` job, and `verify` before it walks) then
// chains the committed entries: each gets the next chain position, the previous entry's hash and a
// keyed HMAC-SM3 over that hash and the canonical entry, so editing, inserting or removing any sealed
// row breaks `verify`. Until sealed (seconds), an entry is protected by the append-only trigger alone.
// docs/adr/0007-audit-sealing-and-native-counters.md.
import { canonicalJson, chainHash } from '../crypto/hash-chain.ts';
import type { Clock } from '../db/clock.ts';
import { newId } from '../db/ids.ts';
import { type Pool, type Tx, withTx } from '../db/pool.ts';

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
  chain_pos: number | null;
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
  prev_hash: string | null;
  hash: string | null;
}

function canonical(e: Omit<StoredEntry, 'prev_hash' | 'hash' | 'chain_pos'>): string {
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

  /** Writes an unsealed entry in the caller's transaction; `seal` chains it once committed. */
  async record(tx: Tx, actor: Actor, input: AuditInput): Promise<string> {
    const id = newId();
    const changes = input.changes && Object.keys(input.changes).length > 0 ? input.changes : null;
    await tx.query(
      `INSERT INTO aud_entry (id, occurred_at, actor_id, actor_name, actor_org_id, action, object_type, object_id,
         result, summary, changes, ip, user_agent, request_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
      [
        id,
        this.#clock.now(),
        actor.userId,
        actor.name,
        actor.orgId,
        input.action,
        input.objectType,
        input.objectId ?? null,
        input.result ?? 'success',
        input.summary ?? null,
        changes === null ? null : JSON.stringify(changes),
        actor.ip,
        actor.userAgent ? actor.userAgent.slice(0, 500) : null,
        actor.requestId,
      ],
    );
    return id;
  }

  /**
   * Chains every committed unsealed entry, in insertion order, after the last sealed one. One sealer
   * at a time (advisory lock); entries committed meanwhile are sealed by the next run. Returns how many
   * were sealed.
   */
  async seal(pool: Pool, batch = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await withTx(pool, async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
        const pending = await tx.query<StoredEntry>(
          `SELECT * FROM aud_entry WHERE chain_pos IS NULL ORDER BY seq LIMIT ${batch}`,
        );
        if (pending.rows.length === 0) return 0;
        let { pos, hash } = await this.#chainHead(tx);
        const ids: string[] = [];
        const positions: number[] = [];
        const prevs: string[] = [];
        const hashes: string[] = [];
        for (const row of pending.rows) {
          pos += 1;
          const next = chainHash(this.#key, hash, canonical(row));
          ids.push(row.id);
          positions.push(pos);
          prevs.push(hash);
          hashes.push(next);
          hash = next;
        }
        await tx.query(
          `UPDATE aud_entry e SET chain_pos = s.pos, prev_hash = s.prev, hash = s.hash
           FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[]) AS s(id, pos, prev, hash)
           WHERE e.id = s.id`,
          [ids, positions, prevs, hashes],
        );
        return pending.rows.length;
      });
      total += n;
      if (n < batch) return total;
    }
  }

  /** Position and hash of the last sealed entry (or of the anchor, or the genesis). */
  async #chainHead(tx: Tx): Promise<{ pos: number; hash: string }> {
    const last = await tx.query<{ chain_pos: string; hash: string }>(
      'SELECT chain_pos, hash FROM aud_entry WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1',
    );
    const row = last.rows[0];
    if (row) return { pos: Number(row.chain_pos), hash: row.hash };
    const anchor = await tx.query<{ seq: string; hash: string }>(
      'SELECT seq, hash FROM aud_anchor WHERE id = 1',
    );
    const a = anchor.rows[0];
    return a ? { pos: Number(a.seq), hash: a.hash } : { pos: 0, hash: GENESIS };
  }

  /**
   * Seals what is committed, then walks the chain in order from the anchor. Reports the first entry
   * whose hash does not match its content, whose prev_hash does not match its predecessor, or that
   * follows a gap in the chain (a deleted row).
   */
  async verify(
    pool: Pool,
  ): Promise<
    | { ok: true; checked: number }
    | { ok: false; checked: number; firstBrokenId: string; firstBrokenSeq: number }
  > {
    await this.seal(pool);
    const anchor = await pool.query<{ seq: string; hash: string }>(
      'SELECT seq, hash FROM aud_anchor WHERE id = 1',
    );
    let prevPos = Number(anchor.rows[0]?.seq ?? 0);
    let prevHash = anchor.rows[0]?.hash ?? GENESIS;
    let checked = 0;
    const batch = 2000;
    for (;;) {
      const { rows } = await pool.query<StoredEntry>(
        `SELECT * FROM aud_entry WHERE chain_pos > $1 ORDER BY chain_pos LIMIT ${batch}`,
        [prevPos],
      );
      for (const row of rows) {
        const expected = chainHash(this.#key, prevHash, canonical(row));
        if (Number(row.chain_pos) !== prevPos + 1 || row.prev_hash !== prevHash || row.hash !== expected) {
          return { ok: false, checked, firstBrokenId: row.id, firstBrokenSeq: Number(row.seq) };
        }
        prevPos = Number(row.chain_pos);
        prevHash = row.hash;
        checked++;
      }
      if (rows.length < batch) return { ok: true, checked };
    }
  }

  /**
   * Retention: removes the sealed entries older than `days` (never fewer than 180), up to the first
   * younger one in chain order, and moves the anchor to the last removed entry, so the rest of the
   * chain still verifies.
   */
  async purge(tx: Tx, days: number): Promise<number> {
    const keep = Math.max(days, 180);
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const cutoff = new Date(this.#clock.now().getTime() - keep * 86_400_000);
    const last = await tx.query<{ chain_pos: string; hash: string }>(
      `SELECT chain_pos, hash FROM aud_entry
       WHERE chain_pos IS NOT NULL AND chain_pos < coalesce(
         (SELECT min(chain_pos) FROM aud_entry WHERE chain_pos IS NOT NULL AND occurred_at >= $1), 9223372036854775807)
       ORDER BY chain_pos DESC LIMIT 1`,
      [cutoff],
    );
    const row = last.rows[0];
    if (!row) return 0;
    await tx.query(`SET LOCAL zt.audit_purge = 'on'`);
    const del = await tx.query('DELETE FROM aud_entry WHERE chain_pos <= $1', [row.chain_pos]);
    await tx.query(
      `INSERT INTO aud_anchor (id, seq, hash) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, purged_at = now()`,
      [row.chain_pos, row.hash],
    );
    return del.rowCount ?? 0;
  }
}
