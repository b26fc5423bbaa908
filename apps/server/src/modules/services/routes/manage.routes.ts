// Staff API for service items: list and read within reach, create drafts, edit, save the form,
// publish and suspend. Permission service.manage (service.publish for publish/suspend) over the
// implementing unit; items outside the caller's reach answer 404.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import {
  CreateItemBodySchema,
  FormBodySchema,
  IdParamsSchema,
  ItemPageSchema,
  ManageListQuerySchema,
  ServiceItemSchema,
  SuspendBodySchema,
  UpdateItemBodySchema,
} from '../services.schemas.ts';
import type { ItemInput, ItemPatch } from '../services.rules.ts';
import { createItem } from '../use-cases/create-item.ts';
import { publishItem } from '../use-cases/publish-item.ts';
import { listManagedItems, readManagedItem } from '../use-cases/read-items.ts';
import { saveItemForm } from '../use-cases/save-item-form.ts';
import { suspendItem } from '../use-cases/suspend-item.ts';
import { updateItem } from '../use-cases/update-item.ts';

const tags = ['政务服务事项管理'];

export function registerManageServiceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/manage/service-items',
    {
      schema: {
        tags,
        summary: '管理范围内的政务服务事项（含草稿和暂停办理的事项）',
        querystring: ManageListQuerySchema,
        response: { 200: ItemPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => listManagedItems(ctx, req.principal, req.query),
  );

  r.get(
    '/api/v1/manage/service-items/:id',
    {
      schema: {
        tags,
        summary: '政务服务事项详情（编辑用）',
        params: IdParamsSchema,
        response: { 200: ServiceItemSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => readManagedItem(ctx, req.principal, req.params.id),
  );

  r.post(
    '/api/v1/manage/service-items',
    {
      schema: {
        tags,
        summary: '新建政务服务事项（草稿）',
        body: CreateItemBodySchema,
        response: { 201: ServiceItemSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createItem(ctx, req.principal, req.body as ItemInput, actorOf(req))),
  );

  r.put(
    '/api/v1/manage/service-items/:id',
    {
      schema: {
        tags,
        summary: '修改政务服务事项（只改提交的属性；materials 为完整列表，带 id 的为原有材料）',
        description: '已发布的事项修改后须仍然完整，保存即生成新的版本。',
        params: IdParamsSchema,
        body: UpdateItemBodySchema,
        response: { 200: ServiceItemSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => updateItem(ctx, req.principal, req.params.id, req.body as ItemPatch, actorOf(req)),
  );

  r.put(
    '/api/v1/manage/service-items/:id/form',
    {
      schema: {
        tags,
        summary: '保存申请表单定义',
        params: IdParamsSchema,
        body: FormBodySchema,
        response: { 200: ServiceItemSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => saveItemForm(ctx, req.principal, req.params.id, req.body.form, actorOf(req)),
  );

  r.post(
    '/api/v1/manage/service-items/:id/publish',
    {
      schema: {
        tags,
        summary: '发布政务服务事项（信息不完整时逐项列出问题）',
        params: IdParamsSchema,
        response: { 200: ServiceItemSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => publishItem(ctx, req.principal, req.params.id, actorOf(req)),
  );

  r.post(
    '/api/v1/manage/service-items/:id/suspend',
    {
      schema: {
        tags,
        summary: '暂停办理已发布的事项（正在办理的办件不受影响）',
        params: IdParamsSchema,
        body: SuspendBodySchema,
        response: { 200: ServiceItemSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => suspendItem(ctx, req.principal, req.params.id, req.body, actorOf(req)),
  );
}
