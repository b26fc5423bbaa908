// Case engine benchmark: submit → accept → approve through the real engine, in-process, on a fresh
// migrated database. Each step is its own transaction, as in production: openCase (the submission),
// then actOnTaskAsSystem on the acceptance task, then on the decision task. N workers run cases
// back to back for a fixed time; we report transitions/s (3 per completed case) and cases/s.
//
// To show what limits it, the run is repeated with one worker (no contention), and while the
// workers run another connection samples pg_stat_activity every 20 ms: how many of the bench's
// backends wait on the audit log's advisory lock (platform/audit/audit.ts, one lock for the whole
// platform, held from the audit insert to commit), on a row lock (the case-number counter in
// platform_sequence, held from early in openCase to commit), on WAL flush, or run.
// Two diagnostic runs separate the two locks (not production figures): the workers' cases spread
// over the ten region codes of 丽水 (ten case-number counters instead of one), then the same with the
// audit log replaced by a no-op (BENCH_CASE_DIAG=0 skips them).
//
// Standalone: `node bench/cases.ts` (server PostgreSQL at BENCH_DATABASE_URL; `--embedded` adds the
// embedded server). bench/run.ts imports `benchCaseTransitions`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { principalOf } from '../apps/server/src/modules/identity/testing.ts';
import { createOrg } from '../apps/server/src/modules/identity/use-cases/create-org.ts';
import {
  acceptDecideDefinition,
  actOnTaskAsSystem,
  createPublishedProcess,
  openCase,
  openTasksOf,
} from '../apps/server/src/modules/workflow/index.ts';
import { seedCaseFixture } from '../apps/server/src/modules/workflow/testing.ts';
import { systemActor } from '../apps/server/src/platform/audit/audit.ts';
import { createContext } from '../apps/server/src/platform/bootstrap.ts';
import { loadConfig } from '../apps/server/src/platform/config/load-config.ts';
import type { AppContext } from '../apps/server/src/platform/context.ts';
import type { Clock } from '../apps/server/src/platform/db/clock.ts';
import { startEmbeddedPostgres } from '../apps/server/src/platform/db/embedded.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { withTx } from '../apps/server/src/platform/db/pool.ts';
import { type BenchRow, dropDatabase, freshDatabase, printTable, say, serverVersion } from './databases.ts';
import { describeWaits, sampleWaits, type Waits } from './pg-waits.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const WORKERS = Number(process.env.BENCH_CASE_WORKERS ?? 12);
const CASE_TYPE = 'bench_licence';
const PROCESS = 'bench.submit-accept-approve';

/**
 * Real time, shifted to a Monday in March 2026 so the deadlines stay inside the published calendar
 * (2025–2026) whenever the bench is run.
 */
function shiftedClock(): Clock {
  const offset = Date.now() - new Date('2026-03-02T09:00:00+08:00').getTime();
  return { now: () => new Date(Date.now() - offset) };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

interface RunResult {
  workers: number;
  seconds: number;
  transitions: number;
  cases: number;
  errors: number;
  firstError: string | null;
  p50: number;
  p99: number;
  waits: Waits;
}

/** `workers` loops of submit → accept → approve for `seconds`. */
async function runWorkers(
  ctx: AppContext,
  orgIds: readonly string[],
  workers: number,
  seconds: number,
  sampler: () => { stop(): Promise<Waits> },
): Promise<RunResult> {
  let transitions = 0;
  let cases = 0;
  let errors = 0;
  let firstError: string | null = null;
  const lat: number[] = [];
  const step = async <T>(fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const v = await fn();
    lat.push(performance.now() - t0);
    transitions += 1;
    return v;
  };
  const sampling = sampler();
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const worker = async (w: number) => {
    const orgId = orgIds[w % orgIds.length] as string;
    let n = 0;
    while (performance.now() < end) {
      n += 1;
      try {
        const opened = await step(() =>
          withTx(ctx.pool, (tx) =>
            openCase(tx, ctx, {
              caseType: CASE_TYPE,
              processCode: PROCESS,
              orgId,
              subject: '食品经营许可（基准测试）',
              applicantName: `基准测试申请人${w}-${n}`,
              legal: { days: 20, unit: 'working' },
              promised: { days: 10, unit: 'working' },
              withQueryCode: true,
              actorUserId: null,
            }),
          ),
        );
        const caseId = opened.case.id;
        if (performance.now() >= end) break;
        const [accept] = await openTasksOf(ctx.pool, caseId);
        await step(() =>
          withTx(ctx.pool, (tx) => actOnTaskAsSystem(tx, ctx, accept?.id as string, { action: 'accept' })),
        );
        if (performance.now() >= end) break;
        const [decide] = await openTasksOf(ctx.pool, caseId);
        const done = await step(() =>
          withTx(ctx.pool, (tx) =>
            actOnTaskAsSystem(tx, ctx, decide?.id as string, { action: 'approve', comment: '符合条件' }),
          ),
        );
        if (done.case.status !== 'completed') throw new Error(`case not completed: ${done.case.status}`);
        cases += 1;
      } catch (e) {
        errors += 1;
        firstError ??= (e as Error).message;
        if (errors > 50) throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, i) => worker(i)));
  const elapsed = (performance.now() - t0) / 1000;
  const waits = await sampling.stop();
  lat.sort((a, b) => a - b);
  return {
    workers,
    seconds: elapsed,
    transitions,
    cases,
    errors,
    firstError,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    waits,
  };
}

/**
 * Runs the case-transition benchmark against a fresh database on the server at `adminUrl`; returns
 * table rows. `onDetail` receives the wait-sampling lines (for the notes under the table).
 */
export async function benchCaseTransitions(
  adminUrl: string,
  label: string,
  onDetail: (line: string) => void = (l) => say(l),
): Promise<BenchRow[]> {
  const name = 'zt_bench_cases';
  const url = await freshDatabase(adminUrl, name);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-bench-cases-'));
  const rows: BenchRow[] = [];
  const config = loadConfig(
    {},
    { demo: false, dataDir, secretKey: 'c3'.repeat(32), require2fa: false, logLevel: 'silent' },
  );
  let ctx: AppContext | null = null;
  try {
    say(`${label}: case transitions: migrating a fresh database`);
    await migrate(url);
    ctx = await createContext(config, url, {
      log: pino({ level: 'silent' }) as never,
      clock: shiftedClock(),
      poolSize: WORKERS + 2,
    });
    const c = ctx;
    const f = await seedCaseFixture(c);
    await withTx(c.pool, (tx) =>
      createPublishedProcess(tx, {
        code: PROCESS,
        name: '基准测试：受理 → 审批',
        caseType: CASE_TYPE,
        // 受理 (window) → 审批决定 (approver) → 准予许可.
        definition: acceptDecideDefinition(),
        orgId: f.qingtianDept.id,
      }),
    );
    // One county: every case of the workers takes its number from the same counter, as in production.
    const orgId = [f.qingtianDept.id];
    const root = await principalOf(c, f.platformAdmin.id);
    const regions = [f.city.id, f.liandu.id, f.qingtian.id];
    for (const [code, regionName] of [
      ['331122', '缙云县'],
      ['331123', '遂昌县'],
      ['331124', '松阳县'],
      ['331125', '云和县'],
      ['331126', '庆元县'],
      ['331127', '景宁畲族自治县'],
      ['331181', '龙泉市'],
    ] as const) {
      const o = await createOrg(
        c,
        root,
        { parentId: f.city.id, kind: 'region', name: regionName, regionCode: code },
        {
          ...systemActor,
          name: '基准测试',
        },
      );
      regions.push(o.id);
    }
    const sampler = () => sampleWaits(adminUrl, name);
    // Warm up (JIT, definition cache, prepared plans), not measured.
    await runWorkers(c, orgId, WORKERS, 2, sampler);

    const fmt = (r: RunResult) =>
      `${Math.round(r.transitions / r.seconds)} transitions/s, ${(r.cases / r.seconds).toFixed(0)} cases/s, ` +
      `p50 ${r.p50.toFixed(1)} / p99 ${r.p99.toFixed(0)} ms per step` +
      (r.errors ? ` (${r.errors} errors! first: ${r.firstError})` : '');

    say(`${label}: case transitions, ${WORKERS} workers, ${DURATION} s`);
    const many = await runWorkers(c, orgId, WORKERS, DURATION, sampler);
    rows.push([
      label,
      `case transitions (submit → accept → approve, in-process), ${WORKERS} workers`,
      fmt(many),
    ]);
    onDetail(`${label}, ${WORKERS} workers — ${describeWaits(many.waits, WORKERS)}`);

    say(`${label}: case transitions, 1 worker, ${Math.max(3, Math.round(DURATION / 2))} s`);
    const one = await runWorkers(c, orgId, 1, Math.max(3, Math.round(DURATION / 2)), sampler);
    rows.push([label, 'case transitions, 1 worker (no contention)', fmt(one)]);

    if (process.env.BENCH_CASE_DIAG !== '0') {
      const short = Math.max(3, Math.round(DURATION / 2));
      say(`${label}: case transitions over ${regions.length} regions (diagnostic), ${WORKERS} workers`);
      const spread = await runWorkers(c, regions, WORKERS, short, sampler);
      rows.push([
        label,
        `  diagnostic: ${WORKERS} workers, cases over ${regions.length} regions (${regions.length} number counters)`,
        fmt(spread),
      ]);
      onDetail(
        `${label}, ${WORKERS} workers over ${regions.length} regions — ${describeWaits(spread.waits, WORKERS)}`,
      );
      // The same with the audit log replaced by a no-op (no advisory lock, no insert).
      say(`${label}: the same without the audit log (diagnostic)`);
      const noAudit: AppContext = {
        ...c,
        audit: { record: async () => 'x' } as unknown as AppContext['audit'],
      };
      const na = await runWorkers(noAudit, regions, WORKERS, short, sampler);
      rows.push([label, `  diagnostic: the same with the audit log stubbed out`, fmt(na)]);
      onDetail(
        `${label}, ${WORKERS} workers over ${regions.length} regions, no audit — ${describeWaits(na.waits, WORKERS)}`,
      );
    }
  } finally {
    await ctx?.pool.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (!process.env.BENCH_KEEP) await dropDatabase(adminUrl, name);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (process.argv.includes('--embedded')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-bench-cases-pg-'));
    const server = await startEmbeddedPostgres(dir);
    try {
      rows.push(...(await benchCaseTransitions(server.url, 'embedded', (l) => notes.push(l))));
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const version = await serverVersion(serverUrl);
  if (version && !process.argv.includes('--embedded-only'))
    rows.push(...(await benchCaseTransitions(serverUrl, `PostgreSQL ${version}`, (l) => notes.push(l))));
  printTable(rows);
  for (const n of notes) console.log(`- ${n}`);
  console.log(`\n${os.cpus().length} cores, Node ${process.version}, ${DURATION} s per measure`);
}
