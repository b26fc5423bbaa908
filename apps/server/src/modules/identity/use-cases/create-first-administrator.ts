// First start without demo data (ZT_DEMO=0): the CLI creates the platform root organisation and the
// first system administrator. It refuses once any system administrator exists, so it cannot be used
// to mint a second, unaudited administrator later.
import { type Actor, diffFields, systemActor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { hashPassword } from '../../../platform/crypto/password.ts';
import { newId } from '../../../platform/db/ids.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { parseRegionCode } from '../../../platform/ids/gb2260.ts';
import { identityErrors } from '../identity.errors.ts';
import {
  anyUserHoldsRole,
  findRoleByCode,
  findRootOrg,
  insertAssignment,
  insertOrg,
  insertUser,
  usernameExists,
} from '../identity.repository.ts';
import { checkOrgName, checkPassword, checkPersonName, checkUsername, Problems } from '../identity.rules.ts';
import { mapUniqueViolation } from '../unique-violation.ts';

export interface FirstAdministratorInput {
  username: string;
  password: string;
  displayName: string;
  /** Name of the platform root organisation when there is none yet. */
  orgName?: string;
  /** GB/T 2260 code of the root when it is a region (e.g. 331100); without it the root is a department. */
  regionCode?: string;
}

export async function createFirstAdministrator(
  ctx: AppContext,
  input: FirstAdministratorInput,
  actor: Actor = { ...systemActor, name: '系统初始化（命令行）' },
): Promise<{ userId: string; orgId: string }> {
  const p = new Problems();
  const username = input.username.trim();
  checkUsername(p, username);
  const displayName = checkPersonName(p, input.displayName, 'displayName');
  checkPassword(p, input.password, username);
  const orgName = checkOrgName(p, input.orgName ?? '本级政府', 'orgName');
  if (input.regionCode && !parseRegionCode(input.regionCode).ok) {
    p.add('REGION_CODE_INVALID', 'regionCode');
  }
  p.throwIfAny();
  if (await anyUserHoldsRole(ctx.pool, 'sysadmin')) throw identityErrors.SYSADMIN_EXISTS();
  if (await usernameExists(ctx.pool, username)) throw identityErrors.USERNAME_TAKEN('username');
  const hash = await hashPassword(input.password);
  const now = ctx.clock.now();
  try {
    return await withTx(ctx.pool, async (tx) => {
      // Serialises two initialisations started at once.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('zt.identity.first-admin'))`);
      if (await anyUserHoldsRole(tx, 'sysadmin')) throw identityErrors.SYSADMIN_EXISTS();
      let root = await findRootOrg(tx);
      if (!root) {
        root = await insertOrg(tx, {
          id: newId(),
          parent: null,
          kind: input.regionCode ? 'region' : 'department',
          name: orgName,
          regionCode: input.regionCode ?? null,
          creditCode: null,
          creditCodeNote: null,
          sortOrder: 0,
          now,
        });
        await ctx.audit.record(tx, actor, {
          action: 'org.create',
          objectType: 'org',
          objectId: root.id,
          summary: `初始化平台根机构“${orgName}”`,
          changes: diffFields(null, { name: orgName, kind: root.kind, regionCode: root.region_code }),
        });
      }
      const userId = newId();
      await insertUser(tx, {
        id: userId,
        username,
        kind: 'staff',
        displayName,
        orgId: root.id,
        passwordHash: hash,
        phoneEnc: null,
        phoneHash: null,
        email: null,
        now,
      });
      const role = await findRoleByCode(tx, 'sysadmin');
      if (!role) throw new Error('built-in role sysadmin is missing: migrations not applied');
      await insertAssignment(tx, {
        id: newId(),
        userId,
        roleId: role.id,
        scope: 'platform',
        scopeOrgId: null,
        grantedBy: null,
        now,
      });
      await ctx.audit.record(tx, actor, {
        action: 'user.create',
        objectType: 'user',
        objectId: userId,
        summary: `初始化第一个系统管理员账号 ${username}（${displayName}），范围：全平台`,
        changes: diffFields(null, {
          username,
          displayName,
          orgId: root.id,
          role: 'sysadmin',
          scope: 'platform',
        }),
      });
      return { userId, orgId: root.id };
    });
  } catch (e) {
    throw mapUniqueViolation(e);
  }
}
