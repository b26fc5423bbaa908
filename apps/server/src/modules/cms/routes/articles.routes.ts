// Articles: editing, the editorial workflow, revisions and diff, push between sites, and the public
// file route for images and attachments of published articles.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { sendStoredFile } from '../../../platform/files/file-routes.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import { fileIsPublic } from '../cms.repository.ts';
import {
  ArticleListQuerySchema,
  ArticlePageSchema,
  ArticleSchema,
  CreateArticleBodySchema,
  DiffQuerySchema,
  DiffSchema,
  IdParamsSchema,
  PushBodySchema,
  PushListQuerySchema,
  PushListSchema,
  PushSchema,
  PushStatsQuerySchema,
  PushStatsSchema,
  ReasonBodySchema,
  RevisionListSchema,
  UpdateArticleBodySchema,
} from '../cms.schemas.ts';
import {
  approveArticle,
  returnArticle,
  submitArticle,
  withdrawArticle,
} from '../use-cases/article-workflow.ts';
import { createArticle, updateArticle } from '../use-cases/edit-article.ts';
import { acceptPush, listPushes, pushArticle, pushStats, returnPush } from '../use-cases/push-articles.ts';
import { diffRevisions, listArticles, listRevisions, readArticle } from '../use-cases/read-articles.ts';

const tags = ['网站稿件'];
const pushTags = ['信息报送'];

export function registerArticleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/v1/articles',
    {
      schema: {
        tags,
        summary: '新建稿件（草稿）',
        description: '正文为 HTML，服务器端清洗（去除脚本、事件属性、javascript: 链接和外站 iframe）。',
        body: CreateArticleBodySchema,
        response: { 201: ArticleSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createArticle(ctx, req.principal, req.body, actorOf(req))),
  );

  r.get(
    '/api/v1/articles',
    {
      schema: {
        tags,
        summary: '管理范围内的稿件（控制台列表）',
        querystring: ArticleListQuerySchema,
        response: { 200: ArticlePageSchema, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => listArticles(ctx, req.principal, req.query),
  );

  r.get(
    '/api/v1/articles/:id',
    {
      config: { rateLimit: { max: ctx.config.ratePublicPerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '稿件：管理人员看到工作稿，其他人看到已发布的版本（未发布为 404）',
        params: IdParamsSchema,
        response: { 200: ArticleSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (req) => {
      const r = await readArticle(ctx, req.principal, req.params.id);
      return 'staff' in r ? r.staff : r.published;
    },
  );

  r.patch(
    '/api/v1/articles/:id',
    {
      schema: {
        tags,
        summary: '修改稿件（每次保存生成新版本；已发布的稿件修改后须重新审核，审核前公众仍看到原发布版本）',
        params: IdParamsSchema,
        body: UpdateArticleBodySchema,
        response: { 200: ArticleSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => updateArticle(ctx, req.principal, req.params.id, req.body, actorOf(req)),
  );

  const actionSchema = (summary: string, withReason: boolean) => ({
    tags,
    summary,
    params: IdParamsSchema,
    ...(withReason ? { body: ReasonBodySchema } : {}),
    response: { 200: ArticleSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
  });

  r.post(
    '/api/v1/articles/:id/submit',
    { schema: actionSchema('提交审核（栏目免审时直接发布）', false) },
    async (req) => submitArticle(ctx, req.principal, req.params.id, actorOf(req)),
  );
  r.post(
    '/api/v1/articles/:id/publish',
    { schema: actionSchema('审核通过：完成最后一级审核即发布（指定了发布时间的定时发布）', false) },
    async (req) => approveArticle(ctx, req.principal, req.params.id, actorOf(req)),
  );
  r.post(
    '/api/v1/articles/:id/return',
    { schema: { ...actionSchema('退回稿件（须说明理由）', true), body: ReasonBodySchema } },
    async (req) => returnArticle(ctx, req.principal, req.params.id, req.body.reason, actorOf(req)),
  );
  r.post(
    '/api/v1/articles/:id/withdraw',
    {
      schema: {
        ...actionSchema('撤稿（须说明理由；页面保留并注明已撤稿，不再出现在列表和搜索中）', true),
        body: ReasonBodySchema,
      },
    },
    async (req) => withdrawArticle(ctx, req.principal, req.params.id, req.body.reason, actorOf(req)),
  );

  r.get(
    '/api/v1/articles/:id/revisions',
    {
      schema: {
        tags,
        summary: '稿件的全部版本',
        params: IdParamsSchema,
        response: { 200: RevisionListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => listRevisions(ctx, req.principal, req.params.id),
  );

  r.get(
    '/api/v1/articles/:id/diff',
    {
      schema: {
        tags,
        summary: '两个版本的差异（标题和正文逐词比较，及其他字段的变化）',
        description: '默认比较当前版本与上一版本。',
        params: IdParamsSchema,
        querystring: DiffQuerySchema,
        response: { 200: DiffSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => diffRevisions(ctx, req.principal, req.params.id, req.query.from, req.query.to),
  );

  r.post(
    '/api/v1/articles/:id/push',
    {
      schema: {
        tags: pushTags,
        summary: '向其他网站的栏目报送已发布的稿件',
        params: IdParamsSchema,
        body: PushBodySchema,
        response: { 201: PushSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await pushArticle(ctx, req.principal, req.params.id, req.body.targetColumnId, actorOf(req))),
  );

  r.post(
    '/api/v1/pushes/:id/accept',
    {
      schema: {
        tags: pushTags,
        summary: '采用报送信息（在目标栏目发布注明来源的转载稿）',
        params: IdParamsSchema,
        response: { 200: PushSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => acceptPush(ctx, req.principal, req.params.id, actorOf(req)),
  );

  r.post(
    '/api/v1/pushes/:id/return',
    {
      schema: {
        tags: pushTags,
        summary: '退回报送信息（须说明理由）',
        params: IdParamsSchema,
        body: ReasonBodySchema,
        response: { 200: PushSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => returnPush(ctx, req.principal, req.params.id, req.body.reason, actorOf(req)),
  );

  r.get(
    '/api/v1/pushes',
    {
      schema: {
        tags: pushTags,
        summary: '网站收到（incoming）或发出（outgoing）的报送',
        querystring: PushListQuerySchema,
        response: { 200: PushListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => listPushes(ctx, req.principal, req.query),
  );

  r.get(
    '/api/v1/pushes/stats',
    {
      schema: {
        tags: pushTags,
        summary: '报送采用情况统计（按报送单位、按月）',
        querystring: PushStatsQuerySchema,
        response: { 200: PushStatsSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => pushStats(ctx, req.principal, req.query.siteId, req.query.month),
  );

  r.get(
    '/api/v1/cms/files/:id',
    {
      config: { rateLimit: { max: ctx.config.ratePublicPerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '已发布稿件中的图片、视频和附件（公开）',
        description:
          '只提供当前公开版本引用的文件；其他文件一律 404。支持单个字节范围的 Range 请求（206 Partial Content，416 超出范围），视频可拖动播放；ETag 为文件内容的 SHA-256。',
        params: IdParamsSchema,
        produces: ['application/octet-stream'],
        response: errorResponses(400, 404, 429),
      },
    },
    async (req, reply) => {
      const id = req.params.id.toLowerCase();
      if (!UUID_RE.test(id) || !(await fileIsPublic(ctx.pool, id))) throw platformErrors.NOT_FOUND();
      const file = await ctx.files.get(ctx.pool, id);
      if (!file) throw platformErrors.NOT_FOUND();
      // Ranges: phones seek in a video by asking for the part they need (206 Partial Content).
      return sendStoredFile(reply, ctx, file, { cacheControl: 'public, max-age=300', ranges: true });
    },
  );
}
