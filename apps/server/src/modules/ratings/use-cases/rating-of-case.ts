// What the applicant's pages need: whether a case can be rated, and the rating given.
import type { Queryable } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import type { CaseRecord } from '../../workflow/index.ts';
import { findRatingOfCase } from '../ratings.repository.ts';
import { type RatingView, ratingView } from '../ratings.views.ts';

/** The rating of a case (for its applicant or staff who may read the case), or null. */
export async function ratingOfCase(db: Queryable, caseId: string): Promise<RatingView | null> {
  const r = await findRatingOfCase(db, caseId);
  return r ? ratingView(r) : null;
}

/** True when the principal is the case's applicant, the case is completed and not yet rated. */
export async function canRateCase(
  db: Queryable,
  principal: Principal | null | undefined,
  c: CaseRecord,
): Promise<boolean> {
  if (!principal || !c.applicantUserId || c.applicantUserId !== principal.userId) return false;
  if (c.status !== 'completed') return false;
  return !(await findRatingOfCase(db, c.id));
}
