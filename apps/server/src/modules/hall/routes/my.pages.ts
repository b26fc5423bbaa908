// 我的办件: the applicant's drafts and applications with live status and deadlines; one application's
// timeline, documents (PDF), 一次性告知 with the resubmission form, withdrawal, the licence link and,
// after completion, the 好差评 rating. Another applicant's application is "not found", whatever the id.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { contentDisposition } from '../../../platform/files/file-routes.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { AppError, type ErrorDetail } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { listMyDisclosureRequests } from '../../disclosure/index.ts';
import { LEVEL_NAMES } from '../../ratings/index.ts';
import type { ServiceItem } from '../../services/index.ts';
import { type ApplicationDetail, hallData } from '../hall.data.ts';
import {
  applyRowOp,
  buildFormView,
  compactForm,
  displayForm,
  type FormProblem,
  type ParsedForm,
  parseFormBody,
  parseRowOp,
  problemPath,
} from '../hall.forms.ts';
import { cnDate, cnTime, hallPage, notFound, nz, requireApplicant, uuidParam } from '../hall.http.ts';
import {
  ACCEPT,
  limitText,
  multipartPostOptions,
  readMultipart,
  storeUpload,
  withMultipart,
} from '../hall.multipart.ts';
import { limitText as daysText, pagination } from '../hall.views.ts';
import { yuan } from '../../../../../shared/money.ts';

const PAGE_SIZE = 20;

/** The five 好差评 levels, best first, as the rating form lists them. */
const RATING_LEVELS = Object.entries(LEVEL_NAMES)
  .map(([score, name]) => ({ value: score, name, stars: '★'.repeat(Number(score)) }))
  .sort((a, b) => Number(b.value) - Number(a.value));

/** What needs the applicant's action, in one line for the list. */
function attentionOf(status: string): string | null {
  if (status === 'correction') return '请补正材料';
  if (status === 'fee_due') return '请缴纳费用';
  return null;
}

function deadlineNote(a: ApplicationDetail): string | null {
  if (a.status === 'correction') return '补正期间办理时限暂停计算，补正材料提交后继续计算。';
  if (a.deadlinesProjected) return '尚未受理：办结期限按今日受理推算，受理后以实际受理日计算。';
  return null;
}

function detailView(a: ApplicationDetail, item: ServiceItem | null) {
  const docUrl = (docId: string) => `/hall/my/${a.id}/documents/${docId}`;
  return {
    id: a.id,
    number: a.number ?? '（尚未编号）',
    queryCode: a.queryCode,
    itemName: a.itemName,
    orgName: a.orgName,
    status: a.status,
    statusName: a.statusName,
    receivedText: cnDate(a.receivedOn),
    legalDeadlineText: a.legalDeadline
      ? `${cnDate(a.legalDeadline)}${a.legalLimit ? `（${daysText(a.legalLimit.days, a.legalLimit.unit)}）` : ''}`
      : null,
    promisedDeadlineText: a.promisedDeadline
      ? `${cnDate(a.promisedDeadline)}${a.promisedLimit ? `（${daysText(a.promisedLimit.days, a.promisedLimit.unit)}）` : ''}`
      : null,
    deadlineNote: deadlineNote(a),
    limitNote: a.deadlinesProjected ? '办结期限自受理之日起计算；以上为按今日受理推算的日期。' : null,
    feeText: a.fees ? `${a.fees.statusName}：${yuan(a.fees.totalFen)} 元（${a.fees.totalText}）` : null,
    timeline: a.timeline.map((e) => ({
      title: e.title,
      atText: cnTime(e.at),
      stepName: nz(e.stepName) && e.stepName !== e.title ? e.stepName : null,
      actor: nz(e.actorOrgName),
      comment: nz(e.comment),
    })),
    documents: a.documents.map((d) => ({
      title: d.title,
      url: docUrl(d.id),
      issuedText: `${d.number ? `${d.number}　` : ''}${cnDate(d.issuedOn)}`,
    })),
    receiptUrl: (() => {
      const r = a.documents.find((d) => d.kind === 'receipt');
      return r ? docUrl(r.id) : null;
    })(),
    correction:
      a.correction && !a.correction.resolvedAt
        ? {
            requestedText: cnDate(a.correction.requestedOn),
            items: a.correction.items,
            comment: nz(a.correction.comment),
          }
        : null,
    canResubmit: a.canResubmit,
    canWithdraw: a.canWithdraw,
    canRate: a.canRate,
    licence: a.licence
      ? { name: nz(a.licence.name), number: a.licence.number, verifyUrl: nz(a.licence.verifyUrl) }
      : null,
    display: item
      ? displayForm(item.form, a.form, { mask: true })
      : a.formSummary.length
        ? [
            {
              title: '申请表',
              rows: a.formSummary.map((r) => ({ label: r.label, value: r.value, table: null })),
            },
          ]
        : [],
    materials: a.materials.flatMap((m) =>
      m.files.map((f) => ({
        name: m.name,
        fileName: f.name,
        roundText: f.round > 1 ? `第 ${f.round - 1} 次补正` : null,
      })),
    ),
  };
}

export async function registerMyPages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const data = hallData(ctx);

  const loadApp = async (p: Principal, id: string | null): Promise<ApplicationDetail> => {
    const a = id ? await data.application(p, id) : null;
    if (!a) throw notFound('办件不存在');
    return a;
  };

  // ---- 我的办件 ----

  app.get('/hall/my', { schema: { hide: true } }, async (req, reply) => {
    const p = await requireApplicant(ctx, req, reply, '/hall/my');
    if (!p) return reply;
    const q = req.query as Record<string, unknown>;
    const pageNo = Number(q.page);
    const page = Number.isInteger(pageNo) && pageNo >= 1 && pageNo <= 10_000 ? pageNo : 1;
    const list = await data.myApplications(p, page, PAGE_SIZE);
    const pageCount = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    // Disclosure requests are cases too: the newest here, all of them on the disclosure pages.
    const disclosure = await listMyDisclosureRequests(ctx, p, { page: 1, pageSize: 5 });
    return hallPage(ctx, req, reply, 'my', {
      title: '我的办件',
      columnName: '网上办事',
      notice:
        q.deleted === '1'
          ? '草稿已删除。'
          : q.withdrawn === '1'
            ? '申请已撤回。'
            : q.submitted === '1'
              ? '该申请已经提交，请在下方列表中查看。'
              : null,
      drafts: list.drafts.map((d) => ({
        itemName: d.itemName,
        updatedText: cnTime(d.updatedAt),
        continueUrl: `/hall/drafts/${d.id}`,
        deleteAction: `/hall/drafts/${d.id}/delete`,
      })),
      applications: list.items.map((a) => ({
        id: a.id,
        number: a.number ?? '—',
        itemName: a.itemName,
        status: a.status,
        statusName: a.statusName,
        attention: attentionOf(a.status),
        submittedText: cnTime(a.submittedAt),
        deadlineText: a.promisedDeadline
          ? cnDate(a.promisedDeadline)
          : a.legalDeadline
            ? cnDate(a.legalDeadline)
            : '',
      })),
      total: list.total,
      pager: pagination(page, pageCount, (n) => `/hall/my?page=${n}`),
      disclosure: {
        total: disclosure.total,
        more: disclosure.total > disclosure.items.length,
        items: disclosure.items.map((r) => ({
          number: r.number,
          pageUrl: r.pageUrl,
          orgName: r.orgName,
          statusName: r.statusName,
          submittedText: cnTime(r.submittedAt),
          dueText: r.dueDate ? cnDate(r.dueDate) : '',
        })),
      },
    });
  });

  // ---- 办件详情 ----

  const detailPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    a: ApplicationDetail,
    extra: {
      notice?: string | null;
      errors?: Record<string, string>;
      values?: Record<string, string>;
      formError?: string | null;
    } = {},
    status = 200,
  ) => {
    const item = await data.getItem(a.itemId);
    const rating = a.caseId ? await data.ratingOf(a.caseId) : null;
    const errors = extra.errors ?? {};
    const labels: Record<string, string> = { score: '评价等级', comment: '意见和建议' };
    return hallPage(
      ctx,
      req,
      reply,
      'application',
      {
        title: `${a.itemName} 办件详情`,
        columnName: '网上办事',
        app: {
          ...detailView(a, item),
          rating: rating ? { levelName: rating.levelName, comment: nz(rating.comment) } : null,
        },
        ratingLevels: RATING_LEVELS,
        notice: extra.notice ?? null,
        errors,
        errorList: Object.entries(errors).map(([field, message]) => ({
          field,
          label: labels[field] ?? field,
          message,
        })),
        formError: extra.formError ?? null,
        values: extra.values ?? {},
      },
      status,
    );
  };

  app.get('/hall/my/:id', { schema: { hide: true } }, async (req, reply) => {
    const p = await requireApplicant(ctx, req, reply);
    if (!p) return reply;
    const a = await loadApp(p, uuidParam(req));
    const q = req.query as Record<string, unknown>;
    const notice =
      q.resubmitted === '1'
        ? '补正材料已提交，办理时限继续计算。'
        : q.rated === '1'
          ? '感谢您的评价。'
          : null;
    return detailPage(req, reply, a, { notice });
  });

  app.get('/hall/my/:id/receipt', { schema: { hide: true } }, async (req, reply) => {
    const p = await requireApplicant(ctx, req, reply);
    if (!p) return reply;
    const a = await loadApp(p, uuidParam(req));
    const v = detailView(a, null);
    return hallPage(ctx, req, reply, 'receipt', {
      title: '接收回执',
      columnName: '网上办事',
      app: { ...v, receivedText: cnDate(a.receivedOn) },
    });
  });

  app.get('/hall/my/:id/documents/:docId', { schema: { hide: true } }, async (req, reply) => {
    const p = await requireApplicant(ctx, req, reply);
    if (!p) return reply;
    const id = uuidParam(req);
    const docId = uuidParam(req, 'docId');
    const doc = id && docId ? await data.document(p, id, docId) : null;
    if (!doc) throw notFound('文书不存在');
    return reply
      .header('content-type', 'application/pdf')
      .header('content-length', String(doc.data.length))
      .header('content-disposition', contentDisposition(doc.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .send(doc.data);
  });

  // ---- 撤回 ----

  app.get('/hall/my/:id/withdraw', { schema: { hide: true } }, async (req, reply) => {
    const p = await requireApplicant(ctx, req, reply);
    if (!p) return reply;
    const a = await loadApp(p, uuidParam(req));
    if (!a.canWithdraw) return reply.header('cache-control', 'no-store').redirect(`/hall/my/${a.id}`, 303);
    return hallPage(ctx, req, reply, 'withdraw', {
      title: '撤回申请',
      columnName: '网上办事',
      app: { id: a.id, number: a.number, itemName: a.itemName },
      errors: {},
      errorList: [],
      values: {},
    });
  });

  app.post('/hall/my/:id/withdraw', { schema: { hide: true } }, async (req, reply) => {
    const p = await requireApplicant(ctx, req, reply);
    if (!p) return reply;
    const a = await loadApp(p, uuidParam(req));
    const body = (req.body ?? {}) as Record<string, unknown>;
    const reason = typeof body.reason === 'string' ? body.reason.trim().slice(0, 500) : '';
    const page = (errors: Record<string, string>, formError: string | null, status: number) =>
      hallPage(
        ctx,
        req,
        reply,
        'withdraw',
        {
          title: '撤回申请',
          columnName: '网上办事',
          app: { id: a.id, number: a.number, itemName: a.itemName },
          errors,
          errorList: Object.entries(errors).map(([field, message]) => ({
            field,
            label: '撤回原因',
            message,
          })),
          formError,
          values: { reason },
        },
        status,
      );
    try {
      await data.withdraw(p, a.id, reason, actorOf(req));
    } catch (e) {
      if (e instanceof AppError && e.status < 500) return page({}, e.userMessage, e.status);
      throw e;
    }
    return reply.header('cache-control', 'no-store').redirect('/hall/my?withdrawn=1', 303);
  });

  // ---- 好差评 ----

  app.post('/hall/my/:id/rate', { schema: { hide: true } }, async (req, reply) => {
    const p = await requireApplicant(ctx, req, reply);
    if (!p) return reply;
    const a = await loadApp(p, uuidParam(req));
    const body = (req.body ?? {}) as Record<string, unknown>;
    const scoreRaw = typeof body.score === 'string' ? body.score : '';
    const comment = typeof body.comment === 'string' ? body.comment.trim().slice(0, 2000) : '';
    const values = { score: scoreRaw, comment };
    const errors: Record<string, string> = {};
    // Only the choice itself is checked here; the ratings module checks the rest (comment length).
    if (!RATING_LEVELS.some((l) => l.value === scoreRaw)) errors.score = '请选择一个评价等级';
    if (!a.canRate || !a.caseId) {
      return detailPage(
        req,
        reply,
        a,
        { formError: '该办件现在不能评价（办结后方可评价，每个办件只能评价一次）' },
        409,
      );
    }
    if (Object.keys(errors).length) return detailPage(req, reply, a, { errors, values }, 422);
    try {
      await data.rate(p, a.caseId, Number(scoreRaw), comment, actorOf(req));
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      const fieldErrors: Record<string, string> = {};
      for (const d of e.details)
        if (d.field === 'score' || d.field === 'comment') fieldErrors[d.field] = d.message;
      return detailPage(
        req,
        reply,
        a,
        { errors: fieldErrors, values, formError: Object.keys(fieldErrors).length ? null : e.userMessage },
        e.status,
      );
    }
    return reply.header('cache-control', 'no-store').redirect(`/hall/my/${a.id}?rated=1`, 303);
  });

  // ---- 补正 ----

  const resubmitPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    a: ApplicationDetail,
    item: ServiceItem,
    o: {
      parsed: ParsedForm;
      problems?: readonly FormProblem[];
      kept?: Map<string, { id: string; name: string }>;
      fileErrors?: Map<string, string>;
      formError?: string | null;
    },
    status = 200,
  ) => {
    const requested = new Set((a.correction?.items ?? []).map((i) => i.materialId).filter(Boolean));
    const materials = item.materials
      .map((m, i) => ({
        id: m.id,
        name: m.name,
        requested: requested.has(m.id),
        inputId: `resubmit-file-${i + 1}`,
        kept: o.kept?.get(m.id) ?? null,
        error: o.fileErrors?.get(m.id) ?? null,
      }))
      // Materials named in the notice first.
      .sort((x, y) => Number(y.requested) - Number(x.requested));
    const form = buildFormView(item.form, o.parsed, o.problems ?? []);
    for (const m of materials)
      if (m.error) form.errorList.unshift({ anchor: m.inputId, label: m.name, message: m.error });
    return hallPage(
      ctx,
      req,
      reply,
      'resubmit',
      {
        title: '补正材料',
        columnName: '网上办事',
        app: { id: a.id, number: a.number, itemName: a.itemName },
        correction: { items: a.correction?.items ?? [] },
        materials,
        form,
        formError: o.formError ?? null,
        limitText: limitText(ctx),
        limitBytes: ctx.config.uploadLimitBytes,
        accept: ACCEPT,
      },
      status,
    );
  };

  const correctable = async (p: Principal, id: string | null) => {
    const a = await loadApp(p, id);
    const item = a.canResubmit ? await data.getItem(a.itemId) : null;
    return { a, item };
  };

  app.get('/hall/my/:id/resubmit', { schema: { hide: true } }, async (req, reply) => {
    const p = await requireApplicant(ctx, req, reply);
    if (!p) return reply;
    const { a, item } = await correctable(p, uuidParam(req));
    if (!item) return reply.header('cache-control', 'no-store').redirect(`/hall/my/${a.id}`, 303);
    return resubmitPage(req, reply, a, item, {
      parsed: compactForm(item.form, { values: a.form, rows: {} }),
    });
  });

  await withMultipart(app, ctx, (scope) => {
    scope.post('/hall/my/:id/resubmit', multipartPostOptions(ctx), async (req, reply) => {
      const p = await requireApplicant(ctx, req, reply);
      if (!p) return reply;
      const mp = await readMultipart(req, p);
      const { a, item } = await correctable(p, uuidParam(req));
      if (!item) return reply.header('cache-control', 'no-store').redirect(`/hall/my/${a.id}`, 303);
      const materialIds = new Set(item.materials.map((m) => m.id));

      // Files already uploaded on an earlier round-trip of this page (hidden keep.<materialId>),
      // accepted only when they are the applicant's own.
      const kept = new Map<string, { id: string; name: string }>();
      for (const [k, v] of Object.entries(mp.body)) {
        if (!k.startsWith('keep.') || typeof v !== 'string') continue;
        const mid = k.slice(5);
        if (!materialIds.has(mid) || !/^[0-9a-f-]{36}$/i.test(v)) continue;
        const f = await ctx.files.get(ctx.pool, v);
        if (f && f.ownerUserId === p.userId) kept.set(mid, { id: f.id, name: f.name });
      }
      const fileErrors = new Map<string, string>();
      for (const part of mp.files) {
        if (!part.field.startsWith('file.')) continue;
        const mid = part.field.slice(5);
        if (!materialIds.has(mid)) continue;
        try {
          const stored = await withTx(ctx.pool, (tx) => storeUpload(tx, ctx, p, part, actorOf(req)));
          kept.set(mid, { id: stored.id, name: stored.name });
        } catch (e) {
          if (e instanceof AppError && e.status < 500) fileErrors.set(mid, e.userMessage);
          else throw e;
        }
      }

      let parsed = parseFormBody(item.form, mp.body);
      const op = typeof mp.body._op === 'string' ? mp.body._op : '';
      const rowOp = parseRowOp(op);
      if (rowOp) parsed = applyRowOp(item.form, parsed, rowOp);
      if (rowOp || op === 'refresh' || fileErrors.size > 0) {
        return resubmitPage(req, reply, a, item, { parsed, kept, fileErrors }, fileErrors.size ? 422 : 200);
      }

      const compacted = compactForm(item.form, parsed);
      const values = compacted.values;
      parsed = compacted;
      const checked = data.validate(item, values);
      if (!checked.ok)
        return resubmitPage(req, reply, a, item, { parsed, kept, problems: checked.problems }, 422);
      if (kept.size === 0 && (a.correction?.items ?? []).some((i) => i.materialId)) {
        fileErrors.set(
          (a.correction?.items ?? []).find((i) => i.materialId)?.materialId as string,
          '请上传需要补正的材料',
        );
        return resubmitPage(req, reply, a, item, { parsed, kept, fileErrors }, 422);
      }
      try {
        await data.resubmit(
          p,
          a.id,
          { form: values, materials: [...kept].map(([materialId, f]) => ({ materialId, fileId: f.id })) },
          actorOf(req),
        );
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        const formProblems: FormProblem[] = [];
        const other: ErrorDetail[] = [];
        for (const d of e.details) (d.field.startsWith('form') ? formProblems : other).push(d);
        for (const d of other) {
          const m = /^materials(?:\[(\d+)\])?/.exec(problemPath(d.field));
          const mid = m?.[1] !== undefined ? [...kept.keys()][Number(m[1])] : undefined;
          if (mid) fileErrors.set(mid, d.message);
        }
        return resubmitPage(
          req,
          reply,
          a,
          item,
          {
            parsed,
            kept,
            fileErrors,
            problems: formProblems,
            formError: formProblems.length || fileErrors.size ? null : e.userMessage,
          },
          e.status,
        );
      }
      return reply.header('cache-control', 'no-store').redirect(`/hall/my/${a.id}?resubmitted=1`, 303);
    });
  });
}
