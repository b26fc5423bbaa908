// The demo catalogue: a dozen complete, published items across 丽水 departments and 青田县, with
// valid forms, real-looking legal bases, a parallel review by two departments and a fee wait.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeIdNumber } from '../../platform/ids/gb11643.ts';
import { as, createTestApp, json, login } from '../../testing/harness.ts';
import { seedIdentityDemo } from '../identity/identity.seed.ts';
import { NO_2FA } from '../identity/testing.ts';
import { computeFees } from './fees.ts';
import { validateFormDefinition } from './forms/validate-definition.ts';
import { demoItemByName, getPublishedItem, seedServicesDemo } from './index.ts';

test('the demo seed publishes a dozen complete items that other seeds can find', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  await seedIdentityDemo(ctx, () => {});
  const lines: string[] = [];
  await seedServicesDemo(ctx, (m) => lines.push(m));
  assert.ok(
    lines.some((l) => /政务服务事项 13\/13/.test(l)),
    lines.join('\n'),
  );

  const page = json<{ total: number; items: { name: string; orgName: string; feeFree: boolean }[] }>(
    await app.inject({ method: 'GET', url: '/api/v1/service-items?pageSize=100' }),
  );
  assert.equal(page.total, 13);
  const units = new Set(page.items.map((i) => i.orgName));
  for (const u of [
    '丽水市市场监督管理局',
    '丽水市卫生健康委员会',
    '丽水市住房和城乡建设局',
    '丽水市人力资源和社会保障局',
    '丽水市交通运输局',
    '青田县市场监督管理局',
    '青田县教育局',
  ]) {
    assert.ok(units.has(u), u);
  }
  assert.deepEqual(
    page.items.filter((i) => !i.feeFree).map((i) => i.name),
    ['国有建设用地使用权及房屋所有权转移登记'],
    'only the property registration charges fees',
  );

  for (const key of [
    'food-business',
    'public-hygiene',
    'construction-permit',
    'individual-business',
    'social-security-card',
    'road-transport',
  ]) {
    const ref = await demoItemByName(ctx.pool, key);
    assert.ok(ref, key);
    const item = (await getPublishedItem(ctx.pool, ref.id))!;
    assert.ok(validateFormDefinition(item.form).ok, key);
    assert.ok(item.materials.length > 0 && item.legalBasis.includes('第'), key);
  }
  const city = await demoItemByName(ctx.pool, '个体工商户设立登记');
  const county = await demoItemByName(ctx.pool, '个体工商户设立登记', '青田县市场监督管理局');
  assert.ok(city && county && city.id !== county.id && city.code !== county.code);
  assert.equal(county.orgName, '青田县市场监督管理局');
  assert.equal(await demoItemByName(ctx.pool, '不存在的事项'), null);

  // The parallel review goes to reviewers of 市场监管 and of 卫健委.
  const food = (await demoItemByName(ctx.pool, 'food-business'))!;
  const def = await ctx.pool.query<{
    definition: { steps: { key: string; type: string; assignee?: { orgId?: string } }[] };
  }>(
    `SELECT v.definition FROM wf_process p JOIN wf_process_version v ON v.process_id = p.id AND v.status = 'published'
     WHERE p.code = $1`,
    [food.processCode],
  );
  const steps = def.rows[0]!.definition.steps;
  assert.ok(steps.some((s) => s.type === 'fork') && steps.some((s) => s.type === 'join'));
  const orgs = await ctx.pool.query<{ id: string; name: string }>(
    `SELECT id, name FROM idn_org WHERE name IN ('丽水市市场监督管理局', '丽水市卫生健康委员会')`,
  );
  const branchOrgs = steps
    .filter((s) => s.assignee?.orgId)
    .map((s) => orgs.rows.find((o) => o.id === s.assignee!.orgId)?.name);
  assert.deepEqual(branchOrgs.sort(), ['丽水市卫生健康委员会', '丽水市市场监督管理局']);

  // The property transfer waits for fee.paid after the decision; its fees follow the form.
  const prop = (await getPublishedItem(ctx.pool, (await demoItemByName(ctx.pool, 'property-transfer'))!.id))!;
  const feeDef = await ctx.pool.query<{
    definition: { steps: { key: string; type: string; signal?: string }[] };
  }>(
    `SELECT v.definition FROM wf_process p JOIN wf_process_version v ON v.process_id = p.id WHERE p.code = $1`,
    [prop.processCode],
  );
  assert.ok(feeDef.rows[0]!.definition.steps.some((s) => s.type === 'wait' && s.signal === 'fee.paid'));
  assert.equal(computeFees(prop, { usage: 'residential', extraCertificates: 1 }).totalFen, 9000);
  assert.equal(computeFees(prop, { usage: 'commercial' }).totalFen, 55000);

  // Prefill works on a demo form for a demo citizen.
  const citizen = as(app, await login(app, 'citizen1', 'Demo@2026'));
  assert.equal((await citizen('GET', '/api/v1/manage/service-items')).statusCode, 403);
  const { prefillFor } = await import('./index.ts');
  const { principalOf } = await import('../identity/testing.ts');
  const u = await ctx.pool.query<{ id: string }>(`SELECT id FROM idn_user WHERE username = 'citizen1'`);
  const card = (await getPublishedItem(
    ctx.pool,
    (await demoItemByName(ctx.pool, 'social-security-card'))!.id,
  ))!;
  const pre = await prefillFor(ctx, await principalOf(ctx, u.rows[0]!.id), card.form);
  assert.equal(pre.applicantName, '张三');
  assert.equal(pre.applicantId, makeIdNumber('331102', '19850312', '123'));

  // The demo service administrator manages them; a second run changes nothing.
  const admin = as(app, await login(app, 'service.admin', 'Demo@2026'));
  const managed = json<{ total: number }>(await admin('GET', '/api/v1/manage/service-items'));
  assert.equal(managed.total, 13);
  const again: string[] = [];
  await seedServicesDemo(ctx, (m) => again.push(m));
  assert.match(again.join(), /已存在/);
});
