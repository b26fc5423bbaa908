// How a rating is shown to staff and to the rater. The rater's identity is not part of it.
import type { Queryable } from '../../platform/db/pool.ts';
import { isBad, LEVEL_NAMES, RECTIFICATION_STATUS_NAMES, type RectificationStatus } from './ratings.model.ts';
import { findRating, type RatingRow } from './ratings.repository.ts';

export interface RatingView {
  id: string;
  caseId: string;
  caseNumber: string;
  caseType: string;
  subject: string;
  orgId: string;
  orgName: string;
  score: number;
  levelName: string;
  bad: boolean;
  comment: string;
  indicators: {
    efficiency: number | null;
    guideAccuracy: number | null;
    convenience: number | null;
    usability: number | null;
  };
  ratedOn: string;
  createdAt: string;
  rectification: {
    caseId: string | null;
    caseNumber: string | null;
    status: RectificationStatus;
    statusName: string;
    deadline: string | null;
    note: string | null;
    followupNote: string | null;
    rectifiedAt: string | null;
  } | null;
}

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
