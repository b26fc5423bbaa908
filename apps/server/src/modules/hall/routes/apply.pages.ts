// Applying online: 1 填写申请表 (prefilled from the verified profile) → 2 上传申请材料 → 3 核对并提交
// → 4 接收回执. Work is kept in a licensing draft from the first save, so the applicant can leave and
// come back from 我的办件. Every step is a plain form: repeating groups grow with an "add" submit
// button, conditional fields are decided on the server when the form comes back, uploads are one
// multipart form per material. Signed-in forms carry the session's CSRF token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import type { ServiceItem } from '../../services/index.ts';
import { type DraftView, hallData, IDEMPOTENCY_KEY_RE } from '../hall.data.ts';
import {
  applyRowOp,
  asBody,
  buildFormView,
  compactForm,
  type FormProblem,
  type FormValues,
  type ParsedForm,
  parseFormBody,
  parseRowOp,
} from '../hall.forms.ts';
import { applicantRateLimit, hallPage, notFound, opOf, requireApplicant, uuidParam } from '../hall.http.ts';
import {
  ACCEPT,
  limitText,
  multipartPostOptions,
  readMultipart,
  storeUpload,
  withMultipart,
} from '../hall.multipart.ts';
import { caseKindText, limitText as daysText, materialView } from '../hall.views.ts';
import { displayForm } from '../hall.forms.ts';
import { formatBytes } from '../../../platform/files/file-store.ts';

const STATUS_FOR_UPLOAD_ERROR = new Set([400, 413, 415, 422]);

type MaterialChoice = { materialId: string; fileId: string };

/** A draft's materials as saveDraft and submit take them: the file ids, without names and sizes. */
function choicesOf(draft: DraftView): MaterialChoice[] {
  return draft.materials.map(({ materialId, fileId }) => ({ materialId, fileId }));
}

function itemHead(item: ServiceItem) {
  return { id: item.id, name: item.name, orgName: item.orgName };
}

/** Why this applicant cannot apply for the item online, or null. */
function applyBlock(item: ServiceItem, p: Principal): string | null {
  if (item.onlineDepth < 3 || !item.processCode || item.form.sections.length === 0)
    return '本事项暂不支持网上申请，请按办事指南到窗口办理。';
  const forPerson = item.audience.includes('person');
  const forEnterprise = item.audience.includes('enterprise');
  if (p.kind === 'citizen' && !forPerson)
    return '本事项面向法人（企业和其他组织）办理，请使用法人账号登录后申请。';
  if (p.kind === 'enterprise' && !forEnterprise) return '本事项面向自然人办理，请使用个人账号登录后申请。';
  return null;
}

export async function registerApplyPages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const data = hallData(ctx);

  const blockedPage = (req: FastifyRequest, reply: FastifyReply, item: ServiceItem, message: string) =>
    hallPage(ctx, req, reply, 'notice', {
      title: '暂不能在线申请',
      columnName: '网上办事',
      heading: `${item.name}：暂不能在线申请`,
      message,
    });

  const formPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    o: {
      item: ServiceItem;
      draftId: string | null;
      parsed: ParsedForm;
      problems?: readonly FormProblem[];
      prefilled?: ReadonlySet<string>;
      notice?: string | null;
      formError?: string | null;
    },
    status = 200,
  ) =>
    hallPage(
      ctx,
      req,
      reply,
      'apply',
      {
        title: `${o.item.name} 在线申请`,
        columnName: '网上办事',
        item: itemHead(o.item),
        draftId: o.draftId,
        action: o.draftId ? `/hall/drafts/${o.draftId}` : `/hall/apply/${o.item.id}`,
        form: buildFormView(o.item.form, o.parsed, o.problems ?? [], o.prefilled ?? new Set()),
        notice: o.notice ?? null,
        formError: o.formError ?? null,
      },
      status,
    );

  /** The applicant's own draft and its (still published) item, or 404. */
  const loadDraft = async (p: Principal, id: string | null) => {
    if (!id) throw notFound('草稿不存在或已提交');
    const draft = await data.getDraft(p, id);
    if (!draft) throw notFound('草稿不存在或已提交');
    const item = await data.getItem(draft.itemId);
    return { draft, item };
  };

  const parsedOf = (item: ServiceItem, values: FormValues): ParsedForm =>
    compactForm(item.form, { values, rows: {} });

  /**
   * A post of the form step. Row buttons and 更新 re-render; 保存草稿 and 下一步 save the draft first
   * (creating it on the first save), then 下一步 checks the form and moves on to the materials.
   */
  const handleFormPost = async (
    req: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    item: ServiceItem,
    draft: DraftView | null,
  ) => {
    const parsed = parseFormBody(item.form, asBody(req.body));
    const op = opOf(req.body);
    const rowOp = parseRowOp(op);
    if (rowOp)
      return formPage(req, reply, {
        item,
        draftId: draft?.id ?? null,
        parsed: applyRowOp(item.form, parsed, rowOp),
      });
    if (op === 'refresh') return formPage(req, reply, { item, draftId: draft?.id ?? null, parsed });

    const compacted = compactForm(item.form, parsed);
    const values = compacted.values;
    const saved = await data.saveDraft(
      p,
      { draftId: draft?.id ?? null, itemId: item.id, form: values, materials: draft ? choicesOf(draft) : [] },
      actorOf(req),
    );
    if (op !== 'next') {
      return reply.header('cache-control', 'no-store').redirect(`/hall/drafts/${saved.id}?saved=1`, 303);
    }
    const checked = data.validate(item, values);
    if (!checked.ok) {
      return formPage(
        req,
        reply,
        {
          item,
          draftId: saved.id,
          parsed: compacted,
          problems: checked.problems,
          notice: '填写内容已保存为草稿。',
        },
        422,
      );
    }
    return reply.header('cache-control', 'no-store').redirect(`/hall/drafts/${saved.id}/materials`, 303);
  };

  // ---- 1. 填写申请表 ----

  app.get('/hall/apply/:itemId', { schema: { hide: true } }, async (req, reply) => {
    const itemId = uuidParam(req, 'itemId');
    const item = itemId ? await data.getItem(itemId) : null;
    if (!item) throw notFound('事项不存在或尚未发布');
    const p = await requireApplicant(ctx, req, reply, `/hall/apply/${item.id}`);
    if (!p) return reply;
    const block = applyBlock(item, p);
    if (block) return blockedPage(req, reply, item, block);
    const prefill = await data.prefill(p, item);
    return formPage(req, reply, {
      item,
      draftId: null,
      parsed: parsedOf(item, prefill),
      prefilled: new Set(Object.keys(prefill)),
    });
  });

  app.post('/hall/apply/:itemId', { schema: { hide: true } }, async (req, reply) => {
    const itemId = uuidParam(req, 'itemId');
    const item = itemId ? await data.getItem(itemId) : null;
    if (!item) throw notFound('事项不存在或尚未发布');
    const p = await requireApplicant(ctx, req, reply, `/hall/apply/${item.id}`);
    if (!p) return reply;
    const block = applyBlock(item, p);
    if (block) return blockedPage(req, reply, item, block);
    return handleFormPost(req, reply, p, item, null);
  });

  app.get('/hall/drafts/:id', { schema: { hide: true } }, async (req, reply) => {
    const p = await requireApplicant(ctx, req, reply);
    if (!p) return reply;
    const { draft, item } = await loadDraft(p, uuidParam(req));
    if (!item)
      return blockedPage(
        req,
        reply,
        { name: draft.itemName } as ServiceItem,
        '该事项已暂停办理或已调整，草稿无法继续提交。您可以在“我的办件”中删除该草稿。',
      );
    const saved = (req.query as Record<string, unknown>).saved === '1';
    return formPage(req, reply, {
      item,
      draftId: draft.id,
      parsed: parsedOf(item, draft.form),
      notice: saved ? '草稿已保存。您可以随时在“我的办件”中继续填写。' : null,
    });
  });

  app.post('/hall/drafts/:id', { schema: { hide: true } }, async (req, reply) => {
    const p = await requireApplicant(ctx, req, reply);
    if (!p) return reply;
    const { draft, item } = await loadDraft(p, uuidParam(req));
    if (!item) throw notFound('事项不存在或已暂停办理');
    return handleFormPost(req, reply, p, item, draft);
  });

  app.post('/hall/drafts/:id/delete', { schema: { hide: true } }, async (req, reply) => {
    const p = await requireApplicant(ctx, req, reply);
    if (!p) return reply;
    const id = uuidParam(req);
    if (!id || !(await data.deleteDraft(p, id, actorOf(req)))) throw notFound('草稿不存在或已删除');
    return reply.header('cache-control', 'no-store').redirect('/hall/my?deleted=1', 303);
  });

  // ---- 2. 上传申请材料 ----

  /** Keeps the draft's form and replaces its materials. */
  const saveMaterials = (req: FastifyRequest, p: Principal, draft: DraftView, materials: MaterialChoice[]) =>
    data.saveDraft(p, { draftId: draft.id, itemId: draft.itemId, form: draft.form, materials }, actorOf(req));

  const materialsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    item: ServiceItem,
    draft: DraftView,
    o: { errorFor?: string; error?: string; notice?: string | null },
    status = 200,
  ) => {
    const materials = item.materials.map((m, i) => {
      const v = materialView(item.id, m);
      const files = draft.materials
        .filter((x) => x.materialId === m.id)
        .map((x) => ({
          name: x.name ?? '文件',
          sizeText: x.size ? formatBytes(x.size) : '',
          removeAction: `/hall/drafts/${draft.id}/files/${x.fileId}/remove`,
        }));
      return {
        ...v,
        files,
        inputId: `material-file-${i + 1}`,
        uploadAction: `/hall/drafts/${draft.id}/materials/${encodeURIComponent(m.id)}`,
        error: o.errorFor === m.id ? (o.error ?? null) : null,
      };
    });
    const bad = materials.find((m) => m.error);
    return hallPage(
      ctx,
      req,
      reply,
      'materials',
      {
        title: `${item.name} 上传申请材料`,
        columnName: '网上办事',
        item: itemHead(item),
        materials,
        errorList: bad ? [{ anchor: bad.inputId, label: bad.name, message: bad.error }] : [],
        notice: o.notice ?? null,
        limitText: limitText(ctx),
        limitBytes: ctx.config.uploadLimitBytes,
        accept: ACCEPT,
        reviewUrl: `/hall/drafts/${draft.id}/review`,
        formUrl: `/hall/drafts/${draft.id}`,
      },
      status,
    );
  };

  app.get('/hall/drafts/:id/materials', { schema: { hide: true } }, async (req, reply) => {
    const p = await requireApplicant(ctx, req, reply);
    if (!p) return reply;
    const { draft, item } = await loadDraft(p, uuidParam(req));
    if (!item) throw notFound('事项不存在或已暂停办理');
    const q = req.query as Record<string, unknown>;
    const uploaded = typeof q.uploaded === 'string' ? item.materials.find((m) => m.id === q.uploaded) : null;
    const notice = uploaded ? `已上传“${uploaded.name}”。` : q.removed === '1' ? '已删除该文件。' : null;
    return materialsPage(req, reply, item, draft, { notice });
  });

  await withMultipart(app, ctx, (scope) => {
    scope.post('/hall/drafts/:id/materials/:materialId', multipartPostOptions(ctx), async (req, reply) => {
      const p = await requireApplicant(ctx, req, reply);
      if (!p) return reply;
      const form = await readMultipart(req, p);
      const { draft, item } = await loadDraft(p, uuidParam(req));
      if (!item) throw notFound('事项不存在或已暂停办理');
      const materialId = (req.params as { materialId: string }).materialId;
      const material = item.materials.find((m) => m.id === materialId);
      if (!material) throw notFound('该事项没有这项申请材料');
      const part = form.files.find((f) => f.field === 'file');
      if (!part) {
        return materialsPage(
          req,
          reply,
          item,
          draft,
          { errorFor: material.id, error: '请选择要上传的文件' },
          422,
        );
      }
      let fileId: string;
      try {
        const stored = await withTx(ctx.pool, (tx) => storeUpload(tx, ctx, p, part, actorOf(req)));
        fileId = stored.id;
      } catch (e) {
        if (e instanceof AppError && STATUS_FOR_UPLOAD_ERROR.has(e.status))
          return materialsPage(
            req,
            reply,
            item,
            draft,
            { errorFor: material.id, error: e.userMessage },
            e.status,
          );
        throw e;
      }
      await saveMaterials(req, p, draft, [...choicesOf(draft), { materialId: material.id, fileId }]);
      return reply
        .header('cache-control', 'no-store')
        .redirect(`/hall/drafts/${draft.id}/materials?uploaded=${encodeURIComponent(material.id)}`, 303);
    });
  });

  app.post('/hall/drafts/:id/files/:fileId/remove', { schema: { hide: true } }, async (req, reply) => {
    const p = await requireApplicant(ctx, req, reply);
    if (!p) return reply;
    const { draft, item } = await loadDraft(p, uuidParam(req));
    const fileId = uuidParam(req, 'fileId');
    if (!item || !fileId || !draft.materials.some((m) => m.fileId === fileId))
      throw notFound('文件不存在或已删除');
    await saveMaterials(
      req,
      p,
      draft,
      choicesOf(draft).filter((m) => m.fileId !== fileId),
    );
    return reply
      .header('cache-control', 'no-store')
      .redirect(`/hall/drafts/${draft.id}/materials?removed=1`, 303);
  });

  // ---- 3. 核对并提交 ----

  const reviewPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    item: ServiceItem,
    draft: DraftView,
    formError: string | null = null,
    status = 200,
  ) => {
    const checked = data.validate(item, draft.form);
    const errorList: { href: string; label: string; message: string }[] = [];
    if (!checked.ok) {
      errorList.push({
        href: `/hall/drafts/${draft.id}`,
        label: '申请表',
        message: `有 ${checked.problems.length} 处需要修改（${checked.problems
          .slice(0, 3)
          .map((x) => x.message)
          .join('；')}${checked.problems.length > 3 ? '……' : ''}）`,
      });
    }
    const materials = item.materials.map((m) => {
      const v = materialView(item.id, m);
      const files = draft.materials
        .filter((x) => x.materialId === m.id)
        .map((x) => ({ name: x.name ?? '文件' }));
      return { ...v, files, missing: v.required && files.length === 0 };
    });
    for (const m of materials)
      if (m.missing)
        errorList.push({
          href: `/hall/drafts/${draft.id}/materials`,
          label: m.name,
          message: '必要材料尚未上传',
        });
    const values = checked.ok ? checked.values : draft.form;
    const fees = data.fees(item, values);
    return hallPage(
      ctx,
      req,
      reply,
      'review',
      {
        title: `${item.name} 核对并提交`,
        columnName: '网上办事',
        item: itemHead(item),
        display: displayForm(item.form, values),
        materials,
        errorList,
        formError,
        canSubmit: errorList.length === 0,
        limits: {
          kindText: caseKindText(item.promisedLimitDays, item.promisedLimitUnit),
          legalText: daysText(item.legalLimitDays, item.legalLimitUnit),
          promisedText: daysText(item.promisedLimitDays, item.promisedLimitUnit),
        },
        feeText: fees.totalFen > 0 ? `${fees.text}（受理后出具缴费通知书）` : '不收费',
        formUrl: `/hall/drafts/${draft.id}`,
        materialsUrl: `/hall/drafts/${draft.id}/materials`,
        submitAction: `/hall/drafts/${draft.id}/submit`,
        // One key per draft: a second click or a retried post returns the same application.
        idempotencyKey: `hall-draft-${draft.id}`,
      },
      status,
    );
  };

  app.get('/hall/drafts/:id/review', { schema: { hide: true } }, async (req, reply) => {
    const p = await requireApplicant(ctx, req, reply);
    if (!p) return reply;
    const { draft, item } = await loadDraft(p, uuidParam(req));
    if (!item) throw notFound('事项不存在或已暂停办理');
    return reviewPage(req, reply, item, draft);
  });

  app.post(
    '/hall/drafts/:id/submit',
    { schema: { hide: true }, config: { rateLimit: applicantRateLimit(ctx) } },
    async (req, reply) => {
      const p = await requireApplicant(ctx, req, reply);
      if (!p) return reply;
      const id = uuidParam(req);
      const key = asBody(req.body).idempotencyKey;
      const idempotencyKey =
        typeof key === 'string' && IDEMPOTENCY_KEY_RE.test(key) ? key : `hall-draft-${id}`;
      const draft = id ? await data.getDraft(p, id) : null;
      if (!draft) {
        // The draft goes when its application is in: a second click after the first one finished
        // lands here and is shown the list, where the one application is.
        return reply.header('cache-control', 'no-store').redirect('/hall/my?submitted=1', 303);
      }
      const item = await data.getItem(draft.itemId);
      if (!item) throw notFound('事项不存在或已暂停办理');
      try {
        const result = await data.submit(
          p,
          {
            itemId: item.id,
            form: draft.form,
            materials: choicesOf(draft),
            draftId: draft.id,
            idempotencyKey,
          },
          actorOf(req),
        );
        return reply.header('cache-control', 'no-store').redirect(`/hall/my/${result.id}/receipt`, 303);
      } catch (e) {
        if (e instanceof AppError && e.status >= 400 && e.status < 500 && e.status !== 404)
          return reviewPage(req, reply, item, draft, e.userMessage, e.status);
        throw e;
      }
    },
  );
}
