// Who may touch which item: service.manage / service.publish over the implementing unit. An item
// outside the caller's reach answers 404 so its existence does not leak; the demo seed and other
// modules' set-up code act as the system.
import { type Caller, callerUserId, isSystem, reachFor, SYSTEM_CALLER } from '../../platform/http/caller.ts';
import { platformErrors } from '../../platform/http/errors.ts';
import { orgInReach, type Principal, reachOf, requireReach } from '../../platform/http/principal.ts';
import { servicesErrors } from './services.errors.ts';
import { SERVICE_MANAGE, SERVICE_PUBLISH } from './services.permissions.ts';
import type { OrgRef } from './services.repository.ts';
import { ItemProblems } from './services.rules.ts';

export { SYSTEM_CALLER, type Caller, isSystem, callerUserId, reachFor };

/** Requires `permission` over an item's unit; anything else is 404. */
export function requireItemReach(c: Caller, permission: string, itemOrgPath: string | null): void {
  if (isSystem(c)) return;
  const reach = requireReach(c, permission);
  if (itemOrgPath !== null && orgInReach(reach, itemOrgPath)) return;
  // Someone who manages the item but may not publish it sees it: tell them why they cannot.
  if (itemOrgPath !== null && permission === SERVICE_PUBLISH) {
    const manage = reachOf(c as Principal, SERVICE_MANAGE);
    if (manage && orgInReach(manage, itemOrgPath)) {
      throw platformErrors.FORBIDDEN(undefined, '您可以编制该事项，但没有发布或暂停该事项的权限');
    }
  }
  throw servicesErrors.ITEM_NOT_FOUND();
}

/** The implementing unit of a new or moved item: a department or unit inside the caller's reach. */
export function requireImplementingUnit(c: Caller, org: OrgRef | null): asserts org is OrgRef {
  const reach = reachFor(c, SERVICE_MANAGE);
  const p = new ItemProblems();
  if (!org) {
    p.add('orgId', '实施机构不存在');
    p.throwIfAny();
    return;
  }
  if (org.kind === 'region') {
    p.add('orgId', '实施机构应为部门或单位，不能是行政区划');
    p.throwIfAny();
  }
  if (!orgInReach(reach, org.path)) throw servicesErrors.ORG_NOT_IN_SCOPE('orgId');
}
