// Staff list of ratings within the caller's rating.read reach, with the rectification state.
import type { AppContext } from '../../../platform/context.ts';
import { pageWindow } from '../../../platform/http/pagination.ts';
import { orgInReach, type Principal, requireReach } from '../../../platform/http/principal.ts';
import { orgPathOf } from '../../identity/index.ts';
import type { RectificationStatus } from '../ratings.model.ts';
import { listRatings } from '../ratings.repository.ts';
import { type RatingView, ratingView } from '../ratings.views.ts';
import { periodRange } from './unit-results.ts';

export interface ListRatingsQuery {
  period?: string;
  orgId?: string;
  bad?: boolean;
  score?: number;
  q?: string;
  rectification?: RectificationStatus;
  page?: number;
  pageSize?: number;
}

export async function listRatingsForStaff(
  ctx: AppContext,
  principal: Principal | null,
  q: ListRatingsQuery,
): Promise<{ items: RatingView[]; total: number; page: number; pageSize: number }> {
  const reach = requireReach(principal, 'rating.read');
  const { page, pageSize, offset } = pageWindow(q);
  const range = q.period ? periodRange(q.period) : null;
  let orgPath: string | null = null;
  if (q.orgId) {
    orgPath = await orgPathOf(ctx, q.orgId);
    if (!orgPath || !orgInReach(reach, orgPath)) return { items: [], total: 0, page, pageSize };
  }
  const { rows, total } = await listRatings(ctx.pool, reach, {
    from: range?.from ?? null,
    to: range?.to ?? null,
    orgPath,
    bad: q.bad,
    score: q.score,
    q: q.q?.trim() || undefined,
    rectification: q.rectification,
    offset,
    limit: pageSize,
  });
  return { items: rows.map(ratingView), total, page, pageSize };
}
