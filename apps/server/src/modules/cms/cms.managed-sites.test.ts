// GET /api/v1/sites/managed: the sites a staff member can edit, review or administer, with what they
// may do and the roles giving it, scoped on the server. A county's staff see only their county's sites.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, json } from '../../testing/harness.ts';
import { makeStaff, principalOf } from '../identity/testing.ts';
import { makeCitizen } from '../licensing/testing.ts';
import { CMS_USERS, cmsSetup } from './testing.ts';

const s = await cmsSetup();

interface Managed {
  id: string;
  code: string;
  status: string;
  permissions: string[];
  roles: { code: string; name: string }[];
}

async function managed(username: string): Promise<Managed[]> {
  const res = await as(s.app, await s.signIn(username))('GET', '/api/v1/sites/managed');
  assert.equal(res.statusCode, 200, res.body);
  return json<{ items: Managed[] }>(res).items;
}

const codes = (items: Managed[]) => items.map((i) => i.code).sort();

test('each staff member gets the sites in their scope, with their permissions and roles there', async () => {
  // 青田县's editor and reviewer: only the 青田县 site.
  const qtEditor = await managed(CMS_USERS.qtEditor);
  assert.deepEqual(codes(qtEditor), ['qingtian']);
  assert.deepEqual(qtEditor[0]!.permissions, ['cms.article.edit']);
  assert.deepEqual(qtEditor[0]!.roles, [{ code: 'cms_editor', name: '网站编辑' }]);
  const qtReviewer = await managed(CMS_USERS.qtReviewer);
  assert.deepEqual(codes(qtReviewer), ['qingtian']);
  assert.deepEqual(qtReviewer[0]!.permissions, ['cms.article.edit', 'cms.article.review']);

  // An editor of another county (莲都区) sees the 莲都区民政局 site only, not 青田县's nor the city's.
  const root = await principalOf(s.ctx, s.f.platformAdmin.id);
  await makeStaff(s.ctx, root, {
    username: 'liandu.editor',
    orgId: s.f.lianduDept.id,
    displayName: '莲都区网站编辑',
    roles: [{ code: 'cms_editor', scope: 'org', scopeOrgId: s.f.liandu.id }],
  });
  assert.deepEqual(codes(await managed('liandu.editor')), ['ldmz']);

  // The city's editor (scoped to 丽水市) reaches the county sites below it; the city portal comes first.
  const city = await managed(CMS_USERS.cityEditor);
  assert.deepEqual(codes(city), ['ldmz', 'lishui', 'qingtian']);
  assert.equal(city[0]!.code, 'lishui');

  // The platform-wide site administrator manages every site, closed ones too (to reopen them).
  await s.ctx.pool.query(`UPDATE cms_site SET status = 'closed' WHERE id = $1`, [s.liandu.id]);
  const admin = await managed(CMS_USERS.siteAdmin);
  assert.deepEqual(codes(admin), ['ldmz', 'lishui', 'qingtian']);
  assert.ok(admin.every((i) => i.permissions.join() === 'cms.site.manage'));
  assert.equal(admin.find((i) => i.code === 'ldmz')!.status, 'closed');
  const publicList = json<{ items: Managed[] }>(await s.app.inject({ method: 'GET', url: '/api/v1/sites' }));
  assert.ok(!publicList.items.some((i) => i.code === 'ldmz'));
  await s.ctx.pool.query(`UPDATE cms_site SET status = 'open' WHERE id = $1`, [s.liandu.id]);
});

test('staff without a website role get no site; citizens and anonymous callers are refused', async () => {
  assert.deepEqual(await managed(s.f.lianduAdmin.username), []);
  const anon = await s.app.inject({ method: 'GET', url: '/api/v1/sites/managed' });
  assert.equal(anon.statusCode, 401);
  const citizen = await makeCitizen(s.app, s.ctx, 'managed.citizen');
  const res = await as(s.app, citizen.session)('GET', '/api/v1/sites/managed');
  assert.equal(res.statusCode, 403, res.body);
});
