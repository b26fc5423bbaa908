// The public results page (评价结果公开), server-rendered in the portal theme and shared between
// anonymous visitors for the page cache's lifetime.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { sendPortalPage } from '../../portal/index.ts';
import { currentPeriod, periodRange, publishedUnitResults } from '../use-cases/unit-results.ts';

/** The last twelve months, newest first, for the period selector. */
function recentMonths(latest: string): { value: string; name: string }[] {
  let y = Number(latest.slice(0, 4));
  let m = Number(latest.slice(5, 7));
  const out: { value: string; name: string }[] = [];
  for (let i = 0; i < 12; i++) {
    const value = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ value, name: `${y}年${m}月` });
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

export function registerRatingPages(app: FastifyInstance, ctx: AppContext): void {
  app.get('/ratings', { schema: { hide: true } }, async (req, reply) => {
    const raw = (req.query as Record<string, unknown>).period;
    const now = currentPeriod(ctx);
    let period = typeof raw === 'string' && raw.trim() ? raw.trim() : now;
    // A period that is not one (a mistyped link) is named on the page, and the current one shown.
    let notice: string | null = null;
    try {
      periodRange(period);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      notice = `无法识别统计期间“${period.slice(0, 20)}”（${e.message}），下面是本月的结果。`;
      period = now;
    }
    const months = recentMonths(now);
    const years = [Number(now.slice(0, 4)), Number(now.slice(0, 4)) - 1].map((y) => ({
      value: String(y),
      name: `${y}年全年`,
    }));
    return sendPortalPage(ctx, req, reply, {
      page: 'ratings/index',
      // Only well-formed addresses share the page cache; a notice echoes what this visitor typed.
      ...(notice ? {} : { cacheAs: `/ratings?period=${period}` }),
      data: async () => {
        const results = await publishedUnitResults(ctx, period);
        return {
          title: `政务服务好差评结果公开（${results.periodName}）`,
          columnName: '政务服务',
          results,
          periods: [...months, ...years].map((p) => ({ ...p, selected: p.value === period })),
          rateText: results.total.satisfactionText,
          notice,
        };
      },
    });
  });
}
