// Process definitions: list, read with versions, create, draft versions, publish, validate.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import { requireReach } from '../../../platform/http/principal.ts';
import { listCaseTypes } from '../engine/processes.ts';
import {
  CaseTypesSchema,
  CreateProcessBody,
  IdParams,
  ProcessDetailSchema,
  ProcessListQuery,
  ProcessListSchema,
  ValidateAnswer,
  ValidateBody,
  VersionBody,
  VersionParams,
} from '../workflow.schemas.ts';
import {
  createDraftVersion,
  createProcess,
  publishVersion,
  updateDraftVersion,
  validateForDesigner,
} from '../use-cases/manage-processes.ts';
import { listProcesses, readProcess } from '../use-cases/read-processes.ts';

const tags = ['办理流程'];

export function registerProcessRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/processes',
    {
      schema: {
        tags,
        summary: '管理范围内的办理流程',
        querystring: ProcessListQuery,
        response: { 200: ProcessListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => listProcesses(ctx, req.principal, req.query),
  );

  r.get(
    '/api/v1/case-types',
    {
      schema: {
        tags,
        summary: '已注册的办件类型（流程设计时选择）',
        response: { 200: CaseTypesSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      requireReach(req.principal, 'process.manage');
      return { items: listCaseTypes() };
    },
  );

  r.post(
    '/api/v1/processes/validate',
    {
      schema: {
        tags,
        summary: '校验流程定义（步骤可达、每条路径都能结束、并行分支与汇聚配对等）',
        body: ValidateBody,
        response: { 200: ValidateAnswer, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => validateForDesigner(req.principal, req.body.definition),
  );

  r.post(
    '/api/v1/processes',
    {
      schema: {
        tags,
        summary: '新建办理流程（草稿版本 1）',
        body: CreateProcessBody,
        response: { 201: ProcessDetailSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createProcess(ctx, req.principal, req.body, actorOf(req))),
  );

  r.get(
    '/api/v1/processes/:id',
    {
      schema: {
        tags,
        summary: '办理流程详情及各版本',
        params: IdParams,
        response: { 200: ProcessDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => readProcess(ctx, req.principal, req.params.id),
  );

  r.post(
    '/api/v1/processes/:id/versions',
    {
      schema: {
        tags,
        summary: '新建草稿版本',
        params: IdParams,
        body: VersionBody,
        response: { 201: ProcessDetailSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createDraftVersion(ctx, req.principal, req.params.id, req.body, actorOf(req))),
  );

  r.put(
    '/api/v1/processes/:id/versions/:version',
    {
      schema: {
        tags,
        summary: '修改草稿版本（已发布的版本不可修改）',
        params: VersionParams,
        body: VersionBody,
        response: { 200: ProcessDetailSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) =>
      updateDraftVersion(ctx, req.principal, req.params.id, req.params.version, req.body, actorOf(req)),
  );

  r.post(
    '/api/v1/processes/:id/versions/:version/publish',
    {
      schema: {
        tags,
        summary: '发布草稿版本（新办件按此版本办理，办理中的办件保持原版本）',
        params: VersionParams,
        response: { 200: ProcessDetailSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => publishVersion(ctx, req.principal, req.params.id, req.params.version, actorOf(req)),
  );
}
