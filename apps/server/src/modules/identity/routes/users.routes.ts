// Staff, citizen and enterprise accounts as administrators see them.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import {
  CreateUserBodySchema,
  IdParamsSchema,
  ResetPasswordBodySchema,
  UpdateUserBodySchema,
  UserListQuerySchema,
  UserPageSchema,
  UserSchema,
} from '../identity.schemas.ts';
import { createStaffUser } from '../use-cases/create-staff-user.ts';
import { listUsers } from '../use-cases/list-users.ts';
import { readUser } from '../use-cases/read-user.ts';
import { resetPassword } from '../use-cases/reset-password.ts';
import { resetTotp } from '../use-cases/reset-totp.ts';
import { unlockUser } from '../use-cases/unlock-user.ts';
import { updateUser } from '../use-cases/update-user.ts';

const tags = ['用户管理'];

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: '管理范围内的账号（可按机构及其下级、用户名或姓名筛选）',
        querystring: UserListQuerySchema,
        response: { 200: UserPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => listUsers(ctx, req.principal, req.query),
  );

  r.get(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: '账号详情',
        params: IdParamsSchema,
        response: { 200: UserSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => readUser(ctx, req.principal, req.params.id),
  );

  r.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: '新建工作人员账号',
        body: CreateUserBodySchema,
        response: { 201: UserSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createStaffUser(ctx, req.principal, req.body, actorOf(req))),
  );

  r.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: '修改账号（停用账号会立即结束其全部会话）',
        params: IdParamsSchema,
        body: UpdateUserBodySchema,
        response: { 200: UserSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => updateUser(ctx, req.principal, req.params.id, req.body, actorOf(req)),
  );

  r.post(
    '/api/v1/users/:id/unlock',
    {
      schema: {
        tags,
        summary: '解除登录失败锁定',
        params: IdParamsSchema,
        response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await unlockUser(ctx, req.principal, req.params.id, actorOf(req));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: '重置密码（用户下次登录须修改；现有会话全部失效）',
        params: IdParamsSchema,
        body: ResetPasswordBodySchema,
        response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      await resetPassword(ctx, req.principal, req.params.id, req.body, actorOf(req));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/users/:id/reset-totp',
    {
      schema: {
        tags,
        summary: '重置双因素认证（手机丢失时）',
        params: IdParamsSchema,
        response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      await resetTotp(ctx, req.principal, req.params.id, actorOf(req));
      return reply.status(204).send(null);
    },
  );
}
