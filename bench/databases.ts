// What every benchmark does around its measure: a fresh database on the server under test, dropped
// afterwards; the server's version for the row label; the result table.
import pg from 'pg';

/** [database, measure, result] */
export type BenchRow = [string, string, string];

export const say = (m: string) => process.stderr.write(`[bench] ${m}\n`);

/** Drops and creates database `name` on the server at `adminUrl`; returns its URL. */
export async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  await c.end();
}

/** The version of the server at `url` ('16.4'), or null (said on stderr) when none answers. */
export async function serverVersion(url: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    const v = (await c.query('SHOW server_version')).rows[0].server_version as string;
    return v.split(' ')[0] ?? v;
  } catch {
    say(`no PostgreSQL server at ${url}: skipping the server rows`);
    return null;
  } finally {
    await c.end().catch(() => {});
  }
}

export function printTable(rows: BenchRow[]): void {
  const w0 = Math.max(...rows.map((r) => r[0].length), 8);
  const w1 = Math.max(...rows.map((r) => r[1].length), 6);
  console.log(`\n${'database'.padEnd(w0)} | ${'measure'.padEnd(w1)} | result`);
  console.log(`${'-'.repeat(w0)}-|-${'-'.repeat(w1)}-|-------`);
  for (const r of rows) console.log(`${r[0].padEnd(w0)} | ${r[1].padEnd(w1)} | ${r[2]}`);
}

/**
 * A benchmark module run on its own (`node bench/x.ts [--embedded]`): on the server at
 * BENCH_DATABASE_URL, and with --embedded also on an embedded server in a temporary folder; prints the table.
 */
export async function runStandalone(
  name: string,
  bench: (adminUrl: string, label: string) => Promise<BenchRow[]>,
): Promise<void> {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { startEmbeddedPostgres } = await import('../apps/server/src/platform/db/embedded.ts');
  const rows: BenchRow[] = [];
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const version = await serverVersion(serverUrl);
  if (version) rows.push(...(await bench(serverUrl, `PostgreSQL ${version}`)));
  if (process.argv.includes('--embedded')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `zt-bench-${name}-`));
    const server = await startEmbeddedPostgres(dir);
    try {
      rows.push(...(await bench(server.url, 'embedded')));
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  printTable(rows);
  console.log(`\n${os.cpus().length} cores, Node ${process.version}`);
}
