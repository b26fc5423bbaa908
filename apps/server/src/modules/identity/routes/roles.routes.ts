// Permissions, roles and role assignments: the security administrator's part of 三员分立.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import {
  AssignmentListSchema,
  AssignmentParamsSchema,
  AssignRoleBodySchema,
  CreateRoleBodySchema,
  IdParamsSchema,
  PermissionListSchema,
  RoleListSchema,
  RoleSchema,
  SessionRoleSchema,
  UpdateRoleBodySchema,
} from '../identity.schemas.ts';
import { assignRole } from '../use-cases/assign-role.ts';
import { createRole } from '../use-cases/create-role.ts';
import { listPermissionCatalogue, listRoles } from '../use-cases/list-roles.ts';
import { listUserRoles } from '../use-cases/list-user-roles.ts';
import { revokeRole } from '../use-cases/revoke-role.ts';
import { updateRoleDefinition } from '../use-cases/update-role.ts';

const tags = ['角色与权限'];

export function registerRoleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/permissions',
    {
      schema: {
        tags,
        summary: '权限目录',
        response: { 200: PermissionListSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: listPermissionCatalogue(req.principal) }),
  );

  r.get(
    '/api/v1/roles',
    { schema: { tags, summary: '角色列表', response: { 200: RoleListSchema, ...errorResponses(401, 403) } } },
    async (req) => ({ items: await listRoles(ctx, req.principal) }),
  );

  r.post(
    '/api/v1/roles',
    {
      schema: {
        tags,
        summary: '新建角色（管理员权限不得跨类，也不得与业务权限混合）',
        body: CreateRoleBodySchema,
        response: { 201: RoleSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createRole(ctx, req.principal, req.body, actorOf(req))),
  );

  r.patch(
    '/api/v1/roles/:id',
    {
      schema: {
        tags,
        summary: '修改角色（内置角色只读）',
        params: IdParamsSchema,
        body: UpdateRoleBodySchema,
        response: { 200: RoleSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => updateRoleDefinition(ctx, req.principal, req.params.id, req.body, actorOf(req)),
  );

  r.get(
    '/api/v1/users/:id/roles',
    {
      schema: {
        tags,
        summary: '账号持有的角色及授权范围',
        params: IdParamsSchema,
        response: { 200: AssignmentListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => ({ items: await listUserRoles(ctx, req.principal, req.params.id) }),
  );

  r.post(
    '/api/v1/users/:id/roles',
    {
      schema: {
        tags,
        summary: '授予角色（范围须在本人管理范围内；不能授予自己；遵守三员分立）',
        params: IdParamsSchema,
        body: AssignRoleBodySchema,
        response: { 201: SessionRoleSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await assignRole(ctx, req.principal, req.params.id, req.body, actorOf(req))),
  );

  r.delete(
    '/api/v1/users/:id/roles/:assignmentId',
    {
      schema: {
        tags,
        summary: '撤销角色授权',
        params: AssignmentParamsSchema,
        response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await revokeRole(ctx, req.principal, req.params.id, req.params.assignmentId, actorOf(req));
      return reply.status(204).send(null);
    },
  );
}
