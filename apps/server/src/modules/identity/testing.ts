// Test factories for identity data, for this module's tests and for other modules' tests that need
// organisations, staff and roles. They go through the use cases (so rows look exactly like real ones)
// except role grants, which tests need without a security administrator in the room.
import { type Actor, systemActor } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { newId } from '../../platform/db/ids.ts';
import { withTx } from '../../platform/db/pool.ts';
import type { Principal, ScopeKind } from '../../platform/http/principal.ts';
import { findRoleByCode, findUser, insertAssignment } from './identity.repository.ts';
import { buildPrincipal, sessionCacheOf } from './session-cache.ts';
import { createFirstAdministrator } from './use-cases/create-first-administrator.ts';
import { createOrg } from './use-cases/create-org.ts';
import { createStaffUser } from './use-cases/create-staff-user.ts';

/**
 * Test apps run with ZT_DEMO off, where two-factor sign-in is required of administrators; pass this as
 * `createTestApp({ config: NO_2FA })` when a test has administrators act without enrolling TOTP.
 */
export const NO_2FA = { require2fa: false } as const;

/** Meets the password policy; every factory account uses it unless told otherwise. */
export const TEST_PASSWORD = 'Zt-test-2026!';

const testActor: Actor = { ...systemActor, name: '测试数据' };

/** A principal for calling use cases directly (no session behind it). */
export async function principalOf(ctx: AppContext, userId: string): Promise<Principal> {
  const user = await findUser(ctx.pool, userId);
  if (!user) throw new Error(`no user ${userId}`);
  return buildPrincipal(ctx, ctx.pool, user, { id: newId(), csrfToken: 'test' });
}

/** Grants a role directly (tests only: no 三员分立 or self-assignment check). */
export async function grantRole(
  ctx: AppContext,
  userId: string,
  roleCode: string,
  scope: ScopeKind = 'platform',
  scopeOrgId: string | null = null,
): Promise<string> {
  const role = await findRoleByCode(ctx.pool, roleCode);
  if (!role) throw new Error(`no role ${roleCode}`);
  const id = newId();
  await withTx(ctx.pool, async (tx) => {
    await insertAssignment(tx, {
      id,
      userId,
      roleId: role.id,
      scope,
      scopeOrgId,
      grantedBy: null,
      now: ctx.clock.now(),
    });
    tx.afterCommit(() => sessionCacheOf(ctx).invalidateUser(userId));
  });
  return id;
}

export interface StaffFactoryInput {
  username: string;
  orgId: string;
  displayName?: string;
  password?: string;
  phone?: string;
  roles?: { code: string; scope?: ScopeKind; scopeOrgId?: string | null }[];
}

/** A staff account created by a platform administrator, with the roles given. */
export async function makeStaff(
  ctx: AppContext,
  by: Principal,
  input: StaffFactoryInput,
): Promise<{ id: string; username: string; password: string }> {
  const password = input.password ?? TEST_PASSWORD;
  const user = await createStaffUser(
    ctx,
    by,
    {
      username: input.username,
      displayName: input.displayName ?? '测试人员',
      orgId: input.orgId,
      password,
      ...(input.phone ? { phone: input.phone } : {}),
    },
    testActor,
    // Factory accounts act as users who have already replaced their initial password.
    { mustChangePassword: false },
  );
  for (const r of input.roles ?? [])
    await grantRole(ctx, user.id, r.code, r.scope ?? 'platform', r.scopeOrgId ?? null);
  return { id: user.id, username: input.username, password };
}

export interface ScopeFixture {
  password: string;
  city: { id: string };
  liandu: { id: string };
  qingtian: { id: string };
  lianduDept: { id: string };
  qingtianDept: { id: string };
  /** sysadmin, platform scope, created by createFirstAdministrator. */
  platformAdmin: { id: string; username: string };
  /** sysadmin scoped to 莲都区. */
  lianduAdmin: { id: string; username: string };
  /** sysadmin scoped to 青田县. */
  qingtianAdmin: { id: string; username: string };
  /** secadmin, platform scope. */
  securityAdmin: { id: string; username: string };
  /** auditadmin, platform scope. */
  auditAdmin: { id: string; username: string };
  /** Ordinary staff (role staff) in 青田县市场监督管理局. */
  qingtianStaff: { id: string; username: string };
}

/**
 * 丽水市 (root) with 莲都区 and 青田县, one department in each, a platform system administrator, a
 * system administrator per county, platform security and audit administrators and one ordinary staff
 * member. All passwords are TEST_PASSWORD; no two-factor.
 */
export async function seedScopeFixture(ctx: AppContext): Promise<ScopeFixture> {
  const first = await createFirstAdministrator(
    ctx,
    {
      username: 'platform.admin',
      password: TEST_PASSWORD,
      displayName: '平台管理员',
      orgName: '丽水市',
      regionCode: '331100',
    },
    testActor,
  );
  const root = await principalOf(ctx, first.userId);
  const liandu = await createOrg(
    ctx,
    root,
    { parentId: first.orgId, kind: 'region', name: '莲都区', regionCode: '331102' },
    testActor,
  );
  const qingtian = await createOrg(
    ctx,
    root,
    { parentId: first.orgId, kind: 'region', name: '青田县', regionCode: '331121' },
    testActor,
  );
  const lianduDept = await createOrg(
    ctx,
    root,
    { parentId: liandu.id, kind: 'department', name: '莲都区民政局' },
    testActor,
  );
  const qingtianDept = await createOrg(
    ctx,
    root,
    { parentId: qingtian.id, kind: 'department', name: '青田县市场监督管理局' },
    testActor,
  );
  const lianduAdmin = await makeStaff(ctx, root, {
    username: 'liandu.admin',
    displayName: '莲都管理员',
    orgId: lianduDept.id,
    roles: [{ code: 'sysadmin', scope: 'org', scopeOrgId: liandu.id }],
  });
  const qingtianAdmin = await makeStaff(ctx, root, {
    username: 'qingtian.admin',
    displayName: '青田管理员',
    orgId: qingtianDept.id,
    roles: [{ code: 'sysadmin', scope: 'org', scopeOrgId: qingtian.id }],
  });
  const securityAdmin = await makeStaff(ctx, root, {
    username: 'security.admin',
    displayName: '安全管理员',
    orgId: first.orgId,
    roles: [{ code: 'secadmin' }],
  });
  const auditAdmin = await makeStaff(ctx, root, {
    username: 'audit.admin',
    displayName: '审计管理员',
    orgId: first.orgId,
    roles: [{ code: 'auditadmin' }],
  });
  const qingtianStaff = await makeStaff(ctx, root, {
    username: 'qingtian.staff',
    displayName: '林海峰',
    orgId: qingtianDept.id,
    phone: '13957800014',
    roles: [{ code: 'staff', scope: 'org', scopeOrgId: qingtianDept.id }],
  });
  return {
    password: TEST_PASSWORD,
    city: { id: first.orgId },
    liandu,
    qingtian,
    lianduDept,
    qingtianDept,
    platformAdmin: { id: first.userId, username: 'platform.admin' },
    lianduAdmin,
    qingtianAdmin,
    securityAdmin,
    auditAdmin,
    qingtianStaff,
  };
}
