// 好差评 (国办发〔2019〕51号): five levels, the lower two are 差评 and open a rectification (整改) for
// the rated unit; four indicators may be rated besides the overall level. And a rating as staff see
// it (GET /api/v1/ratings); the rater's identity is never part of it.

/** Level names by score, 5 (best) to 1. */
export const RATING_LEVEL_NAMES: Record<number, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

/** The scores from best to worst. */
export const RATING_SCORES: readonly number[] = [5, 4, 3, 2, 1];

/** 差评: 不满意 (2) and 非常不满意 (1). */
export function isBad(score: number): boolean {
  return score <= 2;
}

/** The 差评 scores, for SQL filters and counts (`score = ANY($n::int[])`). */
export const BAD_SCORES: readonly number[] = RATING_SCORES.filter(isBad);

export const RATING_INDICATORS = {
  efficiency: '办事效率',
  guideAccuracy: '办事指南精确度',
  convenience: '办事便捷度',
  usability: '平台操作性',
} as const;
export type IndicatorKey = keyof typeof RATING_INDICATORS;

export type RectificationStatus = 'none' | 'open' | 'rectified';
export const RECTIFICATION_STATUS_NAMES: Record<RectificationStatus, string> = {
  none: '无需整改',
  open: '整改中',
  rectified: '已整改',
};

export interface RatingView {
  id: string;
  caseId: string;
  caseNumber: string;
  caseType: string;
  subject: string;
  orgId: string;
  orgName: string;
  score: number;
  /** 非常满意 … 非常不满意. */
  levelName: string;
  /** 差评. */
  bad: boolean;
  comment: string;
  indicators: Record<IndicatorKey, number | null>;
  ratedOn: string;
  createdAt: string;
  /** The rectification of a bad rating; null when none was needed. */
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
