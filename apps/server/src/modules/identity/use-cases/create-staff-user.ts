// A system administrator opens a staff account in an organisation inside their user.manage reach.
// Roles are granted separately by a security administrator (三员分立).
import type { Actor } from '../../../platform/audit/audit.ts';
import { diffFields } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { hashPassword } from '../../../platform/crypto/password.ts';
import { newId } from '../../../platform/db/ids.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { maskMobile } from '../../../platform/ids/mask.ts';
import { identityErrors } from '../identity.errors.ts';
import { findOrg, findUser, insertUser, listAssignments, usernameExists } from '../identity.repository.ts';
import { checkMobile, checkPassword, checkPersonName, checkUsername, Problems } from '../identity.rules.ts';
import { requireOrgReach } from '../identity.scope.ts';
import { toUserView, type UserView } from '../identity.views.ts';
import { mapUniqueViolation } from '../unique-violation.ts';

export interface CreateStaffUserInput {
  username: string;
  displayName: string;
  orgId: string;
  password: string;
  phone?: string;
  email?: string;
}

export async function createStaffUser(
  ctx: AppContext,
  principal: Principal | null,
  input: CreateStaffUserInput,
  actor: Actor,
  opts: { mustChangePassword?: boolean } = {},
): Promise<UserView> {
  const org = await findOrg(ctx.pool, input.orgId);
  requireOrgReach(principal, 'user.manage', org, ['user.read', 'org.read']);
  const p = new Problems();
  const username = input.username.trim();
  checkUsername(p, username);
  const displayName = checkPersonName(p, input.displayName, 'displayName');
  checkPassword(p, input.password, username);
  const phone = input.phone ? checkMobile(p, input.phone, 'phone') : null;
  p.throwIfAny();
  if (await usernameExists(ctx.pool, username)) throw identityErrors.USERNAME_TAKEN('username');

  const passwordHash = await hashPassword(input.password);
  const id = newId();
  const email = input.email?.trim() || null;
  try {
    return await withTx(ctx.pool, async (tx) => {
      await insertUser(tx, {
        id,
        username,
        kind: 'staff',
        displayName,
        orgId: org.id,
        passwordHash,
        // The administrator chose this password and knows it: the user replaces it at first sign-in
        // (GB/T 22239 身份鉴别 a). Only the test factory turns this off.
        mustChangePassword: opts.mustChangePassword ?? true,
        phoneEnc: phone ? ctx.pii.encrypt(phone) : null,
        phoneHash: phone ? ctx.pii.blindIndex('mobile', phone) : null,
        email,
        now: ctx.clock.now(),
      });
      await ctx.audit.record(tx, actor, {
        action: 'user.create',
        objectType: 'user',
        objectId: id,
        summary: `新建工作人员账号 ${username}（${displayName}，${org.name}）`,
        changes: diffFields(
          null,
          { username, displayName, orgId: org.id, phone, email },
          { phone: maskMobile },
        ),
      });
      await ctx.events.emit(tx, {
        type: 'identity.user_created',
        aggregateType: 'user',
        aggregateId: id,
        payload: { kind: 'staff', orgId: org.id },
        actorId: actor.userId,
      });
      const row = await findUser(tx, id);
      return toUserView(ctx, row!, await listAssignments(tx, [id]));
    });
  } catch (e) {
    throw mapUniqueViolation(e);
  }
}
