// Public registration and the signed-in user's own profile.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import { validatorCompiler } from '../../../platform/http/validation.ts';
import {
  CitizenRegistrationSchema,
  EnterpriseRegistrationSchema,
  ProfileSchema,
  RegistrationBodySchema,
  SessionUserSchema,
} from '../identity.schemas.ts';
import { sessionUserOf } from '../session-cache.ts';
import { getProfile } from '../use-cases/get-profile.ts';
import { type RegistrationInput, registerAccount } from '../use-cases/register-account.ts';

const RegisteredSchema = Type.Object({ user: SessionUserSchema });

type Validator = ((data: unknown) => boolean) & { errors?: FastifySchemaValidationError[] | null };

/**
 * The registration body is one of two shapes told apart by `kind`. Validating it as a plain anyOf
 * would report every field of the other shape as wrong; picking the branch by `kind` first gives
 * errors about the form the person actually filled in.
 */
function registrationValidator(): Validator {
  const kindOnly = validatorCompiler({
    schema: {
      type: 'object',
      required: ['kind'],
      properties: { kind: { enum: ['citizen', 'enterprise'] } },
    },
    httpPart: 'body',
  }) as Validator;
  const citizen = validatorCompiler({ schema: CitizenRegistrationSchema, httpPart: 'body' }) as Validator;
  const enterprise = validatorCompiler({
    schema: EnterpriseRegistrationSchema,
    httpPart: 'body',
  }) as Validator;
  const validate: Validator = (data: unknown) => {
    const kind = (data as { kind?: unknown } | null)?.kind;
    const v = kind === 'citizen' ? citizen : kind === 'enterprise' ? enterprise : kindOnly;
    const ok = v(data);
    validate.errors = ok ? null : v.errors;
    return ok;
  };
  return validate;
}

export function registerAccountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const bodyValidator = registrationValidator();

  r.post(
    '/api/v1/accounts',
    {
      config: { rateLimit: { max: ctx.config.ratePublicPerMinute, timeWindow: '1 minute' } },
      validatorCompiler: (req) => (req.httpPart === 'body' ? bodyValidator : validatorCompiler(req)),
      schema: {
        tags: ['账号注册与个人信息'],
        summary: '注册个人或法人账号',
        description:
          '个人：真实姓名、居民身份证号码（校验码）、手机号码；法人：单位名称、统一社会信用代码（校验码）、法定代表人、手机号码。',
        body: RegistrationBodySchema,
        response: { 201: RegisteredSchema, ...errorResponses(400, 403, 409, 413, 422, 429) },
      },
    },
    async (req, reply) => {
      const { userId } = await registerAccount(
        ctx,
        req.body as RegistrationInput,
        actorOf(req),
        req.principal,
      );
      return reply.status(201).send({ user: await sessionUserOf(ctx, userId) });
    },
  );

  r.get(
    '/api/v1/me/profile',
    {
      schema: {
        tags: ['账号注册与个人信息'],
        summary: '本人账号信息（证件号码、手机号脱敏显示；查看行为记入审计日志）',
        response: { 200: ProfileSchema, ...errorResponses(401, 403) },
      },
    },
    async (req, reply) => {
      if (!req.principal) throw platformErrors.UNAUTHENTICATED();
      reply.header('cache-control', 'no-store');
      return getProfile(ctx, req.principal, actorOf(req));
    },
  );
}
