// Sign-in, sign-out, the current session, password change and two-factor enrolment. These routes stay
// open while an account is restricted (must change its password or enrol two-factor first).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { SESSION_COOKIE } from '../../../platform/http/kernel.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { identityErrors } from '../identity.errors.ts';
import {
  LoginBodySchema,
  PasswordChangeBodySchema,
  SessionAnswerSchema,
  TotpEnableBodySchema,
  TotpSetupSchema,
} from '../identity.schemas.ts';
import { toSessionUser } from '../session-cache.ts';
import { changePassword } from '../use-cases/change-password.ts';
import { enableTotp } from '../use-cases/enable-totp.ts';
import { loginWithPassword } from '../use-cases/login-with-password.ts';
import { logout } from '../use-cases/logout.ts';
import { setupTotp } from '../use-cases/setup-totp.ts';

const tags = ['会话与登录'];

/** Cookie attributes of the session cookie; Secure whenever the public address is https. */
export function sessionCookieOptions(ctx: AppContext) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: !!ctx.config.publicUrl?.startsWith('https:'),
  };
}

function signedIn(p: Principal | null, problem: 'expired' | null): Principal {
  if (p) return p;
  throw problem === 'expired' ? identityErrors.SESSION_EXPIRED() : platformErrors.UNAUTHENTICATED();
}

function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
}

export function registerSessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/v1/session',
    {
      // Signing in needs no CSRF token (there is no session yet to protect, and an old cookie must not
      // block a new sign-in); SameSite=Lax keeps other sites from posting it with the user's cookie.
      config: {
        allowRestricted: true,
        skipCsrf: true,
        rateLimit: { max: ctx.config.rateLoginPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary: '用户名密码登录（启用双因素认证的账号须同时提供动态口令）',
        body: LoginBodySchema,
        response: { 200: SessionAnswerSchema, ...errorResponses(400, 401, 403, 423, 429) },
      },
    },
    async (req, reply) => {
      const result = await loginWithPassword(ctx, req.body, actorOf(req));
      reply.setCookie(SESSION_COOKIE, result.token, sessionCookieOptions(ctx));
      noStore(reply);
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  r.get(
    '/api/v1/session',
    {
      config: { allowRestricted: true },
      schema: {
        tags,
        summary: '当前登录信息与防伪令牌',
        response: { 200: SessionAnswerSchema, ...errorResponses(401) },
      },
    },
    async (req, reply) => {
      const p = signedIn(req.principal, req.sessionProblem);
      noStore(reply);
      return { user: toSessionUser(p), csrfToken: p.csrfToken };
    },
  );

  r.delete(
    '/api/v1/session',
    {
      config: { allowRestricted: true },
      schema: { tags, summary: '退出登录', response: { 204: { type: 'null' }, ...errorResponses(403) } },
    },
    async (req, reply) => {
      if (req.principal) await logout(ctx, req.principal, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(ctx));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/session/password',
    {
      config: { allowRestricted: true },
      schema: {
        tags,
        summary: '修改本人密码（其他会话随即失效）',
        body: PasswordChangeBodySchema,
        response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const p = signedIn(req.principal, req.sessionProblem);
      await changePassword(ctx, p, req.body, actorOf(req));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/session/totp/setup',
    {
      config: { allowRestricted: true },
      schema: {
        tags,
        summary: '生成双因素认证密钥（在验证器中添加后调用启用接口）',
        response: { 200: TotpSetupSchema, ...errorResponses(401, 403, 409) },
      },
    },
    async (req, reply) => {
      const p = signedIn(req.principal, req.sessionProblem);
      noStore(reply);
      return setupTotp(ctx, p, actorOf(req));
    },
  );

  r.post(
    '/api/v1/session/totp/enable',
    {
      config: { allowRestricted: true },
      schema: {
        tags,
        summary: '输入验证器显示的动态口令，启用双因素认证',
        body: TotpEnableBodySchema,
        response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const p = signedIn(req.principal, req.sessionProblem);
      await enableTotp(ctx, p, req.body, actorOf(req));
      return reply.status(204).send(null);
    },
  );
}
