// Outgoing notifications. A message is a row written in the caller's transaction together with the
// job that delivers it (the transactional outbox): if the change rolls back, nothing is sent; if the
// process dies after commit, another worker delivers it. Delivery happens outside any transaction,
// retried by the job runner with exponential backoff; the row records attempts and the last error.
import type { FastifyBaseLogger } from 'fastify';
import { createTransport, type Mail } from 'nodemailer';
import type { AppContext, Notifier, PiiCipher } from '../context.ts';
import type { Clock } from '../db/clock.ts';
import { newId, UUID_RE } from '../db/ids.ts';
import type { Queryable, Tx } from '../db/pool.ts';
import { AppError } from '../http/errors.ts';
import { maskEmail, maskMobile } from '../ids/mask.ts';
import { validateMobile } from '../ids/phone.ts';
import { enqueueJob, type JobContext } from '../jobs/jobs.ts';

export const NOTIFY_QUEUE = 'notify.deliver';
export const NOTIFY_MAX_ATTEMPTS = 6;

/** Sends one text message. Carrier adapters (阿里云、腾讯云、运营商网关) implement this. */
export interface SmsAdapter {
  send(to: string, body: string): Promise<void>;
}

/** Sends one plain-text email. */
export interface Mailer {
  send(msg: { to: string; subject: string; body: string }): Promise<void>;
}

/** The default SMS "carrier": writes the message to the log with the number masked. */
export class LogSmsAdapter implements SmsAdapter {
  readonly #log: FastifyBaseLogger;
  constructor(log: FastifyBaseLogger) {
    this.#log = log;
  }
  async send(to: string, body: string): Promise<void> {
    this.#log.info(
      { transport: 'log', channel: 'sms', to: maskMobile(to), body },
      'sms written to the log (not sent)',
    );
  }
}

/** Used when ZT_SMTP_URL is unset: the email goes to the log, recipient masked. */
export class LogMailer implements Mailer {
  readonly #log: FastifyBaseLogger;
  constructor(log: FastifyBaseLogger) {
    this.#log = log;
  }
  async send(msg: { to: string; subject: string; body: string }): Promise<void> {
    this.#log.info(
      { transport: 'log', channel: 'email', to: maskEmail(msg.to), subject: msg.subject, body: msg.body },
      'email written to the log (not sent)',
    );
  }
}

export class SmtpMailer implements Mailer {
  readonly #transport: Mail;
  readonly #from: string;
  constructor(url: string, from: string) {
    // nodemailer waits up to ten minutes on a silent server by default; a job lease is five.
    this.#transport = createTransport({
      url,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
    this.#from = from;
  }
  async send(msg: { to: string; subject: string; body: string }): Promise<void> {
    await this.#transport.sendMail({ from: this.#from, to: msg.to, subject: msg.subject, text: msg.body });
  }
  close(): void {
    this.#transport.close();
  }
}

const EMAIL_RE = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/u;

function invalid(code: string, field: string, message: string): AppError {
  return new AppError(code, { status: 422, userMessage: message, details: [{ field, message }] });
}

/** Marks a recipient stored encrypted (ARCHITECTURE §5: phone numbers and addresses encrypted at rest). */
const SEALED = 'pii:';

export class OutboxNotifier implements Notifier {
  readonly #clock: Clock | null;
  readonly #pii: PiiCipher | null;

  /**
   * With `pii`, recipients are stored encrypted and decrypted only by the delivery job. With a clock,
   * created_at comes from it (tests); otherwise from the database.
   */
  constructor(opts: { pii?: PiiCipher | null; clock?: Clock | null } = {}) {
    this.#clock = opts.clock ?? null;
    this.#pii = opts.pii ?? null;
  }

  async email(tx: Tx, msg: { to: string; subject: string; body: string }): Promise<string> {
    const to = msg.to.trim();
    if (!EMAIL_RE.test(to) || to.length > 254)
      throw invalid('EMAIL_INVALID', 'email', '电子邮箱地址格式不正确');
    // A line break in a subject would start a new mail header.
    const subject = msg.subject.replace(/[\r\n]+/g, ' ').trim();
    return this.#queue(tx, 'email', to, subject, msg.body);
  }

  async sms(tx: Tx, msg: { to: string; body: string }): Promise<string> {
    const check = validateMobile(msg.to);
    if (!check.ok) throw invalid('PHONE_INVALID', 'phone', '手机号码格式不正确');
    return this.#queue(tx, 'sms', check.normalized, null, msg.body);
  }

  async inbox(tx: Tx, msg: { userId: string; title: string; body?: string; link?: string }): Promise<string> {
    if (!UUID_RE.test(msg.userId)) throw new Error(`inbox: not a user id: ${msg.userId}`);
    // The console renders the link; only in-app paths and web addresses, never javascript: or data:.
    if (msg.link && !/^\/(?!\/)/.test(msg.link) && !/^https?:\/\//i.test(msg.link)) {
      throw new Error(`inbox: link must be a path or an http(s) URL: ${msg.link}`);
    }
    const id = newId();
    await tx.query(
      `INSERT INTO platform_inbox (id, user_id, title, body, link, created_at) VALUES ($1, $2, $3, $4, $5, coalesce($6, now()))`,
      [id, msg.userId, msg.title.slice(0, 200), msg.body ?? '', msg.link ?? null, this.#clock?.now() ?? null],
    );
    return id;
  }

  async #queue(
    tx: Tx,
    channel: 'email' | 'sms',
    to: string,
    subject: string | null,
    body: string,
  ): Promise<string> {
    const id = newId();
    const recipient = this.#pii ? `${SEALED}${this.#pii.encrypt(to)}` : to;
    await tx.query(
      `INSERT INTO platform_message (id, channel, recipient, subject, body, created_at)
       VALUES ($1, $2, $3, $4, $5, coalesce($6, now()))`,
      [id, channel, recipient, subject, body, this.#clock?.now() ?? null],
    );
    await enqueueJob(tx, NOTIFY_QUEUE, { messageId: id }, { maxAttempts: NOTIFY_MAX_ATTEMPTS });
    return id;
  }
}

/** The SMS adapter ZT_SMS_PROVIDER names; "log" is the only one built in so far. */
export function smsAdapterFor(ctx: Pick<AppContext, 'config' | 'log'>): SmsAdapter {
  return new LogSmsAdapter(ctx.log);
}

export function mailerFor(ctx: Pick<AppContext, 'config' | 'log'>): Mailer {
  return ctx.config.smtpUrl
    ? new SmtpMailer(ctx.config.smtpUrl, ctx.config.mailFrom)
    : new LogMailer(ctx.log);
}

interface MessageRow {
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string | null;
  body: string;
  state: 'pending' | 'sent' | 'failed';
}

/**
 * Delivers one message. Throws on failure so the job runner retries it later; on the last attempt
 * the message is marked failed. A message already sent or given up is left alone, so a job that
 * runs twice (a worker died after sending) does not send twice from here.
 */
export async function deliverMessage(
  ctx: Pick<AppContext, 'pool' | 'clock' | 'pii'>,
  transports: { mailer: () => Mailer; sms: SmsAdapter },
  messageId: string,
  job: JobContext,
): Promise<void> {
  const r = await ctx.pool.query<MessageRow>(
    'SELECT id, channel, recipient, subject, body, state FROM platform_message WHERE id = $1',
    [messageId],
  );
  const m = r.rows[0];
  if (m?.state !== 'pending') return;
  await ctx.pool.query('UPDATE platform_message SET attempts = attempts + 1 WHERE id = $1', [m.id]);
  try {
    const to = m.recipient.startsWith(SEALED)
      ? ctx.pii.decrypt(m.recipient.slice(SEALED.length))
      : m.recipient;
    if (m.channel === 'email') await transports.mailer().send({ to, subject: m.subject ?? '', body: m.body });
    else await transports.sms.send(to, m.body);
  } catch (e) {
    const jr = await ctx.pool.query<{ max_attempts: number }>(
      'SELECT max_attempts FROM platform_job WHERE id = $1',
      [job.id],
    );
    const final = job.attempt >= (jr.rows[0]?.max_attempts ?? NOTIFY_MAX_ATTEMPTS);
    await ctx.pool.query(
      `UPDATE platform_message SET last_error = $2, state = CASE WHEN $3 THEN 'failed' ELSE state END WHERE id = $1`,
      [m.id, String((e as Error).message ?? e).slice(0, 2000), final],
    );
    throw e;
  }
  await ctx.pool.query(
    `UPDATE platform_message SET state = 'sent', sent_at = $2, last_error = NULL WHERE id = $1`,
    [m.id, ctx.clock.now()],
  );
}

/**
 * Registers the delivery job. Transports come from the configuration (SMTP when ZT_SMTP_URL is set,
 * else the log; SMS per ZT_SMS_PROVIDER); a caller may pass its own, e.g. a carrier adapter.
 */
export function registerNotifyJobs(ctx: AppContext, opts: { mailer?: Mailer; sms?: SmsAdapter } = {}): void {
  let mailer: Mailer | null = opts.mailer ?? null;
  const transports = {
    // Built on first use: a process that never sends mail never opens an SMTP transport.
    mailer: () => {
      mailer ??= mailerFor(ctx);
      return mailer;
    },
    sms: opts.sms ?? smsAdapterFor(ctx),
  };
  ctx.jobs.register(NOTIFY_QUEUE, async (payload, job) => {
    await deliverMessage(ctx, transports, String(payload.messageId), job);
  });
}

export interface InboxItem {
  id: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** One page of a user's in-app messages, newest first, with the number still unread. */
export async function listInbox(
  db: Queryable,
  userId: string,
  win: { page: number; pageSize: number; offset: number },
): Promise<{ items: InboxItem[]; total: number; unread: number; page: number; pageSize: number }> {
  const counts = await db.query<{ total: number; unread: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
     FROM platform_inbox WHERE user_id = $1`,
    [userId],
  );
  const rows = await db.query<{
    id: string;
    title: string;
    body: string;
    link: string | null;
    created_at: Date;
    read_at: Date | null;
  }>(
    `SELECT id, title, body, link, created_at, read_at FROM platform_inbox WHERE user_id = $1
     ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
    [userId, win.pageSize, win.offset],
  );
  return {
    items: rows.rows.map((r) => ({
      id: r.id,
      title: r.title,
      body: r.body,
      link: r.link,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at ? r.read_at.toISOString() : null,
    })),
    total: counts.rows[0]?.total ?? 0,
    unread: counts.rows[0]?.unread ?? 0,
    page: win.page,
    pageSize: win.pageSize,
  };
}

/** Marks one of the user's own messages read (keeping the first read time). False when it is not theirs. */
export async function markInboxRead(db: Queryable, userId: string, id: string, at: Date): Promise<boolean> {
  if (!UUID_RE.test(id)) return false;
  const r = await db.query(
    'UPDATE platform_inbox SET read_at = coalesce(read_at, $3) WHERE id = $1 AND user_id = $2',
    [id, userId, at],
  );
  return (r.rowCount ?? 0) > 0;
}
