// Organisation scope through HTTP: a county administrator manages that county and nothing else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { NO_2FA, seedScopeFixture, TEST_PASSWORD } from '../testing.ts';

type ErrorBody = { error: { code: string } };

test('a county administrator sees, creates and changes only their own county', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedScopeFixture(ctx);
  const qt = as(app, await login(app, 'qingtian.admin', TEST_PASSWORD));

  // Listing organisations: own county and below only.
  const orgs = json<{ items: { id: string; name: string }[] }>(await qt('GET', '/api/v1/orgs'));
  assert.deepEqual(orgs.items.map((o) => o.name).sort(), ['青田县', '青田县市场监督管理局'].sort());

  // Reading: the other county does not exist for them.
  assert.equal((await qt('GET', `/api/v1/orgs/${f.lianduDept.id}`)).statusCode, 404);
  assert.equal((await qt('GET', `/api/v1/orgs/${f.city.id}`)).statusCode, 404);
  assert.equal((await qt('GET', `/api/v1/orgs/${f.qingtianDept.id}`)).statusCode, 200);

  // Creating under the other county or the city: 404; under their own county: 201.
  const elsewhere = await qt('POST', '/api/v1/orgs', {
    parentId: f.liandu.id,
    kind: 'department',
    name: '莲都区教育局',
  });
  assert.equal(elsewhere.statusCode, 404);
  const atCity = await qt('POST', '/api/v1/orgs', {
    parentId: f.city.id,
    kind: 'department',
    name: '丽水市某局',
  });
  assert.equal(atCity.statusCode, 404);
  const own = await qt('POST', '/api/v1/orgs', {
    parentId: f.qingtian.id,
    kind: 'department',
    name: '青田县教育局',
  });
  assert.equal(own.statusCode, 201, own.body);

  // Changing and deleting.
  assert.equal((await qt('PATCH', `/api/v1/orgs/${f.lianduDept.id}`, { name: '改名' })).statusCode, 404);
  assert.equal((await qt('DELETE', `/api/v1/orgs/${f.lianduDept.id}`)).statusCode, 404);
  const renamed = await qt('PATCH', `/api/v1/orgs/${f.qingtianDept.id}`, {
    name: '青田县市场监管局',
    sortOrder: 5,
  });
  assert.equal(renamed.statusCode, 200, renamed.body);
  assert.equal(json<{ name: string }>(renamed).name, '青田县市场监管局');
  const names = await ctx.pool.query(`SELECT name FROM idn_org WHERE id = $1`, [f.lianduDept.id]);
  assert.equal(names.rows[0].name, '莲都区民政局', 'the other county is untouched');

  // Users: own county only.
  const users = json<{ items: { username: string }[]; total: number }>(await qt('GET', '/api/v1/users'));
  assert.deepEqual(users.items.map((u) => u.username).sort(), ['qingtian.admin', 'qingtian.staff']);
  assert.equal(users.total, 2);
  assert.equal((await qt('GET', `/api/v1/users?orgId=${f.liandu.id}`)).statusCode, 404);
  assert.equal((await qt('GET', `/api/v1/users/${f.lianduAdmin.id}`)).statusCode, 404);
  assert.equal((await qt('GET', `/api/v1/users/${f.platformAdmin.id}`)).statusCode, 404);
  assert.equal((await qt('GET', `/api/v1/users/${f.qingtianStaff.id}`)).statusCode, 200);
  const otherUser = await qt('POST', '/api/v1/users', {
    username: 'liandu.new',
    displayName: '新同事',
    orgId: f.lianduDept.id,
    password: 'Liandu#New2026',
  });
  assert.equal(otherUser.statusCode, 404);
  assert.equal(
    (await qt('PATCH', `/api/v1/users/${f.lianduAdmin.id}`, { status: 'disabled' })).statusCode,
    404,
  );
  assert.equal(
    (await qt('POST', `/api/v1/users/${f.lianduAdmin.id}/reset-password`, { password: 'Taken#Over2026' }))
      .statusCode,
    404,
  );
  const disabled = await ctx.pool.query('SELECT status FROM idn_user WHERE id = $1', [f.lianduAdmin.id]);
  assert.equal(disabled.rows[0].status, 'active', 'the other county’s administrator is untouched');

  const created = await qt('POST', '/api/v1/users', {
    username: 'qingtian.new',
    displayName: '叶新',
    orgId: f.qingtianDept.id,
    password: 'Qingtian#New2026',
    phone: '13957801234',
  });
  assert.equal(created.statusCode, 201, created.body);
  const view = json<{ phoneMasked: string; orgName: string; kind: string }>(created);
  assert.equal(view.phoneMasked, '139****1234');
  assert.equal(view.kind, 'staff');
  // Moving someone into the other county is as out of reach as creating them there.
  const move = await qt('PATCH', `/api/v1/users/${f.qingtianStaff.id}`, { orgId: f.lianduDept.id });
  assert.equal(move.statusCode, 404);
});

test('the platform administrator sees everything; ordinary staff may read but not change', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedScopeFixture(ctx);
  const root = as(app, await login(app, 'platform.admin', TEST_PASSWORD));
  const orgs = json<{ items: unknown[] }>(await root('GET', '/api/v1/orgs'));
  assert.equal(orgs.items.length, 5);
  const users = json<{ total: number }>(await root('GET', '/api/v1/users'));
  assert.equal(users.total, 6);
  const filtered = json<{ items: { username: string }[] }>(
    await root('GET', `/api/v1/users?orgId=${f.liandu.id}`),
  );
  assert.deepEqual(
    filtered.items.map((u) => u.username),
    ['liandu.admin'],
  );
  const q = json<{ items: { username: string }[] }>(await root('GET', '/api/v1/users?q=%E6%9E%97'));
  assert.deepEqual(
    q.items.map((u) => u.username),
    ['qingtian.staff'],
    'q matches the display name 林海峰',
  );
  const paged = json<{ items: unknown[]; total: number; page: number; pageSize: number }>(
    await root('GET', '/api/v1/users?page=2&pageSize=3'),
  );
  assert.equal(paged.items.length, 3);
  assert.equal(paged.total, 6);
  assert.equal(paged.page, 2);
  const tooBig = await root('GET', '/api/v1/users?pageSize=1000');
  assert.equal(tooBig.statusCode, 400);
  assert.equal((await root('GET', '/api/v1/users?bogus=1')).statusCode, 400);

  const staff = as(app, await login(app, 'qingtian.staff', TEST_PASSWORD));
  const visible = json<{ items: { name: string }[] }>(await staff('GET', '/api/v1/orgs'));
  assert.deepEqual(
    visible.items.map((o) => o.name),
    ['青田县市场监督管理局'],
  );
  const create = await staff('POST', '/api/v1/orgs', {
    parentId: f.qingtianDept.id,
    kind: 'unit',
    name: '某科室',
  });
  assert.equal(create.statusCode, 403, 'visible parent, no org.manage');
  assert.equal(json<ErrorBody>(create).error.code, 'FORBIDDEN');
  assert.equal((await staff('GET', '/api/v1/users')).statusCode, 403);
  const anon = await app.inject({ method: 'GET', url: '/api/v1/orgs' });
  assert.equal(anon.statusCode, 401);
});
