// 好差评 API: the applicant rates a completed case; staff list ratings and rectifications in scope;
// everyone sees the published per-unit results.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import {
  RatingListQuerySchema,
  RatingListSchema,
  RatingSchema,
  SubmitRatingBodySchema,
  UnitResultsQuerySchema,
  UnitResultsSchema,
} from '../ratings.schemas.ts';
import { listRatingsForStaff } from '../use-cases/list-ratings.ts';
import { submitRating } from '../use-cases/submit-rating.ts';
import { publishedUnitResults } from '../use-cases/unit-results.ts';

const tags = ['好差评'];

export function registerRatingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/v1/ratings',
    {
      schema: {
        tags,
        summary: '评价已办结的办件（一事一评；不满意、非常不满意为差评，转办理单位整改）',
        body: SubmitRatingBodySchema,
        response: { 201: RatingSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await submitRating(ctx, req.principal, req.body, actorOf(req))),
  );

  r.get(
    '/api/v1/ratings',
    {
      schema: {
        tags,
        summary: '管理范围内的评价及差评整改情况（不含评价人身份）',
        querystring: RatingListQuerySchema,
        response: { 200: RatingListSchema, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => listRatingsForStaff(ctx, req.principal, req.query),
  );

  r.get(
    '/api/v1/public/ratings/units',
    {
      config: { rateLimit: { max: ctx.config.ratePublicPerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '各单位好差评结果公开（评价数、满意率、差评数、整改数）',
        querystring: UnitResultsQuerySchema,
        response: { 200: UnitResultsSchema, ...errorResponses(400, 422, 429) },
      },
    },
    async (req) => publishedUnitResults(ctx, req.query.period),
  );
}
