// Test harness: every test file gets its own database, cloned from a migrated template that
// scripts/test.ts prepared on the server under test (embedded, then TEST_DATABASE_URL if set).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { buildApp, registerJobs } from '../app.ts';
import { createContext } from '../platform/bootstrap.ts';
import { type Config, loadConfig } from '../platform/config/load-config.ts';
import type { AppContext } from '../platform/context.ts';
import type { Clock } from '../platform/db/clock.ts';

export const TEST_SECRET_KEY = 'a1'.repeat(32);

function adminUrl(): string {
  const url = process.env.ZT_TEST_ADMIN_URL;
  if (!url) throw new Error('ZT_TEST_ADMIN_URL is not set: run the suite with `npm test` (scripts/test.ts)');
  return url;
}

/** A fresh database cloned from the migrated template; dropped when the test file ends. */
export async function createTestDb(): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  const name = `zt_t_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${process.env.ZT_TEST_TEMPLATE ?? 'zt_template'}`);
  await admin.end();
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  after(async () => {
    const c = new pg.Client({ connectionString: adminUrl() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await c.end();
  });
  return u.toString();
}

export function testDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-test-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

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

export async function login(app: FastifyInstance, username: string, password: string, otp?: string): Promise<Session> {
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
