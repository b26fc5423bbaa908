// A citizen or enterprise applies for a published service item: the form is validated against the
// item's definition, the materials against its list and the applicant's own uploads; then one
// transaction stores the application, opens the case on the item's process and issues the
// 《接收回执》. The Idempotency-Key makes a repeated click or a retried request return the same
// application instead of a second one.
import { createHash } from 'node:crypto';
import type { Actor } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { canonicalJson } from '../../../platform/crypto/hash-chain.ts';
import { newId, UUID_RE } from '../../../platform/db/ids.ts';
import { type Tx, withTx } from '../../../platform/db/pool.ts';
import { type ErrorDetail, platformErrors } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { getPublishedItem, type ServiceItem, validateFormData } from '../../services/index.ts';
import { openCase, projectedDeadline } from '../../workflow/index.ts';
import { APPLICATION_REF_TYPE, LICENCE_CASE_TYPE } from '../licensing.case-type.ts';
import { acceptanceDueOn } from '../licensing.deadlines.ts';
import { cnDate, issueDocument, limitText, QUERY_CODE_MARK } from '../licensing.documents.ts';
import { licensingErrors } from '../licensing.errors.ts';
import { applicantContacts, type FormValues, formSummary, sealForm } from '../licensing.form.ts';
import { type ItemFacts, itemFacts } from '../licensing.item.ts';
import { missingRequired, type ResolvedMaterial, resolveMaterials } from '../licensing.materials.ts';
import { notifyApplicant } from '../licensing.notify.ts';
import {
  type ApplicationRow,
  claimFiles,
  deleteDraft,
  findByIdempotencyKey,
  findDraft,
  insertApplication,
  insertMaterials,
  updateApplication,
} from '../licensing.repository.ts';
import type { MaterialChoice, SubmitResult } from '../licensing.schemas.ts';
import { STATUS_NAMES } from '../licensing.status.ts';
import { actorOfPrincipal } from './actor.ts';

export interface SubmitApplicationInput {
  itemId: string;
  form: Record<string, unknown>;
  materials: MaterialChoice[];
  draftId?: string;
  /** From the Idempotency-Key header (or the hall form's hidden field). */
  idempotencyKey: string;
}

/** An Idempotency-Key: 8–100 printable ASCII characters. */
export const IDEMPOTENCY_KEY_RE = /^[\x21-\x7e]{8,100}$/;

export function requireApplicant(principal: Principal | null | undefined): Principal & {
  kind: 'citizen' | 'enterprise';
} {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  if (principal.kind !== 'citizen' && principal.kind !== 'enterprise') throw licensingErrors.APPLICANT_ONLY();
  return principal as Principal & { kind: 'citizen' | 'enterprise' };
}

function requestHash(input: SubmitApplicationInput): string {
  return createHash('sha256')
    .update(canonicalJson({ itemId: input.itemId, form: input.form, materials: input.materials }))
    .digest('hex');
}

/** Everything checked before the transaction: the item, the form, the materials. */
export interface PreparedSubmission {
  item: ServiceItem;
  facts: ItemFacts;
  values: FormValues;
  materials: ResolvedMaterial[];
  holderCode: string | null;
  mobile: string | null;
  /** The Art. 32 window of an application received on `from` (today when prepared). */
  acceptanceWindow?: { from: string; due: string | null };
}

export async function prepareSubmission(
  ctx: AppContext,
  principal: Principal & { kind: 'citizen' | 'enterprise' },
  input: { itemId: string; form: unknown; materials: readonly MaterialChoice[] },
): Promise<PreparedSubmission> {
  const item = UUID_RE.test(input.itemId) ? await getPublishedItem(ctx.pool, input.itemId) : null;
  if (!item) throw licensingErrors.ITEM_NOT_FOUND('itemId', '事项不存在或未发布，不能申请');
  const facts = itemFacts(item);
  if (!facts.processCode) {
    throw licensingErrors.ITEM_NOT_FOUND('itemId', '该事项暂未开通网上申请');
  }
  if (!facts.audience.has(principal.kind)) {
    throw licensingErrors.ITEM_NOT_FOR_APPLICANT(
      'itemId',
      principal.kind === 'citizen'
        ? '该事项面向法人办理，个人用户不能申请'
        : '该事项面向自然人办理，法人用户不能申请',
    );
  }
  const problems: ErrorDetail[] = [];
  const checked = validateFormData(item.form, input.form, {
    today: shanghaiDate(ctx.clock.now()),
    root: 'form',
  });
  if (!checked.ok) problems.push(...checked.problems);
  const resolved = await resolveMaterials(ctx, ctx.pool, principal.userId, facts, input.materials, {
    applicationId: null,
  });
  problems.push(...resolved.problems);
  problems.push(...missingRequired(facts, new Set(resolved.materials.map((m) => m.materialId))));
  if (problems.length) {
    const formOnly = problems.every((p) => p.field === 'form' || p.field.startsWith('form.'));
    throw (formOnly ? licensingErrors.FORM_INVALID : licensingErrors.MATERIALS_INVALID)(
      problems,
      formOnly ? undefined : '申请表或申请材料有误，请按提示修改',
    );
  }
  const values = checked.ok ? checked.values : {};
  const contacts = await applicantContacts(ctx, principal, item.form, values);
  // Computed here, outside the transaction: the calendar may need a connection of its own.
  const today = shanghaiDate(ctx.clock.now());
  const acceptanceWindow = { from: today, due: await acceptanceDueOn(ctx, today) };
  return { item, facts, values, materials: resolved.materials, ...contacts, acceptanceWindow };
}

export interface StoredSubmission {
  app: ApplicationRow;
  queryCode: string;
}

/**
 * Stores an application and opens its case, in the caller's transaction. `receivedOn` defaults to
 * today (the demo seed backdates it).
 */
export async function storeSubmission(
  tx: Tx,
  ctx: AppContext,
  applicant: { userId: string; kind: 'citizen' | 'enterprise'; name: string },
  p: PreparedSubmission,
  opts: {
    idempotencyKey: string;
    requestHash: string;
    receivedOn?: string;
    choices: readonly MaterialChoice[];
  },
): Promise<StoredSubmission> {
  const now = ctx.clock.now();
  const receivedOn = opts.receivedOn ?? shanghaiDate(ctx.clock.now());
  const acceptanceDue =
    p.acceptanceWindow?.from === receivedOn ? p.acceptanceWindow.due : await acceptanceDueOn(ctx, receivedOn);
  const id = newId();
  await insertApplication(tx, {
    id,
    applicantUserId: applicant.userId,
    applicantKind: applicant.kind,
    applicantName: applicant.name,
    itemId: p.item.id,
    itemCode: p.item.code,
    itemName: p.item.name,
    itemVersion: p.item.version,
    itemSnapshot: p.item as unknown as Record<string, unknown>,
    orgId: p.item.orgId,
    processCode: p.facts.processCode as string,
    formEnc: sealForm(ctx, p.values),
    formSummary: formSummary(p.item.form, p.values),
    contactPhoneEnc: p.mobile ? ctx.pii.encrypt(p.mobile) : null,
    holderCodeEnc: p.holderCode ? ctx.pii.encrypt(p.holderCode) : null,
    receivedOn,
    submittedAt: now,
    acceptanceDueOn: acceptanceDue,
    idempotencyKey: opts.idempotencyKey,
    requestHash: opts.requestHash,
  });
  const taken = new Set(
    await claimFiles(
      tx,
      id,
      p.materials.map((m) => m.fileId),
    ),
  );
  if (taken.size > 0) {
    throw licensingErrors.MATERIALS_INVALID(
      opts.choices
        .map((c, i) => ({ c, i }))
        .filter(({ c }) => taken.has(c.fileId))
        .map(({ i }) => ({ field: `materials[${i}].fileId`, message: '该文件已用于其他申请，请重新上传' })),
    );
  }
  await insertMaterials(
    tx,
    id,
    1,
    p.materials.map((m) => ({
      id: newId(),
      materialId: m.materialId,
      materialName: m.materialName,
      fileId: m.fileId,
    })),
    now,
  );
  const opened = await openCase(tx, ctx, {
    caseType: LICENCE_CASE_TYPE,
    processCode: p.facts.processCode as string,
    orgId: p.item.orgId,
    subject: p.item.name,
    applicantUserId: applicant.userId,
    applicantName: applicant.name,
    refType: APPLICATION_REF_TYPE,
    refId: id,
    data: { itemId: p.item.id, itemCode: p.item.code, applicationId: id },
    legal: p.facts.legal,
    promised: p.facts.promised,
    receivedOn,
    withQueryCode: true,
    actorUserId: applicant.userId,
  });
  const queryCode = opened.queryCode as string;
  const app = await updateApplication(
    tx,
    id,
    { caseId: opened.case.id, caseNumber: opened.case.number, queryCodeEnc: ctx.pii.encrypt(queryCode) },
    now,
  );
  const due = app.acceptance_due_on;
  await issueDocument(tx, ctx, app, {
    kind: 'receipt',
    date: receivedOn,
    paragraphs: [
      `你（单位）于${cnDate(receivedOn)}通过网上办事大厅提交的“${p.item.name}”申请及下列材料已收到，特出具本回执。`,
      `办件编号：${opened.case.number}；查询码：${QUERY_CODE_MARK}。凭办件编号和查询码可在网上办事大厅查询办理进度，请妥善保管。`,
      `本机关将自收到申请材料之日起5个工作日内${due ? `（${cnDate(due)}前）` : ''}作出受理或者不予受理的决定；申请材料不齐全或者不符合法定形式的，将一次性告知需要补正的全部内容。逾期不告知的，自收到申请材料之日起即为受理（《中华人民共和国行政许可法》第三十二条）。`,
      `本事项法定办结时限为${limitText(p.facts.legal)}，承诺办结时限为${limitText(p.facts.promised)}，自受理之日的次日起计算。本回执不作为受理凭证。`,
    ],
    table: {
      head: ['序号', '材料名称', '文件'],
      rows: p.materials.map((m, i) => [String(i + 1), m.materialName, m.fileName]),
      widths: [1, 5, 6],
    },
  });
  // In-app only: the receipt is on the applicant's screen at this moment.
  await notifyApplicant(tx, ctx, app, {
    title: `申请已提交：${p.item.name}`,
    body: `您已提交“${p.item.name}”申请，办件编号 ${opened.case.number}。可在网上办事大厅查看《接收回执》和办理进度。`,
    sms: false,
  });
  return { app, queryCode };
}

/** The answer to a submission; identical for a replay of the same request. */
export async function submitResultOf(
  ctx: AppContext,
  app: ApplicationRow,
  queryCode: string,
): Promise<SubmitResult> {
  const facts = itemFacts(app.item_snapshot);
  return {
    id: app.id,
    number: app.case_number as string,
    queryCode,
    status: 'submitted',
    statusName: STATUS_NAMES.submitted,
    caseId: app.case_id as string,
    receivedOn: app.received_on,
    acceptanceDeadline: await acceptanceDueOn(ctx, app.received_on),
    legalDeadline: await projectedDeadline(ctx, app.received_on, facts.legal),
    promisedDeadline: await projectedDeadline(ctx, app.received_on, facts.promised),
    deadlinesProjected: true,
  };
}

async function replay(
  ctx: AppContext,
  existing: ApplicationRow,
  hash: string,
): Promise<{ result: SubmitResult; replayed: true }> {
  if (existing.request_hash !== hash) throw licensingErrors.IDEMPOTENCY_KEY_REUSED('Idempotency-Key');
  const queryCode = existing.query_code_enc ? ctx.pii.decrypt(existing.query_code_enc) : '';
  return { result: await submitResultOf(ctx, existing, queryCode), replayed: true };
}

export async function submitApplication(
  ctx: AppContext,
  principal: Principal | null | undefined,
  input: SubmitApplicationInput,
  actor?: Actor,
): Promise<{ result: SubmitResult; replayed: boolean }> {
  const p = requireApplicant(principal);
  if (typeof input.idempotencyKey !== 'string' || !IDEMPOTENCY_KEY_RE.test(input.idempotencyKey)) {
    throw licensingErrors.IDEMPOTENCY_KEY_INVALID('Idempotency-Key');
  }
  const hash = requestHash(input);
  const existing = await findByIdempotencyKey(ctx.pool, p.userId, input.idempotencyKey);
  if (existing) return replay(ctx, existing, hash);

  try {
    const prepared = await prepareSubmission(ctx, p, input);
    const stored = await withTx(ctx.pool, async (tx) => {
      const s = await storeSubmission(
        tx,
        ctx,
        { userId: p.userId, kind: p.kind, name: p.displayName },
        prepared,
        {
          idempotencyKey: input.idempotencyKey,
          requestHash: hash,
          choices: input.materials,
        },
      );
      if (input.draftId && UUID_RE.test(input.draftId)) {
        const draft = await findDraft(tx, input.draftId);
        if (draft && draft.applicant_user_id === p.userId) await deleteDraft(tx, draft.id);
      }
      await ctx.audit.record(tx, actor ?? actorOfPrincipal(p), {
        action: 'application.submit',
        objectType: 'application',
        objectId: s.app.id,
        summary: `提交“${prepared.item.name}”申请，办件编号 ${s.app.case_number}，材料 ${prepared.materials.length} 份`,
      });
      return s;
    });
    return { result: await submitResultOf(ctx, stored.app, stored.queryCode), replayed: false };
  } catch (e) {
    // Two identical requests at once: the unique key lets one in, and the other answers as a replay,
    // whether it lost at the key itself or earlier, on what the winner had just done (its materials
    // already taken, for one).
    const winner = await findByIdempotencyKey(ctx.pool, p.userId, input.idempotencyKey);
    if (winner) return replay(ctx, winner, hash);
    throw e;
  }
}
