import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeStaff, principalOf, seedScopeFixture, TEST_PASSWORD } from '../../modules/identity/testing.ts';
import { as, createTestApp, json, login } from '../../testing/harness.ts';

type Page = { items: { action: string; actorId: string | null; objectType: string }[]; total: number };
type ErrorBody = { error: { code: string; message: string; details: { field: string }[] } };

const { app, ctx } = await createTestApp();
const f = await seedScopeFixture(ctx);
const countyAuditor = await makeStaff(ctx, await principalOf(ctx, f.platformAdmin.id), {
  username: 'qingtian.auditor',
  orgId: f.qingtian.id,
  roles: [{ code: 'auditadmin', scope: 'org', scopeOrgId: f.qingtian.id }],
});
const auditor = as(app, await login(app, f.auditAdmin.username, TEST_PASSWORD));

test('the audit administrator filters the log and pages through it', async () => {
  const logins = json<Page>(await auditor('GET', '/api/v1/audit?action=session.login&pageSize=1'));
  assert.equal(logins.items.length, 1);
  assert.ok(logins.total >= 1);
  assert.ok(logins.items.every((e) => e.action === 'session.login'));
  const mine = json<Page>(await auditor('GET', `/api/v1/audit?actorId=${f.auditAdmin.id}`));
  assert.ok(mine.items.length > 0 && mine.items.every((e) => e.actorId === f.auditAdmin.id));
  // Text search treats SQL and LIKE wildcards as text.
  const hostile = await auditor('GET', `/api/v1/audit?q=${encodeURIComponent("%' OR 1=1 --")}`);
  assert.equal(hostile.statusCode, 200);
  assert.equal(json<Page>(hostile).total, 0);
});

test('bad filters get field errors', async () => {
  const r = await auditor('GET', '/api/v1/audit?actorId=not-a-uuid&result=maybe&pageSize=1000');
  assert.equal(r.statusCode, 400);
  const fields = json<ErrorBody>(r)
    .error.details.map((d) => d.field)
    .sort();
  assert.deepEqual(fields, ['actorId', 'pageSize', 'result']);
});

test('only a platform-wide audit administrator reads or verifies the log', async () => {
  const sysadmin = as(app, await login(app, f.platformAdmin.username, TEST_PASSWORD));
  assert.equal((await sysadmin('GET', '/api/v1/audit')).statusCode, 403);
  assert.equal((await sysadmin('GET', '/api/v1/audit/verify')).statusCode, 403);
  const county = as(app, await login(app, countyAuditor.username, TEST_PASSWORD));
  const r = await county('GET', '/api/v1/audit');
  assert.equal(r.statusCode, 403);
  assert.match(json<ErrorBody>(r).error.message, /全平台/);
  assert.equal((await app.inject('/api/v1/audit/verify')).statusCode, 401);
});

test('verification reports an intact chain and is itself audited', async () => {
  const r = json<{ ok: boolean; checked: number }>(await auditor('GET', '/api/v1/audit/verify'));
  assert.equal(r.ok, true);
  assert.ok(r.checked > 5);
  const last = json<Page>(await auditor('GET', '/api/v1/audit?action=audit.verify'));
  assert.equal(last.items[0]?.objectType, 'audit_log');
});
