// Application drafts: save a partly filled form and chosen materials, come back later.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import {
  DraftBodySchema,
  DraftListSchema,
  DraftUpdateBodySchema,
  DraftViewSchema,
  IdParamsSchema,
} from '../licensing.schemas.ts';
import { deleteDraft } from '../use-cases/delete-draft.ts';
import { getDraft, listMyDrafts } from '../use-cases/get-draft.ts';
import { saveDraft } from '../use-cases/save-draft.ts';

const tags = ['网上申请'];

export function registerDraftRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const limited = { rateLimit: { max: ctx.config.ratePublicPerMinute, timeWindow: 60_000 } };

  r.get(
    '/api/v1/application-drafts',
    {
      schema: { tags, summary: '我的申请草稿', response: { 200: DraftListSchema, ...errorResponses(401) } },
    },
    async (req) => listMyDrafts(ctx, req.principal),
  );

  r.post(
    '/api/v1/application-drafts',
    {
      config: limited,
      schema: {
        tags,
        summary: '保存申请草稿（仅检查大小和结构，提交时再完整校验）',
        body: DraftBodySchema,
        response: { 201: DraftViewSchema, ...errorResponses(400, 401, 403, 404, 422, 429) },
      },
    },
    async (req, reply) => reply.status(201).send(await saveDraft(ctx, req.principal, req.body, actorOf(req))),
  );

  r.get(
    '/api/v1/application-drafts/:id',
    {
      schema: {
        tags,
        summary: '申请草稿详情',
        params: IdParamsSchema,
        response: { 200: DraftViewSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => getDraft(ctx, req.principal, req.params.id),
  );

  r.put(
    '/api/v1/application-drafts/:id',
    {
      config: limited,
      schema: {
        tags,
        summary: '更新申请草稿',
        params: IdParamsSchema,
        body: DraftUpdateBodySchema,
        response: { 200: DraftViewSchema, ...errorResponses(400, 401, 403, 404, 422, 429) },
      },
    },
    async (req) => saveDraft(ctx, req.principal, { ...req.body, draftId: req.params.id }, actorOf(req)),
  );

  r.delete(
    '/api/v1/application-drafts/:id',
    {
      schema: {
        tags,
        summary: '删除申请草稿',
        params: IdParamsSchema,
        response: { 204: { type: 'null' }, ...errorResponses(400, 401, 404) },
      },
    },
    async (req, reply) => {
      await deleteDraft(ctx, req.principal, req.params.id, actorOf(req));
      return reply.status(204).send(null);
    },
  );
}
