// "Sites I manage": the sites the signed-in staff member can edit, review or administer, each with
// what they may do there and the roles that give it. The scope is worked out here, from the session's
// grants, so the console's site pickers never list a site the server would refuse.
import type { AppContext } from '../../../platform/context.ts';
import { many } from '../../../platform/db/pool.ts';
import type { Caller } from '../../../platform/http/caller.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import {
  orgInReach,
  type Principal,
  type Reach,
  reachOf,
  reachSql,
} from '../../../platform/http/principal.ts';
import type { SiteRow } from '../cms.model.ts';
import { CMS_ARTICLE_EDIT, CMS_ARTICLE_REVIEW, CMS_SITE_MANAGE } from '../cms.permissions.ts';
import { isSystem } from '../cms.scope.ts';
import { type SiteView, toSiteView } from '../cms.views.ts';

export const MANAGED_SITE_PERMISSIONS = [CMS_ARTICLE_EDIT, CMS_ARTICLE_REVIEW, CMS_SITE_MANAGE] as const;
export type ManagedSitePermission = (typeof MANAGED_SITE_PERMISSIONS)[number];

export interface ManagedSiteView extends SiteView {
  /** What the caller may do in this site: cms.article.edit, cms.article.review, cms.site.manage. */
  permissions: ManagedSitePermission[];
  /** The caller's roles that reach this site with a cms permission (code and Chinese name). */
  roles: { code: string; name: string }[];
}

/** One reach covering the union of the caller's cms permissions (null: none of them). */
function unionReach(reaches: (Reach | null)[]): Reach | null {
  const held = reaches.filter((r): r is Reach => r !== null);
  if (held.length === 0) return null;
  if (held.some((r) => r.all)) return { all: true };
  return { all: false, orgPaths: held.flatMap((r) => (r.all ? [] : r.orgPaths)), own: false };
}

function rolesOver(p: Principal, site: SiteRow): { code: string; name: string }[] {
  const out = new Map<string, string>();
  for (const g of p.grants) {
    if (!g.permissions.some((x) => (MANAGED_SITE_PERMISSIONS as readonly string[]).includes(x))) continue;
    const covers =
      g.scope === 'platform' ||
      (g.scope === 'org' && !!g.scopeOrgPath && site.org_path.startsWith(g.scopeOrgPath));
    if (covers) out.set(g.code, g.name);
  }
  return [...out].map(([code, name]) => ({ code, name }));
}

/**
 * Sites (open and closed) whose owning unit lies in the reach of one of the caller's cms permissions.
 * 401 without a session, 403 for a citizen or enterprise account; staff without any cms permission get
 * an empty list (the console shows "no site").
 */
export async function listManagedSites(
  ctx: AppContext,
  caller: Caller,
): Promise<{ items: ManagedSiteView[] }> {
  if (isSystem(caller)) throw platformErrors.FORBIDDEN();
  if (!caller) throw platformErrors.UNAUTHENTICATED();
  if (caller.kind !== 'staff') throw platformErrors.FORBIDDEN(undefined, '仅工作人员可以管理网站');
  const reaches = MANAGED_SITE_PERMISSIONS.map((perm) => [perm, reachOf(caller, perm)] as const);
  const reach = unionReach(reaches.map(([, r]) => r));
  if (!reach) return { items: [] };
  const [scopeSql, params] = reachSql(reach, 'org_path', 1);
  const rows = await many<SiteRow>(
    ctx.pool,
    `SELECT * FROM cms_site WHERE ${scopeSql} ORDER BY is_default DESC, created_at, code`,
    params,
  );
  return {
    items: rows.flatMap((site) => {
      const permissions = reaches.flatMap(([perm, r]) => (r && orgInReach(r, site.org_path) ? [perm] : []));
      if (permissions.length === 0) return [];
      return [{ ...toSiteView(site), permissions, roles: rolesOver(caller, site) }];
    }),
  };
}
