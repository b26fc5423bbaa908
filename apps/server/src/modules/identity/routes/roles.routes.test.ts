// Roles and assignments through HTTP: 三员分立, no self-assignment, scope inside the granter's reach,
// custom roles that cannot mix administrator classes, and permission changes that apply at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { BUILTIN_ROLES } from '../identity.permissions.ts';
import { grantRole, makeStaff, NO_2FA, principalOf, seedScopeFixture, TEST_PASSWORD } from '../testing.ts';

type ErrorBody = { error: { code: string; message: string; details: { field: string; message: string }[] } };
const role = (code: string) => BUILTIN_ROLES.find((r) => r.code === code)!.id;

test('built-in roles in the database match the code, and the catalogue lists every permission', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  await seedScopeFixture(ctx);
  const sec = as(app, await login(app, 'security.admin', TEST_PASSWORD));
  const roles = json<{
    items: { id: string; code: string; permissions: string[]; adminClass: string | null; builtin: boolean }[];
  }>(await sec('GET', '/api/v1/roles'));
  for (const def of BUILTIN_ROLES) {
    const row = roles.items.find((r) => r.code === def.code);
    assert.ok(row, def.code);
    assert.equal(row.id, def.id);
    assert.equal(row.adminClass, def.adminClass);
    assert.equal(row.builtin, true);
    assert.deepEqual([...row.permissions].sort(), [...def.permissions].sort());
  }
  const perms = json<{ items: { code: string; name: string; group: string }[] }>(
    await sec('GET', '/api/v1/permissions'),
  );
  for (const code of ['org.read', 'org.manage', 'user.unlock', 'role.assign', 'audit.verify', 'inbox.read']) {
    assert.ok(
      perms.items.some((p) => p.code === code && p.name.length > 0),
      code,
    );
  }
  const sys = as(app, await login(app, 'qingtian.admin', TEST_PASSWORD));
  assert.equal(
    (await sys('GET', '/api/v1/roles')).statusCode,
    403,
    'the system administrator does not manage roles',
  );
});

test('one account cannot hold two administrator classes, nor an administrator and a business role', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedScopeFixture(ctx);
  const sec = as(app, await login(app, 'security.admin', TEST_PASSWORD));

  const twoClasses = await sec('POST', `/api/v1/users/${f.qingtianAdmin.id}/roles`, {
    roleId: role('auditadmin'),
    scope: 'platform',
  });
  assert.equal(twoClasses.statusCode, 422);
  assert.equal(json<ErrorBody>(twoClasses).error.code, 'SEPARATION_OF_DUTIES');
  assert.match(json<ErrorBody>(twoClasses).error.message, /系统管理员/);

  const adminPlusBusiness = await sec('POST', `/api/v1/users/${f.qingtianAdmin.id}/roles`, {
    roleId: role('staff'),
    scope: 'org',
    scopeOrgId: f.qingtianDept.id,
  });
  assert.equal(adminPlusBusiness.statusCode, 422);
  assert.equal(json<ErrorBody>(adminPlusBusiness).error.code, 'SEPARATION_OF_DUTIES');

  const businessPlusAdmin = await sec('POST', `/api/v1/users/${f.qingtianStaff.id}/roles`, {
    roleId: role('sysadmin'),
    scope: 'org',
    scopeOrgId: f.qingtian.id,
  });
  assert.equal(businessPlusAdmin.statusCode, 422);

  const held = await ctx.pool.query(
    'SELECT count(*)::int AS n FROM idn_role_assignment WHERE user_id = ANY($1)',
    [[f.qingtianAdmin.id, f.qingtianStaff.id]],
  );
  assert.equal(held.rows[0].n, 2, 'nothing was granted');

  const self = await sec('POST', `/api/v1/users/${f.securityAdmin.id}/roles`, {
    roleId: role('secadmin'),
    scope: 'platform',
  });
  assert.equal(self.statusCode, 403);
  assert.equal(json<ErrorBody>(self).error.code, 'SELF_ASSIGNMENT');
});

test('a grant applies to a signed-in user at once, and so does its withdrawal', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedScopeFixture(ctx);
  const root = await principalOf(ctx, f.platformAdmin.id);
  const newcomer = await makeStaff(ctx, root, {
    username: 'liandu.clerk',
    displayName: '徐静怡',
    orgId: f.lianduDept.id,
  });
  const clerk = as(app, await login(app, 'liandu.clerk', TEST_PASSWORD));
  assert.equal((await clerk('GET', '/api/v1/orgs')).statusCode, 403);

  const sec = as(app, await login(app, 'security.admin', TEST_PASSWORD));
  const granted = await sec('POST', `/api/v1/users/${newcomer.id}/roles`, {
    roleId: role('staff'),
    scope: 'org',
    scopeOrgId: f.lianduDept.id,
  });
  assert.equal(granted.statusCode, 201, granted.body);
  const a = json<{ assignmentId: string; code: string; scopeOrgName: string }>(granted);
  assert.equal(a.code, 'staff');
  assert.equal(a.scopeOrgName, '莲都区民政局');

  const visible = json<{ items: { name: string }[] }>(await clerk('GET', '/api/v1/orgs'));
  assert.deepEqual(
    visible.items.map((o) => o.name),
    ['莲都区民政局'],
  );

  const again = await sec('POST', `/api/v1/users/${newcomer.id}/roles`, {
    roleId: role('staff'),
    scope: 'org',
    scopeOrgId: f.lianduDept.id,
  });
  assert.equal(again.statusCode, 409);

  const list = json<{ items: { assignmentId: string }[] }>(
    await sec('GET', `/api/v1/users/${newcomer.id}/roles`),
  );
  assert.deepEqual(
    list.items.map((i) => i.assignmentId),
    [a.assignmentId],
  );

  const revoked = await sec('DELETE', `/api/v1/users/${newcomer.id}/roles/${a.assignmentId}`);
  assert.equal(revoked.statusCode, 204);
  assert.equal((await clerk('GET', '/api/v1/orgs')).statusCode, 403, 'withdrawn at once');
  const audit = await ctx.pool.query(
    `SELECT action FROM aud_entry WHERE object_id = $1 AND action LIKE 'role.%' ORDER BY seq`,
    [newcomer.id],
  );
  assert.deepEqual(
    audit.rows.map((r) => r.action),
    ['role.assign', 'role.revoke'],
  );
});

test('a county security administrator grants only inside the county', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedScopeFixture(ctx);
  const root = await principalOf(ctx, f.platformAdmin.id);
  const countySec = await makeStaff(ctx, root, {
    username: 'qingtian.sec',
    displayName: '青田安全员',
    orgId: f.qingtianDept.id,
  });
  await grantRole(ctx, countySec.id, 'secadmin', 'org', f.qingtian.id);
  const clerk = await makeStaff(ctx, root, {
    username: 'qingtian.clerk',
    displayName: '林小青',
    orgId: f.qingtianDept.id,
  });
  const sec = as(app, await login(app, 'qingtian.sec', TEST_PASSWORD));

  const platformWide = await sec('POST', `/api/v1/users/${clerk.id}/roles`, {
    roleId: role('staff'),
    scope: 'platform',
  });
  assert.equal(platformWide.statusCode, 403);
  const cityScope = await sec('POST', `/api/v1/users/${clerk.id}/roles`, {
    roleId: role('staff'),
    scope: 'org',
    scopeOrgId: f.city.id,
  });
  assert.equal(cityScope.statusCode, 404, 'the city is not visible to a county administrator');
  const otherCountyUser = await sec('POST', `/api/v1/users/${f.lianduAdmin.id}/roles`, {
    roleId: role('staff'),
    scope: 'org',
    scopeOrgId: f.qingtianDept.id,
  });
  assert.equal(otherCountyUser.statusCode, 404);
  const ok = await sec('POST', `/api/v1/users/${clerk.id}/roles`, {
    roleId: role('staff'),
    scope: 'org',
    scopeOrgId: f.qingtianDept.id,
  });
  assert.equal(ok.statusCode, 201, ok.body);

  const sys = as(app, await login(app, 'qingtian.admin', TEST_PASSWORD));
  const bySysadmin = await sys('POST', `/api/v1/users/${clerk.id}/roles`, {
    roleId: role('staff'),
    scope: 'own',
  });
  assert.equal(bySysadmin.statusCode, 403, 'system administrators do not grant roles');
});

test('custom roles keep to one administrator class, and built-in roles are read-only', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedScopeFixture(ctx);
  const sec = as(app, await login(app, 'security.admin', TEST_PASSWORD));

  const mixedAdmin = await sec('POST', '/api/v1/roles', {
    code: 'super',
    name: '超级管理员',
    permissions: ['audit.read', 'role.assign'],
  });
  assert.equal(mixedAdmin.statusCode, 422);
  assert.equal(json<ErrorBody>(mixedAdmin).error.code, 'SEPARATION_OF_DUTIES');
  assert.equal(json<ErrorBody>(mixedAdmin).error.details[0]?.field, 'permissions');
  const adminAndBusiness = await sec('POST', '/api/v1/roles', {
    code: 'auditclerk',
    name: '审计文员',
    permissions: ['audit.read', 'inbox.read'],
  });
  assert.equal(adminAndBusiness.statusCode, 422);
  const unknown = await sec('POST', '/api/v1/roles', {
    code: 'ghost',
    name: '幽灵角色',
    permissions: ['everything.do'],
  });
  assert.equal(unknown.statusCode, 422);
  assert.equal(json<ErrorBody>(unknown).error.code, 'PERMISSION_UNKNOWN');
  const badCode = await sec('POST', '/api/v1/roles', {
    code: 'Bad Code',
    name: '角色',
    permissions: ['inbox.read'],
  });
  assert.equal(badCode.statusCode, 400);

  const created = await sec('POST', '/api/v1/roles', {
    code: 'reader',
    name: '消息阅读员',
    permissions: ['inbox.read'],
  });
  assert.equal(created.statusCode, 201, created.body);
  const reader = json<{ id: string; adminClass: string | null; builtin: boolean }>(created);
  assert.equal(reader.adminClass, null);
  assert.equal(reader.builtin, false);
  assert.equal(
    (await sec('POST', '/api/v1/roles', { code: 'reader', name: '重复', permissions: ['inbox.read'] }))
      .statusCode,
    409,
  );

  const builtin = await sec('PATCH', `/api/v1/roles/${role('sysadmin')}`, { permissions: ['org.read'] });
  assert.equal(builtin.statusCode, 422);
  assert.equal(json<ErrorBody>(builtin).error.code, 'ROLE_READ_ONLY');

  // qingtian.staff holds the business role staff; giving them `reader` is fine, but turning `reader`
  // into an audit role would make them an auditor with a business role.
  const grant = await sec('POST', `/api/v1/users/${f.qingtianStaff.id}/roles`, {
    roleId: reader.id,
    scope: 'own',
  });
  assert.equal(grant.statusCode, 201, grant.body);
  const turn = await sec('PATCH', `/api/v1/roles/${reader.id}`, { permissions: ['audit.read'] });
  assert.equal(turn.statusCode, 422);
  assert.match(json<ErrorBody>(turn).error.message, /qingtian\.staff/);
  const rename = await sec('PATCH', `/api/v1/roles/${reader.id}`, { name: '站内消息阅读员' });
  assert.equal(rename.statusCode, 200);
  assert.equal(json<{ name: string }>(rename).name, '站内消息阅读员');
});
