// Application submission end to end through HTTP: `POST /api/v1/applications` as the demo citizen
// `citizen1` at 50 connections, each request with its own Idempotency-Key and its own freshly uploaded
// materials (a file may be handed in with one application only, docs/licensing.md §1).
//
// The form comes from one of citizen1's demo applications (GET /api/v1/applications/{id} gives the
// applicant the values back), so it is exactly what the hall would submit; the materials are the
// item's required ones. Before measuring: one submission is checked by hand, a short warm-up run
// estimates the rate, then enough PDFs are uploaded (POST /api/v1/files) for BENCH_SECONDS at that
// rate, and autocannon sends exactly that many submissions. The server must run with
// ZT_RATE_PUBLIC_PER_MINUTE raised (the default, 20 a minute per address, is for real citizens).
//
// bench/run.ts imports `benchApplications`; standalone against a running server:
// `node bench/applications.ts http://127.0.0.1:3000`.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import { postmasterPid, processCpuMs, treeCpuMs } from './cpu.ts';
import { type BenchRow, say } from './databases.ts';
import { describeWaits, sampleWaits } from './pg-waits.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
/** Upper bound of submissions measured (each needs its uploads first). */
const MAX_REQUESTS = Number(process.env.BENCH_APP_MAX ?? 6000);

interface Session {
  cookie: string;
  csrf: string;
}

interface Material {
  materialId: string;
  fileId: string;
}

async function signIn(base: string): Promise<Session> {
  const r = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'citizen1', password: 'Demo@2026' }),
  });
  if (!r.ok) throw new Error(`citizen1 login failed ${r.status} ${await r.text()}`);
  const cookie = (r.headers.getSetCookie().find((c) => c.startsWith('zt_session=')) ?? '').split(
    ';',
  )[0] as string;
  const body = (await r.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

async function getJson<T>(base: string, s: Session, url: string): Promise<T> {
  const r = await fetch(`${base}${url}`, { headers: { cookie: s.cookie } });
  if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

function samplePdf(): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% ${randomBytes(8).toString('hex')}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
  );
}

async function uploadOne(base: string, s: Session, name: string): Promise<string> {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(samplePdf())], { type: 'application/pdf' }), `${name}.pdf`);
  const r = await fetch(`${base}/api/v1/files`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    body: fd,
  });
  if (r.status !== 201) throw new Error(`upload: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { id: string }).id;
}

/** `sets` sets of materials (one new file per required material), uploaded 16 at a time. */
async function uploadSets(
  base: string,
  s: Session,
  materials: { id: string; name: string }[],
  sets: number,
): Promise<{ sets: Material[][]; ms: number }> {
  const jobs: { set: number; m: { id: string; name: string } }[] = [];
  for (let i = 0; i < sets; i++) for (const m of materials) jobs.push({ set: i, m });
  const out: Material[][] = Array.from({ length: sets }, () => []);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (;;) {
        const j = jobs[next++];
        if (!j) return;
        (out[j.set] as Material[]).push({ materialId: j.m.id, fileId: await uploadOne(base, s, j.m.name) });
      }
    }),
  );
  return { sets: out, ms: performance.now() - t0 };
}

interface Template {
  itemId: string;
  itemName: string;
  form: Record<string, unknown>;
  materials: { id: string; name: string }[];
}

/** A form citizen1 already submitted for a demo item that still accepts it, with the item's materials. */
async function findTemplate(base: string, s: Session): Promise<Template> {
  const list = await getJson<{ items: { id: string; itemId: string; itemName: string }[] }>(
    base,
    s,
    '/api/v1/applications?pageSize=100',
  );
  const problems: string[] = [];
  const tried = new Set<string>();
  for (const a of list.items) {
    if (tried.has(a.itemId)) continue;
    tried.add(a.itemId);
    const detail = await getJson<{ form: Record<string, unknown> }>(base, s, `/api/v1/applications/${a.id}`);
    const guide = await getJson<{ materials: { id: string; name: string; required: boolean }[] }>(
      base,
      s,
      `/api/v1/service-items/${a.itemId}`,
    );
    const t: Template = {
      itemId: a.itemId,
      itemName: a.itemName,
      form: detail.form,
      materials: guide.materials.filter((m) => m.required),
    };
    // One real submission decides whether this form is still valid (dates move on).
    const { sets } = await uploadSets(base, s, t.materials, 1);
    const r = await submit(
      base,
      s,
      t,
      sets[0] as Material[],
      `bench-probe-${randomBytes(6).toString('hex')}`,
    );
    if (r.status === 201) return t;
    problems.push(`${a.itemName}: ${r.status} ${r.body.slice(0, 300)}`);
  }
  throw new Error(`no demo application of citizen1 can be submitted again:\n${problems.join('\n')}`);
}

async function submit(base: string, s: Session, t: Template, materials: Material[], key: string) {
  const r = await fetch(`${base}/api/v1/applications`, {
    method: 'POST',
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      'idempotency-key': key,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ itemId: t.itemId, form: t.form, materials }),
  });
  return { status: r.status, body: await r.text() };
}

interface LoadResult {
  rps: number;
  ok: number;
  non2xx: number;
  errors: number;
  p50: number;
  p99: number;
  seconds: number;
  samples: string[];
}

/** Exactly `sets.length` submissions at 50 connections, one set of materials and one key each. */
async function load(
  base: string,
  s: Session,
  t: Template,
  sets: Material[][],
  tag: string,
  connections = CONNECTIONS,
): Promise<LoadResult> {
  let next = 0;
  const samples = new Map<string, number>();
  // Wall time: autocannon's own `duration` is in whole seconds, too coarse for a run of a few seconds.
  const t0 = performance.now();
  const r = await autocannon({
    url: base,
    connections,
    amount: sets.length,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/applications',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
        setupRequest: (req: Record<string, unknown>) => {
          const k = next++;
          return {
            ...req,
            headers: { ...(req.headers as Record<string, string>), 'idempotency-key': `bench-${tag}-${k}` },
            body: JSON.stringify({ itemId: t.itemId, form: t.form, materials: sets[k % sets.length] }),
          };
        },
        onResponse: (status: number, body: string) => {
          if (status >= 200 && status < 300) return;
          const key = `${status} ${String(body).slice(0, 160)}`;
          samples.set(key, (samples.get(key) ?? 0) + 1);
        },
      },
    ],
  } as unknown as autocannon.Options);
  const seconds = (performance.now() - t0) / 1000;
  const ok = r['2xx'];
  return {
    rps: ok / seconds,
    ok,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    p50: r.latency.p50,
    p99: r.latency.p99,
    seconds,
    samples: [...samples].map(([k, n]) => `${n}× ${k}`),
  };
}

/**
 * Measures submissions on a running server (demo seed done, public rate limit raised). Returns table
 * rows; problems (non-2xx responses) go to `onDetail`.
 */
export async function benchApplications(
  base: string,
  label: string,
  onDetail: (line: string) => void = (l) => say(l),
  /** Where to sample what the server's database sessions wait on (admin URL, database name). */
  db?: { adminUrl: string; name: string; poolSize: number },
  /** The server's process id, to report the CPU time one submission costs it and the database. */
  serverPid?: number,
): Promise<BenchRow[]> {
  const s = await signIn(base);
  say(`${label}: application submission: finding a valid form`);
  const t = await findTemplate(base, s);
  const tag = randomBytes(4).toString('hex');

  // Warm-up, also the rate estimate.
  const warmN = 60;
  const warmFiles = await uploadSets(base, s, t.materials, warmN);
  const uploadRate = (warmN * t.materials.length) / (warmFiles.ms / 1000);
  say(`${label}: warm-up, ${warmN} submissions (uploads ${uploadRate.toFixed(0)}/s)`);
  const warm = await load(base, s, t, warmFiles.sets, `${tag}-w`);
  const n = Math.min(MAX_REQUESTS, Math.max(100, Math.round(warm.rps * DURATION * 1.1)));
  say(`${label}: uploading ${n * t.materials.length} PDFs for ${n} submissions`);
  const files = await uploadSets(base, s, t.materials, n);
  say(`${label}: measuring ${n} submissions at ${CONNECTIONS} connections`);
  const sampling = db ? sampleWaits(db.adminUrl, db.name) : null;
  const postmaster = db ? await postmasterPid(db.adminUrl).catch(() => null) : null;
  const cpu0 = {
    node: serverPid ? processCpuMs(serverPid) : 0,
    pg: postmaster ? treeCpuMs(postmaster) : 0,
    gen: process.cpuUsage(),
  };
  const m = await load(base, s, t, files.sets, tag);
  const genUsage = process.cpuUsage(cpu0.gen);
  const cpu = {
    node: serverPid ? (processCpuMs(serverPid) - cpu0.node) / m.ok : null,
    pg: postmaster ? (treeCpuMs(postmaster) - cpu0.pg) / m.ok : null,
    gen: (genUsage.user + genUsage.system) / 1000 / m.ok,
  };
  const waits = await sampling?.stop();
  const bad = m.non2xx + m.errors;
  // Sequential, for comparison: what one submission costs when nothing waits.
  const oneN = 20;
  const oneFiles = await uploadSets(base, s, t.materials, oneN);
  say(`${label}: ${oneN} submissions on 1 connection`);
  const one = await load(base, s, t, oneFiles.sets, `${tag}-1`, 1);
  const rows: BenchRow[] = [
    [
      label,
      `application submission, POST /api/v1/applications, ${CONNECTIONS} conns (${t.materials.length} materials each)`,
      `${Math.round(m.rps)} /s, p50 ${m.p50} / p99 ${m.p99} ms, ${m.ok} submitted in ${m.seconds.toFixed(1)} s, ` +
        (bad ? `${m.non2xx} non-2xx + ${m.errors} errors!` : 'all 201'),
    ],
    [
      label,
      '  the same, 1 connection (sequential)',
      `${one.rps.toFixed(1)} /s, p50 ${one.p50} / p99 ${one.p99} ms` +
        (one.non2xx + one.errors ? `, ${one.non2xx} non-2xx + ${one.errors} errors!` : ''),
    ],
    [
      label,
      '  CPU time per submission (50 conns)',
      [
        cpu.node === null ? null : `Zhengtong process ${cpu.node.toFixed(1)} ms`,
        cpu.pg === null ? null : `PostgreSQL ${cpu.pg.toFixed(1)} ms`,
        `load generator ${cpu.gen.toFixed(1)} ms`,
      ]
        .filter(Boolean)
        .join(', ') +
        (cpu.node !== null && cpu.pg !== null
          ? ` → at most ${Math.round(1000 / cpu.node)}/s while one Node process serves, ` +
            `${Math.round((os.cpus().length * 1000) / (cpu.node + cpu.pg + cpu.gen))}/s with all ${os.cpus().length} cores busy`
          : ''),
    ],
    [
      label,
      '  file upload (POST /api/v1/files, 16 at a time, before measuring)',
      `${Math.round((n * t.materials.length) / (files.ms / 1000))} /s`,
    ],
  ];
  onDetail(`${label}: submissions of “${t.itemName}” (${t.materials.map((x) => x.name).join('、')})`);
  if (waits && db) onDetail(`${label}, submissions — ${describeWaits(waits, db.poolSize)} (server pool)`);
  if (warm.non2xx + warm.errors)
    onDetail(`${label}: warm-up had ${warm.non2xx} non-2xx: ${warm.samples.join(' | ')}`);
  for (const x of m.samples) onDetail(`${label}: non-2xx ${x}`);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = process.argv[2] ?? 'http://127.0.0.1:3000';
  // Optional: an admin URL and database name to sample the server's database sessions.
  const db = process.argv[3]
    ? {
        adminUrl: process.argv[3],
        name: process.argv[4] ?? 'zhengtong',
        poolSize: Number(process.env.ZT_DB_POOL_SIZE ?? 10),
      }
    : undefined;
  const rows = await benchApplications(base, base, undefined, db);
  for (const r of rows) console.log(r.join(' | '));
}
