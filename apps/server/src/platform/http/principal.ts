// Who is calling, and over which part of the organisation tree each of their permissions reaches.
// The identity module builds principals from sessions; every route checks them on the server.
import { prefixPattern } from '../db/like.ts';
import { platformErrors } from './errors.ts';

export type UserKind = 'staff' | 'citizen' | 'enterprise';
export type ScopeKind = 'platform' | 'org' | 'own';

export interface RoleGrant {
  assignmentId: string;
  roleId: string;
  code: string;
  name: string;
  adminClass: 'system' | 'security' | 'audit' | null;
  permissions: readonly string[];
  scope: ScopeKind;
  scopeOrgId: string | null;
  scopeOrgName: string | null;
  /** Materialised path of the scope organisation ('/a/b/'), for prefix checks. */
  scopeOrgPath: string | null;
}

export interface Principal {
  userId: string;
  username: string;
  kind: UserKind;
  displayName: string;
  orgId: string | null;
  orgPath: string | null;
  grants: readonly RoleGrant[];
  sessionId: string;
  csrfToken: string;
  totpSetupRequired: boolean;
  mustChangePassword: boolean;
}

/** What a permission lets the principal touch: everything, some subtrees, or only their own records. */
export type Reach = { all: true } | { all: false; orgPaths: string[]; own: boolean };

export function permissionsOf(p: Principal): string[] {
  return [...new Set(p.grants.flatMap((g) => g.permissions))].sort();
}

export function reachOf(p: Principal, permission: string): Reach | null {
  const grants = p.grants.filter((g) => g.permissions.includes(permission));
  if (grants.length === 0) return null;
  if (grants.some((g) => g.scope === 'platform')) return { all: true };
  const orgPaths = grants
    .filter((g) => g.scope === 'org' && g.scopeOrgPath)
    .map((g) => g.scopeOrgPath as string);
  return { all: false, orgPaths, own: grants.some((g) => g.scope === 'own') };
}

export function hasPermission(p: Principal | null | undefined, permission: string): boolean {
  return !!p && p.grants.some((g) => g.permissions.includes(permission));
}

/** Throws 401/403 unless the principal holds the permission somewhere. Returns its reach. */
export function requireReach(p: Principal | null | undefined, permission: string): Reach {
  if (!p) throw platformErrors.UNAUTHENTICATED();
  const reach = reachOf(p, permission);
  if (!reach) throw platformErrors.FORBIDDEN();
  return reach;
}

/** The caller, or 401: SESSION_EXPIRED when their session has run out, UNAUTHENTICATED otherwise. */
export function signedIn(req: {
  principal?: Principal | null;
  sessionProblem?: 'expired' | null;
}): Principal {
  if (req.principal) return req.principal;
  throw req.sessionProblem === 'expired'
    ? platformErrors.SESSION_EXPIRED()
    : platformErrors.UNAUTHENTICATED();
}

/** True when an organisation (by its path) lies inside the reach. */
export function orgInReach(reach: Reach, orgPath: string): boolean {
  if (reach.all) return true;
  return reach.orgPaths.some((prefix) => orgPath.startsWith(prefix));
}

/**
 * SQL fragment restricting a path column to the reach. Returns [sql, params] with placeholders
 * numbered from `firstParam`. `{all}` gives 'TRUE'; an empty reach gives 'FALSE'.
 */
export function reachSql(reach: Reach, pathColumn: string, firstParam: number): [string, string[]] {
  if (reach.all) return ['TRUE', []];
  if (reach.orgPaths.length === 0) return ['FALSE', []];
  const parts = reach.orgPaths.map((_, i) => `${pathColumn} LIKE $${firstParam + i}`);
  return [`(${parts.join(' OR ')})`, reach.orgPaths.map(prefixPattern)];
}
