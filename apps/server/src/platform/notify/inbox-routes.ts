// In-app messages of the signed-in user (docs/api-foundation.md, "In-app messages").
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import { platformErrors } from '../http/errors.ts';
import { errorResponses, PageQuerySchema, pageOf, pageWindow } from '../http/pagination.ts';
import { signedIn } from '../http/principal.ts';
import { listInbox, markInboxRead } from './notify.ts';

export const InboxItemSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const InboxPageSchema = Type.Object({ ...pageOf(InboxItemSchema).properties, unread: Type.Integer() });

export function registerInboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/api/v1/inbox',
    {
      schema: {
        tags: ['inbox'],
        summary: '我的站内消息',
        querystring: PageQuerySchema,
        response: { 200: InboxPageSchema, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const p = signedIn(req);
      return listInbox(ctx.pool, p.userId, pageWindow(req.query as { page?: number; pageSize?: number }));
    },
  );

  app.post(
    '/api/v1/inbox/:id/read',
    {
      schema: {
        tags: ['inbox'],
        summary: '标记站内消息为已读',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const p = signedIn(req);
      const { id } = req.params as { id: string };
      // Someone else's message answers exactly like a missing one.
      if (!(await markInboxRead(ctx.pool, p.userId, id, ctx.clock.now()))) throw platformErrors.NOT_FOUND();
      return reply.status(204).send();
    },
  );
}
