// Who may touch which site: every cms permission reaches over organisation subtrees, and a site is
// covered when its owning unit lies inside the reach. Creating or acting in a site outside the reach
// is 403 (the sites are public, hiding them would tell nothing); articles outside it read as 404.
// The demo seed and event subscribers act as the system.
import { type Caller, callerUserId, isSystem, reachFor, SYSTEM_CALLER } from '../../platform/http/caller.ts';
import { platformErrors } from '../../platform/http/errors.ts';
import { orgInReach, reachOf } from '../../platform/http/principal.ts';
import { CMS_ARTICLE_EDIT, CMS_ARTICLE_REVIEW } from './cms.permissions.ts';

export { type Caller, callerUserId, isSystem, reachFor, SYSTEM_CALLER };

/** True when the caller holds `permission` over the site's owning unit. */
export function mayInSite(c: Caller, permission: string, site: { org_path: string }): boolean {
  if (isSystem(c)) return true;
  if (!c) return false;
  const reach = reachOf(c, permission);
  return !!reach && orgInReach(reach, site.org_path);
}

/** Requires `permission` over the site; 401 without a session, 403 otherwise. */
export function requireInSite(
  c: Caller,
  permission: string,
  site: { org_path: string },
  message?: string,
): void {
  reachFor(c, permission);
  if (!mayInSite(c, permission, site)) {
    if (permission === CMS_ARTICLE_REVIEW && mayInSite(c, CMS_ARTICLE_EDIT, site))
      throw platformErrors.FORBIDDEN(undefined, '您可以编辑该网站的稿件，但没有审核发布的权限');
    throw platformErrors.FORBIDDEN(undefined, message ?? '该网站不在您的管理范围内');
  }
}

/** Staff who may see an article in the console: any cms permission over its site. */
export function mayReadInSite(c: Caller, site: { org_path: string }): boolean {
  return mayInSite(c, CMS_ARTICLE_EDIT, site) || mayInSite(c, CMS_ARTICLE_REVIEW, site);
}
