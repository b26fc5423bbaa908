// Supervise orders (督办): issue, list, read, and act (reply by the unit, close or send back by the
// supervisor).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import {
  IdParams,
  OrderActionBody,
  OrderBody,
  OrderDetailSchema,
  OrderListQuery,
  OrderListSchema,
  OrderSchema,
} from '../supervision.schemas.ts';
import { actOnOrder } from '../use-cases/act-on-order.ts';
import { issueOrder } from '../use-cases/issue-order.ts';
import { listOrders, readOrder } from '../use-cases/read-orders.ts';

const tags = ['电子监察'];

export function registerOrderRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/v1/supervision/orders',
    {
      schema: {
        tags,
        summary: '对办件发出督办（承办单位负责人须在期限内答复）',
        body: OrderBody,
        response: { 201: OrderSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await issueOrder(ctx, req.principal, req.body, actorOf(req))),
  );

  r.get(
    '/api/v1/supervision/orders',
    {
      schema: {
        tags,
        summary: '督办件列表',
        querystring: OrderListQuery,
        response: { 200: OrderListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => listOrders(ctx, req.principal, req.query),
  );

  r.get(
    '/api/v1/supervision/orders/:id',
    {
      schema: {
        tags,
        summary: '督办件详情：办理过程和当前可执行的操作',
        params: IdParams,
        response: { 200: OrderDetailSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => readOrder(ctx, req.principal, req.params.id),
  );

  r.post(
    '/api/v1/supervision/orders/:id/actions',
    {
      schema: {
        tags,
        summary: '办理督办件：reply 答复（承办单位负责人）；close 办结、reject 退回重新答复（电子监察员）',
        params: IdParams,
        body: OrderActionBody,
        response: { 200: OrderSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => actOnOrder(ctx, req.principal, req.params.id, req.body, actorOf(req)),
  );
}
