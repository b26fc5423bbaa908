// The CLI's first administrator when demo data is off.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../platform/http/errors.ts';
import { createTestApp, json, login } from '../../../testing/harness.ts';
import { createFirstAdministrator } from './create-first-administrator.ts';

test('creates the root organisation and a platform system administrator, once', async () => {
  const { app, ctx } = await createTestApp({ config: { require2fa: true } });
  await assert.rejects(
    createFirstAdministrator(ctx, { username: 'root', password: 'password', displayName: '系统管理员' }),
    (e: unknown) =>
      e instanceof AppError && e.status === 422 && e.details.some((d) => d.field === 'password'),
  );
  assert.equal(
    (await ctx.pool.query('SELECT count(*)::int AS n FROM idn_org')).rows[0].n,
    0,
    'nothing written',
  );

  const r = await createFirstAdministrator(ctx, {
    username: 'root.admin',
    password: 'First#Admin2026',
    displayName: '系统管理员',
  });
  const org = await ctx.pool.query('SELECT name, kind, parent_id FROM idn_org WHERE id = $1', [r.orgId]);
  assert.equal(org.rows[0].name, '本级政府');
  assert.equal(org.rows[0].parent_id, null);

  const s = await login(app, 'root.admin', 'First#Admin2026');
  const me = json<{ user: { roles: { code: string; scope: string }[]; totpSetupRequired: boolean } }>(
    await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: s.cookie } }),
  );
  assert.deepEqual(
    me.user.roles.map((x) => `${x.code}/${x.scope}`),
    ['sysadmin/platform'],
  );
  assert.equal(me.user.totpSetupRequired, true, 'two-factor enrolment is asked for at first sign-in');

  await assert.rejects(
    createFirstAdministrator(ctx, {
      username: 'second.admin',
      password: 'Second#Admin2026',
      displayName: '另一个',
    }),
    (e: unknown) => e instanceof AppError && e.code === 'SYSADMIN_EXISTS',
  );
  const audit = await ctx.pool.query(`SELECT action FROM aud_entry ORDER BY seq`);
  assert.deepEqual(
    audit.rows.map((x) => x.action),
    ['org.create', 'user.create', 'session.login'],
  );
});
