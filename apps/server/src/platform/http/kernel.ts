// The HTTP kernel: security headers, cookies, validation, rate limits, OpenAPI, the one error shape,
// session resolution and CSRF. Modules add routes on top; they never re-implement any of this.
import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError, errorBody, errorBodySchema, platformErrors } from './errors.ts';
import type { Principal } from './principal.ts';
import { validationDetails, validatorCompiler } from './validation.ts';

export const SESSION_COOKIE = 'zt_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Set when the request carried a session cookie that is no longer valid. */
    sessionProblem: 'expired' | null;
  }
  interface FastifyContextConfig {
    /**
     * Routes that stay open while the account is restricted: an administrator who must still set up
     * two-factor sign-in, or a user who must change an expired password (session, password, TOTP setup).
     */
    allowRestricted?: boolean;
    /** Public form endpoints that check their own CSRF token (portal pages). */
    skipCsrf?: boolean;
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Path ('a.b[2]', '' for the value itself) of a string or key that holds U+0000, or null.
 * PostgreSQL cannot store a NUL in text or jsonb, nor compare with one: left alone, such input
 * would fail deep inside a query as a server error. Iterative, so no nesting depth overflows it.
 */
export function nulPath(value: unknown): string | null {
  // Each entry keeps its parent, so a path is spelled out only for the one value that holds a NUL.
  type At = { key: string; inArray: boolean; parent: At | null } | null;
  const spell = (at: At): string => {
    const parts: string[] = [];
    for (let a = at; a; a = a.parent) parts.push(a.inArray ? `[${a.key}]` : `.${a.key}`);
    return parts.reverse().join('').replace(/^\./, '');
  };
  const stack: [unknown, At][] = [[value, null]];
  while (stack.length > 0) {
    const [v, at] = stack.pop() as [unknown, At];
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return spell(at);
    } else if (typeof v === 'object' && v !== null && !Buffer.isBuffer(v)) {
      const inArray = Array.isArray(v);
      for (const [key, x] of Object.entries(v)) {
        const child = { key, inArray, parent: at };
        if (key.includes('\u0000')) return spell(child);
        stack.push([x, child]);
      }
    }
  }
  return null;
}

export function isHtmlRequest(req: FastifyRequest): boolean {
  return (
    !req.url.startsWith('/api/') &&
    req.method === 'GET' &&
    /text\/html/.test(req.headers.accept ?? 'text/html')
  );
}

export async function registerKernel(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.addSchema(errorBodySchema);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd injects its CSS-in-JS at run time
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: ctx.config.publicUrl?.startsWith('https:') ? { maxAge: 31_536_000 } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: ctx.config.bodyLimitBytes });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, c) =>
      Object.assign(
        new AppError('RATE_LIMITED', {
          status: 429,
          userMessage: `操作过于频繁，请在 ${Math.ceil(c.ttl / 1000)} 秒后再试`,
        }),
        { statusCode: 429 },
      ),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '政通 Zhengtong API',
        version: '1',
        description:
          '政通一体化电子政务平台的 JSON 接口。错误统一为 {"error":{"code","message","details"}}。',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (json.$id as string) || `def-${i}` },
    hideUntagged: false,
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs', staticCSP: true });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.decorateRequest('principal', null);
  app.decorateRequest('sessionProblem', null);

  // Session resolution: the identity module installs the resolver; the kernel only asks it.
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || !ctx.auth.resolveSession) return;
    const r = await ctx.auth.resolveSession(token, req);
    if (r === 'expired') req.sessionProblem = 'expired';
    else req.principal = r;
  });

  // A NUL anywhere in the input is refused up front, naming where it is (see nulPath).
  app.addHook('preValidation', async (req) => {
    for (const [part, v] of [
      ['query', req.query],
      ['params', req.params],
      ['body', req.body],
    ] as const) {
      const at = nulPath(v);
      if (at !== null) throw platformErrors.VALIDATION_FAILED(at || part, '不能包含空字符（U+0000）');
    }
  });

  // CSRF for cookie sessions, and the two-factor-setup gate for administrators.
  app.addHook('preHandler', async (req) => {
    const p = req.principal;
    if (!p) return;
    if (!SAFE_METHODS.has(req.method) && !req.routeOptions.config?.skipCsrf) {
      const header = req.headers['x-csrf-token'];
      const body = req.body as Record<string, unknown> | undefined;
      const sent = typeof header === 'string' ? header : typeof body?._csrf === 'string' ? body._csrf : '';
      if (!sent || !sameToken(sent, p.csrfToken)) throw platformErrors.CSRF_FAILED();
    }
    if (req.url.startsWith('/api/') && !req.routeOptions.config?.allowRestricted) {
      if (p.totpSetupRequired) {
        throw new AppError('TOTP_SETUP_REQUIRED', {
          status: 403,
          userMessage: '管理员账号须先启用双因素认证（动态口令）后才能继续操作',
        });
      }
      if (p.mustChangePassword) {
        throw new AppError('PASSWORD_CHANGE_REQUIRED', {
          status: 403,
          userMessage: '密码已过期或由管理员重置，请先修改密码',
        });
      }
    }
  });

  app.setErrorHandler(async (err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) => {
    let status: number;
    let body: ReturnType<typeof errorBody>;
    if (err instanceof AppError) {
      status = err.status;
      body = errorBody(err.code, err.userMessage, err.details);
      for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
    } else if ((err as FastifyError).validation) {
      const e = err as FastifyError;
      status = 400;
      body = errorBody(
        'VALIDATION_FAILED',
        '请求内容不符合要求',
        validationDetails(e.validation ?? [], e.validationContext ?? 'body'),
      );
    } else {
      const code = (err as FastifyError).code;
      const sc = (err as FastifyError).statusCode ?? 500;
      if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || sc === 413) {
        status = 413;
        body = errorBody('PAYLOAD_TOO_LARGE', `提交的内容过大（上限 ${ctx.config.bodyLimitBytes} 字节）`);
      } else if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || sc === 415) {
        status = 415;
        body = errorBody('UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型，请使用 application/json');
      } else if (
        err instanceof SyntaxError ||
        code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
        code === 'FST_ERR_CTP_INVALID_JSON_BODY'
      ) {
        status = 400;
        body = errorBody('INVALID_JSON', '请求体不是有效的 JSON', [
          { field: 'body', message: '无法解析为 JSON' },
        ]);
      } else if (sc >= 400 && sc < 500) {
        status = sc;
        body = errorBody('BAD_REQUEST', '请求无效', [
          { field: 'request', message: err.message.slice(0, 200) },
        ]);
      } else {
        status = 500;
        req.log.error({ err }, 'unhandled error');
        body = errorBody('INTERNAL', '服务器内部错误，请稍后重试或联系管理员');
      }
    }
    if (status >= 500 && err instanceof AppError) req.log.error({ err }, 'server error');
    if (!req.url.startsWith('/api/') && ctx.renderErrorPage) {
      return ctx.renderErrorPage(req, reply, status, body.error.message);
    }
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  });

  app.setNotFoundHandler(async (req, reply) => {
    if (!req.url.startsWith('/api/') && ctx.renderErrorPage) {
      return ctx.renderErrorPage(req, reply, 404, '您访问的页面不存在或已被删除');
    }
    return reply.status(404).send(errorBody('NOT_FOUND', '请求的资源不存在'));
  });

  app.get(
    '/healthz',
    {
      schema: {
        hide: true,
        response: { 200: { type: 'object', properties: { status: { type: 'string' } } } },
      },
    },
    async () => ({ status: 'ok' }),
  );
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await ctx.pool.query('SELECT 1 FROM platform_migration LIMIT 1');
      return { status: 'ready' };
    } catch {
      return reply.status(503).send(errorBody('UNAVAILABLE', '数据库不可用'));
    }
  });
}
