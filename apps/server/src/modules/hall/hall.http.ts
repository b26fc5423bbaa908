// Shared plumbing of the hall pages: rendering with the portal chrome, the sign-in gate for applicants,
// CSRF for the forms (session token for signed-in users, the portal's double-submit cookie for the
// anonymous lookup form), and the one "not found" answer for anything that is not the visitor's.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { UUID_RE } from '../../platform/db/ids.ts';
import { chineseDate } from '../../platform/documents/pdf.ts';
import { AppError, platformErrors } from '../../platform/http/errors.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { chromeOf, rendererFor } from '../../platform/templating/portal-renderer.ts';
import { asBody, bodyValue } from './hall.forms.ts';

export { nz } from './hall.forms.ts';

/** Same cookie as the identity pages' anonymous forms (FORM_CSRF_COOKIE there). */
export const FORM_CSRF_COOKIE = 'zt_csrf';
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export const EXPIRED_FORM = '页面已过期或缺少安全校验信息，请刷新页面后重新提交';

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Renders a hall page (never shared: per-visitor content). */
export async function hallPage(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  page: string,
  data: Record<string, unknown>,
  status = 200,
): Promise<FastifyReply> {
  const html = await rendererFor(ctx).render(`hall/${page}`, data, chromeOf(req));
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', req.principal ? 'private, no-store' : 'no-store')
    .send(html);
}

export function isApplicant(p: Principal | null): p is Principal {
  return !!p && (p.kind === 'citizen' || p.kind === 'enterprise');
}

/**
 * Where to come back after signing in: this page, or (for a form post, which has no page to come
 * back to) 我的办件.
 */
export function returnPath(req: FastifyRequest): string {
  if (req.method !== 'GET' && req.method !== 'HEAD') return '/hall/my';
  const u = new URL(req.url, 'http://local.invalid');
  return u.pathname + u.search;
}

export function loginRedirect(
  req: FastifyRequest,
  reply: FastifyReply,
  next = returnPath(req),
): FastifyReply {
  const expired = req.sessionProblem === 'expired' ? '&expired=1' : '';
  return reply
    .header('cache-control', 'no-store')
    .redirect(`/login?next=${encodeURIComponent(next)}${expired}`, 303);
}

/**
 * The signed-in applicant, or a reply already sent: anonymous visitors go to the sign-in page and come
 * back here; staff accounts are told that online applications are made with a personal or legal-person
 * account.
 */
export async function requireApplicant(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  next?: string,
): Promise<Principal | null> {
  const p = req.principal;
  if (!p) {
    await loginRedirect(req, reply, next);
    return null;
  }
  if (!isApplicant(p)) {
    await hallPage(
      ctx,
      req,
      reply,
      'notice',
      {
        title: '请使用个人或法人账号',
        columnName: '网上办事',
        heading: '请使用个人或法人账号办理',
        message: '工作人员账号不能在网上办事大厅提交或查看个人办件。请退出后使用个人用户或法人用户账号登录。',
      },
      403,
    );
    return null;
  }
  return p;
}

/** The ":id" of a route as a UUID, or null (a forged id is "not found", never a 500). */
export function uuidParam(req: FastifyRequest, name = 'id'): string | null {
  const v = (req.params as Record<string, unknown>)[name];
  return typeof v === 'string' && UUID_RE.test(v) ? v.toLowerCase() : null;
}

export function notFound(message = '您要查看的办件或页面不存在'): AppError {
  return new AppError('NOT_FOUND', { status: 404, userMessage: message });
}

/** The visitor's double-submit token for anonymous forms (set now if missing). */
export function formToken(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): string {
  if (req.principal) return req.principal.csrfToken;
  const existing = req.cookies[FORM_CSRF_COOKIE];
  if (existing && TOKEN_RE.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(FORM_CSRF_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.publicUrl?.startsWith('https:') ?? false,
  });
  return token;
}

/** Checks `_csrf` of a form that skips the kernel check: the session's token, or the double-submit cookie. */
export function formTokenValid(req: FastifyRequest, sent: string): boolean {
  if (!sent) return false;
  if (req.principal) return sameToken(sent, req.principal.csrfToken);
  const cookie = req.cookies[FORM_CSRF_COOKIE];
  return !!cookie && TOKEN_RE.test(cookie) && sameToken(cookie, sent);
}

/** `_op` of a form post (which submit button was pressed). */
export function opOf(body: unknown): string {
  return bodyValue(asBody(body), '_op', 80);
}

export function csrfFailed(): AppError {
  return platformErrors.CSRF_FAILED(undefined, EXPIRED_FORM);
}

/**
 * The public rate limit for posts that store files or applications, counted per applicant (per address
 * before the session is known), so one household behind a shared address does not block another.
 */
export function applicantRateLimit(ctx: AppContext) {
  return {
    max: ctx.config.ratePublicPerMinute,
    timeWindow: 60_000,
    keyGenerator: (r: FastifyRequest) => r.principal?.userId ?? r.ip,
  };
}

// ---- dates for people ----

const timeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** 'YYYY-MM-DD' → 2026年3月2日, written as the official documents write dates. */
export function cnDate(d: string | null | undefined): string {
  return d ? chineseDate(d) : '';
}

/** An instant → 2026/03/02 14:05 (Beijing time). */
export function cnTime(d: string | Date | null | undefined): string {
  if (!d) return '';
  const t = d instanceof Date ? d : new Date(d);
  return Number.isNaN(t.getTime()) ? String(d) : timeFmt.format(t);
}
