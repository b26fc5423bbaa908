// Scope checks shared by the use cases. Objects outside the caller's reach answer 404 so their
// existence does not leak; a visible object the caller may not change answers 403.
import type { Actor } from '../../platform/audit/audit.ts';
import { platformErrors } from '../../platform/http/errors.ts';
import {
  orgInReach,
  type Principal,
  type Reach,
  reachOf,
  requireReach,
} from '../../platform/http/principal.ts';
import type { OrgRow, UserRow } from './identity.repository.ts';

export function userInReach(
  reach: Reach,
  principal: Principal,
  user: Pick<UserRow, 'id' | 'org_path'>,
): boolean {
  if (reach.all) return true;
  if (reach.own && user.id === principal.userId) return true;
  return !!user.org_path && orgInReach(reach, user.org_path);
}

/** Visible under any of the read permissions. */
function visibleOrg(p: Principal, org: OrgRow, readPermissions: readonly string[]): boolean {
  return readPermissions.some((perm) => {
    const r = reachOf(p, perm);
    return !!r && orgInReach(r, org.path);
  });
}

/**
 * Requires `permission` over an organisation: 401/403 without the permission at all, 404 when the
 * organisation is invisible to the caller, 403 when it is visible but outside the permission's reach.
 */
export function requireOrgReach(
  p: Principal | null,
  permission: string,
  org: OrgRow | null,
  readPermissions: readonly string[] = ['org.read'],
): asserts org is OrgRow {
  const reach = requireReach(p, permission);
  if (!org) throw platformErrors.NOT_FOUND();
  if (orgInReach(reach, org.path)) return;
  if (visibleOrg(p as Principal, org, readPermissions)) {
    throw platformErrors.FORBIDDEN(undefined, '该机构不在您的管理范围内');
  }
  throw platformErrors.NOT_FOUND();
}

/** The same for a user account, read permission user.read. */
export function requireUserReach(
  p: Principal | null,
  permission: string,
  user: UserRow | null,
  readPermissions: readonly string[] = ['user.read'],
): asserts user is UserRow {
  const reach = requireReach(p, permission);
  if (!user) throw platformErrors.NOT_FOUND();
  const principal = p as Principal;
  if (userInReach(reach, principal, user)) return;
  const visible = readPermissions.some((perm) => {
    const r = reachOf(principal, perm);
    return !!r && userInReach(r, principal, user);
  });
  if (visible) throw platformErrors.FORBIDDEN(undefined, '该账号不在您的管理范围内');
  throw platformErrors.NOT_FOUND();
}

/** The audit actor once a user is known (sign-in: the request was anonymous until now). */
export function actorAs(
  actor: Actor,
  user: Pick<UserRow, 'id' | 'display_name' | 'username' | 'org_id'>,
): Actor {
  return { ...actor, userId: user.id, name: `${user.display_name}（${user.username}）`, orgId: user.org_id };
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 'YYYY-MM-DD HH:mm' in Beijing time, for messages people read. */
export function formatShanghai(d: Date): string {
  const parts = Object.fromEntries(SHANGHAI.formatToParts(d).map((x) => [x.type, x.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
