import type pg from 'pg';
import { sweepLevels } from '../apps/server/src/modules/supervision/sweep.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { createPool } from '../apps/server/src/platform/db/pool.ts';
import { type BenchRow, dropDatabase, freshDatabase, say, runStandalone } from './databases.ts';

const CASES = Number(process.env.BENCH_SWEEP_CASES ?? 1_000_000);
const TODAY = '2026-12-01';

/** SQL for a UUIDv7-shaped id: the day's milliseconds plus a per-row counter, then hash bits. */
function uuid7Sql(day: string, counter: string, seed: string): string {
  return `(lpad(to_hex(floor(extract(epoch FROM (${day})::timestamp) * 1000)::bigint + ((${counter})::bigint % 86400000)), 12, '0')
    || '7' || substr(md5(${seed}), 1, 3) || '8' || substr(md5(${seed}), 4, 15))::uuid`;
}

/**
 * Open cases whose clock started 0–74 days before TODAY (skewed towards recent), promised within 60
 * days, warned 12 days before, legal limit 20 days after the promise; one open step per case due 20 days
 * after it opened. About 10 % are red and 9 % yellow, the levels being right as of yesterday.
 */
async function generate(db: pg.Pool, n: number): Promise<void> {
  await db.query(`SELECT setseed(0.2026)`);
  await db.query(`
    INSERT INTO idn_org (id, kind, name, region_code, path, depth)
    VALUES ('01900000-0000-7000-8000-0000000000a1', 'region', '丽水市', '331100', '/01900000-0000-7000-8000-0000000000a1/', 0)`);
  await db.query(`
    INSERT INTO wf_process (id, code, name, case_type)
    VALUES ('01900000-0000-7000-8000-0000000000b1', 'bench.sweep', '基准测试流程', 'licence')`);
  await db.query(`
    INSERT INTO wf_process_version (id, process_id, version, status, definition)
    VALUES ('01900000-0000-7000-8000-0000000000b2', '01900000-0000-7000-8000-0000000000b1', 1, 'published', '{"start":"review","steps":[]}')`);
  // Rows go in the order a running system creates them (by the day the case came in), with
  // time-ordered ids like newId() (UUIDv7: milliseconds first), so cases that cross a threshold on the
  // same day sit together in the table and its indexes, as they do in production.
  await db.query(
    `INSERT INTO wf_case (id, number, case_type, process_version_id, org_id, org_path, subject, status,
                          received_on, clock_started_on, legal_days, legal_unit, promised_days, promised_unit,
                          legal_deadline, promised_deadline, warn_on, level)
     SELECT ${uuid7Sql('s', 'i', 'i::text')}, 'B' || lpad(i::text, 9, '0'), 'licence', '01900000-0000-7000-8000-0000000000b2',
            '01900000-0000-7000-8000-0000000000a1', '/01900000-0000-7000-8000-0000000000a1/', '基准测试办件', 'open',
            s, s, 80, 'natural', 60, 'natural', s + 80, s + 60, s + 48,
            CASE WHEN s + 60 < $1::date - 1 THEN 'red' WHEN s + 48 <= $1::date - 1 THEN 'yellow' ELSE 'green' END
     FROM (SELECT row_number() OVER (ORDER BY s) AS i, s
           FROM (SELECT $1::date - floor(random() ^ 2 * 75)::int AS s FROM generate_series(1, $2::int)) r) g
     ORDER BY i`,
    [TODAY, n],
  );
  await db.query(
    `INSERT INTO wf_task (id, case_id, step_key, step_name, assignee_type, role_code, org_id, org_path, status,
                          opened_at, limit_days, limit_unit, due_date, warn_on, level)
     SELECT ${uuid7Sql('c.clock_started_on', 'substr(c.number, 2)', "'t' || c.number")},
            c.id, 'review', '审查', 'role', 'reviewer', c.org_id, c.org_path, 'open',
            (c.clock_started_on)::timestamptz, 20, 'natural', c.clock_started_on + 20, c.clock_started_on + 16,
            CASE WHEN c.clock_started_on + 20 < $1::date - 1 THEN 'red'
                 WHEN c.clock_started_on + 16 <= $1::date - 1 THEN 'yellow' ELSE 'green' END
     FROM wf_case c ORDER BY c.id`,
    [TODAY],
  );
  // The legal deadlines up to yesterday were already looked at by yesterday's sweeps.
  await db.query(`UPDATE sup_sweep_state SET legal_checked_through = $1::date - 1`, [TODAY]);
  await db.query('VACUUM ANALYZE wf_case');
  await db.query('VACUUM ANALYZE wf_task');
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Runs the three sweeps against a fresh database on the server at `adminUrl`; returns table rows. */
export async function benchSupervisionSweep(adminUrl: string, label: string): Promise<BenchRow[]> {
  const name = 'zt_bench_sweep';
  const url = await freshDatabase(adminUrl, name);
  const rows: BenchRow[] = [];
  const pool = createPool(url, 4);
  try {
    say(`${label}: migrating a fresh database`);
    await migrate(url);
    say(`${label}: generating ${CASES.toLocaleString('en')} open cases and steps`);
    const gen = await timed(() => generate(pool, CASES));
    say(`${label}: generated in ${(gen.ms / 1000).toFixed(1)} s`);
    const count = CASES.toLocaleString('en');
    const now = new Date(`${TODAY}T00:00:30+08:00`);

    const midnight = await timed(() => sweepLevels(pool, TODAY, now));
    const m = midnight.value;
    rows.push([
      label,
      `supervision sweep, midnight, ${count} open cases (${m.cases} cases + ${m.tasks} steps changed)`,
      `${Math.round(midnight.ms)} ms`,
    ]);
    const idle = await timed(() => sweepLevels(pool, TODAY, new Date(now.getTime() + 300_000)));
    rows.push([
      label,
      `supervision sweep, 5-minute run right after it, before autovacuum (${idle.value.cases + idle.value.tasks} changed)`,
      `${Math.round(idle.ms)} ms`,
    ]);
    // What autovacuum does once 1 % of the table changed (the supervision migration's setting).
    await pool.query('VACUUM wf_case');
    await pool.query('VACUUM wf_task');
    const idle2 = await timed(() => sweepLevels(pool, TODAY, new Date(now.getTime() + 400_000)));
    rows.push([
      label,
      `supervision sweep, 5-minute run after autovacuum (${idle2.value.cases + idle2.value.tasks} changed)`,
      `${Math.round(idle2.ms)} ms`,
    ]);

    if (process.env.BENCH_SWEEP_SKIP_WORST) return rows;
    say(`${label}: making every level stale (all green) for the worst case`);
    await pool.query(`UPDATE wf_case SET level = 'green' WHERE level <> 'green'`);
    await pool.query(`UPDATE wf_task SET level = 'green' WHERE level <> 'green'`);
    await pool.query('VACUUM ANALYZE wf_case');
    await pool.query('VACUUM ANALYZE wf_task');
    const worst = await timed(() => sweepLevels(pool, TODAY, new Date(now.getTime() + 600_000)));
    const w = worst.value;
    rows.push([
      label,
      `supervision sweep, worst case: all levels stale (${w.cases} cases + ${w.tasks} steps changed)`,
      `${Math.round(worst.ms)} ms`,
    ]);
  } finally {
    await pool.end();
    if (!process.env.BENCH_KEEP) await dropDatabase(adminUrl, name);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await runStandalone('sweep', benchSupervisionSweep);
