import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { createTestDb, TEST_SECRET_KEY, testDataDir } from '../../testing/harness.ts';
import { createContext } from '../bootstrap.ts';
import { loadConfig } from '../config/load-config.ts';
import type { AppContext } from '../context.ts';
import { fixedClock } from '../db/clock.ts';
import { newId } from '../db/ids.ts';
import { withTx } from '../db/pool.ts';
import { registerKernel } from '../http/kernel.ts';
import type { Principal } from '../http/principal.ts';
import { registerInboxRoutes } from './inbox-routes.ts';

function principal(name: string, kind: Principal['kind']): Principal {
  return {
    userId: newId(),
    username: name,
    kind,
    displayName: name,
    orgId: null,
    orgPath: null,
    grants: [],
    sessionId: newId(),
    csrfToken: randomBytes(8).toString('hex'),
    totpSetupRequired: false,
    mustChangePassword: false,
  };
}

interface Page {
  items: {
    id: string;
    title: string;
    body: string;
    link: string | null;
    createdAt: string;
    readAt: string | null;
  }[];
  total: number;
  page: number;
  pageSize: number;
  unread: number;
}

const clock = fixedClock('2026-03-02T01:00:00Z');
const alice = principal('alice', 'staff');
const bob = principal('bob', 'citizen');
const ctx: AppContext = await createContext(
  loadConfig({}, { demo: false, dataDir: testDataDir(), secretKey: TEST_SECRET_KEY, logLevel: 'silent' }),
  await createTestDb(),
  { log: pino({ level: 'silent' }) as never, clock, poolSize: 2 },
);
const app: FastifyInstance = Fastify();
await registerKernel(app, ctx);
const sessions = new Map([
  ['tok-alice', alice],
  ['tok-bob', bob],
]);
ctx.auth.resolveSession = async (t) => sessions.get(t) ?? null;
await registerInboxRoutes(app, ctx);
await app.ready();
after(async () => {
  await app.close();
  await ctx.pool.end();
});

const ids: string[] = [];
await withTx(ctx.pool, async (tx) => {
  for (let i = 1; i <= 3; i++) {
    await tx.query('INSERT INTO platform_inbox (id, user_id, title, created_at) VALUES ($1, $2, $3, $4)', [
      newId(),
      alice.userId,
      `待办 ${i}`,
      new Date(Date.UTC(2026, 2, 1, i)),
    ]);
  }
  ids.push(
    await ctx.notify.inbox(tx, { userId: bob.userId, title: '您的申请已办结', link: '/portal/cases/1' }),
  );
});

describe('inbox routes', () => {
  const as = (p: Principal, method: 'GET' | 'POST', url: string) =>
    app.inject({
      method,
      url,
      headers: { cookie: `zt_session=tok-${p.username}`, 'x-csrf-token': p.csrfToken },
    });

  test('lists only the user’s own messages, newest first, with the unread count', async () => {
    const res = await as(alice, 'GET', '/api/v1/inbox?pageSize=2');
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json() as Page;
    assert.equal(page.total, 3);
    assert.equal(page.unread, 3);
    assert.equal(page.pageSize, 2);
    assert.deepEqual(
      page.items.map((i) => i.title),
      ['待办 3', '待办 2'],
    );
    const second = (await as(alice, 'GET', '/api/v1/inbox?page=2&pageSize=2')).json() as Page;
    assert.deepEqual(
      second.items.map((i) => i.title),
      ['待办 1'],
    );
    const bobs = (await as(bob, 'GET', '/api/v1/inbox')).json() as Page;
    assert.deepEqual(
      bobs.items.map((i) => [i.title, i.link]),
      [['您的申请已办结', '/portal/cases/1']],
    );
  });

  test('marking read lowers the unread count and keeps the first read time', async () => {
    const page = (await as(alice, 'GET', '/api/v1/inbox')).json() as Page;
    const target = page.items[0]?.id as string;
    const res = await as(alice, 'POST', `/api/v1/inbox/${target}/read`);
    assert.equal(res.statusCode, 204);
    const afterRead = (await as(alice, 'GET', '/api/v1/inbox')).json() as Page;
    assert.equal(afterRead.unread, 2);
    assert.equal(afterRead.items.find((i) => i.id === target)?.readAt, '2026-03-02T01:00:00.000Z');
    clock.advance(60_000);
    assert.equal((await as(alice, 'POST', `/api/v1/inbox/${target}/read`)).statusCode, 204);
    const again = (await as(alice, 'GET', '/api/v1/inbox')).json() as Page;
    assert.equal(again.items.find((i) => i.id === target)?.readAt, '2026-03-02T01:00:00.000Z');
  });

  test('another user’s message, an unknown id and a malformed id all answer 404', async () => {
    const bobsMessage = ids[0] as string;
    const res = await as(alice, 'POST', `/api/v1/inbox/${bobsMessage}/read`);
    assert.equal(res.statusCode, 404);
    assert.equal((res.json() as { error: { code: string } }).error.code, 'NOT_FOUND');
    const still = await ctx.pool.query('SELECT read_at FROM platform_inbox WHERE id = $1', [bobsMessage]);
    assert.equal(still.rows[0]?.read_at, null);
    assert.equal((await as(alice, 'POST', `/api/v1/inbox/${newId()}/read`)).statusCode, 404);
    assert.equal((await as(alice, 'POST', '/api/v1/inbox/x/read')).statusCode, 404);
  });

  test('requires a session; writes require the CSRF token', async () => {
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/inbox' })).statusCode, 401);
    const noCsrf = await app.inject({
      method: 'POST',
      url: `/api/v1/inbox/${ids[0]}/read`,
      headers: { cookie: 'zt_session=tok-bob' },
    });
    assert.equal(noCsrf.statusCode, 403);
  });
});
