// 好差评 API (ratings module, H4): the ratings of cases in scope with the rectification of bad ones,
// and the per-unit results the platform publishes.
import type { RatingView, RectificationStatus } from '../../../../shared/ratings.ts';
import { http } from '../../api/client.ts';

export {
  RATING_INDICATORS,
  RATING_LEVEL_NAMES,
  RATING_SCORES,
  RECTIFICATION_STATUS_NAMES,
  type RectificationStatus,
} from '../../../../shared/ratings.ts';

/** A rating as GET /ratings lists it. */
export type Rating = RatingView;

export interface RatingQuery {
  period?: string;
  orgId?: string;
  bad?: boolean;
  score?: number;
  q?: string;
  rectification?: RectificationStatus;
  page: number;
  pageSize: number;
}

export interface UnitResults {
  period: string;
  periodName: string;
  from: string;
  to: string;
  total: {
    count: number;
    satisfiedCount: number;
    satisfactionRate: number;
    badCount: number;
    rectifiedCount: number;
  };
  items: {
    orgId: string;
    orgName: string;
    count: number;
    satisfiedCount: number;
    satisfactionRate: number;
    satisfactionText: string;
    averageScore: number;
    badCount: number;
    rectifiedCount: number;
    rectificationRate: number;
  }[];
}

export const ratingsApi = {
  list: (query: RatingQuery, signal?: AbortSignal) =>
    http.get<{ items: Rating[]; total: number }>('/ratings', { ...query }, { signal }),
  unitResults: (period: string | undefined, signal?: AbortSignal) =>
    http.get<UnitResults>('/public/ratings/units', { period }, { signal }),
};
