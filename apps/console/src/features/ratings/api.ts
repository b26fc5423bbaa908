// 好差评 API (ratings module, H4): the ratings of cases in scope with the rectification of bad ones,
// and the per-unit results the platform publishes.
import { http } from '../../api/client.ts';

export type RectificationStatus = 'none' | 'open' | 'rectified';

export interface Rating {
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
