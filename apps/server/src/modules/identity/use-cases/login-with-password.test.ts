// Sign-in through HTTP: identical answers for unknown users and wrong passwords, lockout after
// consecutive failures (and its end, by time or by a security administrator), and TOTP two-factor.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateTotp } from '../../../platform/crypto/totp.ts';
import { fixedClock } from '../../../platform/db/clock.ts';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { NO_2FA, seedScopeFixture, TEST_PASSWORD } from '../testing.ts';

type ErrorBody = { error: { code: string; message: string; details: { field: string; message: string }[] } };

function signIn(
  app: Awaited<ReturnType<typeof createTestApp>>['app'],
  username: string,
  password: string,
  otp?: string,
) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { username, password, ...(otp === undefined ? {} : { otp }) },
  });
}

test('an unknown user and a wrong password get the same answer', async () => {
  const { app, ctx } = await createTestApp();
  await seedScopeFixture(ctx);
  const unknown = await signIn(app, 'nobody.here', TEST_PASSWORD);
  const wrong = await signIn(app, 'qingtian.staff', 'Wrong#Password1');
  assert.equal(unknown.statusCode, 401);
  assert.equal(wrong.statusCode, 401);
  assert.deepEqual(json(unknown), json(wrong));
  assert.equal(json<ErrorBody>(wrong).error.code, 'INVALID_CREDENTIALS');
  const failures = await ctx.pool.query(
    `SELECT summary FROM aud_entry WHERE action = 'session.login' AND result = 'failure' ORDER BY seq`,
  );
  assert.equal(failures.rowCount, 2, 'both failures audited');
  assert.match(failures.rows[0].summary, /nobody\.here/);
});

test('five failures lock the account, even against the right password, until the window ends', async () => {
  const clock = fixedClock('2026-11-24T02:00:00Z');
  const { app, ctx } = await createTestApp({ clock, config: { lockoutThreshold: 5, lockoutMinutes: 30 } });
  const f = await seedScopeFixture(ctx);
  const earlier = await login(app, 'qingtian.staff', TEST_PASSWORD);

  for (let i = 1; i <= 4; i += 1) {
    const r = await signIn(app, 'qingtian.staff', `Wrong#Password${i}`);
    assert.equal(r.statusCode, 401, `attempt ${i}`);
  }
  const fifth = await signIn(app, 'qingtian.staff', 'Wrong#Password5');
  assert.equal(fifth.statusCode, 423);
  const locked = json<ErrorBody>(fifth).error;
  assert.equal(locked.code, 'ACCOUNT_LOCKED');
  // 02:30 UTC is 10:30 in Beijing.
  assert.match(locked.message, /2026-11-24 10:30（北京时间）/);

  const right = await signIn(app, 'qingtian.staff', TEST_PASSWORD);
  assert.equal(right.statusCode, 423, 'locked even with the right password');
  assert.equal(
    (await as(app, earlier)('GET', '/api/v1/session')).statusCode,
    401,
    'sessions ended by the lock',
  );

  const lockAudit = await ctx.pool.query(
    `SELECT summary FROM aud_entry WHERE action = 'user.lock' AND object_id = $1`,
    [f.qingtianStaff.id],
  );
  assert.equal(lockAudit.rowCount, 1);

  clock.advance(29 * 60_000);
  assert.equal((await signIn(app, 'qingtian.staff', TEST_PASSWORD)).statusCode, 423);
  clock.advance(2 * 60_000);
  assert.equal(
    (await signIn(app, 'qingtian.staff', TEST_PASSWORD)).statusCode,
    200,
    'unlocked after 30 minutes',
  );

  // A success resets the count: four more failures do not lock.
  for (let i = 1; i <= 4; i += 1) await signIn(app, 'qingtian.staff', `Wrong#Password${i}`);
  assert.equal((await signIn(app, 'qingtian.staff', TEST_PASSWORD)).statusCode, 200);
});

test('a security administrator can unlock an account; a system administrator cannot', async () => {
  const { app, ctx } = await createTestApp({ config: { ...NO_2FA, lockoutThreshold: 3 } });
  const f = await seedScopeFixture(ctx);
  for (let i = 0; i < 3; i += 1) await signIn(app, 'qingtian.staff', 'Wrong#Password1');
  assert.equal((await signIn(app, 'qingtian.staff', TEST_PASSWORD)).statusCode, 423);

  const listed = await as(app, await login(app, 'qingtian.admin', TEST_PASSWORD))(
    'GET',
    `/api/v1/users/${f.qingtianStaff.id}`,
  );
  assert.equal(json<{ locked: boolean }>(listed).locked, true, 'the console shows the lock');

  const sysadmin = await login(app, 'qingtian.admin', TEST_PASSWORD);
  const refused = await as(app, sysadmin)('POST', `/api/v1/users/${f.qingtianStaff.id}/unlock`);
  assert.equal(refused.statusCode, 403, '三员分立: unlocking is the security administrator’s job');

  const security = await login(app, 'security.admin', TEST_PASSWORD);
  const unlocked = await as(app, security)('POST', `/api/v1/users/${f.qingtianStaff.id}/unlock`);
  assert.equal(unlocked.statusCode, 204, unlocked.body);
  assert.equal((await signIn(app, 'qingtian.staff', TEST_PASSWORD)).statusCode, 200);
  const audit = await ctx.pool.query(
    `SELECT actor_id FROM aud_entry WHERE action = 'user.unlock' AND object_id = $1`,
    [f.qingtianStaff.id],
  );
  assert.equal(audit.rows[0]?.actor_id, f.securityAdmin.id);
});

test('administrators must enrol TOTP first; then sign-in needs a fresh code and refuses a reused one', async () => {
  const clock = fixedClock('2026-11-24T02:00:00Z');
  const { app, ctx } = await createTestApp({ clock, config: { require2fa: true } });
  const f = await seedScopeFixture(ctx);

  // Ordinary staff are not asked for two-factor.
  const staff = await login(app, 'qingtian.staff', TEST_PASSWORD);
  assert.equal((await as(app, staff)('GET', '/api/v1/orgs')).statusCode, 200);

  const s = await login(app, 'qingtian.admin', TEST_PASSWORD);
  const me = json<{ user: { totpSetupRequired: boolean; totpEnabled: boolean } }>(
    await as(app, s)('GET', '/api/v1/session'),
  );
  assert.equal(me.user.totpSetupRequired, true);
  const gated = await as(app, s)('GET', '/api/v1/orgs');
  assert.equal(gated.statusCode, 403);
  assert.equal(json<ErrorBody>(gated).error.code, 'TOTP_SETUP_REQUIRED');

  const setup = await as(app, s)('POST', '/api/v1/session/totp/setup');
  assert.equal(setup.statusCode, 200, setup.body);
  const { secret, otpauthUri, qrDataUrl } = json<{ secret: string; otpauthUri: string; qrDataUrl: string }>(
    setup,
  );
  assert.match(otpauthUri, /^otpauth:\/\/totp\//);
  assert.match(qrDataUrl, /^data:image\/png;base64,/);
  const stored = await ctx.pool.query('SELECT totp_secret_enc FROM idn_user WHERE id = $1', [
    f.qingtianAdmin.id,
  ]);
  assert.ok(!String(stored.rows[0].totp_secret_enc).includes(secret), 'secret stored encrypted');

  const bad = await as(app, s)('POST', '/api/v1/session/totp/enable', { otp: '000000' });
  assert.equal(bad.statusCode, 422);
  const enrolCode = generateTotp(secret, clock.now());
  const enabled = await as(app, s)('POST', '/api/v1/session/totp/enable', { otp: enrolCode });
  assert.equal(enabled.statusCode, 204, enabled.body);
  assert.equal((await as(app, s)('GET', '/api/v1/orgs')).statusCode, 200, 'gate lifted at once');
  assert.equal(
    (await as(app, s)('POST', '/api/v1/session/totp/setup')).statusCode,
    409,
    'no silent re-enrolment',
  );

  const noCode = await signIn(app, 'qingtian.admin', TEST_PASSWORD);
  assert.equal(noCode.statusCode, 401);
  assert.equal(json<ErrorBody>(noCode).error.code, 'OTP_REQUIRED');

  const wrong = await signIn(
    app,
    'qingtian.admin',
    TEST_PASSWORD,
    '123456' === enrolCode ? '654321' : '123456',
  );
  assert.equal(wrong.statusCode, 401);
  assert.equal(json<ErrorBody>(wrong).error.code, 'OTP_INVALID');
  const count = await ctx.pool.query('SELECT failed_logins FROM idn_user WHERE id = $1', [
    f.qingtianAdmin.id,
  ]);
  assert.equal(count.rows[0].failed_logins, 1, 'a wrong code counts as a failed sign-in');

  const replayEnrol = await signIn(app, 'qingtian.admin', TEST_PASSWORD, enrolCode);
  assert.equal(replayEnrol.statusCode, 401, 'the enrolment code cannot be used again');
  assert.equal(json<ErrorBody>(replayEnrol).error.code, 'OTP_INVALID');

  clock.advance(30_000);
  const code = generateTotp(secret, clock.now());
  const ok = await signIn(app, 'qingtian.admin', TEST_PASSWORD, code);
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(
    json<{ user: { totpEnabled: boolean; totpSetupRequired: boolean } }>(ok).user.totpSetupRequired,
    false,
  );

  const replay = await signIn(app, 'qingtian.admin', TEST_PASSWORD, code);
  assert.equal(replay.statusCode, 401, 'a code is accepted once');
  assert.equal(json<ErrorBody>(replay).error.code, 'OTP_INVALID');
});

test('a security administrator resets a lost TOTP; the account must enrol again', async () => {
  const clock = fixedClock('2026-11-24T02:00:00Z');
  const { app, ctx } = await createTestApp({ clock, config: NO_2FA });
  const f = await seedScopeFixture(ctx);
  const s = await login(app, 'qingtian.staff', TEST_PASSWORD);
  const { secret } = json<{ secret: string }>(await as(app, s)('POST', '/api/v1/session/totp/setup'));
  await as(app, s)('POST', '/api/v1/session/totp/enable', { otp: generateTotp(secret, clock.now()) });
  clock.advance(30_000);
  assert.equal((await signIn(app, 'qingtian.staff', TEST_PASSWORD)).statusCode, 401);

  const security = await login(app, 'security.admin', TEST_PASSWORD);
  const reset = await as(app, security)('POST', `/api/v1/users/${f.qingtianStaff.id}/reset-totp`);
  assert.equal(reset.statusCode, 204, reset.body);
  assert.equal((await as(app, s)('GET', '/api/v1/session')).statusCode, 401, 'sessions ended');
  const again = await signIn(app, 'qingtian.staff', TEST_PASSWORD);
  assert.equal(again.statusCode, 200, 'password alone works again');
  assert.equal(json<{ user: { totpEnabled: boolean } }>(again).user.totpEnabled, false);
});

test('a disabled account cannot sign in and its sessions end', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedScopeFixture(ctx);
  const s = await login(app, 'qingtian.staff', TEST_PASSWORD);
  const admin = await login(app, 'qingtian.admin', TEST_PASSWORD);
  const r = await as(app, admin)('PATCH', `/api/v1/users/${f.qingtianStaff.id}`, { status: 'disabled' });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(json<{ status: string }>(r).status, 'disabled');
  assert.equal((await as(app, s)('GET', '/api/v1/session')).statusCode, 401);
  const denied = await signIn(app, 'qingtian.staff', TEST_PASSWORD);
  assert.equal(denied.statusCode, 403);
  assert.equal(json<ErrorBody>(denied).error.code, 'ACCOUNT_DISABLED');
  // And with a wrong password it looks like any wrong password.
  assert.equal((await signIn(app, 'qingtian.staff', 'Wrong#Password1')).statusCode, 401);
});

test('sign-in attempts are rate limited per client', async () => {
  const { app, ctx } = await createTestApp({ config: { rateLoginPerMinute: 3 } });
  await seedScopeFixture(ctx);
  for (let i = 0; i < 3; i += 1)
    assert.equal((await signIn(app, 'qingtian.staff', 'Wrong#Password1')).statusCode, 401);
  const limited = await signIn(app, 'qingtian.staff', TEST_PASSWORD);
  assert.equal(limited.statusCode, 429);
  assert.equal(json<ErrorBody>(limited).error.code, 'RATE_LIMITED');
});
