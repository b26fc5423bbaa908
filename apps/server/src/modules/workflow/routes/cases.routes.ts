// Cases for staff: list, full detail, pause and resume the clock, extensions.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import { askForExtension, decideOnExtension, pauseCase, resumeCase } from '../use-cases/case-clock.ts';
import { listCases } from '../use-cases/list-cases.ts';
import { readCase } from '../use-cases/read-case.ts';
import {
  CaseDetailSchema,
  CaseListQuery,
  CaseListSchema,
  DecisionBody,
  ExtensionBody,
  ExtensionParams,
  ExtensionSchema,
  IdParams,
  PauseBody,
  ResumeQuery,
} from '../workflow.schemas.ts';

const tags = ['办件'];

export function registerCaseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/cases',
    {
      schema: {
        tags,
        summary: '办件列表（本人管理范围内及本人经办的办件）',
        querystring: CaseListQuery,
        response: { 200: CaseListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => listCases(ctx, req.principal, req.query),
  );

  r.get(
    '/api/v1/cases/:id',
    {
      schema: {
        tags,
        summary: '办件详情：办理过程、当前待办及可执行的操作、暂停计时和延期记录',
        params: IdParams,
        response: { 200: CaseDetailSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => readCase(ctx, req.principal, req.params.id),
  );

  r.post(
    '/api/v1/cases/:id/pause',
    {
      schema: {
        tags,
        summary: '暂停计时（补正、听证、专家评审、检验检测等期间不计入办理期限）',
        params: IdParams,
        body: PauseBody,
        response: { 200: CaseDetailSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => pauseCase(ctx, req.principal, req.params.id, req.body, actorOf(req)),
  );

  r.post(
    '/api/v1/cases/:id/resume',
    {
      schema: {
        tags,
        summary: '恢复计时（暂停期间的工作日顺延办理期限；?restart=true 重新计算期限）',
        params: IdParams,
        querystring: ResumeQuery,
        response: { 200: CaseDetailSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => resumeCase(ctx, req.principal, req.params.id, req.query, actorOf(req)),
  );

  r.post(
    '/api/v1/cases/:id/extensions',
    {
      schema: {
        tags,
        summary: '申请延长办理期限（须经本机关负责人批准）',
        params: IdParams,
        body: ExtensionBody,
        response: { 201: ExtensionSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await askForExtension(ctx, req.principal, req.params.id, req.body, actorOf(req))),
  );

  r.post(
    '/api/v1/cases/:id/extensions/:extId/decision',
    {
      schema: {
        tags,
        summary: '审批延期申请（批准后告知申请人）',
        params: ExtensionParams,
        body: DecisionBody,
        response: { 200: ExtensionSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) =>
      decideOnExtension(ctx, req.principal, req.params.id, req.params.extId, req.body, actorOf(req)),
  );
}
