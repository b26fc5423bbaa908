// Site health API: a site's latest check (site administrators in scope), an on-demand check, and the
// cluster overview.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import {
  HealthOverviewSchema,
  HealthParamsSchema,
  RunQueuedSchema,
  SiteHealthSchema,
} from './health.schemas.ts';
import { getSiteHealth, healthOverview, requestHealthCheck } from './read-health.ts';

const tags = ['网站群'];

export function registerHealthApi(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/sites/:id/health',
    {
      schema: {
        tags,
        summary: '网站健康检查结果（按《政府网站与政务新媒体检查指标》：单项否决、扣分、预警）',
        params: HealthParamsSchema,
        response: { 200: SiteHealthSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => getSiteHealth(ctx, req.principal, req.params.id),
  );

  r.post(
    '/api/v1/sites/:id/health/run',
    {
      schema: {
        tags,
        summary: '立即检查网站（排队执行；已有排队或进行中的检查时不重复发起）',
        params: HealthParamsSchema,
        response: { 202: RunQueuedSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await requestHealthCheck(ctx, req.principal, req.params.id, actorOf(req))),
  );

  r.get(
    '/api/v1/health/overview',
    {
      schema: {
        tags,
        summary: '网站群健康总览：管理范围内各网站的结论和问题数',
        response: { 200: HealthOverviewSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => healthOverview(ctx, req.principal),
  );
}
