// Sessions through HTTP: cookie attributes, CSRF, idle and absolute timeouts, sign-out, password
// change ending the other sessions, and the must-change-password gate after an administrator reset.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedClock } from '../../../platform/db/clock.ts';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { NO_2FA, seedScopeFixture, TEST_PASSWORD } from '../testing.ts';

type ErrorBody = { error: { code: string; message: string; details: { field: string; message: string }[] } };

test('sign-in sets an httpOnly SameSite=Lax cookie, returns the user and a CSRF token; sign-out ends it', async () => {
  const { app, ctx } = await createTestApp();
  const f = await seedScopeFixture(ctx);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { username: 'qingtian.staff', password: TEST_PASSWORD },
  });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = res.cookies.find((c) => c.name === 'zt_session');
  assert.ok(cookie, 'session cookie set');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Lax');
  assert.equal(cookie.path, '/');
  assert.notEqual(cookie.secure, true, 'not Secure on plain http');
  const body = json<{ user: Record<string, unknown>; csrfToken: string }>(res);
  assert.equal(body.user.username, 'qingtian.staff');
  assert.equal(body.user.kind, 'staff');
  assert.equal(body.user.orgName, '青田县市场监督管理局');
  assert.deepEqual(body.user.permissions, ['inbox.read', 'org.read']);
  assert.equal(body.user.totpSetupRequired, false);
  assert.ok(body.csrfToken.length >= 32);

  // Only a hash of the token is stored.
  const stored = await ctx.pool.query('SELECT token_hash FROM idn_session WHERE user_id = $1', [
    f.qingtianStaff.id,
  ]);
  assert.equal(stored.rowCount, 1);
  assert.notEqual(stored.rows[0].token_hash, cookie.value);

  const s = { cookie: `zt_session=${cookie.value}`, csrf: body.csrfToken, userId: f.qingtianStaff.id };
  const me = await as(app, s)('GET', '/api/v1/session');
  assert.equal(me.statusCode, 200);
  assert.equal(json<{ csrfToken: string }>(me).csrfToken, body.csrfToken);

  const out = await as(app, s)('DELETE', '/api/v1/session');
  assert.equal(out.statusCode, 204);
  assert.equal(out.body, '');
  assert.equal(out.cookies.find((c) => c.name === 'zt_session')?.value, '', 'cookie cleared');
  const after = await as(app, s)('GET', '/api/v1/session');
  assert.equal(after.statusCode, 401);
  const audit = await ctx.pool.query(
    `SELECT action, result FROM aud_entry WHERE object_id = $1 AND action LIKE 'session.%' ORDER BY seq`,
    [f.qingtianStaff.id],
  );
  assert.deepEqual(
    audit.rows.map((r) => `${r.action}:${r.result}`),
    ['session.login:success', 'session.logout:success'],
  );
});

test('the session cookie is Secure when the public address is https', async () => {
  const { app, ctx } = await createTestApp({ config: { publicUrl: 'https://zw.lishui.example' } });
  await seedScopeFixture(ctx);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { username: 'qingtian.staff', password: TEST_PASSWORD },
  });
  assert.equal(res.statusCode, 200);
  assert.equal(res.cookies.find((c) => c.name === 'zt_session')?.secure, true);
});

test('a mutating request with the cookie needs the right X-CSRF-Token', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedScopeFixture(ctx);
  const s = await login(app, 'platform.admin', TEST_PASSWORD);
  const payload = { parentId: f.qingtian.id, kind: 'department', name: '青田县民政局' };

  const none = await app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: { cookie: s.cookie },
    payload,
  });
  assert.equal(none.statusCode, 403);
  assert.equal(json<ErrorBody>(none).error.code, 'CSRF_FAILED');

  const wrong = await app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: { cookie: s.cookie, 'x-csrf-token': `${s.csrf.slice(0, -2)}xx` },
    payload,
  });
  assert.equal(wrong.statusCode, 403);
  assert.equal(json<ErrorBody>(wrong).error.code, 'CSRF_FAILED');
  const count = await ctx.pool.query(`SELECT count(*)::int AS n FROM idn_org WHERE name = '青田县民政局'`);
  assert.equal(count.rows[0].n, 0, 'nothing written without a valid token');

  const right = await as(app, s)('POST', '/api/v1/orgs', payload);
  assert.equal(right.statusCode, 201, right.body);
  assert.equal(json<{ name: string }>(right).name, '青田县民政局');
});

test('a session ends after the idle timeout and after the absolute timeout', async () => {
  const clock = fixedClock('2026-11-24T01:00:00Z');
  const { app, ctx } = await createTestApp({
    clock,
    config: { sessionIdleMinutes: 30, sessionAbsoluteHours: 12 },
  });
  await seedScopeFixture(ctx);

  // Idle: 29 minutes between requests is fine, 31 is not.
  const a = await login(app, 'qingtian.staff', TEST_PASSWORD);
  clock.advance(29 * 60_000);
  assert.equal((await as(app, a)('GET', '/api/v1/session')).statusCode, 200);
  clock.advance(29 * 60_000);
  assert.equal((await as(app, a)('GET', '/api/v1/orgs')).statusCode, 200);
  clock.advance(31 * 60_000);
  const idle = await as(app, a)('GET', '/api/v1/session');
  assert.equal(idle.statusCode, 401);
  assert.equal(json<ErrorBody>(idle).error.code, 'SESSION_EXPIRED');
  // An expired session is anonymous everywhere, not only on /session.
  assert.equal((await as(app, a)('GET', '/api/v1/orgs')).statusCode, 401);

  // Absolute: active every 20 minutes, still ends 12 hours after sign-in.
  const b = await login(app, 'qingtian.staff', TEST_PASSWORD);
  for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
    clock.advance(20 * 60_000);
    assert.equal(
      (await as(app, b)('GET', '/api/v1/session')).statusCode,
      200,
      `still signed in at ${minutes} min`,
    );
  }
  clock.advance(20 * 60_000);
  const absolute = await as(app, b)('GET', '/api/v1/session');
  assert.equal(absolute.statusCode, 401);
  assert.equal(json<ErrorBody>(absolute).error.code, 'SESSION_EXPIRED');
});

test('changing the password ends the other sessions but keeps the current one', async () => {
  const { app, ctx } = await createTestApp();
  await seedScopeFixture(ctx);
  const phone = await login(app, 'qingtian.staff', TEST_PASSWORD);
  const desk = await login(app, 'qingtian.staff', TEST_PASSWORD);

  const weak = await as(app, desk)('POST', '/api/v1/session/password', {
    currentPassword: TEST_PASSWORD,
    newPassword: 'abc',
  });
  assert.equal(weak.statusCode, 422);
  assert.ok(json<ErrorBody>(weak).error.details.every((d) => d.field === 'newPassword'));

  const wrongCurrent = await as(app, desk)('POST', '/api/v1/session/password', {
    currentPassword: 'Not-the-password-1',
    newPassword: 'Qingtian#Market2026',
  });
  assert.equal(wrongCurrent.statusCode, 422);
  assert.equal(json<ErrorBody>(wrongCurrent).error.details[0]?.field, 'currentPassword');
  assert.equal(
    (await as(app, phone)('GET', '/api/v1/session')).statusCode,
    200,
    'failed attempts change nothing',
  );

  const ok = await as(app, desk)('POST', '/api/v1/session/password', {
    currentPassword: TEST_PASSWORD,
    newPassword: 'Qingtian#Market2026',
  });
  assert.equal(ok.statusCode, 204, ok.body);
  assert.equal((await as(app, desk)('GET', '/api/v1/session')).statusCode, 200, 'current session survives');
  const other = await as(app, phone)('GET', '/api/v1/session');
  assert.equal(other.statusCode, 401, 'other session ended');

  await assert.rejects(login(app, 'qingtian.staff', TEST_PASSWORD), /401/);
  await login(app, 'qingtian.staff', 'Qingtian#Market2026');
});

test('after an administrator resets a password, the user must change it before doing anything else', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedScopeFixture(ctx);
  const before = await login(app, 'qingtian.staff', TEST_PASSWORD);
  const admin = await login(app, 'qingtian.admin', TEST_PASSWORD);

  const reset = await as(app, admin)('POST', `/api/v1/users/${f.qingtianStaff.id}/reset-password`, {
    password: 'Reset#Password2026',
  });
  assert.equal(reset.statusCode, 204, reset.body);
  assert.equal((await as(app, before)('GET', '/api/v1/session')).statusCode, 401, 'existing sessions end');

  const s = await login(app, 'qingtian.staff', 'Reset#Password2026');
  const me = json<{ user: { mustChangePassword: boolean } }>(await as(app, s)('GET', '/api/v1/session'));
  assert.equal(me.user.mustChangePassword, true);
  const blocked = await as(app, s)('GET', '/api/v1/orgs');
  assert.equal(blocked.statusCode, 403);
  assert.equal(json<ErrorBody>(blocked).error.code, 'PASSWORD_CHANGE_REQUIRED');

  const changed = await as(app, s)('POST', '/api/v1/session/password', {
    currentPassword: 'Reset#Password2026',
    newPassword: 'Mine#Own#Password9',
  });
  assert.equal(changed.statusCode, 204);
  assert.equal((await as(app, s)('GET', '/api/v1/orgs')).statusCode, 200);
});

test('a staff account created by an administrator replaces its initial password at first sign-in', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedScopeFixture(ctx);
  const admin = await login(app, 'qingtian.admin', TEST_PASSWORD);
  const created = await as(app, admin)('POST', '/api/v1/users', {
    username: 'qingtian.newcomer',
    displayName: '新同事',
    orgId: f.qingtianDept.id,
    password: 'Initial#Pass2026',
  });
  assert.equal(created.statusCode, 201, created.body);
  const s = await login(app, 'qingtian.newcomer', 'Initial#Pass2026');
  const blocked = await as(app, s)('GET', '/api/v1/orgs');
  assert.equal(blocked.statusCode, 403);
  assert.equal(json<ErrorBody>(blocked).error.code, 'PASSWORD_CHANGE_REQUIRED');
  const changed = await as(app, s)('POST', '/api/v1/session/password', {
    currentPassword: 'Initial#Pass2026',
    newPassword: 'Newcomer#Own2026',
  });
  assert.equal(changed.statusCode, 204);
  const me = json<{ user: { mustChangePassword: boolean } }>(await as(app, s)('GET', '/api/v1/session'));
  assert.equal(me.user.mustChangePassword, false);
  // No role has been granted yet, so the gate that answers now is the permission check.
  const after = await as(app, s)('GET', '/api/v1/orgs');
  assert.equal(json<ErrorBody>(after).error.code, 'FORBIDDEN');
});

test('staff passwords older than passwordMaxAgeDays must be changed', async () => {
  const clock = fixedClock('2026-01-05T02:00:00Z');
  const { app, ctx } = await createTestApp({ clock, config: { passwordMaxAgeDays: 90 } });
  await seedScopeFixture(ctx);
  clock.advance(91 * 86_400_000);
  const s = await login(app, 'qingtian.staff', TEST_PASSWORD);
  assert.equal(
    json<{ user: { mustChangePassword: boolean } }>(await as(app, s)('GET', '/api/v1/session')).user
      .mustChangePassword,
    true,
  );
  assert.equal((await as(app, s)('GET', '/api/v1/orgs')).statusCode, 403);
});

test('GET /session without a cookie is 401 UNAUTHENTICATED; a made-up cookie is anonymous', async () => {
  const { app } = await createTestApp();
  const none = await app.inject({ method: 'GET', url: '/api/v1/session' });
  assert.equal(none.statusCode, 401);
  assert.equal(json<ErrorBody>(none).error.code, 'UNAUTHENTICATED');
  const fake = await app.inject({
    method: 'GET',
    url: '/api/v1/session',
    headers: { cookie: `zt_session=${'A'.repeat(43)}` },
  });
  assert.equal(fake.statusCode, 401);
  assert.equal(json<ErrorBody>(fake).error.code, 'UNAUTHENTICATED');
});

test('the identity routes are documented in the OpenAPI document', async () => {
  const { app } = await createTestApp();
  const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>(res);
  for (const [path, method] of [
    ['/api/v1/session', 'post'],
    ['/api/v1/accounts', 'post'],
    ['/api/v1/orgs/{id}', 'patch'],
    ['/api/v1/users/{id}/reset-password', 'post'],
    ['/api/v1/users/{id}/roles/{assignmentId}', 'delete'],
  ] as const) {
    assert.ok(doc.paths[path]?.[method]?.tags?.length, `${method} ${path}`);
  }
});
