// Process administration: drafts, validation, publishing, versions; a running case keeps its version.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedClock } from '../../../platform/db/clock.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { makeStaff, NO_2FA, principalOf, TEST_PASSWORD } from '../../identity/testing.ts';
import { getCase, openCase } from '../index.ts';
import { seedCaseFixture, standardLicenceDefinition } from '../testing.ts';

type Err = { error: { code: string; details: { field: string; message: string }[] } };
type Proc = {
  id: string;
  publishedVersion: number | null;
  draftVersion: number | null;
  versions: {
    id: string;
    version: number;
    status: string;
    problems: { path: string; message: string }[];
    caseCount: number;
  }[];
};

test('drafts are validated on publish; a new version leaves running cases on theirs', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA, clock: fixedClock('2026-03-02T02:00:00Z') });
  const f = await seedCaseFixture(ctx);
  const admin = as(app, await login(app, 'qt.process', TEST_PASSWORD));
  const reviewer = as(app, await login(app, 'qt.reviewer', TEST_PASSWORD));

  const broken = standardLicenceDefinition();
  broken.steps.find((s) => s.key === 'review')!.actions![0]!.to = 'nowhere';
  const created = await admin('POST', '/api/v1/processes', {
    code: 'qt.food-licence',
    name: '食品经营许可办理流程',
    caseType: 'test_licence',
    orgId: f.qingtianDept.id,
    definition: broken,
  });
  assert.equal(created.statusCode, 201, created.body);
  const p = json<Proc>(created);
  assert.equal(p.draftVersion, 1);
  assert.equal(p.publishedVersion, null);
  assert.match(p.versions[0]!.problems[0]!.message, /“nowhere”不存在/);

  const refused = await admin('POST', `/api/v1/processes/${p.id}/versions/1/publish`);
  assert.equal(refused.statusCode, 422);
  assert.equal(json<Err>(refused).error.code, 'DEFINITION_INVALID');
  assert.equal(json<Err>(refused).error.details[0]?.field, 'definition.steps[2].actions[0].to');

  const check = json<{ ok: boolean; problems: unknown[] }>(
    await admin('POST', '/api/v1/processes/validate', { definition: standardLicenceDefinition() }),
  );
  assert.deepEqual(check, { ok: true, problems: [] });
  assert.equal(
    (await admin('PUT', `/api/v1/processes/${p.id}/versions/1`, { definition: standardLicenceDefinition() }))
      .statusCode,
    200,
  );
  const v1 = json<Proc>(await admin('POST', `/api/v1/processes/${p.id}/versions/1/publish`));
  assert.equal(v1.publishedVersion, 1);
  assert.equal(
    (await admin('PUT', `/api/v1/processes/${p.id}/versions/1`, { definition: standardLicenceDefinition() }))
      .statusCode,
    409,
  );

  const running = await withTx(ctx.pool, (tx) =>
    openCase(tx, ctx, {
      caseType: 'test_licence',
      processCode: 'qt.food-licence',
      orgId: f.qingtianDept.id,
      subject: '旧版本办件',
      actorUserId: null,
    }),
  );

  const v2def = standardLicenceDefinition();
  v2def.steps.find((s) => s.key === 'review')!.name = '材料审查';
  assert.equal(
    (await admin('POST', `/api/v1/processes/${p.id}/versions`, { definition: v2def, note: '审查步骤改名' }))
      .statusCode,
    201,
  );
  assert.equal(
    (await admin('POST', `/api/v1/processes/${p.id}/versions`, { definition: v2def })).statusCode,
    409,
    'one draft at a time',
  );
  const v2 = json<Proc>(await admin('POST', `/api/v1/processes/${p.id}/versions/2/publish`));
  assert.equal(v2.publishedVersion, 2);
  assert.deepEqual(
    v2.versions.map((v) => [v.version, v.status, v.caseCount]),
    [
      [2, 'published', 0],
      [1, 'retired', 1],
    ],
  );

  const clerk = as(app, await login(app, 'qt.clerk', TEST_PASSWORD));
  const tasks = json<{ items: { id: string; caseId: string }[] }>(await clerk('GET', '/api/v1/tasks'));
  const t = tasks.items.find((i) => i.caseId === running.case.id)!;
  await clerk('POST', `/api/v1/tasks/${t.id}/actions`, { action: 'accept' });
  const c = await getCase(ctx.pool, running.case.id);
  assert.deepEqual(c?.currentSteps, [{ key: 'review', name: '审查' }], 'the running case stays on version 1');
  const fresh = await withTx(ctx.pool, (tx) =>
    openCase(tx, ctx, {
      caseType: 'test_licence',
      processCode: 'qt.food-licence',
      orgId: f.qingtianDept.id,
      subject: '新版本办件',
      actorUserId: null,
    }),
  );
  assert.notEqual(fresh.case.processVersionId, running.case.processVersionId);

  // Permission and scope.
  assert.equal((await reviewer('GET', '/api/v1/processes')).statusCode, 403);
  assert.equal((await reviewer('POST', '/api/v1/processes/validate', { definition: {} })).statusCode, 403);
  const root = await principalOf(ctx, f.platformAdmin.id);
  await makeStaff(ctx, root, {
    username: 'ld.process',
    orgId: f.lianduDept.id,
    roles: [{ code: 'service_admin', scope: 'org', scopeOrgId: f.liandu.id }],
  });
  const other = as(app, await login(app, 'ld.process', TEST_PASSWORD));
  assert.equal((await other('GET', `/api/v1/processes/${p.id}`)).statusCode, 404, 'another county’s process');
  // (Platform processes other modules install, org NULL, are listed for every process administrator.)
  const ids = async (who: typeof admin) =>
    json<{ items: { id: string; orgId: string | null }[] }>(
      await who('GET', '/api/v1/processes?pageSize=100'),
    ).items;
  const seenByOther = await ids(other);
  assert.ok(!seenByOther.some((x) => x.id === p.id));
  // Not an empty list: the platform processes (supervision's 督办, ratings' 整改) and nothing else.
  assert.ok(seenByOther.length >= 2, `platform processes listed (${seenByOther.length})`);
  assert.ok(seenByOther.every((x) => x.orgId === null));
  assert.ok((await ids(admin)).some((x) => x.id === p.id));
  const foreign = await other('POST', '/api/v1/processes', {
    code: 'ld.x',
    name: '越权',
    caseType: 'test_licence',
    orgId: f.qingtianDept.id,
    definition: standardLicenceDefinition(),
  });
  assert.equal(foreign.statusCode, 422);
  assert.equal(json<Err>(foreign).error.details[0]?.field, 'orgId');
  const dup = await admin('POST', '/api/v1/processes', {
    code: 'qt.food-licence',
    name: '重复',
    caseType: 'test_licence',
    orgId: f.qingtianDept.id,
    definition: standardLicenceDefinition(),
  });
  assert.equal(dup.statusCode, 409);
  const badBody = await admin('POST', '/api/v1/processes', {
    code: 'Bad Code',
    name: '',
    caseType: 'x',
    definition: [],
  });
  assert.equal(badBody.statusCode, 400);
});
