// Organisation tree: regions, departments and units, each route limited to the caller's reach.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import {
  CreateOrgBodySchema,
  IdParamsSchema,
  OrgListQuerySchema,
  OrgListSchema,
  OrgSchema,
  UpdateOrgBodySchema,
} from '../identity.schemas.ts';
import { createOrg } from '../use-cases/create-org.ts';
import { deleteOrganisation } from '../use-cases/delete-org.ts';
import { listOrgs } from '../use-cases/list-orgs.ts';
import { readOrg } from '../use-cases/read-org.ts';
import { updateOrgDetails } from '../use-cases/update-org.ts';

const tags = ['组织机构'];

export function registerOrgRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/orgs',
    {
      schema: {
        tags,
        summary: '管理范围内的组织机构（按层级排列）',
        querystring: OrgListQuerySchema,
        response: { 200: OrgListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await listOrgs(ctx, req.principal, req.query) }),
  );

  r.get(
    '/api/v1/orgs/:id',
    {
      schema: {
        tags,
        summary: '组织机构详情',
        params: IdParamsSchema,
        response: { 200: OrgSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => readOrg(ctx, req.principal, req.params.id),
  );

  r.post(
    '/api/v1/orgs',
    {
      schema: {
        tags,
        summary: '新建组织机构（行政区划须填写与上级一致的行政区划代码）',
        body: CreateOrgBodySchema,
        response: { 201: OrgSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await createOrg(ctx, req.principal, req.body, actorOf(req))),
  );

  r.patch(
    '/api/v1/orgs/:id',
    {
      schema: {
        tags,
        summary: '修改组织机构名称、统一社会信用代码或排序',
        params: IdParamsSchema,
        body: UpdateOrgBodySchema,
        response: { 200: OrgSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => updateOrgDetails(ctx, req.principal, req.params.id, req.body, actorOf(req)),
  );

  r.delete(
    '/api/v1/orgs/:id',
    {
      schema: {
        tags,
        summary: '删除组织机构（须无下级机构和工作人员）',
        params: IdParamsSchema,
        response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await deleteOrganisation(ctx, req.principal, req.params.id, actorOf(req));
      return reply.status(204).send(null);
    },
  );
}
