// Edits an account: name, organisation (staff), contact details, and disabling or re-enabling it.
// Disabling ends every session at once.
import type { Actor } from '../../../platform/audit/audit.ts';
import { diffFields } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { maskMobile } from '../../../platform/ids/mask.ts';
import { identityErrors } from '../identity.errors.ts';
import {
  findOrg,
  findUser,
  findUserForUpdate,
  listAssignments,
  updateUserFields,
} from '../identity.repository.ts';
import { checkMobile, checkOrgName, checkPersonName, Problems } from '../identity.rules.ts';
import { requireOrgReach, requireUserReach } from '../identity.scope.ts';
import { toUserView, type UserView } from '../identity.views.ts';
import { endUserSessions, sessionCacheOf } from '../session-cache.ts';

export interface UpdateUserInput {
  displayName?: string;
  orgId?: string;
  status?: 'active' | 'disabled';
  phone?: string | null;
  email?: string | null;
}

export async function updateUser(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  input: UpdateUserInput,
  actor: Actor,
): Promise<UserView> {
  const current = await findUser(ctx.pool, id);
  requireUserReach(principal, 'user.manage', current);
  const me = principal as Principal;
  const p = new Problems();
  const displayName =
    input.displayName === undefined
      ? undefined
      : current.kind === 'enterprise'
        ? checkOrgName(p, input.displayName, 'displayName')
        : checkPersonName(p, input.displayName, 'displayName');
  let phone: string | null | undefined;
  if (input.phone === null || input.phone === '') phone = null;
  else if (input.phone !== undefined) phone = checkMobile(p, input.phone, 'phone');
  p.throwIfAny();
  if (input.status === 'disabled' && id === me.userId) {
    throw identityErrors.SELF_CHANGE('status', '不能停用自己的账号');
  }
  if (input.orgId !== undefined && input.orgId !== current.org_id) {
    if (current.kind !== 'staff') throw identityErrors.STAFF_ONLY('orgId', '只有工作人员账号属于组织机构');
    requireOrgReach(principal, 'user.manage', await findOrg(ctx.pool, input.orgId), [
      'user.read',
      'org.read',
    ]);
  }

  const now = ctx.clock.now();
  return withTx(ctx.pool, async (tx) => {
    const before = await findUserForUpdate(tx, id);
    requireUserReach(principal, 'user.manage', before);
    const set: Record<string, unknown> = {};
    if (displayName !== undefined) set.display_name = displayName;
    if (input.orgId !== undefined && before.kind === 'staff') set.org_id = input.orgId;
    if (input.status !== undefined) set.status = input.status;
    if (phone !== undefined) {
      set.phone_enc = phone ? ctx.pii.encrypt(phone) : null;
      set.phone_hash = phone ? ctx.pii.blindIndex('mobile', phone) : null;
    }
    if (input.email !== undefined) set.email = input.email?.trim() || null;
    set.updated_at = now;
    await updateUserFields(tx, id, set);

    const oldPhone = before.phone_enc ? ctx.pii.decrypt(before.phone_enc) : null;
    const changes = diffFields(
      {
        displayName: before.display_name,
        orgId: before.org_id,
        status: before.status,
        phone: oldPhone,
        email: before.email,
      },
      {
        displayName: displayName ?? before.display_name,
        orgId: (set.org_id as string | undefined) ?? before.org_id,
        status: input.status ?? before.status,
        phone: phone === undefined ? oldPhone : phone,
        email: input.email === undefined ? before.email : (set.email as string | null),
      },
      { phone: maskMobile },
    );
    let revoked = 0;
    if (input.status === 'disabled' && before.status !== 'disabled') {
      revoked = await endUserSessions(tx, ctx, id, 'disabled', now);
      await ctx.events.emit(tx, {
        type: 'identity.user_disabled',
        aggregateType: 'user',
        aggregateId: id,
        actorId: actor.userId,
      });
    }
    await ctx.audit.record(tx, actor, {
      action: input.status === 'disabled' && before.status !== 'disabled' ? 'user.disable' : 'user.update',
      objectType: 'user',
      objectId: id,
      summary:
        input.status === 'disabled' && before.status !== 'disabled'
          ? `停用账号 ${before.username}，结束会话 ${revoked} 个`
          : `修改账号 ${before.username}`,
      changes,
    });
    tx.afterCommit(() => sessionCacheOf(ctx).invalidateUser(id));
    const after = await findUser(tx, id);
    return toUserView(ctx, after!, await listAssignments(tx, [id]));
  });
}
