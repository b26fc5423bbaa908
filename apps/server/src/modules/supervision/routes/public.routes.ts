// The published ranking (绩效考核结果公开): a JSON route and a portal page, both anonymous and
// rate-limited like other public routes; the page is shared through the portal's page cache.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import { sendPortalPage } from '../../portal/index.ts';
import { recentPeriods } from '../period.ts';
import { PublicRankingQuery, PublicRankingSchema } from '../supervision.schemas.ts';
import { periodFor, publicRanking } from '../use-cases/scorecards.ts';

const percent = (v: number | null) => (v === null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);

export function registerPublicSupervisionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const rateLimit = { max: ctx.config.ratePublicPerMinute, timeWindow: 60_000 };

  r.get(
    '/api/v1/public/supervision/ranking',
    {
      config: { rateLimit },
      schema: {
        tags: ['电子监察'],
        summary: '各单位绩效考核排名（公开，不含办件和申请人信息）',
        querystring: PublicRankingQuery,
        response: { 200: PublicRankingSchema, ...errorResponses(400, 422, 429) },
      },
    },
    async (req) => publicRanking(ctx, req.query),
  );

  app.get('/supervision/ranking', { schema: { hide: true }, config: { rateLimit } }, async (req, reply) => {
    const raw = (req.query as Record<string, unknown>).period;
    let code = typeof raw === 'string' ? raw.trim() : '';
    // A period that is not one, or has not begun, is named on the page, and the current one shown.
    let notice: string | null = null;
    try {
      code = periodFor(ctx, code || undefined).code;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      notice = `无法识别考核期“${code.slice(0, 20)}”（${e.message}），下面是本期的排名。`;
      code = periodFor(ctx, undefined).code;
    }
    const today = shanghaiDate(ctx.clock.now());
    return sendPortalPage(ctx, req, reply, {
      page: 'supervision/ranking',
      // Only well-formed addresses share the page cache; a notice echoes what this visitor typed.
      ...(notice ? {} : { cacheAs: `/supervision/ranking?period=${code}` }),
      data: async () => {
        const ranking = await publicRanking(ctx, { period: code });
        return {
          title: `政务服务绩效考核排名（${ranking.period.name}）`,
          columnName: '政务服务',
          ranking: {
            ...ranking,
            items: ranking.items.map((i) => ({
              ...i,
              onTimeText: percent(i.onTimeRate),
              satisfactionText: percent(i.satisfaction),
              scoreText: i.score.toFixed(1),
            })),
          },
          periods: recentPeriods(today).map((p) => ({
            value: p.code,
            name: p.name,
            selected: p.code === code,
          })),
          notice,
        };
      },
    });
  });
}
