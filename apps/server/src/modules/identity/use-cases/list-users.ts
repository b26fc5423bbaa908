// A page of the accounts the caller may read: staff of organisations in reach, and citizens and
// enterprises only for platform-wide readers. Phone numbers come back masked.
import type { AppContext } from '../../../platform/context.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { pageWindow } from '../../../platform/http/pagination.ts';
import { orgInReach, type Principal, requireReach } from '../../../platform/http/principal.ts';
import { findOrg, listAssignments, listUsersInReach } from '../identity.repository.ts';
import { toUserView, type UserView } from '../identity.views.ts';

export interface ListUsersInput {
  orgId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export async function listUsers(
  ctx: AppContext,
  principal: Principal | null,
  input: ListUsersInput,
): Promise<{ items: UserView[]; total: number; page: number; pageSize: number }> {
  const reach = requireReach(principal, 'user.read');
  const { page, pageSize, offset } = pageWindow(input);
  let underPath: string | undefined;
  if (input.orgId) {
    const org = await findOrg(ctx.pool, input.orgId);
    if (!org || !orgInReach(reach, org.path))
      throw platformErrors.NOT_FOUND('orgId', '机构不存在或不在您的管理范围内');
    underPath = org.path;
  }
  const q = input.q?.trim();
  const { rows, total } = await listUsersInReach(ctx.pool, reach, {
    selfId: (principal as Principal).userId,
    underPath,
    q: q || undefined,
    limit: pageSize,
    offset,
  });
  const assignments = await listAssignments(
    ctx.pool,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toUserView(ctx, r, assignments)), total, page, pageSize };
}
