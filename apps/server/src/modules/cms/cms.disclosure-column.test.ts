// The national required column 政府信息公开 leads to the disclosure module's pages of the site's owning
// unit: data of the column (a link column made for every new site, and the migration for existing
// ones), not a template special case.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { systemActor } from '../../platform/audit/audit.ts';
import { json } from '../../testing/harness.ts';
import { saveGuide } from '../disclosure/use-cases/guide.ts';
import { makeStaff, principalOf } from '../identity/testing.ts';
import { SYSTEM_CALLER } from './cms.scope.ts';
import { cmsSetup } from './testing.ts';
import { createArticle } from './use-cases/edit-article.ts';

const actor = { ...systemActor, name: '测试' };
const s = await cmsSetup();

interface Column {
  id: string;
  name: string;
  type: string;
  linkUrl: string | null;
  requiredAs: string | null;
  updateDays: number | null;
}

async function columns(siteId: string): Promise<Column[]> {
  const res = await s.app.inject({ method: 'GET', url: `/api/v1/sites/${siteId}/columns` });
  assert.equal(res.statusCode, 200, res.body);
  return json<{ items: Column[] }>(res).items;
}

test('every new site’s 政府信息公开 column links to its owning unit’s disclosure pages', async () => {
  for (const site of [s.city, s.qingtian, s.liandu]) {
    const col = (await columns(site.id)).find((c) => c.requiredAs === '政府信息公开');
    assert.ok(col);
    assert.equal(col.name, '政府信息公开');
    assert.equal(col.type, 'link');
    assert.equal(col.linkUrl, `/disclosure/${site.orgId}`);
    assert.equal(col.updateDays, null);
  }

  // The site's navigation leads there, and once the unit has its guide the page answers with it.
  const home = await s.app.inject({ method: 'GET', url: '/sites/qingtian/' });
  assert.equal(home.statusCode, 200);
  assert.ok(home.body.includes(`href="/disclosure/${s.f.qingtian.id}"`), 'nav link to the unit');
  const root = await principalOf(s.ctx, s.f.platformAdmin.id);
  const officer = await makeStaff(s.ctx, root, {
    username: 'qt.xxgk',
    orgId: s.f.qingtian.id,
    displayName: '公开专员',
    roles: [{ code: 'disclosure_officer', scope: 'org', scopeOrgId: s.f.qingtian.id }],
  });
  await saveGuide(
    s.ctx,
    await principalOf(s.ctx, officer.id),
    s.f.qingtian.id,
    { officeName: '青田县人民政府办公室政务公开科', letterPrefix: '青政办' },
    actor,
  );
  for (const sub of ['', '/catalogue', '/reports']) {
    const page = await s.app.inject({ method: 'GET', url: `/disclosure/${s.f.qingtian.id}${sub}` });
    assert.equal(page.statusCode, 200, `/disclosure/{unit}${sub}`);
  }
});

test('the migration turns an existing empty 政府信息公开 article column into the link, and leaves a filled one', async () => {
  const reset = (siteId: string) =>
    s.ctx.pool.query(
      `UPDATE cms_column SET kind = 'disclosure', link_url = NULL, update_days = 180
        WHERE site_id = $1 AND required_as = '政府信息公开' RETURNING id`,
      [siteId],
    );
  await reset(s.city.id);
  const filled = (await reset(s.liandu.id)).rows[0] as { id: string };
  await createArticle(
    s.ctx,
    SYSTEM_CALLER,
    { siteId: s.liandu.id, columnId: filled.id, title: '本单位信息公开', body: '<p>正文</p>' },
    actor,
  );
  const sql = fs.readFileSync(
    path.join(import.meta.dirname, '../../../db/migrations/20261124092000_cms_disclosure_column_link.sql'),
    'utf8',
  );
  await s.ctx.pool.query(sql);

  const city = (await columns(s.city.id)).find((c) => c.requiredAs === '政府信息公开');
  assert.equal(city?.type, 'link');
  assert.equal(city?.linkUrl, `/disclosure/${s.city.orgId}`);
  assert.equal(city?.updateDays, null);
  const liandu = (await columns(s.liandu.id)).find((c) => c.requiredAs === '政府信息公开');
  assert.equal(liandu?.type, 'disclosure');
  assert.equal(liandu?.linkUrl, null);
});
