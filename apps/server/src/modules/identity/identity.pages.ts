// Public pages of the identity module: sign-in, sign-out, registration and 个人中心. Every form is a
// plain POST (application/x-www-form-urlencoded) that works without JavaScript. Anonymous forms carry
// a double-submit token (cookie zt_csrf + hidden field); signed-in forms carry the session's CSRF
// token, which the kernel checks.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { shanghaiDate } from '../../platform/calendar/working-days.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { AppError, type ErrorDetail } from '../../platform/http/errors.ts';
import { SESSION_COOKIE } from '../../platform/http/kernel.ts';
import { validateIdNumber } from '../../platform/ids/gb11643.ts';
import { chromeOf, localPath, rendererFor } from '../../platform/templating/portal-renderer.ts';
import {
  checkCreditCode,
  checkMobile,
  checkOrgName,
  checkPassword,
  checkPersonName,
  checkUsername,
  Problems,
} from './identity.rules.ts';
import { sessionCookieOptions } from './routes/session.routes.ts';
import { getProfile, type Profile } from './use-cases/get-profile.ts';
import { loginWithPassword } from './use-cases/login-with-password.ts';
import { logout } from './use-cases/logout.ts';
import { type RegistrationInput, registerAccount } from './use-cases/register-account.ts';

/** Cookie of the double-submit token that protects the anonymous forms. */
export const FORM_CSRF_COOKIE = 'zt_csrf';
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

type Kind = 'citizen' | 'enterprise';

interface FieldSpec {
  name: string;
  label: string;
  max: number;
  /** Never echoed back into the page. */
  secret?: boolean;
}

const COMMON_FIELDS: readonly FieldSpec[] = [
  { name: 'username', label: '用户名', max: 64 },
  { name: 'password', label: '密码', max: 512, secret: true },
  { name: 'passwordConfirm', label: '确认密码', max: 512, secret: true },
];

const KIND_FIELDS: Record<Kind, readonly FieldSpec[]> = {
  citizen: [
    { name: 'realName', label: '真实姓名', max: 60 },
    { name: 'idNumber', label: '身份证号', max: 40 },
    { name: 'phone', label: '手机号', max: 30 },
  ],
  enterprise: [
    { name: 'name', label: '单位名称', max: 200 },
    { name: 'creditCode', label: '统一社会信用代码', max: 40 },
    { name: 'legalRepresentative', label: '法定代表人', max: 60 },
    { name: 'phone', label: '联系电话', max: 30 },
  ],
};

const AGREE_LABEL = '个人信息处理告知';

const LOGIN_FIELDS: readonly FieldSpec[] = [
  { name: 'username', label: '用户名', max: 64 },
  { name: 'password', label: '密码', max: 512, secret: true },
  { name: 'otp', label: '动态口令', max: 12 },
];

const KIND_LABELS: Record<Profile['kind'], string> = {
  citizen: '个人用户',
  enterprise: '法人用户',
  staff: '工作人员',
};

/** Form fields of a parsed urlencoded body: first value, bounded length. */
function formValue(body: unknown, name: string, max: number): string {
  if (!body || typeof body !== 'object') return '';
  const raw = (body as Record<string, unknown>)[name];
  const v = Array.isArray(raw) ? raw[0] : raw;
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/** Field errors keyed by field (several messages for one field joined), plus the summary list in form order. */
function collectErrors(details: readonly ErrorDetail[], fields: readonly FieldSpec[]) {
  const byField: Record<string, string> = {};
  for (const d of details)
    byField[d.field] = byField[d.field] ? `${byField[d.field]}；${d.message}` : d.message;
  const labels = new Map(fields.map((f) => [f.name, f.label]));
  labels.set('agree', AGREE_LABEL);
  const known = [...labels.keys()];
  const errorList = known
    .filter((f) => byField[f])
    .map((f) => ({ field: f, label: labels.get(f) as string, message: byField[f] as string }));
  // Details about fields this form does not have (none today) still reach the user.
  const other = Object.entries(byField)
    .filter(([f]) => !labels.has(f))
    .map(([, m]) => m);
  return { errors: byField, errorList, other };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerIdentityPages(app: FastifyInstance, ctx: AppContext): void {
  const renderer = rendererFor(ctx);
  const secure = ctx.config.publicUrl?.startsWith('https:') ?? false;
  const loginLimit = { rateLimit: { max: ctx.config.rateLoginPerMinute, timeWindow: '1 minute' } };
  const publicLimit = { rateLimit: { max: ctx.config.ratePublicPerMinute, timeWindow: '1 minute' } };

  /** The visitor's form token: the one in their cookie, or a new one set now. */
  const formToken = (req: FastifyRequest, reply: FastifyReply): string => {
    const existing = req.cookies[FORM_CSRF_COOKIE];
    if (existing && TOKEN_RE.test(existing)) return existing;
    const token = randomBytes(32).toString('base64url');
    reply.setCookie(FORM_CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure });
    return token;
  };

  const formTokenValid = (req: FastifyRequest): boolean => {
    const cookie = req.cookies[FORM_CSRF_COOKIE];
    const sent = formValue(req.body, '_csrf', 100);
    return !!cookie && !!sent && TOKEN_RE.test(cookie) && sameToken(cookie, sent);
  };

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    name: string,
    data: Record<string, unknown>,
    status = 200,
  ) => {
    const html = await renderer.render(name, data, chromeOf(req));
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', req.principal ? 'private, no-store' : 'no-store')
      .send(html);
  };

  const setSession = (reply: FastifyReply, token: string) => {
    reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(ctx));
  };

  const EXPIRED_FORM = '页面已过期或缺少安全校验信息，请重新填写并提交';

  // ---- 登录 ----

  const loginPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: {
      values?: Record<string, string>;
      details?: ErrorDetail[];
      formError?: string;
      needOtp?: boolean;
      notice?: string;
      next?: string | null;
    },
    status = 200,
  ) => {
    const { errors, errorList, other } = collectErrors(extra.details ?? [], LOGIN_FIELDS);
    return page(
      req,
      reply,
      'login',
      {
        title: '用户登录',
        columnName: '用户登录',
        formToken: formToken(req, reply),
        values: extra.values ?? {},
        errors,
        errorList,
        formError: extra.formError ?? other[0] ?? null,
        needOtp: extra.needOtp ?? false,
        notice: extra.notice ?? null,
        next: extra.next ?? null,
      },
      status,
    );
  };

  app.get('/login', { schema: { hide: true } }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const next = localPath(q.next);
    if (req.principal) return reply.redirect(next ?? '/profile', 303);
    const notice =
      q.out === '1'
        ? '您已安全退出登录。'
        : req.sessionProblem === 'expired' || q.expired === '1'
          ? '登录已超时，请重新登录。'
          : undefined;
    return loginPage(req, reply, { next, notice });
  });

  app.post(
    '/login',
    { schema: { hide: true }, config: { skipCsrf: true, ...loginLimit } },
    async (req, reply) => {
      const username = formValue(req.body, 'username', 64).trim();
      const password = formValue(req.body, 'password', 512);
      const otp = formValue(req.body, 'otp', 12).trim();
      const next = localPath(formValue(req.body, 'next', 500));
      const values = { username };
      if (!formTokenValid(req)) return loginPage(req, reply, { values, next, formError: EXPIRED_FORM }, 403);

      const missing: ErrorDetail[] = [];
      if (!username) missing.push({ field: 'username', message: '请输入用户名' });
      if (!password) missing.push({ field: 'password', message: '请输入密码' });
      if (missing.length > 0)
        return loginPage(req, reply, { values, next, details: missing, needOtp: !!otp }, 400);

      try {
        const previous = req.principal;
        const result = await loginWithPassword(
          ctx,
          { username, password, ...(otp ? { otp } : {}) },
          actorOf(req),
        );
        // A new sign-in replaces whatever session this browser had.
        if (previous) await logout(ctx, previous, actorOf(req)).catch(() => {});
        setSession(reply, result.token);
        return reply.header('cache-control', 'no-store').redirect(next ?? '/profile', 303);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        switch (e.code) {
          case 'OTP_REQUIRED':
            return loginPage(req, reply, { values, next, needOtp: true, formError: e.userMessage }, e.status);
          case 'OTP_INVALID':
            return loginPage(
              req,
              reply,
              { values, next, needOtp: true, details: [{ field: 'otp', message: e.userMessage }] },
              e.status,
            );
          default:
            // Wrong credentials, lock, disabled account, rate limit: one message, no hint which part was wrong.
            return loginPage(
              req,
              reply,
              { values, next, needOtp: !!otp, formError: e.userMessage },
              e.status,
            );
        }
      }
    },
  );

  // ---- 退出 ----

  app.post('/logout', { schema: { hide: true }, config: publicLimit }, async (req, reply) => {
    // The kernel has already checked the session's CSRF token (form field _csrf).
    if (req.principal) await logout(ctx, req.principal, actorOf(req));
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(ctx));
    return reply.header('cache-control', 'no-store').redirect(req.principal ? '/login?out=1' : '/', 303);
  });

  // ---- 注册 ----

  const registerPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    kind: Kind,
    extra: { values?: Record<string, string | boolean>; details?: ErrorDetail[]; formError?: string },
    status = 200,
  ) => {
    const fields = [...COMMON_FIELDS, ...KIND_FIELDS[kind]];
    const { errors, errorList, other } = collectErrors(extra.details ?? [], fields);
    return page(
      req,
      reply,
      'register',
      {
        title: kind === 'enterprise' ? '法人注册' : '个人注册',
        columnName: '用户注册',
        kind,
        formToken: formToken(req, reply),
        values: extra.values ?? {},
        errors,
        errorList,
        formError: extra.formError ?? other[0] ?? null,
      },
      status,
    );
  };

  app.get('/register', { schema: { hide: true } }, async (req, reply) => {
    if (req.principal) return reply.redirect('/profile', 303);
    const kind: Kind =
      (req.query as Record<string, unknown>).kind === 'enterprise' ? 'enterprise' : 'citizen';
    return registerPage(req, reply, kind, {});
  });

  app.post(
    '/register',
    { schema: { hide: true }, config: { skipCsrf: true, ...publicLimit } },
    async (req, reply) => {
      const kind: Kind = formValue(req.body, 'kind', 20) === 'enterprise' ? 'enterprise' : 'citizen';
      const fields = [...COMMON_FIELDS, ...KIND_FIELDS[kind]];
      const input: Record<string, string> = {};
      for (const f of fields)
        input[f.name] = f.secret
          ? formValue(req.body, f.name, f.max)
          : formValue(req.body, f.name, f.max).trim();
      const agreed = formValue(req.body, 'agree', 10) !== '';
      // Everything the visitor typed comes back, except passwords.
      const values: Record<string, string | boolean> = { agree: agreed };
      for (const f of fields) if (!f.secret) values[f.name] = input[f.name] as string;

      if (!formTokenValid(req))
        return registerPage(req, reply, kind, { values, formError: EXPIRED_FORM }, 403);

      const local: ErrorDetail[] = [];
      const missing = new Set<string>();
      for (const f of fields) {
        if (!input[f.name]) {
          missing.add(f.name);
          local.push({ field: f.name, message: f.secret ? `请输入${f.label}` : `请填写${f.label}` });
        }
      }
      if (input.password && input.passwordConfirm && input.password !== input.passwordConfirm) {
        local.push({ field: 'passwordConfirm', message: '两次输入的密码不一致' });
      }
      if (!agreed) local.push({ field: 'agree', message: '请阅读个人信息处理告知，勾选同意后再注册' });

      const registration = (
        kind === 'citizen'
          ? {
              kind,
              username: input.username,
              password: input.password,
              realName: input.realName,
              idNumber: input.idNumber,
              phone: input.phone,
            }
          : {
              kind,
              username: input.username,
              password: input.password,
              name: input.name,
              creditCode: input.creditCode,
              legalRepresentative: input.legalRepresentative,
              phone: input.phone,
            }
      ) as RegistrationInput;

      if (local.length > 0) {
        // Show every problem at once: add the domain rules' verdict on the fields that were filled in.
        const details = [...local, ...domainProblems(registration, ctx).filter((d) => !missing.has(d.field))];
        return registerPage(req, reply, kind, { values, details }, 422);
      }

      const actor = actorOf(req);
      try {
        await registerAccount(ctx, registration, actor, req.principal);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        const details = e.details.length > 0 ? e.details : [];
        return registerPage(
          req,
          reply,
          kind,
          { values, details, formError: details.length ? undefined : e.userMessage },
          e.status,
        );
      }
      const session = await loginWithPassword(
        ctx,
        { username: input.username as string, password: input.password as string },
        actor,
      );
      setSession(reply, session.token);
      return reply.header('cache-control', 'no-store').redirect('/profile?welcome=1', 303);
    },
  );

  // ---- 个人中心 ----

  app.get('/profile', { schema: { hide: true } }, async (req, reply) => {
    const p = req.principal;
    if (!p) {
      const expired = req.sessionProblem === 'expired' ? '&expired=1' : '';
      return reply.header('cache-control', 'no-store').redirect(`/login?next=%2Fprofile${expired}`, 303);
    }
    const profile = await getProfile(ctx, p, actorOf(req));
    const welcome = (req.query as Record<string, unknown>).welcome === '1';
    return page(req, reply, 'profile', {
      title: '个人中心',
      columnName: '个人中心',
      notice: welcome ? '注册成功，已为您登录。' : null,
      profile: profileView(profile),
    });
  });
}

/** The checks registerAccount applies, run without writing anything, as field details. */
function domainProblems(input: RegistrationInput, ctx: AppContext): ErrorDetail[] {
  const p = new Problems();
  if (input.username) checkUsername(p, input.username);
  if (input.password) checkPassword(p, input.password, input.username);
  if (input.phone) checkMobile(p, input.phone, 'phone');
  if (input.kind === 'citizen') {
    if (input.realName) checkPersonName(p, input.realName, 'realName');
    if (input.idNumber) {
      const id = validateIdNumber(input.idNumber, shanghaiDate(ctx.clock.now()));
      if (!id.ok) p.add('ID_NUMBER_INVALID', 'idNumber', id.reason);
    }
  } else {
    if (input.name) checkOrgName(p, input.name, 'name');
    if (input.creditCode)
      checkCreditCode(p, input.creditCode, { acceptCheckDigitOnly: false, contactDesk: true });
    if (input.legalRepresentative) checkPersonName(p, input.legalRepresentative, 'legalRepresentative');
  }
  try {
    p.throwIfAny();
  } catch (e) {
    if (e instanceof AppError) return e.details;
    throw e;
  }
  return [];
}

const dateFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

function profileView(p: Profile) {
  const fields: { label: string; value: string; masked?: boolean }[] = [];
  if (p.citizen) {
    fields.push({ label: '真实姓名', value: p.citizen.realName });
    fields.push({ label: '身份证号', value: p.citizen.idNumberMasked, masked: true });
  }
  if (p.enterprise) {
    fields.push({ label: '单位名称', value: p.enterprise.name });
    fields.push({ label: '统一社会信用代码', value: p.enterprise.creditCode });
    fields.push({ label: '法定代表人', value: p.enterprise.legalRepresentative });
  }
  if (p.orgName) fields.push({ label: '所属机构', value: p.orgName });
  if (p.phoneMasked)
    fields.push({
      label: p.kind === 'enterprise' ? '联系电话' : '手机号',
      value: p.phoneMasked,
      masked: true,
    });
  fields.push({ label: '注册时间', value: dateFormat.format(new Date(p.createdAt)) });
  return {
    username: p.username,
    displayName: p.displayName,
    initial: [...p.displayName][0] ?? '用',
    kindLabel: KIND_LABELS[p.kind],
    verified: p.citizen?.verified ?? p.enterprise?.verified ?? false,
    fields,
  };
}
