// Test harness: a complete app on a fresh database (see db.ts), and helpers to sign in and call it.
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { buildApp, registerJobs } from '../app.ts';
import { createContext } from '../platform/bootstrap.ts';
import { type Config, loadConfig } from '../platform/config/load-config.ts';
import type { AppContext } from '../platform/context.ts';
import type { Clock } from '../platform/db/clock.ts';
import { createTestDb, TEST_SECRET_KEY, testDataDir } from './db.ts';

export { createTestDb, TEST_SECRET_KEY, testDataDir };

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
}

/**
 * A complete app on a fresh database: kernel, all modules, job handlers registered (not polling:
 * call ctx.jobs.drain() to run jobs). Rate limits are high unless a test sets them.
 */
export async function createTestApp(
  opts: { config?: Partial<Config>; clock?: Clock; listen?: boolean } = {},
): Promise<TestApp> {
  const url = await createTestDb();
  const config = loadConfig(
    {},
    {
      demo: false,
      dataDir: testDataDir(),
      secretKey: TEST_SECRET_KEY,
      rateLoginPerMinute: 10_000,
      ratePublicPerMinute: 10_000,
      // Two-factor enrolment is tested on its own; other tests sign administrators in with a password.
      require2fa: false,
      logLevel: 'silent',
      ...opts.config,
    },
  );
  const ctx = await createContext(config, url, {
    log: pino({ level: process.env.ZT_TEST_LOG ?? 'silent' }) as never,
    clock: opts.clock,
    poolSize: 5,
  });
  registerJobs(ctx);
  const app = await buildApp(ctx);
  if (opts.listen) await app.listen({ port: 0, host: '127.0.0.1' });
  else await app.ready();
  after(async () => {
    await app.close();
    await ctx.jobs.stop();
    await ctx.pool.end();
  });
  const addr = opts.listen ? app.server.address() : null;
  const base = addr && typeof addr === 'object' ? `http://127.0.0.1:${addr.port}` : '';
  return { app, ctx, url: base };
}

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}

/** The session cookie and CSRF token of a login, ready to send with inject(). */
export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

export async function login(
  app: FastifyInstance,
  username: string,
  password: string,
  otp?: string,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { username, password, ...(otp ? { otp } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'zt_session');
  if (!setCookie) throw new Error('no session cookie');
  const body = json<{ csrfToken: string; user: { id: string } }>(res);
  return { cookie: `zt_session=${setCookie.value}`, csrf: body.csrfToken, userId: body.user.id };
}

/** inject() as a signed-in user, with the CSRF header on mutating requests. */
export function as(app: FastifyInstance, s: Session) {
  return (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie: s.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
}

/** A multipart/form-data upload of one file in the field `file`, ready for inject(). */
export function multipartFile(
  filename: string,
  data: Buffer,
  type = 'application/octet-stream',
): { payload: Buffer; headers: { 'content-type': string } } {
  const boundary = `----zt${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
