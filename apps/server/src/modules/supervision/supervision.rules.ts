// The rules of electronic supervision in one place: levels (DOMAIN §2.6: yellow warning, red
// correction), the anomaly kinds and when each applies, and the scorecard formula.
import type { Level } from '../../../../shared/levels.ts';

export { LEVEL_NAMES } from '../../../../shared/levels.ts';
export type { Level };
export const LEVEL_RANK: Record<Level, number> = { green: 0, yellow: 1, red: 2 };

/**
 * The level of a running case or step on `day`: red once the day is past the due date (promised
 * deadline, or the legal one when nothing was promised), yellow from the warning day (computed by
 * the engine: the configured share of the time used, or one working day left), green before.
 */
export function levelOn(due: string | null, warnOn: string | null, day: string): Level {
  if (due && day > due) return 'red';
  if (warnOn && day >= warnOn) return 'yellow';
  return 'green';
}

export type AnomalyKind =
  | 'refused_without_reason'
  | 'missing_acceptance'
  | 'fee_mismatch'
  | 'step_overdue'
  | 'legal_overdue';

export const ANOMALY_KINDS: readonly AnomalyKind[] = [
  'refused_without_reason',
  'missing_acceptance',
  'fee_mismatch',
  'step_overdue',
  'legal_overdue',
];

export const ANOMALY_NAMES: Record<AnomalyKind, string> = {
  refused_without_reason: '不予受理或不予许可未说明理由',
  missing_acceptance: '未经受理作出决定',
  fee_mismatch: '未按标准收费',
  step_overdue: '环节超时（总时限未超）',
  legal_overdue: '超过法定时限',
};

/** Action keys that refuse the applicant (不予受理, 不予许可, 不同意 …). */
export const REFUSAL_ACTIONS: ReadonlySet<string> = new Set(['reject', 'deny', 'refuse', 'not-accept']);
/** Case outcomes that refuse the applicant; the action that led there must carry reasons. */
export const REFUSAL_OUTCOMES: ReadonlySet<string> = new Set([
  'not_accepted',
  'denied',
  'rejected',
  'refused',
]);
/** Outcomes that are a decision on the merits (准予 / 不予许可): only reachable after acceptance. */
export const DECISION_OUTCOMES: ReadonlySet<string> = new Set(['approved', 'denied']);
/** The acceptance action (受理) a decision requires when the process offers one. */
export const ACCEPT_ACTION = 'accept';

/**
 * Scorecard (绩效评估), per unit and period, each part on a 0–100 scale:
 *   on-time  = completed on or before the promised deadline / completed with a time limit;
 *   ratings  = share of 好差评 ratings that are not bad (3–5 stars) among the period's ratings;
 *   clean    = 100 × max(0, 1 − anomalies / max(completed, 1));
 *   score    = 0.6 × on-time + 0.2 × ratings + 0.2 × clean.
 * A part without data (no timed case, no rating) is left out and the remaining weights are scaled
 * up, so a unit is neither rewarded nor punished for what did not happen.
 */
export const SCORE_WEIGHTS = { onTime: 0.6, ratings: 0.2, clean: 0.2 } as const;

export function combinedScore(p: { onTime: number | null; ratings: number | null; clean: number }): number {
  const parts: [number, number][] = [[p.clean, SCORE_WEIGHTS.clean]];
  if (p.onTime !== null) parts.push([p.onTime, SCORE_WEIGHTS.onTime]);
  if (p.ratings !== null) parts.push([p.ratings, SCORE_WEIGHTS.ratings]);
  const weight = parts.reduce((s, [, w]) => s + w, 0);
  const score = parts.reduce((s, [v, w]) => s + v * w, 0) / weight;
  return Math.round(score * 10) / 10;
}

export type Grade = '优秀' | '良好' | '合格' | '不合格';

/** 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 不合格. */
export function gradeOf(score: number): Grade {
  if (score >= 90) return '优秀';
  if (score >= 80) return '良好';
  if (score >= 60) return '合格';
  return '不合格';
}
