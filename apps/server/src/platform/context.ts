import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditLog } from './audit/audit.ts';
import type { CalendarService } from './calendar/calendar-service.ts';
import type { Config } from './config/load-config.ts';
import type { Clock } from './db/clock.ts';
import type { Pool, Queryable, Tx } from './db/pool.ts';
import type { EventBus } from './events/events.ts';
import type { Principal } from './http/principal.ts';
import type { JobRunner } from './jobs/jobs.ts';

export interface PiiCipher {
  encrypt(plain: string): string;
  decrypt(token: string): string;
  blindIndex(kind: string, normalizedValue: string): string;
}

export interface StoredFile {
  id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  purpose: string;
  ownerUserId: string | null;
  orgId: string | null;
  createdAt: Date;
}

export interface FilePutInput {
  data: Buffer;
  name: string;
  purpose: string;
  ownerUserId?: string | null;
  orgId?: string | null;
  /** Allowed MIME types, checked against the detected content type. */
  allowedTypes?: readonly string[];
}

/** Content-addressed file store (disk by default). Authorisation is the caller's job. */
export interface FileStore {
  /** Stores bytes and records a file in the caller's transaction. Type is checked by content. */
  put(tx: Tx, input: FilePutInput): Promise<StoredFile>;
  get(db: Queryable, id: string): Promise<StoredFile | null>;
  read(file: StoredFile): Promise<Buffer>;
  stream(file: StoredFile): NodeJS.ReadableStream;
  /** Absolute path of a blob on disk (backup); null for remote stores. */
  blobPath(sha256: string): string | null;
  readonly root: string;
}

/** Outgoing notifications: written in the caller's transaction, delivered by jobs with retries. */
export interface Notifier {
  email(tx: Tx, msg: { to: string; subject: string; body: string }): Promise<string>;
  sms(tx: Tx, msg: { to: string; body: string }): Promise<string>;
  inbox(tx: Tx, msg: { userId: string; title: string; body?: string; link?: string }): Promise<string>;
}

export interface AuthHooks {
  /** Installed by the identity module: a session cookie value → principal, 'expired', or null. */
  resolveSession?: (token: string, req: FastifyRequest) => Promise<Principal | 'expired' | null>;
}

/** The platform services every module receives. Built once per process (or per test). */
export interface AppContext {
  readonly config: Readonly<Config>;
  readonly pool: Pool;
  readonly databaseUrl: string;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  readonly audit: AuditLog;
  readonly jobs: JobRunner;
  readonly events: EventBus;
  readonly pii: PiiCipher;
  readonly calendar: CalendarService;
  readonly files: FileStore;
  readonly notify: Notifier;
  readonly auth: AuthHooks;
  /** Installed by the portal: renders an HTML error page in the site's theme. */
  renderErrorPage?: (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    message: string,
  ) => Promise<FastifyReply>;
}
