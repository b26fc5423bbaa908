// Public site pages benchmark: the city portal's home page and an article page at 100 connections
// (autocannon), from the page cache (anonymous) and rendered per request (signed in), next to nginx
// serving the same pages saved as static files — Debian's /usr/sbin/nginx, started here with a
// temporary configuration on a free port as a non-daemon child and stopped afterwards. The target is
// cached pages at ≥ 50% of nginx's requests per second.
// bench/run.ts calls `benchCms(port, label, cookie)` with a running, demo-seeded server. Standalone:
// `node bench/cms.ts http://127.0.0.1:3000` against a running demo server (BENCH_SECONDS, default 8).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { type BenchRow, printTable, say } from './databases.ts';

const NGINX = '/usr/sbin/nginx';
const CONNECTIONS = 100;

export interface CmsBenchOptions {
  /** Seconds per measure (after a 2 s warm-up). */
  seconds?: number;
  /** Notes for the report (nginx missing, errors …). */
  note?: (line: string) => void;
}

interface Measure {
  rps: number;
  p99: number;
  ok: boolean;
}

async function load(url: string, seconds: number, headers: Record<string, string> = {}): Promise<Measure> {
  await autocannon({ url, connections: CONNECTIONS, duration: Math.min(2, seconds), headers });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return { rps: Math.round(r.requests.average), p99: r.latency.p99, ok: r.non2xx === 0 && r.errors === 0 };
}

const fmt = (x: Measure) => `${x.rps} req/s, p99 ${x.p99} ms${x.ok ? '' : ' (errors!)'}`;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** An article of the default site: the newest item of its RSS feed. */
async function articlePath(base: string): Promise<string> {
  const feed = await (await fetch(`${base}/feed.xml`)).text();
  const link = /<item>[\s\S]*?<link>([^<]+)<\/link>/.exec(feed)?.[1];
  if (!link) throw new Error('the default site has no published article (is the demo seeded?)');
  return new URL(link).pathname;
}

async function signIn(base: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'citizen1', password: 'Demo@2026' }),
  });
  if (!r.ok) throw new Error(`login failed ${r.status}`);
  return (r.headers.getSetCookie().find((c) => c.startsWith('zt_session=')) ?? '').split(';')[0] as string;
}

interface Nginx {
  child: ChildProcess;
  port: number;
  dir: string;
}

/** nginx serving `files` (name → body) from a temporary folder, or null when it is not installed. */
async function startNginx(files: Record<string, string>): Promise<Nginx | null> {
  if (!fs.existsSync(NGINX)) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-bench-nginx-'));
  const root = path.join(dir, 'www');
  fs.mkdirSync(root);
  for (const [name, body] of Object.entries(files))
    fs.writeFileSync(path.join(root, name), body, { mode: 0o644 });
  // Started as root, nginx's workers run as `nobody`: they must be able to read the pages (mkdtemp is 0700).
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(root, 0o755);
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  // One worker per core, like the Node server has the machine; no access log (neither has Node).
  fs.writeFileSync(
    conf,
    `worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  types { text/html html; }
  server {
    listen 127.0.0.1:${port};
    root ${root};
    etag on;
    add_header Cache-Control "public, max-age=60";
  }
}
`,
  );
  const child = spawn(NGINX, ['-c', conf, '-p', dir, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  for (let i = 0; i < 250; i += 1) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${err.slice(0, 300)}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/home.html`)).ok) return { child, port, dir };
    } catch {}
    await sleep(20);
  }
  child.kill('SIGTERM');
  const log = fs.existsSync(path.join(dir, 'error.log'))
    ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8')
    : '';
  throw new Error(`nginx did not serve the page: ${(err + log).slice(-300)}`);
}

async function stopNginx(n: Nginx): Promise<void> {
  if (n.child.exitCode === null && n.child.signalCode === null) {
    const exited = new Promise((r) => n.child.once('exit', r));
    n.child.kill('SIGQUIT');
    await Promise.race([exited, sleep(10_000).then(() => n.child.kill('SIGKILL'))]);
  }
  fs.rmSync(n.dir, { recursive: true, force: true });
}

/**
 * Measures the home and an article page of the default site on the server at `port` (demo seed
 * loaded): cached (anonymous) and uncached (signed in with `cookie`, or the demo citizen), then nginx
 * serving the same anonymous pages as static files.
 */
export async function benchCms(
  port: number,
  label: string,
  cookie?: string,
  opts: CmsBenchOptions = {},
): Promise<BenchRow[]> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_SECONDS ?? 8);
  const note = opts.note ?? ((l: string) => say(l));
  const base = `http://127.0.0.1:${port}`;
  const rows: BenchRow[] = [];
  const article = await articlePath(base);
  const session = cookie ?? (await signIn(base));
  const pages: [string, string, string][] = [
    ['home', '/', 'home.html'],
    ['article', article, 'article.html'],
  ];
  const cached: Record<string, Measure> = {};
  for (const [name, url] of pages) {
    say(`${label}: cms ${name} page from the page cache (anonymous)`);
    cached[name] = await load(base + url, seconds);
    rows.push([label, `cms ${name} page, cached (anonymous), ${CONNECTIONS} conns`, fmt(cached[name])]);
    say(`${label}: cms ${name} page rendered per request (signed in)`);
    rows.push([
      label,
      `cms ${name} page, uncached (signed in), ${CONNECTIONS} conns`,
      fmt(await load(base + url, seconds, { cookie: session })),
    ]);
  }
  const files: Record<string, string> = {};
  for (const [, url, file] of pages) files[file] = await (await fetch(base + url)).text();
  let nginx: Nginx | null = null;
  try {
    nginx = await startNginx(files);
  } catch (e) {
    note(`nginx failed to start: ${(e as Error).message}`);
  }
  if (!nginx) {
    if (!fs.existsSync(NGINX)) note('nginx not installed (apt-get install nginx): no static-file comparison');
    return rows;
  }
  try {
    for (const [name, , file] of pages) {
      say(`nginx: the ${name} page as a static file`);
      const n = await load(`http://127.0.0.1:${nginx.port}/${file}`, seconds);
      const c = cached[name] as Measure;
      rows.push(['nginx (static file)', `cms ${name} page, ${CONNECTIONS} conns`, fmt(n)]);
      rows.push([
        label,
        `cms ${name} page cached vs nginx (target ≥ 50%)`,
        `${n.rps ? Math.round((c.rps / n.rps) * 100) : 0}%`,
      ]);
    }
  } finally {
    await stopNginx(nginx);
  }
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const target = new URL(process.argv[2] ?? 'http://127.0.0.1:3000');
  const notes: string[] = [];
  const rows = await benchCms(Number(target.port || 80), 'server', undefined, { note: (l) => notes.push(l) });
  printTable(rows);
  for (const n of notes) console.log(`- ${n}`);
  console.log(`\n${os.cpus().length} cores, Node ${process.version}, load generator on the same machine.`);
}
