// Published results per unit (评价结果向社会公开): counts, satisfaction rate, bad ratings and how many
// of them were rectified. No rater, comment or case is published.
import { addCalendarDays, shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { ratingErrors } from '../ratings.errors.ts';
import { unitResults } from '../ratings.repository.ts';

export interface UnitResult {
  orgId: string;
  orgName: string;
  count: number;
  /** 非常满意 + 满意 + 基本满意 */
  satisfiedCount: number;
  /** satisfiedCount / count, 0–1, 4 decimals. */
  satisfactionRate: number;
  /** e.g. '96.5%' */
  satisfactionText: string;
  averageScore: number;
  badCount: number;
  rectifiedCount: number;
  /** rectifiedCount / badCount (1 when there was no bad rating). */
  rectificationRate: number;
}

export interface UnitResults {
  period: string;
  periodName: string;
  from: string;
  /** Last day included. */
  to: string;
  total: {
    count: number;
    satisfiedCount: number;
    satisfactionRate: number;
    satisfactionText: string;
    badCount: number;
    rectifiedCount: number;
  };
  items: UnitResult[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const YEAR = /^(\d{4})$/;

/** 'YYYY-MM' or 'YYYY' → [from, to) dates. */
export function periodRange(period: string): { from: string; to: string; name: string } {
  const m = MONTH.exec(period);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
    return { from: `${period}-01`, to: next, name: `${y}年${mo}月` };
  }
  const yr = YEAR.exec(period);
  if (yr && Number(yr[1]) >= 2000)
    return { from: `${period}-01-01`, to: `${Number(period) + 1}-01-01`, name: `${period}年` };
  throw ratingErrors.PERIOD_INVALID('period');
}

export function currentPeriod(ctx: AppContext): string {
  return shanghaiDate(ctx.clock.now()).slice(0, 7);
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * 满意率 =（非常满意 + 满意 + 基本满意）÷ 评价总数, the one computation behind the API and the public
 * page: a 0–1 rate to 4 decimals and its text to one decimal ('66.7%'); 0 when nobody rated.
 */
export function satisfaction(satisfiedCount: number, count: number): { rate: number; text: string } {
  const rate = count ? satisfiedCount / count : 0;
  return { rate: round4(rate), text: `${(Math.round(rate * 1000) / 10).toFixed(1)}%` };
}

export async function publishedUnitResults(ctx: AppContext, period?: string): Promise<UnitResults> {
  const p = period || currentPeriod(ctx);
  const range = periodRange(p);
  const rows = await unitResults(ctx.pool, range.from, range.to);
  const items = rows
    .map((r) => {
      const rate = satisfaction(r.satisfied, r.count);
      return {
        orgId: r.org_id,
        orgName: r.org_name,
        count: r.count,
        satisfiedCount: r.satisfied,
        satisfactionRate: rate.rate,
        satisfactionText: rate.text,
        averageScore: Math.round((r.score_sum / r.count) * 100) / 100,
        badCount: r.bad,
        rectifiedCount: r.rectified,
        rectificationRate: r.bad ? round4(r.rectified / r.bad) : 1,
      };
    })
    // Best satisfaction first; more ratings break ties (a rate over more cases says more).
    .sort(
      (a, b) =>
        b.satisfactionRate - a.satisfactionRate ||
        b.count - a.count ||
        a.orgName.localeCompare(b.orgName, 'zh'),
    );
  const count = items.reduce((s, i) => s + i.count, 0);
  const satisfiedCount = items.reduce((s, i) => s + i.satisfiedCount, 0);
  const rate = satisfaction(satisfiedCount, count);
  return {
    period: p,
    periodName: range.name,
    from: range.from,
    to: addCalendarDays(range.to, -1),
    total: {
      count,
      satisfiedCount,
      satisfactionRate: rate.rate,
      satisfactionText: rate.text,
      badCount: items.reduce((s, i) => s + i.badCount, 0),
      rectifiedCount: items.reduce((s, i) => s + i.rectifiedCount, 0),
    },
    items,
  };
}
