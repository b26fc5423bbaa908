// Data functions of the identity module: the only code that reads and writes the idn_* tables.
// Each takes `db | tx` first; use cases decide the transaction.
import { containsPattern, prefixPattern } from '../../platform/db/like.ts';
import type { Queryable, Tx } from '../../platform/db/pool.ts';
import { many, maybeOne } from '../../platform/db/pool.ts';
import type { Reach, RoleGrant, ScopeKind, UserKind } from '../../platform/http/principal.ts';
import { reachSql } from '../../platform/http/principal.ts';
import type { AdminClass } from './identity.permissions.ts';

export type OrgKind = 'region' | 'department' | 'unit';

export interface OrgRow {
  id: string;
  parent_id: string | null;
  kind: OrgKind;
  name: string;
  region_code: string | null;
  credit_code: string | null;
  credit_code_note: string | null;
  path: string;
  depth: number;
  sort_order: number;
  created_at: Date;
  updated_at: Date;
}

export interface UserRow {
  id: string;
  username: string;
  kind: UserKind;
  display_name: string;
  org_id: string | null;
  org_name: string | null;
  org_path: string | null;
  password_hash: string;
  password_changed_at: Date;
  must_change_password: boolean;
  status: 'active' | 'disabled';
  failed_logins: number;
  locked_until: Date | null;
  totp_secret_enc: string | null;
  totp_enabled: boolean;
  totp_last_step: number | null;
  phone_enc: string | null;
  phone_hash: string | null;
  email: string | null;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface RoleRow {
  id: string;
  code: string;
  name: string;
  description: string;
  permissions: string[];
  admin_class: AdminClass | null;
  builtin: boolean;
  created_at: Date;
}

export interface AssignmentRow {
  id: string;
  user_id: string;
  role_id: string;
  code: string;
  name: string;
  admin_class: AdminClass | null;
  permissions: string[];
  scope: ScopeKind;
  scope_org_id: string | null;
  scope_org_name: string | null;
  scope_org_path: string | null;
  created_at: Date;
}

export interface SessionRow {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

// ---------------------------------------------------------------- organisations

export function findOrg(db: Queryable, id: string): Promise<OrgRow | null> {
  return maybeOne<OrgRow>(db, 'SELECT * FROM idn_org WHERE id = $1', [id]);
}

export function findOrgForUpdate(tx: Tx, id: string): Promise<OrgRow | null> {
  return maybeOne<OrgRow>(tx, 'SELECT * FROM idn_org WHERE id = $1 FOR UPDATE', [id]);
}

export function findRootOrg(db: Queryable): Promise<OrgRow | null> {
  return maybeOne<OrgRow>(db, 'SELECT * FROM idn_org WHERE parent_id IS NULL ORDER BY created_at LIMIT 1');
}

export function findOrgByRegionCode(db: Queryable, code: string): Promise<OrgRow | null> {
  return maybeOne<OrgRow>(db, 'SELECT * FROM idn_org WHERE region_code = $1', [code]);
}

export function findOrgByCreditCode(db: Queryable, code: string): Promise<OrgRow | null> {
  return maybeOne<OrgRow>(db, 'SELECT * FROM idn_org WHERE credit_code = $1', [code]);
}

/** The organisations along a path, root first ('/a/b/c/' → a, b, c). */
export async function orgsOnPath(db: Queryable, path: string): Promise<OrgRow[]> {
  const ids = path.split('/').filter(Boolean);
  if (ids.length === 0) return [];
  const rows = await many<OrgRow>(db, 'SELECT * FROM idn_org WHERE id = ANY($1::uuid[])', [ids]);
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is OrgRow => !!r);
}

export async function listOrgsInReach(
  db: Queryable,
  reach: Reach,
  opts: { q?: string; underPath?: string; limit?: number } = {},
): Promise<OrgRow[]> {
  const [cond, params] = reachSql(reach, 'path', 1);
  const values: unknown[] = [...params];
  let sql = `SELECT * FROM idn_org WHERE ${cond}`;
  if (opts.q) {
    values.push(containsPattern(opts.q));
    sql += ` AND (name ILIKE $${values.length} OR region_code LIKE $${values.length} OR credit_code ILIKE $${values.length})`;
  }
  if (opts.underPath) {
    values.push(prefixPattern(opts.underPath));
    sql += ` AND path LIKE $${values.length}`;
  }
  values.push(opts.limit ?? 5000);
  sql += ` ORDER BY depth, sort_order, name LIMIT $${values.length}`;
  return many<OrgRow>(db, sql, values);
}

export async function insertOrg(
  tx: Tx,
  o: {
    id: string;
    parent: OrgRow | null;
    kind: OrgKind;
    name: string;
    regionCode: string | null;
    creditCode: string | null;
    creditCodeNote: string | null;
    sortOrder: number;
    now: Date;
  },
): Promise<OrgRow> {
  const path = `${o.parent?.path ?? '/'}${o.id}/`;
  const depth = o.parent ? o.parent.depth + 1 : 0;
  const rows = await many<OrgRow>(
    tx,
    `INSERT INTO idn_org (id, parent_id, kind, name, region_code, credit_code, credit_code_note, path, depth, sort_order,
       created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$11) RETURNING *`,
    [
      o.id,
      o.parent?.id ?? null,
      o.kind,
      o.name,
      o.regionCode,
      o.creditCode,
      o.creditCodeNote,
      path,
      depth,
      o.sortOrder,
      o.now,
    ],
  );
  return rows[0] as OrgRow;
}

export async function updateOrg(
  tx: Tx,
  id: string,
  set: {
    name: string;
    creditCode: string | null;
    creditCodeNote: string | null;
    sortOrder: number;
    now: Date;
  },
): Promise<OrgRow> {
  const rows = await many<OrgRow>(
    tx,
    `UPDATE idn_org SET name = $2, credit_code = $3, credit_code_note = $4, sort_order = $5, updated_at = $6
     WHERE id = $1 RETURNING *`,
    [id, set.name, set.creditCode, set.creditCodeNote, set.sortOrder, set.now],
  );
  return rows[0] as OrgRow;
}

export async function countOrgChildren(db: Queryable, id: string): Promise<number> {
  const r = await maybeOne<{ n: number }>(db, 'SELECT count(*)::int AS n FROM idn_org WHERE parent_id = $1', [
    id,
  ]);
  return r?.n ?? 0;
}

export async function countOrgStaff(db: Queryable, id: string): Promise<number> {
  const r = await maybeOne<{ n: number }>(db, 'SELECT count(*)::int AS n FROM idn_user WHERE org_id = $1', [
    id,
  ]);
  return r?.n ?? 0;
}

export async function deleteOrg(tx: Tx, id: string): Promise<void> {
  await tx.query('DELETE FROM idn_org WHERE id = $1', [id]);
}

// ---------------------------------------------------------------- users

const USER_SELECT = `SELECT u.*, o.name AS org_name, o.path AS org_path FROM idn_user u LEFT JOIN idn_org o ON o.id = u.org_id`;

export function findUser(db: Queryable, id: string): Promise<UserRow | null> {
  return maybeOne<UserRow>(db, `${USER_SELECT} WHERE u.id = $1`, [id]);
}

export function findUserForUpdate(tx: Tx, id: string): Promise<UserRow | null> {
  return maybeOne<UserRow>(tx, `${USER_SELECT} WHERE u.id = $1 FOR UPDATE OF u`, [id]);
}

export function findUserByUsername(db: Queryable, username: string): Promise<UserRow | null> {
  return maybeOne<UserRow>(db, `${USER_SELECT} WHERE lower(u.username) = lower($1)`, [username]);
}

export async function usernameExists(db: Queryable, username: string): Promise<boolean> {
  return !!(await maybeOne(db, 'SELECT 1 FROM idn_user WHERE lower(username) = lower($1)', [username]));
}

export async function insertUser(
  tx: Tx,
  u: {
    id: string;
    username: string;
    kind: UserKind;
    displayName: string;
    orgId: string | null;
    passwordHash: string;
    mustChangePassword?: boolean;
    phoneEnc: string | null;
    phoneHash: string | null;
    email: string | null;
    now: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO idn_user (id, username, kind, display_name, org_id, password_hash, password_changed_at,
       must_change_password, phone_enc, phone_hash, email, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$7,$7)`,
    [
      u.id,
      u.username,
      u.kind,
      u.displayName,
      u.orgId,
      u.passwordHash,
      u.now,
      u.mustChangePassword ?? false,
      u.phoneEnc,
      u.phoneHash,
      u.email,
    ],
  );
}

export async function insertCitizen(
  tx: Tx,
  c: {
    userId: string;
    realName: string;
    idNumberEnc: string;
    idNumberHash: string;
    birthDate: string;
    sex: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO idn_citizen (user_id, real_name, id_number_enc, id_number_hash, birth_date, sex)
     VALUES ($1,$2,$3,$4,$5,$6)`,
    [c.userId, c.realName, c.idNumberEnc, c.idNumberHash, c.birthDate, c.sex],
  );
}

export async function insertEnterprise(
  tx: Tx,
  e: {
    userId: string;
    name: string;
    creditCode: string;
    creditCodeNote: string | null;
    legalRepresentative: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO idn_enterprise (user_id, name, credit_code, credit_code_note, legal_representative)
     VALUES ($1,$2,$3,$4,$5)`,
    [e.userId, e.name, e.creditCode, e.creditCodeNote, e.legalRepresentative],
  );
}

export async function idNumberRegistered(db: Queryable, hash: string): Promise<boolean> {
  return !!(await maybeOne(db, 'SELECT 1 FROM idn_citizen WHERE id_number_hash = $1', [hash]));
}

export async function enterpriseCreditCodeRegistered(db: Queryable, code: string): Promise<boolean> {
  return !!(await maybeOne(db, 'SELECT 1 FROM idn_enterprise WHERE credit_code = $1', [code]));
}

export interface CitizenRow {
  user_id: string;
  real_name: string;
  id_number_enc: string;
  birth_date: string | null;
  sex: 'male' | 'female' | null;
  verified_at: Date | null;
}

export function findCitizen(db: Queryable, userId: string): Promise<CitizenRow | null> {
  return maybeOne<CitizenRow>(db, 'SELECT * FROM idn_citizen WHERE user_id = $1', [userId]);
}

export interface EnterpriseRow {
  user_id: string;
  name: string;
  credit_code: string;
  credit_code_note: string | null;
  legal_representative: string;
  verified_at: Date | null;
}

export function findEnterprise(db: Queryable, userId: string): Promise<EnterpriseRow | null> {
  return maybeOne<EnterpriseRow>(db, 'SELECT * FROM idn_enterprise WHERE user_id = $1', [userId]);
}

/** Users visible under a reach: staff by their organisation, everyone when the reach is platform-wide. */
export async function listUsersInReach(
  db: Queryable,
  reach: Reach,
  opts: { selfId: string; underPath?: string; q?: string; limit: number; offset: number },
): Promise<{ rows: UserRow[]; total: number }> {
  const [cond, params] = reachSql(reach, 'o.path', 1);
  const values: unknown[] = [...params];
  const own = !reach.all && reach.own;
  let where = cond;
  if (own) {
    values.push(opts.selfId);
    where = `(${cond} OR u.id = $${values.length})`;
  }
  if (opts.underPath) {
    values.push(prefixPattern(opts.underPath));
    where += ` AND o.path LIKE $${values.length}`;
  }
  if (opts.q) {
    values.push(containsPattern(opts.q));
    where += ` AND (u.username ILIKE $${values.length} OR u.display_name ILIKE $${values.length})`;
  }
  const from = `FROM idn_user u LEFT JOIN idn_org o ON o.id = u.org_id WHERE ${where}`;
  const total = await maybeOne<{ n: number }>(db, `SELECT count(*)::int AS n ${from}`, values);
  const rows = await many<UserRow>(
    db,
    `SELECT u.*, o.name AS org_name, o.path AS org_path ${from}
     ORDER BY u.kind DESC, o.path NULLS LAST, u.username
     LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
    [...values, opts.limit, opts.offset],
  );
  return { rows, total: total?.n ?? 0 };
}

export async function updateUserFields(tx: Tx, id: string, set: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(set);
  if (cols.length === 0) return;
  // Column names come from the use cases, never from request input.
  const assignments = cols.map((c, i) => `${c} = $${i + 2}`).join(', ');
  await tx.query(`UPDATE idn_user SET ${assignments} WHERE id = $1`, [id, ...cols.map((c) => set[c])]);
}

/** Counts one more failed sign-in and returns the new count. */
export async function incrementFailedLogins(tx: Tx, id: string): Promise<number> {
  const r = await maybeOne<{ failed_logins: number }>(
    tx,
    'UPDATE idn_user SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins',
    [id],
  );
  return r?.failed_logins ?? 0;
}

export async function anyUserHoldsRole(db: Queryable, roleCode: string): Promise<boolean> {
  return !!(await maybeOne(
    db,
    `SELECT 1 FROM idn_role_assignment a JOIN idn_role r ON r.id = a.role_id WHERE r.code = $1 LIMIT 1`,
    [roleCode],
  ));
}

// ---------------------------------------------------------------- roles and assignments

export function listRoles(db: Queryable): Promise<RoleRow[]> {
  return many<RoleRow>(db, 'SELECT * FROM idn_role ORDER BY builtin DESC, code');
}

export function findRole(db: Queryable, id: string): Promise<RoleRow | null> {
  return maybeOne<RoleRow>(db, 'SELECT * FROM idn_role WHERE id = $1', [id]);
}

export function findRoleByCode(db: Queryable, code: string): Promise<RoleRow | null> {
  return maybeOne<RoleRow>(db, 'SELECT * FROM idn_role WHERE code = $1', [code]);
}

export async function insertRole(
  tx: Tx,
  r: {
    id: string;
    code: string;
    name: string;
    description: string;
    permissions: string[];
    adminClass: AdminClass | null;
    now: Date;
  },
): Promise<RoleRow> {
  const rows = await many<RoleRow>(
    tx,
    `INSERT INTO idn_role (id, code, name, description, permissions, admin_class, builtin, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,false,$7) RETURNING *`,
    [r.id, r.code, r.name, r.description, r.permissions, r.adminClass, r.now],
  );
  return rows[0] as RoleRow;
}

export async function updateRole(
  tx: Tx,
  id: string,
  set: { name: string; description: string; permissions: string[]; adminClass: AdminClass | null },
): Promise<RoleRow> {
  const rows = await many<RoleRow>(
    tx,
    `UPDATE idn_role SET name = $2, description = $3, permissions = $4, admin_class = $5 WHERE id = $1 RETURNING *`,
    [id, set.name, set.description, set.permissions, set.adminClass],
  );
  return rows[0] as RoleRow;
}

const ASSIGNMENT_SELECT = `
  SELECT a.id, a.user_id, a.role_id, r.code, r.name, r.admin_class, r.permissions, a.scope, a.scope_org_id,
         so.name AS scope_org_name, so.path AS scope_org_path, a.created_at
  FROM idn_role_assignment a
  JOIN idn_role r ON r.id = a.role_id
  LEFT JOIN idn_org so ON so.id = a.scope_org_id`;

export function listAssignments(db: Queryable, userIds: readonly string[]): Promise<AssignmentRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return many<AssignmentRow>(
    db,
    `${ASSIGNMENT_SELECT} WHERE a.user_id = ANY($1::uuid[]) ORDER BY a.created_at, a.id`,
    [userIds],
  );
}

export function findAssignment(db: Queryable, id: string): Promise<AssignmentRow | null> {
  return maybeOne<AssignmentRow>(db, `${ASSIGNMENT_SELECT} WHERE a.id = $1`, [id]);
}

/** Users holding a role (for re-checking separation of duties when a role's permissions change). */
export async function holdersOfRole(db: Queryable, roleId: string): Promise<string[]> {
  const rows = await many<{ user_id: string }>(
    db,
    'SELECT DISTINCT user_id FROM idn_role_assignment WHERE role_id = $1',
    [roleId],
  );
  return rows.map((r) => r.user_id);
}

export async function insertAssignment(
  tx: Tx,
  a: {
    id: string;
    userId: string;
    roleId: string;
    scope: ScopeKind;
    scopeOrgId: string | null;
    grantedBy: string | null;
    now: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO idn_role_assignment (id, user_id, role_id, scope, scope_org_id, granted_by, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [a.id, a.userId, a.roleId, a.scope, a.scopeOrgId, a.grantedBy, a.now],
  );
}

export async function deleteAssignment(tx: Tx, id: string): Promise<void> {
  await tx.query('DELETE FROM idn_role_assignment WHERE id = $1', [id]);
}

export function toGrant(a: AssignmentRow): RoleGrant {
  return {
    assignmentId: a.id,
    roleId: a.role_id,
    code: a.code,
    name: a.name,
    adminClass: a.admin_class,
    permissions: a.permissions,
    scope: a.scope,
    scopeOrgId: a.scope_org_id,
    scopeOrgName: a.scope_org_name,
    scopeOrgPath: a.scope_org_path,
  };
}

// ---------------------------------------------------------------- sessions

export async function insertSession(
  tx: Tx,
  s: {
    id: string;
    tokenHash: string;
    userId: string;
    csrfToken: string;
    now: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO idn_session (id, token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
     VALUES ($1,$2,$3,$4,$5,$5,$6,$7,$8)`,
    [s.id, s.tokenHash, s.userId, s.csrfToken, s.now, s.expiresAt, s.ip, s.userAgent],
  );
}

export function findSessionByTokenHash(db: Queryable, tokenHash: string): Promise<SessionRow | null> {
  return maybeOne<SessionRow>(
    db,
    'SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at, revoked_at FROM idn_session WHERE token_hash = $1',
    [tokenHash],
  );
}

export async function touchSession(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('UPDATE idn_session SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2', [id, at]);
}

export async function revokeSession(tx: Tx, id: string, reason: string, at: Date): Promise<void> {
  await tx.query(
    'UPDATE idn_session SET revoked_at = $2, revoke_reason = $3 WHERE id = $1 AND revoked_at IS NULL',
    [id, at, reason],
  );
}

/** Ends every live session of a user, except one (the caller's own, after a password change). */
export async function revokeUserSessions(
  tx: Tx,
  userId: string,
  reason: string,
  at: Date,
  exceptSessionId: string | null = null,
): Promise<number> {
  const r = await tx.query(
    `UPDATE idn_session SET revoked_at = $2, revoke_reason = $3
     WHERE user_id = $1 AND revoked_at IS NULL AND ($4::uuid IS NULL OR id <> $4::uuid)`,
    [userId, at, reason, exceptSessionId],
  );
  return r.rowCount ?? 0;
}
