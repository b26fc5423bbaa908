// Drafts: save a partial form, come back, list it among "my cases", submit from it (the draft goes),
// and nobody else sees it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, createTestApp, json } from '../../../testing/harness.ts';
import { NO_2FA } from '../../identity/testing.ts';
import { makeCitizen, sampleValues, seedLicensingFixture, submit, upload } from '../testing.ts';

type Draft = {
  id: string;
  itemName: string;
  form: Record<string, unknown>;
  materials: { materialId: string; fileId: string; name: string | null }[];
};
type ErrorBody = { error: { code: string; details: { field: string }[] } };

test('a draft keeps partial data for its owner only and goes once submitted', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedLicensingFixture(app, ctx);
  const me = as(app, f.citizen.session);
  const mat = f.item.materials[0]!;
  const file = await upload(app, f.citizen.session, '申请书草稿.pdf');

  // Partial and even wrongly typed values are fine in a draft.
  const created = await me('POST', '/api/v1/application-drafts', {
    itemId: f.item.id,
    form: { name: '张三', area: '八十' },
  });
  assert.equal(created.statusCode, 201, created.body);
  const draft = json<Draft>(created);
  assert.equal(draft.itemName, f.item.name);
  assert.deepEqual(draft.form, { name: '张三', area: '八十' });

  const updated = await me('PUT', `/api/v1/application-drafts/${draft.id}`, {
    form: { name: '张三', area: 80, idNumber: f.citizen.idNumber },
    materials: [{ materialId: mat.id, fileId: file }],
  });
  assert.equal(updated.statusCode, 200, updated.body);
  assert.equal(json<Draft>(updated).materials[0]?.name, '申请书草稿.pdf');
  const stored = await ctx.pool.query('SELECT form_enc FROM lic_draft WHERE id = $1', [draft.id]);
  assert.ok(!String(stored.rows[0].form_enc).includes(f.citizen.idNumber), 'encrypted at rest');

  const list = json<{ drafts: { id: string; statusName: string }[] }>(
    await me('GET', '/api/v1/applications'),
  );
  assert.deepEqual(
    list.drafts.map((d) => [d.id, d.statusName]),
    [[draft.id, '草稿']],
  );

  // Someone else's file cannot be attached; someone else cannot read or change the draft.
  const other = await makeCitizen(app, ctx, 'li.si', '李四', '13857810002');
  const them = as(app, other.session);
  const theirFile = await upload(app, other.session);
  const foreign = await me('PUT', `/api/v1/application-drafts/${draft.id}`, {
    materials: [{ materialId: mat.id, fileId: theirFile }],
  });
  assert.equal(foreign.statusCode, 422);
  assert.equal(json<ErrorBody>(foreign).error.details[0]?.field, 'materials[0].fileId');
  assert.equal((await them('GET', `/api/v1/application-drafts/${draft.id}`)).statusCode, 404);
  assert.equal((await them('PUT', `/api/v1/application-drafts/${draft.id}`, { form: {} })).statusCode, 404);
  assert.equal((await them('DELETE', `/api/v1/application-drafts/${draft.id}`)).statusCode, 404);
  assert.equal(json<{ items: unknown[] }>(await them('GET', '/api/v1/application-drafts')).items.length, 0);

  // Too large, or not an object.
  const big = await me('PUT', `/api/v1/application-drafts/${draft.id}`, {
    form: { remark: 'x'.repeat(70_000) },
  });
  assert.equal(big.statusCode, 422);
  const notObject = await me('PUT', `/api/v1/application-drafts/${draft.id}`, { form: 'x' });
  assert.equal(notObject.statusCode, 400);
  const forgedItem = await me('POST', '/api/v1/application-drafts', {
    itemId: '01900000-0000-7000-8000-00000000beef',
  });
  assert.equal(forgedItem.statusCode, 404);

  // Submitting from the draft removes it.
  const res = await submit(app, f.citizen.session, {
    itemId: f.item.id,
    form: sampleValues(f.citizen),
    materials: [{ materialId: mat.id, fileId: file }],
    draftId: draft.id,
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal((await me('GET', `/api/v1/application-drafts/${draft.id}`)).statusCode, 404);
  const after = json<{ items: { statusName: string }[]; drafts: unknown[] }>(
    await me('GET', '/api/v1/applications'),
  );
  assert.equal(after.drafts.length, 0);
  assert.deepEqual(
    after.items.map((i) => i.statusName),
    ['待受理'],
  );

  const another = json<Draft>(await me('POST', '/api/v1/application-drafts', { itemId: f.item.id }));
  assert.equal((await me('DELETE', `/api/v1/application-drafts/${another.id}`)).statusCode, 204);
  assert.equal((await me('GET', `/api/v1/application-drafts/${another.id}`)).statusCode, 404);
});
