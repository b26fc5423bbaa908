import pg from 'pg';

// DATE stays a 'YYYY-MM-DD' string: business dates are calendar dates in Asia/Shanghai, never instants.
pg.types.setTypeParser(1082, (v) => v);
// COUNT(*) and BIGINT sequences fit comfortably in a double for this domain.
pg.types.setTypeParser(20, (v) => Number(v));

export type Pool = pg.Pool;
export type Row = Record<string, unknown>;

/** Anything that runs SQL: the pool (autocommit) or a transaction. Data functions take it first. */
export interface Queryable {
  query<R extends pg.QueryResultRow = Row>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** A transaction handle. Only `withTx` makes one, so a function asking for `Tx` runs inside one. */
export interface Tx extends Queryable {
  readonly __tx: true;
  /** Runs after COMMIT (never after ROLLBACK): in-process cache invalidation and wake-ups. */
  afterCommit(fn: () => void): void;
}

export function createPool(connectionString: string, max: number): Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    idleTimeoutMillis: 30_000,
    application_name: 'zhengtong',
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

export type Isolation = 'read committed' | 'repeatable read' | 'serializable';

/** One change, one transaction: rows, domain events and audit entries commit or roll back together. */
export async function withTx<T>(
  pool: Pool,
  fn: (tx: Tx) => Promise<T>,
  opts: { isolation?: Isolation; readOnly?: boolean } = {},
): Promise<T> {
  const client = await pool.connect();
  const after: (() => void)[] = [];
  const tx: Tx = Object.assign(
    {
      query: client.query.bind(client) as Queryable['query'],
      afterCommit: (f: () => void) => {
        after.push(f);
      },
    },
    { __tx: true as const },
  );
  let ok = false;
  try {
    await client.query(
      `BEGIN ISOLATION LEVEL ${(opts.isolation ?? 'read committed').toUpperCase()}${opts.readOnly ? ' READ ONLY' : ''}`,
    );
    const result = await fn(tx);
    await client.query('COMMIT');
    ok = true;
    for (const f of after) f();
    return result;
  } finally {
    if (!ok) await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
}

export async function one<R extends pg.QueryResultRow = Row>(
  db: Queryable,
  text: string,
  values?: unknown[],
): Promise<R> {
  const r = await db.query<R>(text, values);
  if (r.rows.length !== 1) throw new Error(`expected one row, got ${r.rows.length}`);
  return r.rows[0] as R;
}

export async function maybeOne<R extends pg.QueryResultRow = Row>(
  db: Queryable,
  text: string,
  values?: unknown[],
): Promise<R | null> {
  const r = await db.query<R>(text, values);
  return (r.rows[0] as R | undefined) ?? null;
}

export async function many<R extends pg.QueryResultRow = Row>(
  db: Queryable,
  text: string,
  values?: unknown[],
): Promise<R[]> {
  return (await db.query<R>(text, values)).rows;
}
