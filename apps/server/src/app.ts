// buildApp(ctx): the HTTP kernel first, then each module in registry order, then the console.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { modules } from './modules/registry.ts';
import { registerAuditJobs, registerAuditRoutes } from './platform/audit/audit-routes.ts';
import { registerCalendarRoutes } from './platform/calendar/calendar-routes.ts';
import type { AppContext } from './platform/context.ts';
import { registerFileRoutes } from './platform/files/file-routes.ts';
import { registerInboxRoutes } from './platform/notify/inbox-routes.ts';
import { registerJobHousekeeping } from './platform/jobs/jobs.ts';
import { registerNotifyJobs } from './platform/notify/notify.ts';
import { newId } from './platform/db/ids.ts';
import { fastLaneOf } from './platform/http/fast-lane.ts';
import { registerKernel } from './platform/http/kernel.ts';

export const CONSOLE_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../console/dist');

export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const lane = fastLaneOf(ctx);
  const app = Fastify({
    // Repeat anonymous hits of cached public pages are answered before Fastify (ADR 0008).
    // The server is built as Fastify builds its own, with the same timeouts.
    serverFactory: (handler, opts) => {
      const o = opts as {
        keepAliveTimeout?: number;
        requestTimeout?: number;
        connectionTimeout?: number;
        maxRequestsPerSocket?: number;
      };
      const server = http.createServer(lane.wrap(handler));
      server.keepAliveTimeout = o.keepAliveTimeout ?? 72_000;
      server.requestTimeout = o.requestTimeout ?? 0;
      server.setTimeout(o.connectionTimeout ?? 0);
      if ((o.maxRequestsPerSocket ?? 0) > 0) server.maxRequestsPerSocket = o.maxRequestsPerSocket ?? 0;
      return server;
    },
    loggerInstance: opts.logger === false ? undefined : (ctx.log as never),
    logger: opts.logger === false ? false : undefined,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => newId(),
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    ajv: { customOptions: { allErrors: true } },
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('preClose', async () => lane.close());

  await registerKernel(app, ctx);
  registerCalendarRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  await registerFileRoutes(app, ctx);
  registerInboxRoutes(app, ctx);
  await initModules(ctx);
  for (const m of modules) await m.register?.(app, ctx);
  await registerConsole(app);
  return app;
}

const initialised = new WeakMap<AppContext, Promise<void>>();

/**
 * Start-up work every process does once, before seeding or serving: the calendar loaded (deadline
 * maths inside transactions must find it, calendar-service.ts), then each module's idempotent `init`
 * (system process definitions and the like, which the demo seed relies on too).
 */
export function initModules(ctx: AppContext): Promise<void> {
  let done = initialised.get(ctx);
  if (!done) {
    done = (async () => {
      await ctx.calendar.warm();
      for (const m of modules) await m.init?.(ctx);
    })();
    initialised.set(ctx, done);
  }
  return done;
}

/** Job handlers, schedules and event subscribers of the platform and every module (every process). */
export function registerJobs(ctx: AppContext): void {
  registerJobHousekeeping(ctx.jobs, ctx.pool);
  registerNotifyJobs(ctx);
  registerAuditJobs(ctx);
  for (const m of modules) m.registerJobs?.(ctx);
}

/** The staff console (a built single-page app) under /console/, with client-side routes falling back to index.html. */
async function registerConsole(app: FastifyInstance): Promise<void> {
  const index = path.join(CONSOLE_DIST, 'index.html');
  await app.register(async (scope) => {
    if (fs.existsSync(CONSOLE_DIST)) {
      await scope.register(fastifyStatic, {
        root: CONSOLE_DIST,
        prefix: '/console/',
        wildcard: false,
        index: false,
        maxAge: '1y',
        immutable: true,
        setHeaders: (res, file) => {
          if (file.endsWith('.html')) res.header('cache-control', 'no-cache');
        },
      });
    }
    const sendIndex = async (_req: unknown, reply: import('fastify').FastifyReply) => {
      if (!fs.existsSync(index)) {
        return reply
          .status(503)
          .type('text/html; charset=utf-8')
          .send(
            '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>政通</title><p>工作人员平台尚未构建，请运行 npm run build。</p></html>',
          );
      }
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(fs.readFileSync(index));
    };
    scope.get('/console', { schema: { hide: true } }, sendIndex);
    scope.get('/console/*', { schema: { hide: true } }, async (req, reply) => {
      const rel = (req.params as { '*': string })['*'];
      if (rel.startsWith('assets/') || /\.[a-z0-9]+$/i.test(rel)) {
        const file = path.join(CONSOLE_DIST, path.normalize(rel));
        if (file.startsWith(CONSOLE_DIST) && fs.existsSync(file))
          return reply.sendFile(path.relative(CONSOLE_DIST, file));
        return reply.callNotFound();
      }
      return sendIndex(req, reply);
    });
  });
}
