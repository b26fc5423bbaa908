// Sites and columns: public lists (the portal, other systems) and administration by site managers.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import { cmsErrors } from '../cms.errors.ts';
import { findSite, listSiteRows } from '../cms.repository.ts';
import {
  ColumnListSchema,
  ColumnSchema,
  CreateColumnBodySchema,
  CreateSiteBodySchema,
  IdParamsSchema,
  ManagedSiteListSchema,
  SiteListSchema,
  SiteSchema,
  SubscribeBodySchema,
  SubscriptionListSchema,
  SubscriptionSchema,
  UpdateColumnBodySchema,
  UpdateSiteBodySchema,
} from '../cms.schemas.ts';
import { toSiteView } from '../cms.views.ts';
import { listManagedSites } from '../use-cases/list-managed-sites.ts';
import {
  createColumn,
  createSite,
  deleteColumn,
  listColumnViews,
  updateColumn,
  updateSite,
} from '../use-cases/manage-sites.ts';
import { listSubscriptions, subscribeColumn, unsubscribeColumn } from '../use-cases/push-articles.ts';

const tags = ['网站群'];

export function registerSiteRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const publicLimit = { rateLimit: { max: ctx.config.ratePublicPerMinute, timeWindow: 60_000 } };

  r.get(
    '/api/v1/sites',
    {
      config: publicLimit,
      schema: {
        tags,
        summary: '开放的网站（城市门户、县区和部门网站）',
        response: { 200: SiteListSchema, ...errorResponses(429) },
      },
    },
    async () => ({ items: (await listSiteRows(ctx.pool, { openOnly: true })).map(toSiteView) }),
  );

  r.get(
    '/api/v1/sites/managed',
    {
      schema: {
        tags,
        summary: '我管理的网站（可编辑、审核或管理的网站，含本人在各网站的权限和角色）',
        description:
          '按登录工作人员的 cms.article.edit、cms.article.review、cms.site.manage 权限范围在服务器端计算，含已关闭的网站。没有网站权限的工作人员得到空列表。',
        response: { 200: ManagedSiteListSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => listManagedSites(ctx, req.principal),
  );

  r.get(
    '/api/v1/sites/:id',
    {
      config: publicLimit,
      schema: {
        tags,
        summary: '网站信息（含页脚标识）',
        params: IdParamsSchema,
        response: { 200: SiteSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (req) => {
      const site = await findSite(ctx.pool, req.params.id);
      if (site?.status !== 'open') throw cmsErrors.SITE_NOT_FOUND();
      return toSiteView(site);
    },
  );

  r.get(
    '/api/v1/sites/:id/columns',
    {
      config: publicLimit,
      schema: {
        tags,
        summary: '网站的栏目（树形结构以 parentId 表示）',
        params: IdParamsSchema,
        response: { 200: ColumnListSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (req) => {
      const site = await findSite(ctx.pool, req.params.id);
      if (site?.status !== 'open') throw cmsErrors.SITE_NOT_FOUND();
      return { items: (await listColumnViews(ctx, site.id)) ?? [] };
    },
  );

  r.post(
    '/api/v1/sites',
    {
      schema: {
        tags,
        summary: '新建网站（自动创建政府网站必备栏目）',
        body: CreateSiteBodySchema,
        response: { 201: SiteSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createSite(ctx, req.principal, req.body, actorOf(req))),
  );

  r.patch(
    '/api/v1/sites/:id',
    {
      schema: {
        tags,
        summary: '修改网站信息、域名、主题、页脚标识，或设为默认网站',
        params: IdParamsSchema,
        body: UpdateSiteBodySchema,
        response: { 200: SiteSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => updateSite(ctx, req.principal, req.params.id, req.body, actorOf(req)),
  );

  r.post(
    '/api/v1/sites/:id/columns',
    {
      schema: {
        tags,
        summary: '新建栏目',
        params: IdParamsSchema,
        body: CreateColumnBodySchema,
        response: { 201: ColumnSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createColumn(ctx, req.principal, req.params.id, req.body, actorOf(req))),
  );

  r.patch(
    '/api/v1/columns/:id',
    {
      schema: {
        tags,
        summary: '修改栏目（名称、类型、更新周期、审核级数、上级栏目…）',
        params: IdParamsSchema,
        body: UpdateColumnBodySchema,
        response: { 200: ColumnSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => updateColumn(ctx, req.principal, req.params.id, req.body, actorOf(req)),
  );

  r.delete(
    '/api/v1/columns/:id',
    {
      schema: {
        tags,
        summary: '删除空栏目（必备栏目、有稿件或子栏目的栏目不能删除）',
        params: IdParamsSchema,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await deleteColumn(ctx, req.principal, req.params.id, actorOf(req));
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/columns/:id/subscriptions',
    {
      schema: {
        tags,
        summary: '栏目订阅的来源栏目',
        params: IdParamsSchema,
        response: { 200: SubscriptionListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => listSubscriptions(ctx, req.principal, req.params.id),
  );

  r.post(
    '/api/v1/columns/:id/subscriptions',
    {
      schema: {
        tags,
        summary: '订阅其他网站的栏目（来源栏目新发布的稿件自动转载到本栏目）',
        params: IdParamsSchema,
        body: SubscribeBodySchema,
        response: { 201: SubscriptionSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await subscribeColumn(ctx, req.principal, req.params.id, req.body.sourceColumnId, actorOf(req)),
        ),
  );

  r.delete(
    '/api/v1/subscriptions/:id',
    {
      schema: {
        tags,
        summary: '取消栏目订阅',
        params: IdParamsSchema,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await unsubscribeColumn(ctx, req.principal, req.params.id, actorOf(req));
      return reply.status(204).send(null);
    },
  );
}
