// What the application's database sessions are doing while a benchmark runs: pg_stat_activity sampled
// every 20 ms from a separate connection, each backend of application_name 'zhengtong' on one
// database counted as running, waiting on the audit log's advisory lock, waiting on a row lock (named
// after the table its statement touches), flushing WAL, or idle in a transaction while the Node
// process works (CPU-bound client side).
import pg from 'pg';

export interface Waits {
  samples: number;
  /** Average number of the bench's backends in each state per sample. */
  avg: Record<string, number>;
}

/** Samples what the bench's backends are doing (application_name 'zhengtong' on database `db`). */
export function sampleWaits(adminUrl: string, db: string): { stop(): Promise<Waits> } {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'zt-bench-sampler' });
  const totals: Record<string, number> = {};
  let samples = 0;
  let running = true;
  const done = (async () => {
    await client.connect();
    while (running) {
      const r = await client.query<{ what: string; n: number }>(
        `SELECT CASE
                  WHEN state = 'idle in transaction' THEN 'idle in transaction (client side)'
                  WHEN state = 'idle' THEN 'idle'
                  WHEN wait_event_type = 'Lock' AND wait_event = 'advisory' THEN 'audit advisory lock'
                  WHEN wait_event_type = 'Lock' THEN 'row lock on ' || coalesce(
                    substring(query FROM '(?:UPDATE|INSERT INTO|FROM)[[:space:]]+([a-z_]+)'), wait_event)
                  WHEN wait_event IN ('WALSync', 'WALWrite', 'WALInsert') OR wait_event_type = 'IO' AND wait_event LIKE 'WAL%'
                    THEN 'WAL flush'
                  WHEN wait_event_type IS NULL OR wait_event = 'ClientRead' THEN 'running'
                  ELSE wait_event_type || ':' || wait_event END AS what,
                count(*)::int AS n
         FROM pg_stat_activity
         WHERE datname = $1 AND application_name = 'zhengtong' AND pid <> pg_backend_pid()
         GROUP BY 1`,
        [db],
      );
      samples += 1;
      for (const row of r.rows) totals[row.what] = (totals[row.what] ?? 0) + row.n;
      await new Promise((res) => setTimeout(res, 20));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await done;
      const avg: Record<string, number> = {};
      for (const [k, v] of Object.entries(totals)) avg[k] = v / Math.max(1, samples);
      return { samples, avg };
    },
  };
}

export function describeWaits(w: Waits, workers: number): string {
  const order = Object.entries(w.avg)
    .filter(([k]) => k !== 'idle')
    .sort((a, b) => b[1] - a[1])
    .filter(([, v]) => v >= 0.05)
    .slice(0, 4)
    .map(([k, v]) => `${k} ${v.toFixed(1)}`);
  return `of ${workers} backends on average: ${order.join(', ') || 'nothing notable'}`;
}
