// The shapes the API returns for organisations, users, roles and assignments, built from rows.
// Personal data leaves here masked only.
import type { OrgView, RoleView, UserView } from '../../../../shared/identity.ts';
import type { AppContext } from '../../platform/context.ts';
import { maskMobile } from '../../platform/ids/mask.ts';
import type { AssignmentRow, OrgRow, RoleRow, UserRow } from './identity.repository.ts';
import type { SessionRole } from './session-cache.ts';

export type { OrgView, RoleView, UserView };

export function toOrgView(o: OrgRow): OrgView {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    parentId: o.parent_id,
    ...(o.region_code ? { regionCode: o.region_code } : {}),
    ...(o.credit_code ? { creditCode: o.credit_code } : {}),
    ...(o.credit_code_note ? { creditCodeNote: o.credit_code_note } : {}),
    depth: o.depth,
    sortOrder: o.sort_order,
  };
}

export function toRoleSummary(a: AssignmentRow): SessionRole {
  return {
    assignmentId: a.id,
    roleId: a.role_id,
    code: a.code,
    name: a.name,
    adminClass: a.admin_class,
    scope: a.scope,
    scopeOrgId: a.scope_org_id,
    scopeOrgName: a.scope_org_name,
  };
}

export function toUserView(ctx: AppContext, u: UserRow, assignments: readonly AssignmentRow[]): UserView {
  const now = ctx.clock.now();
  const locked = !!u.locked_until && u.locked_until > now;
  return {
    id: u.id,
    username: u.username,
    kind: u.kind,
    displayName: u.display_name,
    orgId: u.org_id,
    orgName: u.org_name,
    status: u.status,
    locked,
    lockedUntil: locked ? (u.locked_until as Date).toISOString() : null,
    phoneMasked: u.phone_enc ? maskMobile(ctx.pii.decrypt(u.phone_enc)) : null,
    email: u.email,
    totpEnabled: u.totp_enabled,
    mustChangePassword: u.must_change_password,
    roles: assignments.filter((a) => a.user_id === u.id).map(toRoleSummary),
    lastLoginAt: u.last_login_at?.toISOString() ?? null,
    createdAt: u.created_at.toISOString(),
  };
}

export function toRoleView(r: RoleRow): RoleView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    permissions: r.permissions,
    adminClass: r.admin_class,
    builtin: r.builtin,
  };
}
