// Live preview for the form editor: checks a definition and, when it is sound, sample data against it.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import { requireReach } from '../../../platform/http/principal.ts';
import { validateFormData } from '../forms/validate-data.ts';
import { validateFormDefinition } from '../forms/validate-definition.ts';
import { SERVICE_MANAGE } from '../services.permissions.ts';
import { FormValidateAnswerSchema, FormValidateBodySchema } from '../services.schemas.ts';

export function registerFormRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/v1/forms/validate',
    {
      schema: {
        tags: ['政务服务事项管理'],
        summary: '表单预览校验：检查表单定义，并用它校验示例数据',
        description:
          'definitionProblems 为表单定义的问题（path 相对于 form）；定义无误时 problems 为数据的问题。',
        body: FormValidateBodySchema,
        response: { 200: FormValidateAnswerSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      requireReach(req.principal, SERVICE_MANAGE);
      const def = validateFormDefinition(req.body.form);
      if (!def.ok) return { ok: false, problems: [], definitionProblems: def.problems, values: null };
      const r = validateFormData(def.definition, req.body.data ?? {}, {
        today: shanghaiDate(ctx.clock.now()),
      });
      return r.ok
        ? { ok: true, problems: [], definitionProblems: [], values: r.values }
        : { ok: false, problems: r.problems, definitionProblems: [], values: null };
    },
  );
}
