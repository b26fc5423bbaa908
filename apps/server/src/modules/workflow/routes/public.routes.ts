// The public status lookup (办件查询) by case number and query code.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import { lookupPublicCase } from '../use-cases/public-lookup.ts';
import { PublicCaseSchema, PublicLookupQuery } from '../workflow.schemas.ts';

export function registerPublicCaseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/public/cases',
    {
      config: { rateLimit: { max: ctx.config.ratePublicPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['办件查询'],
        summary: '凭办件编号和查询码查询办理进度（不含个人信息）',
        querystring: PublicLookupQuery,
        response: { 200: PublicCaseSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return lookupPublicCase(ctx, req.query);
    },
  );
}
