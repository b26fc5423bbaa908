// The applicant's 依申请公开 pages, without JavaScript: the application form (applicant details come
// from the signed-in, verified account), the list of the applicant's requests, one request with its
// progress, the correction form when one is asked for, and the reply letter. Pages are per visitor
// (never cached); forms carry the session's CSRF token in `_csrf`, which the kernel checks.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { sendPortalPage } from '../../portal/index.ts';
import { cnDate } from '../disclosure.common.ts';
import { DELIVERY_NAMES, ORGANISATION_CATEGORIES } from '../disclosure.model.ts';
import { listDisclosureUnits } from '../use-cases/guide.ts';
import { getRequest, listMyDisclosureRequests, submitCorrection } from '../use-cases/requests.ts';
import { submitRequest } from '../use-cases/submit-request.ts';

const LABELS: Record<string, string> = {
  orgId: '受理机关',
  description: '所需政府信息的名称、文号或特征性描述',
  docNumber: '文号',
  purpose: '用途',
  delivery: '获取信息的方式',
  address: '通信地址',
  applicantCategory: '申请人类别',
  text: '补正内容',
};

function field(body: unknown, name: string, max: number): string {
  const v = (body as Record<string, unknown> | null)?.[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/** The signed-in applicant, or null after answering (sign in first; staff accounts are turned away). */
async function applicant(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  next: string,
): Promise<Principal | null> {
  const p = req.principal;
  if (!p) {
    await reply.header('cache-control', 'no-store').redirect(`/login?next=${encodeURIComponent(next)}`, 303);
    return null;
  }
  if (p.kind !== 'citizen' && p.kind !== 'enterprise') {
    await sendPortalPage(ctx, req, reply, {
      page: 'disclosure/notice',
      status: 403,
      data: () => ({
        title: '请使用个人或法人账号',
        columnName: '政务公开',
        heading: '请使用个人或法人账号提交申请',
        message: '工作人员账号不能提交政府信息公开申请。请退出后使用个人用户或法人用户账号登录。',
      }),
    });
    return null;
  }
  return p;
}

function problemsOf(e: AppError): {
  errors: Record<string, string>;
  errorList: { field: string; label: string; message: string }[];
} {
  const errors: Record<string, string> = {};
  for (const d of e.details) if (LABELS[d.field] && !errors[d.field]) errors[d.field] = d.message;
  const errorList = Object.entries(errors).map(([f, message]) => ({
    field: f,
    label: LABELS[f] as string,
    message,
  }));
  return { errors, errorList };
}

export function registerApplyPages(app: FastifyInstance, ctx: AppContext): void {
  const form = async (
    req: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    values: Record<string, string>,
    problems: ReturnType<typeof problemsOf> | null,
    formError: string | null,
    status = 200,
  ) => {
    const units = await listDisclosureUnits(ctx);
    const selected = values.orgId || units.find((u) => u.defaultForRequests)?.orgId || '';
    return sendPortalPage(ctx, req, reply, {
      page: 'disclosure/apply',
      status,
      data: () => ({
        title: '政府信息公开申请',
        columnName: '政务公开',
        csrf: p.csrfToken,
        key: values._key || randomUUID(),
        applicantName: p.displayName,
        isEnterprise: p.kind === 'enterprise',
        units: units.map((u) => ({ value: u.orgId, name: u.orgName, selected: u.orgId === selected })),
        deliveries: Object.entries(DELIVERY_NAMES).map(([value, name]) => ({
          value,
          name,
          checked: (values.delivery || 'electronic') === value,
        })),
        categories: ORGANISATION_CATEGORIES.map((c) => ({
          value: c,
          selected: (values.applicantCategory || '商业企业') === c,
        })),
        values,
        errors: problems?.errors ?? {},
        errorList: problems?.errorList ?? [],
        formError,
      }),
    });
  };

  app.get('/disclosure/apply', { schema: { hide: true } }, async (req, reply) => {
    const p = await applicant(ctx, req, reply, '/disclosure/apply');
    if (!p) return reply;
    const q = req.query as Record<string, unknown>;
    return form(
      req,
      reply,
      p,
      { orgId: typeof q.orgId === 'string' ? q.orgId.slice(0, 64) : '' },
      null,
      null,
    );
  });

  app.post(
    '/disclosure/apply',
    {
      schema: { hide: true },
      config: {
        rateLimit: {
          max: ctx.config.ratePublicPerMinute,
          timeWindow: 60_000,
          keyGenerator: (r: FastifyRequest) => r.principal?.userId ?? r.ip,
        },
      },
    },
    async (req, reply) => {
      const p = await applicant(ctx, req, reply, '/disclosure/apply');
      if (!p) return reply;
      const values = {
        orgId: field(req.body, 'orgId', 64),
        description: field(req.body, 'description', 4000),
        docNumber: field(req.body, 'docNumber', 120),
        purpose: field(req.body, 'purpose', 1000),
        delivery: field(req.body, 'delivery', 20),
        address: field(req.body, 'address', 400),
        applicantCategory: field(req.body, 'applicantCategory', 20),
        _key: field(req.body, '_key', 100),
      };
      try {
        const r = await submitRequest(
          ctx,
          p,
          {
            ...values,
            applicantCategory: p.kind === 'enterprise' ? values.applicantCategory : undefined,
            // The form's one-time key makes a double click one request.
            idempotencyKey: /^[\x21-\x7e]{8,100}$/.test(values._key) ? values._key : null,
          },
          actorOf(req),
        );
        return reply.header('cache-control', 'no-store').redirect(`/disclosure/my/${r.id}?submitted=1`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 403) throw e;
        const problems = problemsOf(e);
        return form(req, reply, p, values, problems, problems.errorList.length ? null : e.userMessage, 422);
      }
    },
  );

  app.get('/disclosure/my', { schema: { hide: true } }, async (req, reply) => {
    const p = await applicant(ctx, req, reply, '/disclosure/my');
    if (!p) return reply;
    const list = await listMyDisclosureRequests(ctx, p, { page: 1, pageSize: 100 });
    return sendPortalPage(ctx, req, reply, {
      page: 'disclosure/my',
      data: () => ({
        title: '我的政府信息公开申请',
        columnName: '政务公开',
        total: list.total,
        requests: list.items.map((r) => ({
          href: `/disclosure/my/${r.id}`,
          number: r.number,
          orgName: r.orgName,
          description: r.description.length > 60 ? `${r.description.slice(0, 60)}……` : r.description,
          statusName: r.statusName,
          receivedText: cnDate(r.receivedOn),
          dueText: r.status === 'completed' ? '' : cnDate(r.dueDate),
        })),
      }),
    });
  });

  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    id: string,
    extra: { notice?: string | null; text?: string; problems?: ReturnType<typeof problemsOf> | null } = {},
    status = 200,
  ) => {
    const r = await getRequest(ctx, p, id, actorOf(req));
    return sendPortalPage(ctx, req, reply, {
      page: 'disclosure/request',
      status,
      data: () => ({
        title: `政府信息公开申请 ${r.number}`,
        columnName: '政务公开',
        csrf: p.csrfToken,
        r: {
          ...r,
          receivedText: cnDate(r.receivedOn),
          dueText: cnDate(r.dueDate),
          repliedText: cnDate(r.repliedOn),
          correctionDueText: cnDate(r.correction.dueOn),
        },
        awaitingCorrection: r.currentSteps.some((s) => s.key === 'await_correction'),
        notice: extra.notice ?? null,
        text: extra.text ?? '',
        errors: extra.problems?.errors ?? {},
        errorList: extra.problems?.errorList ?? [],
      }),
    });
  };

  app.get('/disclosure/my/:id', { schema: { hide: true } }, async (req, reply) => {
    const id = String((req.params as { id: string }).id).slice(0, 64);
    const p = await applicant(ctx, req, reply, `/disclosure/my/${encodeURIComponent(id)}`);
    if (!p) return reply;
    const q = req.query as Record<string, unknown>;
    const notice =
      q.submitted === '1'
        ? '申请已提交。答复期限自收到申请之日的次日起计算，请留意站内消息。'
        : q.corrected === '1'
          ? '补正内容已提交，答复期限自今日起重新计算。'
          : null;
    return detail(req, reply, p, id, { notice });
  });

  app.post('/disclosure/my/:id/correction', { schema: { hide: true } }, async (req, reply) => {
    const id = String((req.params as { id: string }).id).slice(0, 64);
    const p = await applicant(ctx, req, reply, `/disclosure/my/${encodeURIComponent(id)}`);
    if (!p) return reply;
    const text = field(req.body, 'text', 4000);
    try {
      await submitCorrection(ctx, p, id, { text }, actorOf(req));
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 422) throw e;
      return detail(req, reply, p, id, { text, problems: problemsOf(e) }, 422);
    }
    return reply.header('cache-control', 'no-store').redirect(`/disclosure/my/${id}?corrected=1`, 303);
  });
}
