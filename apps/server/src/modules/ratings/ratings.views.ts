// How a rating is shown to staff and to the rater. The rater's identity is not part of it.

import type { RatingView } from '../../../../shared/ratings.ts';
import type { Queryable } from '../../platform/db/pool.ts';
import { isBad, LEVEL_NAMES, RECTIFICATION_STATUS_NAMES } from './ratings.model.ts';
import { findRating, type RatingRow } from './ratings.repository.ts';

export type { RatingView };

export function ratingView(r: RatingRow): RatingView {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    caseType: r.case_type,
    subject: r.subject,
    orgId: r.org_id,
    orgName: r.org_name ?? '',
    score: r.score,
    levelName: LEVEL_NAMES[r.score] ?? '',
    bad: isBad(r.score),
    comment: r.comment,
    indicators: {
      efficiency: r.efficiency,
      guideAccuracy: r.guide_accuracy,
      convenience: r.convenience,
      usability: r.usability,
    },
    ratedOn: r.rated_on,
    createdAt: r.created_at.toISOString(),
    rectification:
      r.rectification_status === 'none'
        ? null
        : {
            caseId: r.rectification_case_id,
            caseNumber: r.rectification_case_number ?? null,
            status: r.rectification_status,
            statusName: RECTIFICATION_STATUS_NAMES[r.rectification_status],
            deadline: r.rectification_deadline ?? null,
            note: r.rectification_note,
            followupNote: r.followup_note,
            rectifiedAt: r.rectified_at?.toISOString() ?? null,
          },
  };
}

export async function toRatingView(db: Queryable, id: string): Promise<RatingView | null> {
  const r = await findRating(db, id);
  return r ? ratingView(r) : null;
}
