// Read-only lookups other modules use through index.ts: where an organisation sits in the tree, who
// works where, who may act on something in an organisation.
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/pool.ts';
import { many, maybeOne } from '../../platform/db/pool.ts';
import type { Reach } from '../../platform/http/principal.ts';
import { listOrgsInReach, type OrgKind } from './identity.repository.ts';

export interface OrgInfo {
  id: string;
  name: string;
  kind: OrgKind;
  parentId: string | null;
  /** Materialised path '/root/…/self/'. */
  path: string;
  depth: number;
  regionCode: string | null;
  creditCode: string | null;
}

/** True once any account exists: the process then neither seeds demo data nor asks for a first administrator. */
export async function hasAnyAccount(db: Queryable): Promise<boolean> {
  return !!(await maybeOne(db, 'SELECT 1 FROM idn_user LIMIT 1'));
}

export async function getOrg(db: Queryable, id: string): Promise<OrgInfo | null> {
  const r = await maybeOne<{
    id: string;
    name: string;
    kind: OrgKind;
    parent_id: string | null;
    path: string;
    depth: number;
    region_code: string | null;
    credit_code: string | null;
  }>(
    db,
    'SELECT id, name, kind, parent_id, path, depth, region_code, credit_code FROM idn_org WHERE id = $1',
    [id],
  );
  return r
    ? {
        id: r.id,
        name: r.name,
        kind: r.kind,
        parentId: r.parent_id,
        path: r.path,
        depth: r.depth,
        regionCode: r.region_code,
        creditCode: r.credit_code,
      }
    : null;
}

// Organisations never move (there is no move operation), so a path, once read, stays true.
const pathCache = new WeakMap<AppContext, Map<string, string>>();

/** The materialised path of an organisation, for reach checks on records that carry an org id. */
export async function orgPathOf(ctx: AppContext, orgId: string): Promise<string | null> {
  let cache = pathCache.get(ctx);
  if (!cache) {
    cache = new Map();
    pathCache.set(ctx, cache);
  }
  const hit = cache.get(orgId);
  if (hit) return hit;
  const r = await maybeOne<{ path: string }>(ctx.pool, 'SELECT path FROM idn_org WHERE id = $1', [orgId]);
  if (r) {
    if (cache.size > 50_000) cache.clear();
    cache.set(orgId, r.path);
  }
  return r?.path ?? null;
}

/** Ids of every organisation inside a reach (for `org_id = ANY($1)` filters on other tables). */
export async function listOrgIdsInReach(ctx: AppContext, reach: Reach): Promise<string[]> {
  return (await listOrgsInReach(ctx.pool, reach, { limit: 100_000 })).map((o) => o.id);
}

export interface UserSummary {
  id: string;
  username: string;
  kind: 'staff' | 'citizen' | 'enterprise';
  displayName: string;
  orgId: string | null;
  orgName: string | null;
  status: 'active' | 'disabled';
}

export async function getUserSummary(db: Queryable, id: string): Promise<UserSummary | null> {
  const r = await maybeOne<{
    id: string;
    username: string;
    kind: UserSummary['kind'];
    display_name: string;
    org_id: string | null;
    org_name: string | null;
    status: UserSummary['status'];
  }>(
    db,
    `SELECT u.id, u.username, u.kind, u.display_name, u.org_id, o.name AS org_name, u.status
     FROM idn_user u LEFT JOIN idn_org o ON o.id = u.org_id WHERE u.id = $1`,
    [id],
  );
  return r
    ? {
        id: r.id,
        username: r.username,
        kind: r.kind,
        displayName: r.display_name,
        orgId: r.org_id,
        orgName: r.org_name,
        status: r.status,
      }
    : null;
}

/**
 * Active staff whose roles give `permission` over organisation `orgId` (platform scope, or an org
 * scope at or above it): the people a task in that organisation can go to.
 */
export async function findStaffWithPermission(
  db: Queryable,
  permission: string,
  orgId: string,
): Promise<UserSummary[]> {
  const rows = await many<{
    id: string;
    username: string;
    display_name: string;
    org_id: string | null;
    org_name: string | null;
  }>(
    db,
    `SELECT DISTINCT u.id, u.username, u.display_name, u.org_id, uo.name AS org_name
     FROM idn_user u
     JOIN idn_role_assignment a ON a.user_id = u.id
     JOIN idn_role r ON r.id = a.role_id AND $1 = ANY (r.permissions)
     LEFT JOIN idn_org so ON so.id = a.scope_org_id
     LEFT JOIN idn_org uo ON uo.id = u.org_id
     JOIN idn_org target ON target.id = $2
     WHERE u.kind = 'staff' AND u.status = 'active'
       AND (a.scope = 'platform' OR (a.scope = 'org' AND starts_with(target.path, so.path)))
     ORDER BY u.username`,
    [permission, orgId],
  );
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    kind: 'staff',
    displayName: r.display_name,
    orgId: r.org_id,
    orgName: r.org_name,
    status: 'active',
  }));
}
