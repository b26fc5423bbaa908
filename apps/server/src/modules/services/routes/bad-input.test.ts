// What bad input gets from the services API: oversized and mistyped bodies are refused before anything
// is stored, forged ids and another region's items answer 404 and stay unchanged, markup and control
// characters are text (kept as typed, or refused with the field named) and never a server error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppContext } from '../../../platform/context.ts';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { makeStaff, NO_2FA, principalOf, seedScopeFixture, TEST_PASSWORD } from '../../identity/testing.ts';
import { completeItemInput, createTestProcess, makePublishedItem } from '../testing.ts';

type Err = { error: { code: string; details?: { field: string; message: string }[] } };
type Item = { id: string; name: string; version: number; status: string; materials: { id: string }[] };
type Page = { items: { id: string; name: string }[]; total: number };

const FORGED = '01900000-0000-7000-8000-00000000dead';

async function fixture(ctx: AppContext) {
  const f = await seedScopeFixture(ctx);
  const root = await principalOf(ctx, f.platformAdmin.id);
  // One item administrator per county, each reaching only their own county.
  await makeStaff(ctx, root, {
    username: 'svc.liandu',
    orgId: f.lianduDept.id,
    roles: [{ code: 'service_admin', scope: 'org', scopeOrgId: f.liandu.id }],
  });
  await makeStaff(ctx, root, {
    username: 'svc.qingtian',
    orgId: f.qingtianDept.id,
    roles: [{ code: 'service_admin', scope: 'org', scopeOrgId: f.qingtian.id }],
  });
  await createTestProcess(ctx, 'test.ld', f.lianduDept.id);
  const qtItem = await makePublishedItem(ctx, f.qingtianDept.id, { name: '青田县食品经营许可' });
  return { ...f, qtItem };
}

async function itemCount(ctx: AppContext): Promise<number> {
  const r = await ctx.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM svc_item');
  return r.rows[0]!.n;
}

test('oversized and mistyped bodies are refused with 4xx and store nothing', async () => {
  const { app, ctx } = await createTestApp({ config: { ...NO_2FA, bodyLimitBytes: 64 * 1024 } });
  const f = await fixture(ctx);
  const session = await login(app, 'svc.liandu', TEST_PASSWORD);
  const admin = as(app, session);
  const base = completeItemInput(f.lianduDept.id, 'test.ld');
  const before = await itemCount(ctx);

  const huge = await admin('POST', '/api/v1/manage/service-items', {
    ...base,
    legalBasis: '法'.repeat(30_000),
  });
  assert.equal(huge.statusCode, 413, huge.body);
  assert.equal(json<Err>(huge).error.code, 'PAYLOAD_TOO_LARGE');

  const cases: [string, Record<string, unknown>][] = [
    ['name as a number', { ...base, name: 123 }],
    ['name beyond the schema bound', { ...base, name: '长'.repeat(401) }],
    ['audience as a string', { ...base, audience: 'person' }],
    ['unknown audience', { ...base, audience: ['robot'] }],
    ['materials as an object', { ...base, materials: {} }],
    ['a material with an unknown property', { ...base, materials: [{ ...base.materials![0]!, price: 1 }] }],
    ['a material of an unknown medium', { ...base, materials: [{ ...base.materials![0]!, medium: 'fax' }] }],
    ['201 materials', { ...base, materials: Array.from({ length: 201 }, () => base.materials![0]!) }],
    ['form as a JSON string', { ...base, form: '{"sections":[]}' }],
    ['31 form sections', { ...base, form: { sections: Array.from({ length: 31 }, () => ({})) } }],
    [
      'a fee mode that does not exist',
      { ...base, fees: [{ name: '费', standard: '1元', basis: '某', rule: { mode: 'tip' } }] },
    ],
    ['a fractional limit', { ...base, legalLimitDays: 1.5 }],
    ['online depth as text', { ...base, onlineDepth: '4' }],
    ['visits as a boolean', { ...base, visitsRequired: true }],
    ['an unknown item type', { ...base, itemType: '99' }],
    ['a forged org id that is not a uuid', { ...base, orgId: "1' OR '1'='1" }],
  ];
  for (const [what, body] of cases) {
    const r = await admin('POST', '/api/v1/manage/service-items', body);
    assert.equal(r.statusCode, 400, `${what}: ${r.body}`);
    assert.equal(json<Err>(r).error.code, 'VALIDATION_FAILED', what);
  }

  const raw = (payload: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/manage/service-items',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
      payload,
    });
  const broken = await raw('{"name": "食品经营许可",');
  assert.equal(broken.statusCode, 400);
  assert.equal(json<Err>(broken).error.code, 'INVALID_JSON');
  const poisoned = await raw(`{"__proto__":{"isAdmin":true},${JSON.stringify(base).slice(1)}`);
  assert.equal(poisoned.statusCode, 400, poisoned.body);

  // Within the schema's bounds but beyond the rules: 422 naming the field.
  const tooLong = await admin('POST', '/api/v1/manage/service-items', { ...base, name: '长'.repeat(201) });
  assert.equal(tooLong.statusCode, 422, tooLong.body);
  assert.deepEqual(
    json<Err>(tooLong).error.details?.map((d) => d.field),
    ['name'],
  );
  assert.equal(await itemCount(ctx), before, 'nothing was stored');

  // Updates: an empty patch, unknown properties, mistyped suspend reasons.
  const item = json<Item>(await admin('POST', '/api/v1/manage/service-items', base));
  for (const [what, method, url, body] of [
    ['an empty patch', 'PUT', `/api/v1/manage/service-items/${item.id}`, {}],
    ['an unknown property', 'PUT', `/api/v1/manage/service-items/${item.id}`, { status: 'published' }],
    ['a version', 'PUT', `/api/v1/manage/service-items/${item.id}`, { version: 99 }],
    [
      'a form body with more',
      'PUT',
      `/api/v1/manage/service-items/${item.id}/form`,
      { form: { sections: [] }, x: 1 },
    ],
    ['a form without sections', 'PUT', `/api/v1/manage/service-items/${item.id}/form`, { form: {} }],
    ['a numeric reason', 'POST', `/api/v1/manage/service-items/${item.id}/suspend`, { reason: 5 }],
    [
      'a reason and more',
      'POST',
      `/api/v1/manage/service-items/${item.id}/suspend`,
      { reason: '维护', until: 'x' },
    ],
  ] as const) {
    const r = await admin(method, url, body);
    assert.equal(r.statusCode, 400, `${what}: ${r.body}`);
  }
  const after = json<Item>(await admin('GET', `/api/v1/manage/service-items/${item.id}`));
  assert.deepEqual([after.status, after.version, after.name], ['draft', 0, base.name]);
});

test("forged ids and another region's items answer 404 and stay as they were", async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await fixture(ctx);
  const ld = as(app, await login(app, 'svc.liandu', TEST_PASSWORD));
  const qt = f.qtItem;

  for (const id of [FORGED, qt.id]) {
    for (const [method, url, body] of [
      ['GET', `/api/v1/manage/service-items/${id}`, undefined],
      ['PUT', `/api/v1/manage/service-items/${id}`, { name: '被改名' }],
      ['PUT', `/api/v1/manage/service-items/${id}/form`, { form: { sections: [] } }],
      ['POST', `/api/v1/manage/service-items/${id}/publish`, undefined],
      ['POST', `/api/v1/manage/service-items/${id}/suspend`, { reason: '冒名暂停' }],
    ] as const) {
      const r = await ld(method, url, body);
      assert.equal(r.statusCode, 404, `${method} ${url}: ${r.body}`);
      assert.equal(json<Err>(r).error.code, 'ITEM_NOT_FOUND');
    }
  }
  for (const bad of ['not-a-uuid', "1'%20OR%20'1'='1", '..%2F..%2Fetc%2Fpasswd']) {
    const r = await ld('GET', `/api/v1/manage/service-items/${bad}`);
    assert.equal(r.statusCode, 400, bad);
    assert.equal((await app.inject({ method: 'GET', url: `/api/v1/service-items/${bad}` })).statusCode, 400);
  }

  // The county's item is neither listed, nor found by name, nor filtered into view by its unit's id.
  const all = json<Page>(await ld('GET', '/api/v1/manage/service-items'));
  assert.ok(!all.items.some((i) => i.id === qt.id));
  const byName = json<Page>(
    await ld('GET', `/api/v1/manage/service-items?q=${encodeURIComponent('青田县')}`),
  );
  assert.equal(byName.total, 0);
  const byOrg = json<Page>(await ld('GET', `/api/v1/manage/service-items?orgId=${f.qingtianDept.id}`));
  assert.equal(byOrg.total, 0);

  // Own draft: moving it to a forged unit or into the other county is refused.
  const mine = json<Item>(
    await ld('POST', '/api/v1/manage/service-items', completeItemInput(f.lianduDept.id, 'test.ld')),
  );
  const ghost = await ld('PUT', `/api/v1/manage/service-items/${mine.id}`, { orgId: FORGED });
  assert.equal(ghost.statusCode, 422, ghost.body);
  assert.equal(json<Err>(ghost).error.details?.[0]?.field, 'orgId');
  const away = await ld('PUT', `/api/v1/manage/service-items/${mine.id}`, { orgId: f.qingtianDept.id });
  assert.equal(away.statusCode, 403);
  assert.equal(json<Err>(away).error.code, 'ORG_NOT_IN_SCOPE');

  // Public downloads: a forged material, a material of another item, an unknown kind.
  const mat = qt.materials[0]!.id;
  for (const url of [
    `/api/v1/service-items/${qt.id}/materials/${FORGED}/blank`,
    `/api/v1/service-items/${mine.id}/materials/${mat}/blank`,
    `/api/v1/service-items/${FORGED}/materials/${mat}/sample`,
  ]) {
    assert.equal((await app.inject({ method: 'GET', url })).statusCode, 404, url);
  }
  const kind = await app.inject({
    method: 'GET',
    url: `/api/v1/service-items/${qt.id}/materials/${mat}/exe`,
  });
  assert.equal(kind.statusCode, 400);

  const still = await ctx.pool.query<{ name: string; status: string; version: number }>(
    'SELECT name, status, version FROM svc_item WHERE id = $1',
    [qt.id],
  );
  assert.deepEqual(still.rows[0], { name: '青田县食品经营许可', status: 'published', version: 1 });
  const trail = await ctx.pool.query(
    `SELECT 1 FROM aud_entry WHERE object_id = $1 AND action <> 'service-item.create' AND action <> 'service-item.publish'`,
    [qt.id],
  );
  assert.equal(trail.rowCount, 0, 'no change was recorded against the county item');
});

test('markup is kept as text and control characters are refused with the field named', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const f = await fixture(ctx);
  const admin = as(app, await login(app, 'svc.liandu', TEST_PASSWORD));
  const base = completeItemInput(f.lianduDept.id, 'test.ld');
  const img = '<img src=x onerror=alert(1)>';
  const script = '</script><script>alert(document.cookie)</script>';

  const created = await admin('POST', '/api/v1/manage/service-items', {
    ...base,
    materials: [{ ...base.materials![0]!, name: `申请书${img}` }],
    faq: [{ question: `如何办理？${script}`, answer: '"><svg onload=alert(1)>' }],
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = json<Item>(created).id;
  assert.equal((await admin('POST', `/api/v1/manage/service-items/${id}/publish`)).statusCode, 200);
  const guide = await app.inject({ method: 'GET', url: `/api/v1/service-items/${id}` });
  assert.match(String(guide.headers['content-type']), /^application\/json/);
  const g = json<{ materials: { name: string }[]; faq: { question: string; answer: string }[] }>(guide);
  assert.equal(g.materials[0]!.name, `申请书${img}`, 'kept exactly as typed');
  assert.deepEqual(g.faq[0], { question: `如何办理？${script}`, answer: '"><svg onload=alert(1)>' });

  // PostgreSQL cannot hold a NUL: the kernel refuses it before anything else looks at the body.
  const nul = await admin('POST', '/api/v1/manage/service-items', { ...base, name: '食品\u0000经营许可' });
  assert.equal(nul.statusCode, 400, nul.body);
  assert.deepEqual(
    json<Err>(nul).error.details?.map((d) => d.field),
    ['name'],
  );
  for (const [field, body] of [
    ['name', { ...base, name: '食品\n经营许可' }],
    ['legalBasis', { ...base, legalBasis: '第一条\u0007' }],
    ['materials[0].name', { ...base, materials: [{ ...base.materials![0]!, name: '申请书\ud800' }] }],
  ] as const) {
    const r = await admin('POST', '/api/v1/manage/service-items', body);
    assert.equal(r.statusCode, 422, `${field}: ${r.body}`);
    assert.ok(
      json<Err>(r).error.details?.some((d) => d.field === field),
      `${field} in ${JSON.stringify(json<Err>(r).error.details)}`,
    );
  }

  // Search boxes: markup, SQL and LIKE wildcards are searched for literally; a NUL is refused.
  for (const url of ['/api/v1/service-items', '/api/v1/manage/service-items']) {
    for (const q of ['<script>', "' OR 1=1 --", '%_\\']) {
      const r = await admin('GET', `${url}?q=${encodeURIComponent(q)}`);
      assert.equal(r.statusCode, 200, `${url} q=${q}: ${r.body}`);
      assert.equal(json<Page>(r).total, 0, `${url} q=${q}`);
    }
    const nulQ = await admin('GET', `${url}?q=%E9%A3%9F%00`);
    assert.equal(nulQ.statusCode, 400, `${url}: ${nulQ.body}`);
    assert.deepEqual(
      json<Err>(nulQ).error.details?.map((d) => d.field),
      ['q'],
    );
  }
  assert.equal(
    (await app.inject({ method: 'GET', url: `/api/v1/service-items?q=${'查'.repeat(101)}` })).statusCode,
    400,
  );
  const stored = await ctx.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM svc_item WHERE name LIKE '%经营许可' AND org_id = $1`,
    [f.lianduDept.id],
  );
  assert.equal(stored.rows[0]!.n, 1, 'only the item with markup was stored');
});
