// Organisation rules: region codes must agree with the tree, credit codes are checked, and only
// empty organisations can be deleted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeCreditCode } from '../../../platform/ids/gb32100.ts';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { NO_2FA, seedScopeFixture, TEST_PASSWORD } from '../testing.ts';

type ErrorBody = { error: { code: string; details: { field: string; message: string }[] } };

test('region codes must exist and lie inside the region above', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedScopeFixture(ctx);
  const root = as(app, await login(app, 'platform.admin', TEST_PASSWORD));
  const post = (body: Record<string, unknown>) => root('POST', '/api/v1/orgs', body);

  const wrongPrefecture = await post({
    parentId: f.city.id,
    kind: 'region',
    name: '西湖区',
    regionCode: '330106',
  });
  assert.equal(wrongPrefecture.statusCode, 422);
  assert.equal(json<ErrorBody>(wrongPrefecture).error.details[0]?.field, 'regionCode');
  assert.match(json<ErrorBody>(wrongPrefecture).error.details[0]!.message, /丽水市/);

  const otherCounty = await post({
    parentId: f.qingtian.id,
    kind: 'region',
    name: '紫金街道',
    regionCode: '331102001',
  });
  assert.equal(otherCounty.statusCode, 422, 'a 莲都区 township cannot sit under 青田县');

  const garbage = await post({ parentId: f.city.id, kind: 'region', name: '某地', regionCode: '99xx' });
  assert.equal(garbage.statusCode, 422);
  const missing = await post({ parentId: f.city.id, kind: 'region', name: '某地' });
  assert.equal(missing.statusCode, 422);

  const town = await post({
    parentId: f.qingtian.id,
    kind: 'region',
    name: '温溪镇',
    regionCode: '331121101',
  });
  assert.equal(town.statusCode, 201, town.body);
  assert.equal(json<{ regionCode: string; depth: number; parentId: string }>(town).regionCode, '331121101');
  assert.equal(json<{ depth: number }>(town).depth, 2);

  const dup = await post({ parentId: f.city.id, kind: 'region', name: '又一个青田', regionCode: '331121' });
  assert.equal(dup.statusCode, 409);
  assert.equal(json<ErrorBody>(dup).error.code, 'REGION_CODE_TAKEN');

  const underDept = await post({
    parentId: f.qingtianDept.id,
    kind: 'region',
    name: '万山乡',
    regionCode: '331121200',
  });
  assert.equal(underDept.statusCode, 422);
  assert.equal(json<ErrorBody>(underDept).error.details[0]?.field, 'kind');

  const deptWithCode = await post({
    parentId: f.qingtian.id,
    kind: 'department',
    name: '青田县民政局',
    regionCode: '331121',
  });
  assert.equal(deptWithCode.statusCode, 422);

  const wrongType = await post({ parentId: f.qingtian.id, kind: 'office', name: '某处' });
  assert.equal(wrongType.statusCode, 400);
  const badName = await post({ parentId: f.qingtian.id, kind: 'department', name: '<b>局</b>' });
  assert.equal(badName.statusCode, 422);
});

test('credit codes are checked; a check-digit-only failure needs a note', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedScopeFixture(ctx);
  const root = as(app, await login(app, 'platform.admin', TEST_PASSWORD));
  const good = makeCreditCode('11', '331121', '00247361');
  const odd = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');

  const ok = await root('POST', '/api/v1/orgs', {
    parentId: f.qingtian.id,
    kind: 'department',
    name: '青田县民政局',
    creditCode: good,
  });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(json<{ creditCode: string }>(ok).creditCode, good);

  const noNote = await root('POST', '/api/v1/orgs', {
    parentId: f.qingtian.id,
    kind: 'department',
    name: '青田县教育局',
    creditCode: odd,
  });
  assert.equal(noNote.statusCode, 422);
  assert.equal(json<ErrorBody>(noNote).error.details[0]?.field, 'creditCodeNote');

  const withNote = await root('POST', '/api/v1/orgs', {
    parentId: f.qingtian.id,
    kind: 'department',
    name: '青田县教育局',
    creditCode: odd,
    creditCodeNote: '与编办登记证书一致',
  });
  assert.equal(withNote.statusCode, 201, withNote.body);
  assert.equal(json<{ creditCodeNote: string }>(withNote).creditCodeNote, '与编办登记证书一致');

  const broken = await root('POST', '/api/v1/orgs', {
    parentId: f.qingtian.id,
    kind: 'unit',
    name: '某单位',
    creditCode: 'ABCDEFGHIJKLMNOPQR',
    creditCodeNote: '说明也没用',
  });
  assert.equal(broken.statusCode, 422, 'other failures are never accepted');

  const taken = await root('POST', '/api/v1/orgs', {
    parentId: f.liandu.id,
    kind: 'department',
    name: '莲都区某局',
    creditCode: good,
  });
  assert.equal(taken.statusCode, 409);
});

test('only an empty organisation can be deleted', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedScopeFixture(ctx);
  const root = as(app, await login(app, 'platform.admin', TEST_PASSWORD));
  const children = await root('DELETE', `/api/v1/orgs/${f.qingtian.id}`);
  assert.equal(children.statusCode, 409);
  assert.equal(json<ErrorBody>(children).error.code, 'ORG_HAS_CHILDREN');
  const staff = await root('DELETE', `/api/v1/orgs/${f.qingtianDept.id}`);
  assert.equal(staff.statusCode, 409);
  assert.equal(json<ErrorBody>(staff).error.code, 'ORG_HAS_STAFF');

  const empty = json<{ id: string }>(
    await root('POST', '/api/v1/orgs', { parentId: f.qingtian.id, kind: 'department', name: '临时机构' }),
  );
  const del = await root('DELETE', `/api/v1/orgs/${empty.id}`);
  assert.equal(del.statusCode, 204);
  assert.equal((await root('GET', `/api/v1/orgs/${empty.id}`)).statusCode, 404);
  const audit = await ctx.pool.query(`SELECT action FROM aud_entry WHERE object_id = $1 ORDER BY seq`, [
    empty.id,
  ]);
  assert.deepEqual(
    audit.rows.map((r) => r.action),
    ['org.create', 'org.delete'],
  );
});
