// The services API: drafts stay out of the hall, publishing needs a complete item, the guide carries
// everything the hall and the applications API need, staff work only inside their reach.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemActor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { createOrg } from '../../identity/use-cases/create-org.ts';
import { createRole } from '../../identity/use-cases/create-role.ts';
import { makeStaff, NO_2FA, principalOf, seedScopeFixture, TEST_PASSWORD } from '../../identity/testing.ts';
import { createPublishedProcess } from '../../workflow/index.ts';
import { standardLicenceDefinition } from '../../workflow/testing.ts';
import { completeItemInput, createTestProcess, sampleForm } from '../testing.ts';

type Err = { error: { code: string; message: string; details: { field: string; message: string }[] } };
type Page = { items: Record<string, unknown>[]; total: number; page: number; pageSize: number };
type Item = Record<string, unknown> & {
  id: string;
  version: number;
  status: string;
  materials: { id: string; name: string }[];
};

const actor = { ...systemActor, name: '测试' };

async function fixture(ctx: AppContext) {
  const f = await seedScopeFixture(ctx);
  const root = await principalOf(ctx, f.platformAdmin.id);
  const cityDept = await createOrg(
    ctx,
    root,
    { parentId: f.city.id, kind: 'department', name: '丽水市市场监督管理局' },
    actor,
  );
  const healthDept = await createOrg(
    ctx,
    root,
    { parentId: f.city.id, kind: 'department', name: '丽水市卫生健康委员会' },
    actor,
  );
  const cityAdmin = await makeStaff(ctx, root, {
    username: 'svc.city',
    displayName: '季思远',
    orgId: cityDept.id,
    roles: [{ code: 'service_admin', scope: 'org', scopeOrgId: f.city.id }],
  });
  const qingtianAdmin = await makeStaff(ctx, root, {
    username: 'svc.qingtian',
    displayName: '叶事项',
    orgId: f.qingtianDept.id,
    roles: [{ code: 'service_admin', scope: 'org', scopeOrgId: f.qingtian.id }],
  });
  await createTestProcess(ctx, 'test.food', cityDept.id);
  await createTestProcess(ctx, 'test.qt', f.qingtianDept.id);
  return { ...f, root, cityDept, healthDept, cityAdmin, qingtianAdmin };
}

test('a draft is invisible publicly; publishing names every missing element; the guide has everything', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await fixture(ctx);
  const admin = as(app, await login(app, 'svc.city', TEST_PASSWORD));

  const created = await admin('POST', '/api/v1/manage/service-items', {
    orgId: f.cityDept.id,
    name: '食品经营许可',
    basicCode: '000117004000',
    implementationCode: '11331100MB1234567X01000117004000',
    itemType: '01',
  });
  assert.equal(created.statusCode, 201, created.body);
  const draft = json<Item>(created);
  assert.equal(draft.status, 'draft');
  assert.equal(draft.version, 0);
  assert.equal(draft.orgName, '丽水市市场监督管理局');

  const anon = await app.inject({ method: 'GET', url: '/api/v1/service-items' });
  assert.equal(json<Page>(anon).total, 0, 'drafts are not listed publicly');
  const guide404 = await app.inject({ method: 'GET', url: `/api/v1/service-items/${draft.id}` });
  assert.equal(guide404.statusCode, 404);

  const incomplete = await admin('POST', `/api/v1/manage/service-items/${draft.id}/publish`);
  assert.equal(incomplete.statusCode, 422, incomplete.body);
  const body = json<Err>(incomplete);
  assert.equal(body.error.code, 'ITEM_INCOMPLETE');
  const fields = body.error.details.map((d) => d.field);
  for (const expected of [
    'legalBasis',
    'acceptanceConditions',
    'audience',
    'legalLimitDays',
    'promisedLimitDays',
    'locations',
    'materials',
    'form',
    'processCode',
    'remedies.reconsideration',
  ]) {
    assert.ok(fields.includes(expected), `${expected} missing from ${fields.join(', ')}`);
  }
  assert.match(body.error.details.find((d) => d.field === 'materials')!.message, /至少需要一项申请材料/);

  // A process that does not exist, then one with no published version.
  const {
    orgId: _o,
    name: _n,
    basicCode: _b,
    implementationCode: _i,
    itemType: _t,
    ...rest
  } = completeItemInput(f.cityDept.id, 'test.none');
  const filled = await admin('PUT', `/api/v1/manage/service-items/${draft.id}`, rest);
  assert.equal(filled.statusCode, 200, filled.body);
  const noProcess = await admin('POST', `/api/v1/manage/service-items/${draft.id}/publish`);
  assert.deepEqual(json<Err>(noProcess).error.details, [
    { field: 'processCode', message: '办理流程“test.none”不存在' },
  ]);
  await ctx.pool.query(
    `INSERT INTO wf_process (id, code, name, case_type) VALUES ('01900000-0000-7000-8000-0000000000aa', 'test.unpublished', '未发布', 'licence')`,
  );
  await admin('PUT', `/api/v1/manage/service-items/${draft.id}`, { processCode: 'test.unpublished' });
  const unpublished = await admin('POST', `/api/v1/manage/service-items/${draft.id}/publish`);
  assert.match(json<Err>(unpublished).error.details[0]!.message, /尚无已发布的版本/);

  await admin('PUT', `/api/v1/manage/service-items/${draft.id}`, { processCode: 'test.food' });
  const published = await admin('POST', `/api/v1/manage/service-items/${draft.id}/publish`);
  assert.equal(published.statusCode, 200, published.body);
  assert.equal(json<Item>(published).version, 1);
  const again = await admin('POST', `/api/v1/manage/service-items/${draft.id}/publish`);
  assert.equal(again.statusCode, 409);

  const list = json<Page>(await app.inject({ method: 'GET', url: '/api/v1/service-items?q=食品' }));
  assert.equal(list.total, 1);
  const summary = list.items[0]!;
  for (const k of [
    'id',
    'code',
    'name',
    'orgId',
    'orgName',
    'itemType',
    'legalLimitDays',
    'legalLimitUnit',
    'promisedLimitDays',
    'promisedLimitUnit',
    'onlineDepth',
  ]) {
    assert.ok(k in summary, k);
  }
  assert.equal(summary.code, '11331100MB1234567X01000117004000');
  assert.equal(summary.legalLimitDays, 10);
  assert.equal(summary.promisedLimitDays, 5);

  const g = json<{
    form: {
      sections: { key: string; fields: unknown[] }[];
      fields: {
        key: string;
        type: string;
        label: string;
        required?: boolean;
        options?: unknown[];
        section: string;
        fields?: unknown[];
      }[];
    };
    materials: { id: string; name: string; required: boolean; necessity: string }[];
    fees: unknown[];
    feeFree: boolean;
    processCode: string;
    legalLimitDays: number;
    remedies: { litigation: { body: string } };
    result: { name: string; validityYears: number };
  }>(await app.inject({ method: 'GET', url: `/api/v1/service-items/${draft.id}` }));
  assert.equal(g.form.sections.length, 3);
  assert.deepEqual(
    g.form.fields.map((x) => x.key),
    sampleForm().sections.flatMap((s) => s.fields.map((x) => x.key)),
    'fields are flattened in order',
  );
  const category = g.form.fields.find((x) => x.key === 'category')!;
  assert.equal(category.type, 'select');
  assert.equal(category.required, true);
  assert.equal(category.section, 'business');
  assert.equal(category.options?.length, 2);
  assert.equal(
    g.form.fields.find((x) => x.key === 'employees')!.fields?.length,
    4,
    'group sub-fields stay nested',
  );
  assert.deepEqual(
    g.materials.map((m) => [m.name, m.required, m.necessity]),
    [
      ['食品经营许可申请书', true, 'required'],
      ['食品安全管理制度', false, 'deferrable'],
    ],
  );
  assert.ok(g.materials.every((m) => /^[0-9a-f-]{36}$/.test(m.id)));
  assert.deepEqual(g.fees, []);
  assert.equal(g.feeFree, true);
  assert.equal(g.processCode, 'test.food');
  assert.equal(g.remedies.litigation.body, '丽水市莲都区人民法院');
  assert.equal(g.result.validityYears, 5);

  const events = await ctx.pool.query(`SELECT type, payload FROM platform_event WHERE aggregate_id = $1`, [
    draft.id,
  ]);
  assert.deepEqual(
    events.rows.map((e) => [e.type, e.payload.version]),
    [['service-item.published', 1]],
  );
  const audit = await ctx.pool.query(
    `SELECT action FROM aud_entry WHERE object_type = 'service-item' AND object_id = $1 ORDER BY seq`,
    [draft.id],
  );
  assert.deepEqual(
    audit.rows.map((r) => r.action),
    [
      'service-item.create',
      'service-item.update',
      'service-item.update',
      'service-item.update',
      'service-item.publish',
    ],
  );
});

test('public list filters by text, department, theme, audience, life event and type, with paging', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await fixture(ctx);
  const mk = async (orgId: string, processCode: string, over: Record<string, unknown>) => {
    const { createItem, publishItem, SYSTEM_CALLER } = await import('../index.ts');
    const d = await createItem(
      ctx,
      SYSTEM_CALLER,
      { ...completeItemInput(orgId, processCode), ...over },
      actor,
    );
    return publishItem(ctx, SYSTEM_CALLER, d.id, actor);
  };
  const food = await mk(f.cityDept.id, 'test.food', {});
  const hygiene = await mk(f.healthDept.id, 'test.food', {
    name: '公共场所卫生许可',
    basicCode: '000117013000',
    themes: ['medical'],
    lifeEvents: ['open_hotel'],
    audience: ['enterprise'],
  });
  const card = await mk(f.qingtianDept.id, 'test.qt', {
    name: '社会保障卡申领',
    itemType: '20',
    basicCode: '001093004000',
    themes: ['social_security'],
    lifeEvents: ['job'],
    audience: ['person'],
  });
  const { createItem, SYSTEM_CALLER } = await import('../index.ts');
  await createItem(
    ctx,
    SYSTEM_CALLER,
    { ...completeItemInput(f.cityDept.id, 'test.food'), name: '未发布的事项' },
    actor,
  );

  const get = async (qs: string) =>
    json<Page>(await app.inject({ method: 'GET', url: `/api/v1/service-items?${qs}` }));
  const names = (p: Page) => p.items.map((i) => i.name).sort();
  assert.equal((await get('')).total, 3);
  assert.deepEqual(names(await get(`q=${encodeURIComponent('卫生')}`)), ['公共场所卫生许可']);
  assert.deepEqual(
    names(await get(`q=${encodeURIComponent('卫生健康委员会')}`)),
    ['公共场所卫生许可'],
    'by unit name',
  );
  assert.deepEqual(names(await get(`q=${card.code.slice(-8)}`)), ['社会保障卡申领'], 'by code');
  assert.deepEqual(names(await get('q=%25')), [], 'LIKE wildcards are literal');
  assert.deepEqual(
    names(await get(`orgId=${f.qingtian.id}`)),
    ['社会保障卡申领'],
    'a region includes its departments',
  );
  assert.deepEqual(names(await get(`orgId=${f.cityDept.id}`)), ['食品经营许可']);
  assert.deepEqual(names(await get('theme=medical')), ['公共场所卫生许可']);
  assert.deepEqual(names(await get('audience=person')), ['社会保障卡申领', '食品经营许可']);
  assert.deepEqual(names(await get('lifeEvent=open_restaurant')), ['食品经营许可']);
  assert.deepEqual(names(await get('itemType=20')), ['社会保障卡申领']);
  const page2 = await get('pageSize=2&page=2');
  assert.equal(page2.total, 3);
  assert.equal(page2.items.length, 1);
  assert.equal(page2.page, 2);
  assert.ok([food.id, hygiene.id, card.id].includes(page2.items[0]!.id as string));
  const page1 = await get('pageSize=2&page=1');
  assert.deepEqual(
    [...page1.items, ...page2.items].map((i) => i.id).sort(),
    [food.id, hygiene.id, card.id].sort(),
    'the two pages hold every item once',
  );
  for (const bad of ['audience=robot', 'itemType=99', 'orgId=not-a-uuid', 'pageSize=1000', 'extra=1']) {
    const r = await app.inject({ method: 'GET', url: `/api/v1/service-items?${bad}` });
    assert.equal(r.statusCode, 400, bad);
  }
  const forged = await app.inject({
    method: 'GET',
    url: '/api/v1/service-items/01900000-0000-7000-8000-00000000dead',
  });
  assert.equal(forged.statusCode, 404);
});

test('scope: a county administrator neither sees nor edits city items; permissions are checked', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await fixture(ctx);
  const city = as(app, await login(app, 'svc.city', TEST_PASSWORD));
  const qt = as(app, await login(app, 'svc.qingtian', TEST_PASSWORD));

  const cityItem = json<Item>(
    await city('POST', '/api/v1/manage/service-items', completeItemInput(f.cityDept.id, 'test.food')),
  );
  const qtItem = await qt(
    'POST',
    '/api/v1/manage/service-items',
    completeItemInput(f.qingtianDept.id, 'test.qt'),
  );
  assert.equal(qtItem.statusCode, 201, qtItem.body);

  assert.equal((await qt('GET', `/api/v1/manage/service-items/${cityItem.id}`)).statusCode, 404);
  assert.equal(
    (await qt('PUT', `/api/v1/manage/service-items/${cityItem.id}`, { name: '改名' })).statusCode,
    404,
  );
  assert.equal(
    (await qt('PUT', `/api/v1/manage/service-items/${cityItem.id}/form`, { form: { sections: [] } }))
      .statusCode,
    404,
  );
  assert.equal((await qt('POST', `/api/v1/manage/service-items/${cityItem.id}/publish`)).statusCode, 404);
  assert.equal(
    (await qt('POST', `/api/v1/manage/service-items/${cityItem.id}/suspend`, { reason: 'x' })).statusCode,
    404,
  );
  const moved = await qt('PUT', `/api/v1/manage/service-items/${json<Item>(qtItem).id}`, {
    orgId: f.cityDept.id,
  });
  assert.equal(moved.statusCode, 403, 'cannot move an item out of reach');
  const outside = await qt(
    'POST',
    '/api/v1/manage/service-items',
    completeItemInput(f.cityDept.id, 'test.food'),
  );
  assert.equal(outside.statusCode, 403);
  assert.equal(json<Err>(outside).error.code, 'ORG_NOT_IN_SCOPE');
  const region = await city(
    'POST',
    '/api/v1/manage/service-items',
    completeItemInput(f.qingtian.id, 'test.qt'),
  );
  assert.equal(region.statusCode, 422, 'a region is not an implementing unit');
  assert.equal(json<Err>(region).error.details[0]!.field, 'orgId');

  const qtList = json<Page>(await qt('GET', '/api/v1/manage/service-items'));
  assert.deepEqual(
    qtList.items.map((i) => i.orgName),
    ['青田县市场监督管理局'],
  );
  const cityList = json<Page>(await city('GET', '/api/v1/manage/service-items?status=draft'));
  assert.equal(cityList.total, 2, 'the city administrator reaches the county too');

  // City item unchanged by the county's attempts.
  const still = json<Item>(await city('GET', `/api/v1/manage/service-items/${cityItem.id}`));
  assert.equal(still.name, '食品经营许可');

  // Ordinary staff hold no service permission; anonymous callers are not signed in.
  const staff = as(app, await login(app, 'qingtian.staff', TEST_PASSWORD));
  assert.equal((await staff('GET', '/api/v1/manage/service-items')).statusCode, 403);
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/manage/service-items' })).statusCode, 401);
  const anonPost = await app.inject({
    method: 'POST',
    url: '/api/v1/forms/validate',
    payload: { form: { sections: [] }, data: {} },
  });
  assert.equal(anonPost.statusCode, 401);

  // An editor without service.publish sees the item but may not publish it.
  const security = await principalOf(ctx, f.securityAdmin.id);
  await createRole(
    ctx,
    security,
    { code: 'svc_editor', name: '事项编制员', permissions: ['service.manage'] },
    actor,
  );
  await makeStaff(ctx, f.root, {
    username: 'svc.editor',
    orgId: f.cityDept.id,
    roles: [{ code: 'svc_editor', scope: 'org', scopeOrgId: f.cityDept.id }],
  });
  const editor = as(app, await login(app, 'svc.editor', TEST_PASSWORD));
  assert.equal((await editor('GET', `/api/v1/manage/service-items/${cityItem.id}`)).statusCode, 200);
  const denied = await editor('POST', `/api/v1/manage/service-items/${cityItem.id}/publish`);
  assert.equal(denied.statusCode, 403);
  assert.equal(json<Item>(await city('GET', `/api/v1/manage/service-items/${cityItem.id}`)).status, 'draft');
});

test('editing: materials keep their ids, published items stay complete and get new versions', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await fixture(ctx);
  const admin = as(app, await login(app, 'svc.city', TEST_PASSWORD));
  const item = json<Item>(
    await admin('POST', '/api/v1/manage/service-items', completeItemInput(f.cityDept.id, 'test.food')),
  );
  const [m1, m2] = item.materials;

  const dupCode = await admin('POST', '/api/v1/manage/service-items', {
    ...completeItemInput(f.cityDept.id, 'test.food'),
    implementationCode: item.implementationCode,
  });
  assert.equal(dupCode.statusCode, 409);
  assert.equal(json<Err>(dupCode).error.code, 'IMPLEMENTATION_CODE_TAKEN');

  const reordered = await admin('PUT', `/api/v1/manage/service-items/${item.id}`, {
    materials: [
      {
        id: m2!.id,
        name: '食品安全管理制度文本',
        necessity: 'required',
        originalOrCopy: 'copy',
        medium: 'both',
        copies: 2,
        source: 'applicant',
      },
      {
        name: '营业执照',
        necessity: 'optional',
        originalOrCopy: 'copy',
        medium: 'electronic',
        source: 'government',
        sourceNote: '部门共享获取',
      },
    ],
  });
  assert.equal(reordered.statusCode, 200, reordered.body);
  const mats = json<Item>(reordered).materials;
  assert.equal(mats[0]!.id, m2!.id, 'the kept material keeps its id');
  assert.equal(mats[0]!.name, '食品安全管理制度文本');
  assert.ok(!mats.some((m) => m.id === m1!.id), 'the dropped one is gone from the item');
  const removed = await ctx.pool.query(`SELECT removed_at FROM svc_material WHERE id = $1`, [m1!.id]);
  assert.ok(removed.rows[0].removed_at, 'but kept for applications that named it');

  // Another item's material id, a forged id, a file that does not exist.
  const other = json<Item>(
    await admin('POST', '/api/v1/manage/service-items', completeItemInput(f.cityDept.id, 'test.food')),
  );
  const forged = await admin('PUT', `/api/v1/manage/service-items/${item.id}`, {
    materials: [
      {
        id: other.materials[0]!.id,
        name: '偷来的',
        necessity: 'required',
        originalOrCopy: 'copy',
        medium: 'electronic',
        source: 'applicant',
      },
      {
        name: '空白表',
        necessity: 'required',
        originalOrCopy: 'copy',
        medium: 'electronic',
        source: 'applicant',
        blankFileId: '01900000-0000-7000-8000-00000000beef',
      },
    ],
  });
  assert.equal(forged.statusCode, 422);
  assert.deepEqual(
    json<Err>(forged).error.details.map((d) => d.field),
    ['materials[1].blankFileId'],
  );
  const stolen = await admin('PUT', `/api/v1/manage/service-items/${item.id}`, {
    materials: [
      {
        id: other.materials[0]!.id,
        name: '偷来的',
        necessity: 'required',
        originalOrCopy: 'copy',
        medium: 'electronic',
        source: 'applicant',
      },
    ],
  });
  assert.equal(stolen.statusCode, 422);
  assert.equal(json<Err>(stolen).error.details[0]!.field, 'materials[0].id');

  // Limits: promised over legal is refused at save time.
  const over = await admin('PUT', `/api/v1/manage/service-items/${item.id}`, { promisedLimitDays: 30 });
  assert.equal(over.statusCode, 422);
  assert.equal(json<Err>(over).error.details[0]!.field, 'promisedLimitDays');
  const halfLimit = await admin('PUT', `/api/v1/manage/service-items/${item.id}`, { legalLimitDays: null });
  assert.equal(json<Err>(halfLimit).error.details[0]!.field, 'legalLimitDays');

  assert.equal((await admin('POST', `/api/v1/manage/service-items/${item.id}/publish`)).statusCode, 200);
  const emptied = await admin('PUT', `/api/v1/manage/service-items/${item.id}`, { materials: [] });
  assert.equal(emptied.statusCode, 422);
  assert.equal(json<Err>(emptied).error.code, 'ITEM_INCOMPLETE');
  const edited = await admin('PUT', `/api/v1/manage/service-items/${item.id}`, { promisedLimitDays: 3 });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.equal(json<Item>(edited).version, 2);
  const versions = await ctx.pool.query(
    `SELECT version FROM svc_item_version WHERE item_id = $1 ORDER BY version`,
    [item.id],
  );
  assert.deepEqual(
    versions.rows.map((r) => r.version),
    [1, 2],
  );
  const guide = json<{ promisedLimitDays: number; version: number }>(
    await app.inject({ method: 'GET', url: `/api/v1/service-items/${item.id}` }),
  );
  assert.deepEqual([guide.promisedLimitDays, guide.version], [3, 2]);

  // Suspend: out of the hall; publish again: back, as a new version.
  const noReason = await admin('POST', `/api/v1/manage/service-items/${item.id}/suspend`, { reason: '  ' });
  assert.equal(noReason.statusCode, 422);
  const suspended = await admin('POST', `/api/v1/manage/service-items/${item.id}/suspend`, {
    reason: '系统升级，暂停网上受理',
  });
  assert.equal(json<Item>(suspended).status, 'suspended');
  assert.equal(
    (await app.inject({ method: 'GET', url: `/api/v1/service-items/${item.id}` })).statusCode,
    404,
  );
  assert.equal(
    (await admin('POST', `/api/v1/manage/service-items/${item.id}/suspend`, { reason: '再次' })).statusCode,
    409,
  );
  const back = await admin('POST', `/api/v1/manage/service-items/${item.id}/publish`);
  assert.equal(json<Item>(back).version, 3);
  const types = await ctx.pool.query(
    `SELECT type FROM platform_event WHERE aggregate_id = $1 ORDER BY occurred_at, id`,
    [item.id],
  );
  assert.deepEqual(
    types.rows.map((r) => r.type),
    ['service-item.published', 'service-item.published', 'service-item.suspended', 'service-item.published'],
  );
});

test('bad input: strict bodies, form definitions named by path, text kept as text', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await fixture(ctx);
  const admin = as(app, await login(app, 'svc.city', TEST_PASSWORD));
  const base = completeItemInput(f.cityDept.id, 'test.food');

  const unknown = await admin('POST', '/api/v1/manage/service-items', { ...base, isAdmin: true });
  assert.equal(unknown.statusCode, 400);
  const wrongType = await admin('POST', '/api/v1/manage/service-items', { ...base, legalLimitDays: '10' });
  assert.equal(wrongType.statusCode, 400);
  const rules = await admin('POST', '/api/v1/manage/service-items', {
    ...base,
    implementationCode: '实施编码',
    themes: ['nonsense'],
    consultation: { phone: '12', url: 'javascript:alert(1)' },
    visitsRequired: 2,
    onlineDepth: 4,
    fees: [{ name: '工本费', standard: '10元', basis: '某文件', rule: { mode: 'fixed', amountFen: -5 } }],
  });
  assert.equal(rules.statusCode, 422);
  const fields = json<Err>(rules).error.details.map((d) => d.field);
  for (const x of [
    'implementationCode',
    'themes',
    'consultation.phone',
    'consultation.url',
    'visitsRequired',
    'fees[0].rule.amountFen',
  ]) {
    assert.ok(fields.includes(x), `${x} in ${fields.join(', ')}`);
  }

  const script = '<script>alert(1)</script>食品经营许可';
  const created = await admin('POST', '/api/v1/manage/service-items', { ...base, name: script });
  assert.equal(created.statusCode, 201);
  const item = json<Item>(created);
  assert.equal(item.name, script, 'stored as typed');

  const badForm = await admin('PUT', `/api/v1/manage/service-items/${item.id}/form`, {
    form: { sections: [{ key: 's', title: '分组', fields: [{ key: 'a', label: '类别', type: 'select' }] }] },
  });
  assert.equal(badForm.statusCode, 422);
  assert.equal(json<Err>(badForm).error.code, 'FORM_INVALID');
  assert.equal(json<Err>(badForm).error.details[0]!.field, 'form.sections[0].fields[0].options');
  const okForm = await admin('PUT', `/api/v1/manage/service-items/${item.id}/form`, {
    form: {
      sections: [
        { key: 's', title: '分组', fields: [{ key: 'a', label: '名称', type: 'text', required: true }] },
      ],
    },
  });
  assert.equal(okForm.statusCode, 200, okForm.body);
  const audit = await ctx.pool.query(
    `SELECT summary FROM aud_entry WHERE action = 'service-item.form' AND object_id = $1`,
    [item.id],
  );
  assert.equal(audit.rows.length, 1);

  // A per-unit fee must point at an integer field of the form before publishing.
  await admin('PUT', `/api/v1/manage/service-items/${item.id}`, {
    fees: [
      {
        name: '证书工本费',
        standard: '每本10元',
        basis: '发改价格规〔2016〕2559号',
        rule: { mode: 'per_unit', unitFen: 1000, quantityField: 'a', unitName: '本' },
      },
    ],
  });
  const feeProblem = await admin('POST', `/api/v1/manage/service-items/${item.id}/publish`);
  assert.equal(feeProblem.statusCode, 422);
  assert.equal(json<Err>(feeProblem).error.details[0]!.field, 'fees[0].rule.quantityField');

  // A process of another case type is not an application process.
  await withTx(ctx.pool, (tx) =>
    createPublishedProcess(tx, {
      code: 'test.letter',
      name: '信件',
      caseType: 'letter',
      definition: standardLicenceDefinition(),
    }),
  );
  await admin('PUT', `/api/v1/manage/service-items/${item.id}`, { fees: [], processCode: 'test.letter' });
  const wrongCase = await admin('POST', `/api/v1/manage/service-items/${item.id}/publish`);
  assert.match(json<Err>(wrongCase).error.details[0]!.message, /不是网上申请类/);
});

test('live form validation, taxonomy, regions and public blank forms', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await fixture(ctx);
  const admin = as(app, await login(app, 'svc.city', TEST_PASSWORD));

  const defProblems = await admin('POST', '/api/v1/forms/validate', {
    form: { sections: [{ key: 's', title: 'S', fields: [{ key: 'a', label: 'A', type: 'radio' }] }] },
    data: {},
  });
  const dp = json<{ ok: boolean; definitionProblems: { path: string }[]; problems: unknown[] }>(defProblems);
  assert.equal(dp.ok, false);
  assert.equal(dp.definitionProblems[0]!.path, 'sections[0].fields[0].options');
  const dataProblems = json<{ ok: boolean; problems: { field: string; message: string }[] }>(
    await admin('POST', '/api/v1/forms/validate', { form: sampleForm(), data: { area: '12' } }),
  );
  assert.equal(dataProblems.ok, false);
  assert.equal(dataProblems.problems.find((p) => p.field === 'form.area')!.message, '“经营场所面积”应为数字');
  const form = {
    sections: [
      { key: 's', title: 'S', fields: [{ key: 'n', label: '数量', type: 'number', integer: true }] },
    ],
  };
  const ok = json<{ ok: boolean; values: unknown }>(
    await admin('POST', '/api/v1/forms/validate', { form, data: { n: 3 } }),
  );
  assert.deepEqual(ok, { ok: true, problems: [], definitionProblems: [], values: { n: 3 } });

  const doc = json<{ paths: Record<string, unknown> }>(await app.inject('/api/v1/openapi.json'));
  for (const path of [
    '/api/v1/service-items/{id}',
    '/api/v1/manage/service-items/{id}/publish',
    '/api/v1/forms/validate',
  ]) {
    assert.ok(doc.paths[path], `${path} documented`);
  }

  const tax = json<Record<string, { code?: string; level?: number }[]>>(
    await app.inject({ method: 'GET', url: '/api/v1/service-taxonomy' }),
  );
  assert.equal(tax.itemTypes!.length, 11);
  assert.ok(tax.itemTypes!.some((t) => t.code === '20'));
  assert.deepEqual(
    tax.onlineDepths!.map((d) => d.level),
    [1, 2, 3, 4],
  );
  assert.ok(tax.themes!.length > 5 && tax.lifeEvents!.length > 5);

  const top = json<{ items: { code: string; name: string }[] }>(
    await app.inject({ method: 'GET', url: '/api/v1/public/regions' }),
  );
  assert.deepEqual(
    top.items.map((r) => r.name),
    ['浙江省'],
  );
  const counties = json<{ items: { code: string; name: string; fullName: string; hasChildren: boolean }[] }>(
    await app.inject({ method: 'GET', url: '/api/v1/public/regions?parent=331100' }),
  );
  assert.equal(counties.items.length, 9);
  const qt = counties.items.find((r) => r.code === '331121')!;
  assert.deepEqual([qt.name, qt.fullName, qt.hasChildren], ['青田县', '浙江省丽水市青田县', true]);
  assert.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/public/regions?parent=331199' })).statusCode,
    404,
  );
  assert.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/public/regions?parent=abc' })).statusCode,
    400,
  );

  // A blank form uploaded by the editor becomes downloadable by anyone once the item is published.
  const blank = await withTx(ctx.pool, (tx) =>
    ctx.files.put(tx, {
      data: Buffer.from('食品经营许可申请书（空白）\n'),
      name: '食品经营许可申请书.txt',
      purpose: 'attachment',
      ownerUserId: f.cityAdmin.id,
      orgId: f.cityDept.id,
    }),
  );
  const foreign = await withTx(ctx.pool, (tx) =>
    ctx.files.put(tx, {
      data: Buffer.from('别人的文件'),
      name: 'x.txt',
      purpose: 'attachment',
      ownerUserId: f.qingtianAdmin.id,
      orgId: f.qingtianDept.id,
    }),
  );
  const input = completeItemInput(f.cityDept.id, 'test.food');
  const withForeign = await admin('POST', '/api/v1/manage/service-items', {
    ...input,
    materials: [{ ...input.materials![0]!, sampleFileId: foreign.id }],
  });
  assert.equal(
    withForeign.statusCode,
    422,
    'a file the editor may not read cannot be published through an item',
  );
  const created = json<Item>(
    await admin('POST', '/api/v1/manage/service-items', {
      ...input,
      materials: [{ ...input.materials![0]!, blankFileId: blank.id }],
    }),
  );
  const url = `/api/v1/service-items/${created.id}/materials/${created.materials[0]!.id}/blank`;
  assert.equal((await app.inject({ method: 'GET', url })).statusCode, 404, 'not while a draft');
  await admin('POST', `/api/v1/manage/service-items/${created.id}/publish`);
  const g = json<{ materials: { blankFileUrl: string | null; sampleFileUrl: string | null }[] }>(
    await app.inject({ method: 'GET', url: `/api/v1/service-items/${created.id}` }),
  );
  assert.equal(g.materials[0]!.blankFileUrl, url);
  assert.equal(g.materials[0]!.sampleFileUrl, null);
  const dl = await app.inject({ method: 'GET', url });
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.body, '食品经营许可申请书（空白）\n');
  assert.match(String(dl.headers['content-disposition']), /attachment/);
  assert.equal((await app.inject({ method: 'GET', url: url.replace('/blank', '/sample') })).statusCode, 404);
});
