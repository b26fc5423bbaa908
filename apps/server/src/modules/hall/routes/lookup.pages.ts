// 办件查询: anyone with a case number and its query code sees the status and the public timeline,
// without signing in and without any personal data. A POST keeps the query code out of addresses and
// browser history; the form carries the portal's double-submit token (or the session's, when signed
// in). A wrong number or code gets one "not found" answer that does not say which part was wrong.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import type { ErrorDetail } from '../../../platform/http/errors.ts';
import { hallData } from '../hall.data.ts';
import { asBody, bodyValue } from '../hall.forms.ts';
import { cnDate, cnTime, EXPIRED_FORM, formToken, formTokenValid, hallPage, nz } from '../hall.http.ts';

const NOT_FOUND = '未查询到办件。请核对办件编号和查询码后重新输入。';

export function registerLookupPages(app: FastifyInstance, ctx: AppContext): void {
  const data = hallData(ctx);
  const limit = { rateLimit: { max: ctx.config.ratePublicPerMinute, timeWindow: 60_000 } };
  const labels: Record<string, string> = { number: '办件编号', queryCode: '查询码' };

  const page = (
    req: FastifyRequest,
    reply: FastifyReply,
    o: {
      values?: Record<string, string>;
      details?: ErrorDetail[];
      formError?: string | null;
      result?: Record<string, unknown> | null;
    },
    status = 200,
  ) => {
    const errors: Record<string, string> = {};
    for (const d of o.details ?? []) errors[d.field] = d.message;
    return hallPage(
      ctx,
      req,
      reply,
      'lookup',
      {
        title: '办件进度查询',
        columnName: '网上办事',
        formToken: formToken(ctx, req, reply),
        values: o.values ?? {},
        errors,
        errorList: (o.details ?? []).map((d) => ({
          field: d.field,
          label: labels[d.field] ?? d.field,
          message: d.message,
        })),
        formError: o.formError ?? null,
        result: o.result ?? null,
      },
      status,
    );
  };

  app.get('/hall/lookup', { schema: { hide: true } }, async (req, reply) => page(req, reply, {}));

  app.post(
    '/hall/lookup',
    // The token is checked here, for anonymous visitors as well as signed-in ones.
    { schema: { hide: true }, config: { skipCsrf: true, ...limit } },
    async (req, reply) => {
      const body = asBody(req.body);
      const number = bodyValue(body, 'number', 40).trim();
      const queryCode = bodyValue(body, 'queryCode', 20).trim();
      const values = { number, queryCode: '' };
      if (!formTokenValid(req, bodyValue(body, '_csrf', 100)))
        return page(req, reply, { values, formError: EXPIRED_FORM }, 403);
      const missing: ErrorDetail[] = [];
      if (!number) missing.push({ field: 'number', message: '请输入办件编号' });
      if (!queryCode) missing.push({ field: 'queryCode', message: '请输入查询码' });
      if (missing.length) return page(req, reply, { values: { number, queryCode }, details: missing }, 422);

      const r = await data.publicLookup(number, queryCode);
      // The query code is never echoed back into the page.
      if (!r) return page(req, reply, { values, formError: NOT_FOUND }, 404);
      return page(req, reply, {
        values: { number, queryCode: '' },
        result: {
          number: r.number,
          subject: r.subject,
          orgName: r.orgName,
          status: r.status,
          statusName: r.statusName,
          receivedText: cnDate(r.receivedOn),
          legalDeadlineText: r.legalDeadline ? cnDate(r.legalDeadline) : null,
          promisedDeadlineText: r.promisedDeadline ? cnDate(r.promisedDeadline) : null,
          completedText: r.completedAt ? cnTime(r.completedAt) : null,
          timeline: r.timeline.map((e) => ({
            title: e.title,
            atText: cnTime(e.at),
            stepName: nz(e.stepName) && e.stepName !== e.title ? e.stepName : null,
          })),
        },
      });
    },
  );
}
