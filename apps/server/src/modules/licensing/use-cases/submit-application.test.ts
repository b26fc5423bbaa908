// Submission: the Idempotency-Key, forged item, material and file ids, files of another applicant or
// already used, missing required materials, and form values of the wrong type. Each refusal changes
// nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { NO_2FA, TEST_PASSWORD } from '../../identity/testing.ts';
import {
  makeCitizen,
  makeEnterprise,
  sampleValues,
  seedLicensingFixture,
  submit,
  upload,
} from '../testing.ts';

type ErrorBody = { error: { code: string; message: string; details: { field: string; message: string }[] } };

async function countApplications(ctx: {
  pool: { query: (q: string) => Promise<{ rows: { n: number }[] }> };
}) {
  return (await ctx.pool.query('SELECT count(*)::int AS n FROM lic_application')).rows[0]!.n;
}

test('the same Idempotency-Key returns the same application; another body with it is refused', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedLicensingFixture(app, ctx);
  const mat = f.item.materials[0]!;
  const body = {
    itemId: f.item.id,
    form: sampleValues(f.citizen),
    materials: [{ materialId: mat.id, fileId: await upload(app, f.citizen.session) }],
  };
  const key = 'submit-2026-abcdef';
  const first = await submit(app, f.citizen.session, body, key);
  assert.equal(first.statusCode, 201, first.body);
  const again = await submit(app, f.citizen.session, body, key);
  assert.equal(again.statusCode, 200);
  assert.equal(again.headers['idempotent-replayed'], 'true');
  assert.deepEqual(json(again), json(first));
  assert.equal(await countApplications(ctx), 1);

  // Two identical requests at the same moment: still one application, same answer.
  const key2 = 'submit-2026-parallel';
  const body2 = {
    ...body,
    materials: [{ materialId: mat.id, fileId: await upload(app, f.citizen.session) }],
  };
  const [a, b] = await Promise.all([
    submit(app, f.citizen.session, body2, key2),
    submit(app, f.citizen.session, body2, key2),
  ]);
  assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 201]);
  assert.equal(json<{ id: string }>(a).id, json<{ id: string }>(b).id);
  assert.equal(await countApplications(ctx), 2);

  const changed = await submit(app, f.citizen.session, { ...body, form: { ...body.form, area: 90 } }, key);
  assert.equal(changed.statusCode, 409);
  assert.equal(json<ErrorBody>(changed).error.code, 'IDEMPOTENCY_KEY_REUSED');

  // The key belongs to the user: another applicant may use the same string.
  const other = await makeCitizen(app, ctx, 'wang.wu', '王五', '13857810003');
  const theirs = await submit(
    app,
    other.session,
    {
      itemId: f.item.id,
      form: sampleValues(other),
      materials: [{ materialId: mat.id, fileId: await upload(app, other.session) }],
    },
    key,
  );
  assert.equal(theirs.statusCode, 201, theirs.body);
  assert.notEqual(json<{ id: string }>(theirs).id, json<{ id: string }>(first).id);

  const s = f.citizen.session;
  const noKey = await app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    payload: body,
  });
  assert.equal(noKey.statusCode, 400);
  assert.equal(json<ErrorBody>(noKey).error.details[0]?.field, 'idempotency-key');
  assert.equal((await submit(app, s, body, 'short')).statusCode, 400);
  assert.equal((await submit(app, s, body, 'x'.repeat(101))).statusCode, 400);
  assert.equal(await countApplications(ctx), 3);
});

test('forged item, material and file ids, and files that are not the applicant’s, are refused', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedLicensingFixture(app, ctx);
  const [required, optional] = f.item.materials;
  assert.ok(required && optional);
  const s = f.citizen.session;
  const good = await upload(app, s);
  const form = sampleValues(f.citizen);
  const forgedId = '01900000-0000-7000-8000-00000000beef';

  const noItem = await submit(app, s, { itemId: forgedId, form, materials: [] });
  assert.equal(noItem.statusCode, 404);
  assert.equal(json<ErrorBody>(noItem).error.details[0]?.field, 'itemId');
  const badItem = await submit(app, s, { itemId: 'not-an-id', form, materials: [] });
  assert.equal(badItem.statusCode, 400);
  assert.equal(json<ErrorBody>(badItem).error.details[0]?.field, 'itemId');

  const forgedMaterial = await submit(app, s, {
    itemId: f.item.id,
    form,
    materials: [
      { materialId: required.id, fileId: good },
      { materialId: forgedId, fileId: await upload(app, s) },
    ],
  });
  assert.equal(forgedMaterial.statusCode, 422);
  assert.deepEqual(
    json<ErrorBody>(forgedMaterial).error.details.map((d) => d.field),
    ['materials[1].materialId'],
  );

  const missing = await submit(app, s, {
    itemId: f.item.id,
    form,
    materials: [{ materialId: optional.id, fileId: good }],
  });
  assert.equal(missing.statusCode, 422);
  const miss = json<ErrorBody>(missing).error.details;
  assert.equal(miss[0]?.field, `materials.${required.id}`);
  assert.match(miss[0]!.message, new RegExp(required.name));

  const forgedFile = await submit(app, s, {
    itemId: f.item.id,
    form,
    materials: [{ materialId: required.id, fileId: forgedId }],
  });
  assert.equal(forgedFile.statusCode, 422);
  assert.equal(json<ErrorBody>(forgedFile).error.details[0]?.field, 'materials[0].fileId');

  // A file someone else uploaded, even with its real id.
  const other = await makeCitizen(app, ctx, 'li.si', '李四', '13857810002');
  const theirs = await upload(app, other.session);
  const notMine = await submit(app, s, {
    itemId: f.item.id,
    form,
    materials: [{ materialId: required.id, fileId: theirs }],
  });
  assert.equal(notMine.statusCode, 422);
  assert.equal(json<ErrorBody>(notMine).error.details[0]?.field, 'materials[0].fileId');

  // A staff member's own upload is not an applicant's material either (and staff cannot apply).
  const clerk = await login(app, 'qt.clerk', TEST_PASSWORD);
  assert.equal((await submit(app, clerk, { itemId: f.item.id, form, materials: [] })).statusCode, 403);

  // A file already handed in with one application cannot be handed in with another.
  const ok = await submit(app, s, {
    itemId: f.item.id,
    form,
    materials: [{ materialId: required.id, fileId: good }],
  });
  assert.equal(ok.statusCode, 201, ok.body);
  const reused = await submit(app, s, {
    itemId: f.item.id,
    form,
    materials: [{ materialId: required.id, fileId: good }],
  });
  assert.equal(reused.statusCode, 422);
  assert.equal(json<ErrorBody>(reused).error.details[0]?.field, 'materials[0].fileId');
  assert.equal(await countApplications(ctx), 1);
  const cases = await ctx.pool.query('SELECT count(*)::int AS n FROM wf_case');
  assert.equal(cases.rows[0].n, 1, 'refused submissions opened no case');
});

test('form values of the wrong type are refused, naming each field', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedLicensingFixture(app, ctx);
  const s = f.citizen.session;
  const materials = [{ materialId: f.item.materials[0]!.id, fileId: await upload(app, s) }];
  const res = await submit(app, s, {
    itemId: f.item.id,
    form: sampleValues(f.citizen, {
      area: '85',
      scope: 'hot',
      idNumber: '331102198503121234',
      phone: 12345,
      category: 'bakery',
      employees: [{ name: '李四', idNumber: '123', healthCert: 'no' }],
      remark: '<script>alert(1)</script>',
      unknownField: 'x',
    }),
    materials,
  });
  assert.equal(res.statusCode, 422, res.body);
  const fields = json<ErrorBody>(res).error.details.map((d) => d.field);
  for (const want of [
    'form.area',
    'form.scope',
    'form.idNumber',
    'form.phone',
    'form.category',
    'form.employees[0].idNumber',
    'form.unknownField',
  ]) {
    assert.ok(fields.includes(want), `${want} in ${fields.join(', ')}`);
  }
  const labelled = json<ErrorBody>(res).error.details.find((d) => d.field === 'form.area');
  assert.match(labelled!.message, /经营场所面积/);
  assert.equal(await countApplications(ctx), 0);

  // A body that is not an object at all, and a form that is not one.
  const notObject = await submit(app, s, { itemId: f.item.id, form: [], materials });
  assert.equal(notObject.statusCode, 400);
  const strict = await submit(app, s, { itemId: f.item.id, form: {}, materials, extra: 1 });
  assert.equal(strict.statusCode, 400);
  assert.equal(json<ErrorBody>(strict).error.details[0]?.field, 'extra');
});

test('an enterprise applies; its licence holder code is its verified credit code', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedLicensingFixture(app, ctx);
  const ent = await makeEnterprise(app, ctx, 'oujiang.food');
  const res = await submit(app, ent.session, {
    itemId: f.item.id,
    form: sampleValues(f.citizen, {
      applicantType: 'enterprise',
      companyName: '丽水市测试食品有限公司',
      creditCode: ent.idNumber,
      phone: '13757820001',
    }),
    materials: [{ materialId: f.item.materials[0]!.id, fileId: await upload(app, ent.session) }],
  });
  assert.equal(res.statusCode, 201, res.body);
  const row = await ctx.pool.query(
    'SELECT applicant_kind, holder_code_enc, form_enc, form_summary FROM lic_application',
  );
  assert.equal(row.rows[0].applicant_kind, 'enterprise');
  assert.equal(ctx.pii.decrypt(row.rows[0].holder_code_enc), ent.idNumber);
  // The form is encrypted at rest; the clear summary holds no identifiers.
  assert.doesNotMatch(row.rows[0].form_enc, /331102/);
  assert.doesNotMatch(JSON.stringify(row.rows[0].form_summary), new RegExp(f.citizen.idNumber));
  assert.ok(JSON.stringify(row.rows[0].form_summary).includes('餐饮服务'));
  const list = await as(app, ent.session)('GET', '/api/v1/applications');
  assert.equal(json<{ total: number }>(list).total, 1);
});
