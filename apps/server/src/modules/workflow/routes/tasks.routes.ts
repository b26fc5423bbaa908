// The task inbox and acting on tasks.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import { actOnTask, claimTask } from '../engine/engine.ts';
import { readCase } from '../use-cases/read-case.ts';
import { listTasks } from '../use-cases/list-tasks.ts';
import {
  ActBody,
  CaseDetailSchema,
  ClaimAnswer,
  IdParams,
  TaskListQuery,
  TaskListSchema,
} from '../workflow.schemas.ts';

const tags = ['待办任务'];

export function registerTaskRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/tasks',
    {
      schema: {
        tags,
        summary: '我的待办（各类办件，按到期日排序）',
        querystring: TaskListQuery,
        response: { 200: TaskListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => listTasks(ctx, req.principal, req.query),
  );

  r.post(
    '/api/v1/tasks/:id/claim',
    {
      schema: {
        tags,
        summary: '签收待办（其他人可见由谁办理）',
        params: IdParams,
        response: { 200: ClaimAnswer, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => claimTask(ctx, req.principal, req.params.id, actorOf(req)),
  );

  r.post(
    '/api/v1/tasks/:id/actions',
    {
      schema: {
        tags,
        summary: '办理待办：执行本步骤的一项操作（受理、补正、审查通过、准予许可、退回、转办……）',
        params: IdParams,
        body: ActBody,
        response: { 200: CaseDetailSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const { case: c } = await actOnTask(ctx, req.principal, req.params.id, req.body, actorOf(req));
      return readCase(ctx, req.principal, c.id);
    },
  );
}
