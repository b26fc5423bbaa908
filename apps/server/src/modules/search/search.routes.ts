// GET /api/v1/search: public, read-only; published content only ever reaches the index.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http/pagination.ts';
import { SearchQuerySchema, SearchResultSchema } from './search.schemas.ts';
import { runSearch } from './use-cases/search-documents.ts';

export function registerSearchRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['搜索'],
        summary: '全站群搜索：文章、政策文件、信息公开目录、政务服务事项（中文分词，相关度与时效排序）',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, ...errorResponses(400) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return runSearch(ctx, req.query);
    },
  );
}
