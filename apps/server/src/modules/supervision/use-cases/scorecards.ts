// Department scorecards (绩效评估) per month or quarter, and the published ranking. Per unit (the
// owning unit of the cases): cases completed in the period, the on-time rate, anomalies detected in
// the period, 好差评 satisfaction, the combined score, grade and rank (formula in supervision.rules.ts).
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import { BAD_SCORES } from '../../../../../shared/ratings.ts';
import type { AppContext } from '../../../platform/context.ts';
import { many } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { monthOf, type Period, parsePeriod } from '../period.ts';
import { supervisionErrors } from '../supervision.errors.ts';
import { combinedScore, gradeOf, SCORE_WEIGHTS } from '../supervision.rules.ts';
import { type Scope, SqlParams, supervisionScope } from '../supervision.scope.ts';

export const SCORE_FORMULA =
  `综合得分 = 按期办结率 × ${SCORE_WEIGHTS.onTime * 100}% + 好差评好评率 × ${SCORE_WEIGHTS.ratings * 100}% + 无异常率 × ${SCORE_WEIGHTS.clean * 100}%` +
  '（无异常率 = 1 − 异常数 ÷ 办结件数，最低为 0；某项无数据时不计入，其余权重按比例放大）；' +
  '90 分及以上为优秀，80 分及以上为良好，60 分及以上为合格，60 分以下为不合格。';

export interface Scorecard {
  rank: number;
  orgId: string;
  orgName: string;
  completed: number;
  timed: number;
  onTime: number;
  onTimeRate: number | null;
  anomalies: number;
  ratings: number;
  ratingAverage: number | null;
  badRatings: number;
  satisfaction: number | null;
  score: number;
  grade: string;
}

/** The period asked for (default: the current month); a future or malformed one is refused. */
export function periodFor(ctx: AppContext, code: string | undefined): Period {
  const today = shanghaiDate(ctx.clock.now());
  const p = parsePeriod(code ?? monthOf(today));
  if (!p || p.from > today) throw supervisionErrors.PERIOD_INVALID('period');
  return p;
}

const rate = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10000) / 10000 : null);

export async function computeScorecards(ctx: AppContext, scope: Scope, period: Period): Promise<Scorecard[]> {
  const p = new SqlParams();
  const from = p.add(period.from);
  const to = p.add(period.to);
  const resultScope = p.scope(scope, 'r.org_path');
  const anomalyScope = p.scope(scope, 'c.org_path');
  const ratingScope = p.scope(scope, 'g.org_path');
  const badScores = p.add([...BAD_SCORES]);
  const rows = await many<{
    org_id: string;
    org_name: string;
    completed: number;
    timed: number;
    on_time: number;
    anomalies: number;
    ratings: number;
    rating_avg: number | null;
    bad: number;
  }>(
    ctx.pool,
    `WITH done AS (
       SELECT r.org_id, count(*)::int AS completed, count(r.on_time)::int AS timed,
              count(*) FILTER (WHERE r.on_time)::int AS on_time
       FROM sup_case_result r
       WHERE r.completed_on BETWEEN ${from}::date AND ${to}::date AND ${resultScope}
       GROUP BY r.org_id),
     anom AS (
       SELECT c.org_id, count(*)::int AS anomalies
       FROM sup_anomaly a JOIN wf_case c ON c.id = a.case_id
       WHERE (a.detected_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from}::date AND ${to}::date AND ${anomalyScope}
       GROUP BY c.org_id),
     rat AS (
       SELECT g.org_id, count(*)::int AS ratings, avg(g.score)::float8 AS rating_avg,
              count(*) FILTER (WHERE g.score = ANY(${badScores}::int[]))::int AS bad
       FROM rtg_rating g
       WHERE g.rated_on BETWEEN ${from}::date AND ${to}::date AND ${ratingScope}
       GROUP BY g.org_id),
     units AS (SELECT org_id FROM done UNION SELECT org_id FROM anom UNION SELECT org_id FROM rat)
     SELECT u.org_id, o.name AS org_name, coalesce(d.completed, 0) AS completed, coalesce(d.timed, 0) AS timed,
            coalesce(d.on_time, 0) AS on_time, coalesce(a.anomalies, 0) AS anomalies,
            coalesce(r.ratings, 0) AS ratings, r.rating_avg, coalesce(r.bad, 0) AS bad
     FROM units u JOIN idn_org o ON o.id = u.org_id
     LEFT JOIN done d ON d.org_id = u.org_id LEFT JOIN anom a ON a.org_id = u.org_id LEFT JOIN rat r ON r.org_id = u.org_id`,
    p.values,
  );
  const cards = rows.map((r) => {
    const onTimeRate = rate(r.on_time, r.timed);
    const satisfaction = rate(r.ratings - r.bad, r.ratings);
    const clean = Math.max(0, 1 - r.anomalies / Math.max(r.completed, 1));
    const score = combinedScore({
      onTime: onTimeRate === null ? null : onTimeRate * 100,
      ratings: satisfaction === null ? null : satisfaction * 100,
      clean: clean * 100,
    });
    return {
      rank: 0,
      orgId: r.org_id,
      orgName: r.org_name,
      completed: r.completed,
      timed: r.timed,
      onTime: r.on_time,
      onTimeRate,
      anomalies: r.anomalies,
      ratings: r.ratings,
      ratingAverage: r.rating_avg === null ? null : Math.round(r.rating_avg * 100) / 100,
      badRatings: r.bad,
      satisfaction,
      score,
      grade: gradeOf(score),
    };
  });
  return ranked(cards);
}

/** Sorted by score; equal scores share a rank (1, 2, 2, 4). */
function ranked<T extends { rank: number; score: number; completed: number; orgName: string }>(
  cards: T[],
): T[] {
  const out = [...cards].sort(
    (a, b) => b.score - a.score || b.completed - a.completed || a.orgName.localeCompare(b.orgName, 'zh'),
  );
  out.forEach((c, i) => {
    const prev = out[i - 1];
    c.rank = prev && prev.score === c.score ? prev.rank : i + 1;
  });
  return out;
}

export async function getScorecards(
  ctx: AppContext,
  principal: Principal | null | undefined,
  q: { period?: string; orgId?: string },
) {
  const scope = await supervisionScope(ctx, principal, q.orgId);
  const period = periodFor(ctx, q.period);
  return {
    period: { code: period.code, name: period.name, from: period.from, to: period.to },
    formula: SCORE_FORMULA,
    items: await computeScorecards(ctx, scope, period),
  };
}

/**
 * The published ranking (结果公开): every unit with cases completed in the period, without anything
 * about individual cases or applicants.
 */
export async function publicRanking(ctx: AppContext, q: { period?: string }) {
  const period = periodFor(ctx, q.period);
  const cards = await computeScorecards(ctx, { reach: { all: true }, orgPath: null }, period);
  return {
    period: { code: period.code, name: period.name, from: period.from, to: period.to },
    formula: SCORE_FORMULA,
    items: ranked(cards.filter((c) => c.completed > 0)).map((c) => ({
      rank: c.rank,
      orgName: c.orgName,
      completed: c.completed,
      onTimeRate: c.onTimeRate,
      satisfaction: c.satisfaction,
      anomalies: c.anomalies,
      score: c.score,
      grade: c.grade,
    })),
  };
}
