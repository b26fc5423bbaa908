// Process bootstrap shared by `npm start`, the CLI and the tests: open the database (embedded or
// DATABASE_URL), migrate it under a lock, and build the platform services.
import { hkdfSync } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { AuditLog } from './audit/audit.ts';
import { CalendarService } from './calendar/calendar-service.ts';
import type { Config } from './config/load-config.ts';
import type { AppContext } from './context.ts';
import { createPiiCipher } from './crypto/pii.ts';
import { type Clock, systemClock } from './db/clock.ts';
import {
  acquireDataDirLock,
  dataDirSecrets,
  type EmbeddedServer,
  startEmbeddedPostgres,
} from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { createPool } from './db/pool.ts';
import { EventBus } from './events/events.ts';
import { DiskFileStore } from './files/file-store.ts';
import { JobRunner } from './jobs/jobs.ts';
import { OutboxNotifier } from './notify/notify.ts';

export interface Database {
  url: string;
  embedded: EmbeddedServer | null;
  close(): Promise<void>;
}

/** The application database on the embedded server. */
export const APP_DB = 'zhengtong';

/**
 * Opens the embedded server (locking the data folder) or connects to DATABASE_URL, then migrates.
 * Restore passes `migrationsDir` (only the backup's migrations) and `beforeMigrate` (refuse a
 * database that is not empty).
 */
export async function openDatabase(
  config: Readonly<Config>,
  progress: (m: string) => void,
  opts: { migrationsDir?: string; beforeMigrate?: (url: string) => Promise<void> } = {},
): Promise<Database> {
  const migrateTo = async (url: string) => {
    await opts.beforeMigrate?.(url);
    await migrate(url, { progress, ...(opts.migrationsDir ? { dir: opts.migrationsDir } : {}) });
  };
  if (config.databaseUrl) {
    await migrateTo(config.databaseUrl);
    return { url: config.databaseUrl, embedded: null, close: async () => {} };
  }
  const release = acquireDataDirLock(config.dataDir);
  let server: EmbeddedServer | null = null;
  try {
    server = await startEmbeddedPostgres(config.dataDir, { progress });
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [APP_DB]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${APP_DB}`);
    await admin.end();
    const url = server.url.replace(/\/postgres$/, `/${APP_DB}`);
    await migrateTo(url);
    const s = server;
    return {
      url,
      embedded: s,
      close: async () => {
        await s.stop();
        release();
      },
    };
  } catch (e) {
    await server?.stop().catch(() => {});
    release();
    throw e;
  }
}

export function masterKey(config: Readonly<Config>): Buffer {
  const hex = config.secretKey ?? dataDirSecrets(config.dataDir).secretKey;
  return Buffer.from(hex, 'hex');
}

export function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `zhengtong:${purpose}`, 32));
}

export function createLogger(config: Readonly<Config>): FastifyBaseLogger {
  return pino({
    level: config.logLevel,
    base: { svc: 'zhengtong', role: config.role },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', '*.password'], censor: '[隐藏]' },
  }) as unknown as FastifyBaseLogger;
}

export async function createContext(
  config: Readonly<Config>,
  databaseUrl: string,
  opts: { log?: FastifyBaseLogger; clock?: Clock; poolSize?: number } = {},
): Promise<AppContext> {
  const log = opts.log ?? createLogger(config);
  const clock = opts.clock ?? systemClock;
  const pool = createPool(databaseUrl, opts.poolSize ?? config.dbPoolSize);
  const master = masterKey(config);
  const jobs = new JobRunner(pool, log, clock);
  const pii = createPiiCipher(deriveKey(master, 'pii'));
  const ctx: AppContext = {
    config,
    pool,
    databaseUrl,
    clock,
    log,
    audit: new AuditLog(deriveKey(master, 'audit-chain'), clock),
    jobs,
    events: new EventBus(jobs, pool),
    pii,
    calendar: new CalendarService(pool),
    files: new DiskFileStore(config.dataDir, config.uploadLimitBytes, clock),
    notify: new OutboxNotifier({ pii, clock }),
    auth: {},
  };
  return ctx;
}
