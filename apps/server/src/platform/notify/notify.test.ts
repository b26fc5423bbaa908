// Notifications against a real SMTP listener: what leaves the platform, when, and how often.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { createTestDb, TEST_SECRET_KEY, testDataDir } from '../../testing/harness.ts';
import { createContext } from '../bootstrap.ts';
import { loadConfig } from '../config/load-config.ts';
import type { AppContext } from '../context.ts';
import { newId } from '../db/ids.ts';
import { withTx } from '../db/pool.ts';
import { AppError } from '../http/errors.ts';
import { NOTIFY_MAX_ATTEMPTS, OutboxNotifier, registerNotifyJobs } from './notify.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** RFC 2047 encoded words; consecutive words are joined before decoding, since a character may span two. */
function decodeHeader(value: string): string {
  const out: Buffer[] = [];
  const re = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=|([^=]+|=)/g;
  let m: RegExpExecArray | null;
  let pendingSpace = '';
  for (;;) {
    m = re.exec(value);
    if (!m) break;
    if (m[1]) {
      pendingSpace = '';
      const text = m[3] ?? '';
      out.push(m[2]?.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : qp(text.replaceAll('_', ' ')));
    } else {
      const plain = m[4] ?? '';
      // Whitespace between two encoded words is not part of the text.
      if (/^\s+$/.test(plain)) pendingSpace = plain;
      else {
        out.push(Buffer.from(pendingSpace + plain));
        pendingSpace = '';
      }
    }
  }
  return Buffer.concat(out).toString('utf8');
}

function qp(s: string): Buffer {
  const bytes: number[] = [];
  const t = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(t.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(t.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(t[i] as string));
  }
  return Buffer.from(bytes);
}

/** Headers and decoded text body of a single-part message as nodemailer writes it. */
function parseMail(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const rawBody = raw.slice(split + 4);
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body =
    cte === 'base64'
      ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? qp(rawBody).toString('utf8')
        : rawBody;
  return { headers, body: body.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

// A real SMTP listener; `rejectNext` makes it refuse that many messages with a temporary error.
const received: Received[] = [];
let rejectNext = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      if (rejectNext > 0) {
        rejectNext--;
        return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
      }
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpPort = (smtp.server.address() as AddressInfo).port;

const ctx: AppContext = await createContext(
  loadConfig(
    {},
    {
      demo: false,
      dataDir: testDataDir(),
      secretKey: TEST_SECRET_KEY,
      logLevel: 'silent',
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      mailFrom: '政通平台 <noreply@zhengtong.local>',
    },
  ),
  await createTestDb(),
  { log: pino({ level: 'silent' }) as never, poolSize: 3 },
);

registerNotifyJobs(ctx);

// Without SMTP: emails and SMS go to this log.
const lines: string[] = [];
const logCtx: AppContext = await createContext(
  loadConfig({}, { demo: false, dataDir: testDataDir(), secretKey: TEST_SECRET_KEY, smtpUrl: null }),
  await createTestDb(),
  { log: pino({ level: 'info' }, { write: (s: string) => void lines.push(s) }) as never, poolSize: 2 },
);

registerNotifyJobs(logCtx);

after(async () => {
  await ctx.pool.end();
  await logCtx.pool.end();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('email through SMTP', () => {
  const message = async (id: string) =>
    (
      await ctx.pool.query<{
        state: string;
        attempts: number;
        last_error: string | null;
        sent_at: Date | null;
      }>('SELECT state, attempts, last_error, sent_at FROM platform_message WHERE id = $1', [id])
    ).rows[0];
  // The runner backs off by moving run_at into the future; make the retry due now.
  const makeDue = () => ctx.pool.query(`UPDATE platform_job SET run_at = now() WHERE state = 'queued'`);

  test('a mail queued in a transaction that rolls back is never sent', async () => {
    const before = received.length;
    await assert.rejects(
      withTx(ctx.pool, async (tx) => {
        await ctx.notify.email(tx, {
          to: 'rollback@example.com',
          subject: '不应发出',
          body: '这封邮件不应发出',
        });
        throw new Error('业务校验失败');
      }),
      /业务校验失败/,
    );
    await ctx.jobs.drain();
    assert.equal(received.length, before);
    const rows = await ctx.pool.query(
      `SELECT 1 FROM platform_message WHERE recipient = 'rollback@example.com'`,
    );
    assert.equal(rows.rowCount, 0);
  });

  test('a committed mail arrives after the jobs run, with its Chinese subject and body', async () => {
    const subject = '您的申请已受理（编号 ZT-2026-000123）';
    const body =
      '张三您好：\n您提交的“个体工商户营业执照”申请已于今日受理，承诺时限 5 个工作日。\n丽水市政务服务中心';
    const id = await withTx(ctx.pool, (tx) =>
      ctx.notify.email(tx, { to: 'zhangsan@example.com', subject, body }),
    );
    // Nothing leaves before the job runs.
    assert.equal(received.filter((r) => r.to.includes('zhangsan@example.com')).length, 0);
    assert.equal((await message(id))?.state, 'pending');

    await ctx.jobs.drain();
    const mails = received.filter((r) => r.to.includes('zhangsan@example.com'));
    assert.equal(mails.length, 1);
    const mail = parseMail((mails[0] as Received).raw);
    assert.equal(decodeHeader(mail.headers.get('subject') ?? ''), subject);
    assert.equal(mail.body, body);
    assert.equal((mails[0] as Received).from, 'noreply@zhengtong.local');
    assert.ok(decodeHeader(mail.headers.get('from') ?? '').includes('政通平台'));
    const row = await message(id);
    assert.equal(row?.state, 'sent');
    assert.equal(row?.attempts, 1);
    assert.ok(row?.sent_at);
  });

  test('a mail the server refuses is retried later and then delivered', async () => {
    rejectNext = 1;
    const id = await withTx(ctx.pool, (tx) =>
      ctx.notify.email(tx, {
        to: 'retry@example.com',
        subject: '补正通知',
        body: '请于 5 个工作日内补正材料。',
      }),
    );
    await ctx.jobs.drain();
    let row = await message(id);
    assert.equal(row?.state, 'pending');
    assert.equal(row?.attempts, 1);
    assert.match(row?.last_error ?? '', /451/);
    assert.equal(received.filter((r) => r.to.includes('retry@example.com')).length, 0);

    // Backoff: running the jobs again right away does not retry yet.
    await ctx.jobs.drain();
    assert.equal((await message(id))?.attempts, 1);

    await makeDue();
    await ctx.jobs.drain();
    row = await message(id);
    assert.equal(row?.state, 'sent');
    assert.equal(row?.attempts, 2);
    assert.equal(row?.last_error, null);
    const mails = received.filter((r) => r.to.includes('retry@example.com'));
    assert.equal(mails.length, 1);
    assert.equal(parseMail((mails[0] as Received).raw).body, '请于 5 个工作日内补正材料。');
  });

  test('after the last attempt the message is marked failed with the server’s answer', async () => {
    rejectNext = 1000;
    const id = await withTx(ctx.pool, (tx) =>
      ctx.notify.email(tx, { to: 'never@example.com', subject: '无法送达', body: '测试' }),
    );
    for (let i = 0; i < NOTIFY_MAX_ATTEMPTS + 2; i++) {
      await ctx.jobs.drain();
      await makeDue();
    }
    rejectNext = 0;
    const row = await message(id);
    assert.equal(row?.state, 'failed');
    assert.equal(row?.attempts, NOTIFY_MAX_ATTEMPTS);
    assert.match(row?.last_error ?? '', /451.*try again later/i);
    const job = await ctx.pool.query<{ state: string }>(
      `SELECT state FROM platform_job WHERE queue = 'notify.deliver' AND payload->>'messageId' = $1`,
      [id],
    );
    assert.equal(job.rows[0]?.state, 'failed');
  });

  test('addresses that could inject headers are refused before anything is queued', async () => {
    await assert.rejects(
      withTx(ctx.pool, (tx) =>
        ctx.notify.email(tx, { to: 'a@example.com\r\nBcc: victim@example.com', subject: 'x', body: 'x' }),
      ),
      (e: unknown) => e instanceof AppError && e.code === 'EMAIL_INVALID' && e.status === 422,
    );
    const id = await withTx(ctx.pool, (tx) =>
      ctx.notify.email(tx, {
        to: 'wangwu@example.com',
        subject: '第一行\r\nBcc: victim@example.com',
        body: '正文',
      }),
    );
    await ctx.jobs.drain();
    assert.equal((await message(id))?.state, 'sent');
    const mail = received.find((r) => r.to.includes('wangwu@example.com'));
    assert.ok(mail);
    assert.deepEqual(mail.to, ['wangwu@example.com']);
    assert.equal(parseMail(mail.raw).headers.get('bcc'), undefined);
  });
});

describe('log transports', () => {
  const ctx = logCtx;

  test('an SMS goes to the log with the number masked', async () => {
    const id = await withTx(ctx.pool, (tx) =>
      ctx.notify.sms(tx, { to: '+86 138-1234-5678', body: '【政通】您的验证码为 246810，5 分钟内有效。' }),
    );
    await ctx.jobs.drain();
    const sms = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.channel === 'sms');
    assert.equal(sms.length, 1);
    assert.equal(sms[0]?.to, '138****5678');
    assert.equal(sms[0]?.body, '【政通】您的验证码为 246810，5 分钟内有效。');
    assert.ok(!lines.join('\n').includes('13812345678'));
    const row = await ctx.pool.query<{ recipient: string; state: string }>(
      'SELECT recipient, state FROM platform_message WHERE id = $1',
      [id],
    );
    // The platform notifier stores recipients encrypted (personal data at rest).
    assert.equal(row.rows[0]?.state, 'sent');
    assert.ok(row.rows[0]?.recipient.startsWith('pii:'));
    assert.equal(ctx.pii.decrypt(row.rows[0]?.recipient.slice('pii:'.length) ?? ''), '13812345678');
  });

  test('with the PII cipher the number is stored encrypted and still delivered', async () => {
    const sealed = new OutboxNotifier({ pii: ctx.pii });
    const id = await withTx(ctx.pool, (tx) =>
      sealed.sms(tx, { to: '13987654321', body: '【政通】您的办件已办结。' }),
    );
    const row = await ctx.pool.query<{ recipient: string }>(
      'SELECT recipient FROM platform_message WHERE id = $1',
      [id],
    );
    assert.ok(row.rows[0]?.recipient.startsWith('pii:'));
    assert.ok(!row.rows[0]?.recipient.includes('13987654321'));
    await ctx.jobs.drain();
    const sms = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.body === '【政通】您的办件已办结。');
    assert.equal(sms[0]?.to, '139****4321');
    const state = await ctx.pool.query('SELECT state FROM platform_message WHERE id = $1', [id]);
    assert.equal(state.rows[0]?.state, 'sent');
  });

  test('an invalid mobile number is refused', async () => {
    await assert.rejects(
      withTx(ctx.pool, (tx) => ctx.notify.sms(tx, { to: '12345', body: 'x' })),
      (e: unknown) => e instanceof AppError && e.code === 'PHONE_INVALID',
    );
  });

  test('without ZT_SMTP_URL an email is written to the log, recipient masked', async () => {
    await withTx(ctx.pool, (tx) =>
      ctx.notify.email(tx, {
        to: 'zhaoliu@example.com',
        subject: '密码已重置',
        body: '您的密码已由管理员重置。',
      }),
    );
    await ctx.jobs.drain();
    const mail = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.channel === 'email');
    assert.equal(mail?.to, 'z***@example.com');
    assert.equal(mail?.subject, '密码已重置');
  });

  test('inbox messages are stored for their user; links must be paths or web addresses', async () => {
    const userId = newId();
    const id = await withTx(ctx.pool, (tx) =>
      ctx.notify.inbox(tx, {
        userId,
        title: '您有一件待办',
        body: '办件 ZT-2026-000123 等待审核',
        link: '/console/tasks/1',
      }),
    );
    const row = await ctx.pool.query(
      'SELECT user_id, title, link, read_at FROM platform_inbox WHERE id = $1',
      [id],
    );
    assert.deepEqual(row.rows[0], {
      user_id: userId,
      title: '您有一件待办',
      link: '/console/tasks/1',
      read_at: null,
    });
    await assert.rejects(
      withTx(ctx.pool, (tx) => ctx.notify.inbox(tx, { userId, title: 'x', link: 'javascript:alert(1)' })),
      /link/,
    );
  });
});
