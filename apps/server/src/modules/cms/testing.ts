// Test set-up for the website cluster: the scope fixture's 丽水市 / 莲都区 / 青田县, a city portal owned
// by 丽水市, a 青田县 site and a 莲都区民政局 site, and editors, reviewers and a site administrator.

import { systemActor } from '../../platform/audit/audit.ts';
import { fixedClock } from '../../platform/db/clock.ts';
import { createTestApp, login, type Session, type TestApp } from '../../testing/harness.ts';
import {
  makeStaff,
  NO_2FA,
  principalOf,
  type ScopeFixture,
  seedScopeFixture,
  TEST_PASSWORD,
} from '../identity/testing.ts';
import { SYSTEM_CALLER } from './cms.scope.ts';
import type { SiteView } from './cms.views.ts';
import { approveArticle, submitArticle } from './use-cases/article-workflow.ts';
import { createArticle } from './use-cases/edit-article.ts';
import { createSite } from './use-cases/manage-sites.ts';

export interface CmsSetup extends TestApp {
  f: ScopeFixture;
  clock: ReturnType<typeof fixedClock>;
  city: SiteView;
  qingtian: SiteView;
  liandu: SiteView;
  /** Column id by site code and column code. */
  col(site: 'city' | 'qingtian' | 'liandu', code: string): Promise<string>;
  signIn(username: string): Promise<Session>;
}

export const CMS_USERS = {
  cityEditor: 'portal.editor',
  cityReviewer: 'portal.reviewer',
  cityReviewer2: 'portal.reviewer2',
  qtEditor: 'qingtian.editor',
  qtReviewer: 'qingtian.reviewer',
  siteAdmin: 'cms.admin',
} as const;

/** `config`: settings over the defaults (e.g. a small video limit). */
export async function cmsSetup(opts: { config?: Record<string, unknown> } = {}): Promise<CmsSetup> {
  const clock = fixedClock('2026-11-24T02:00:00Z');
  const t = await createTestApp({ config: { ...NO_2FA, ...opts.config }, clock });
  const f = await seedScopeFixture(t.ctx);
  const root = await principalOf(t.ctx, f.platformAdmin.id);
  const staff = async (username: string, orgId: string, code: string, scopeOrgId: string | null) =>
    makeStaff(t.ctx, root, {
      username,
      orgId,
      displayName: '网站人员',
      roles: [scopeOrgId ? { code, scope: 'org', scopeOrgId } : { code }],
    });
  await staff(CMS_USERS.cityEditor, f.city.id, 'cms_editor', f.city.id);
  await staff(CMS_USERS.cityReviewer, f.city.id, 'cms_reviewer', f.city.id);
  await staff(CMS_USERS.cityReviewer2, f.city.id, 'cms_reviewer', f.city.id);
  await staff(CMS_USERS.qtEditor, f.qingtianDept.id, 'cms_editor', f.qingtian.id);
  await staff(CMS_USERS.qtReviewer, f.qingtianDept.id, 'cms_reviewer', f.qingtian.id);
  await staff(CMS_USERS.siteAdmin, f.city.id, 'cms_admin', null);
  const actor = { ...systemActor, name: '测试数据' };
  const city = await createSite(
    t.ctx,
    SYSTEM_CALLER,
    {
      code: 'lishui',
      name: '丽水市人民政府',
      siteCode: '3311000001',
      orgId: f.city.id,
      domains: ['www.lishui.gov.cn'],
      isDefault: true,
    },
    actor,
  );
  const qingtian = await createSite(
    t.ctx,
    SYSTEM_CALLER,
    {
      code: 'qingtian',
      name: '青田县人民政府',
      siteCode: '3311210001',
      orgId: f.qingtian.id,
      domains: ['www.qingtian.gov.cn'],
    },
    actor,
  );
  const liandu = await createSite(
    t.ctx,
    SYSTEM_CALLER,
    { code: 'ldmz', name: '莲都区民政局', siteCode: '3311020002', orgId: f.lianduDept.id },
    actor,
  );
  const sites = { city, qingtian, liandu };
  return {
    ...t,
    f,
    clock,
    city,
    qingtian,
    liandu,
    async col(site, code) {
      const r = await t.ctx.pool.query<{ id: string }>(
        'SELECT id FROM cms_column WHERE site_id = $1 AND code = $2',
        [sites[site].id, code],
      );
      if (!r.rows[0]) throw new Error(`no column ${code}`);
      return r.rows[0].id;
    },
    signIn: (username) => login(t.app, username, TEST_PASSWORD),
  };
}

/**
 * Writes, submits and approves (one or two levels, as the column asks) an article as the system, runs
 * the jobs its publication queued, and returns its id.
 */
export async function publishArticle(
  s: CmsSetup,
  site: 'city' | 'qingtian' | 'liandu',
  column: string,
  fields: Record<string, unknown> & { title: string },
): Promise<string> {
  const actor = { ...systemActor, name: '测试' };
  const a = await createArticle(
    s.ctx,
    SYSTEM_CALLER,
    {
      siteId: s[site].id,
      columnId: await s.col(site, column),
      body: `<p>${fields.title}的正文。</p>`,
      ...fields,
    } as never,
    actor,
  );
  let v = await submitArticle(s.ctx, SYSTEM_CALLER, a.id, actor);
  for (let i = 0; i < 2 && v.status !== 'published'; i += 1)
    v = await approveArticle(s.ctx, SYSTEM_CALLER, a.id, actor);
  if (v.status !== 'published') throw new Error(`article ${a.id} not published: ${v.status}`);
  await s.ctx.jobs.drain();
  return a.id;
}
