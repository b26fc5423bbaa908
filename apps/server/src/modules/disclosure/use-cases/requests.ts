// Reading requests (the applicant's own, or staff of the unit), the applicant's online correction, and
// the reply letter PDF. Another applicant's request, or one outside the staff member's reach, is "not
// found" whatever the id.
import type { FeeView, RequestView } from '../../../../../shared/disclosure.ts';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext, StoredFile } from '../../../platform/context.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { many, maybeOne, withTx } from '../../../platform/db/pool.ts';
import { renderOfficialPdf } from '../../../platform/documents/pdf.ts';
import { publicLink } from '../../../platform/documents/qr.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { orgInReach, type Principal, reachOf } from '../../../platform/http/principal.ts';
import { maskIdNumber, maskMobile } from '../../../platform/ids/mask.ts';
import { actOnTaskAsSystem, type CaseRecord, getCase, openTasksOf } from '../../workflow/index.ts';
import type { RequestRow } from '../disclosure.case-type.ts';
import { cleanText, isoDate, Problems } from '../disclosure.common.ts';
import { disclosureErrors } from '../disclosure.errors.ts';
import { CHANNEL_NAMES, DELIVERY_NAMES, FEE_METHOD_NAMES, OUTCOME_BY_CODE } from '../disclosure.model.ts';

export const HANDLE_PERMISSION = 'disclosure.request.handle';

export type { FeeView, RequestView };

function feeView(r: RequestRow): FeeView | null {
  if (!r.fee_method) return null;
  const status = r.fee_paid_on
    ? 'paid'
    : r.fee_waived_on
      ? 'waived'
      : r.outcome === 'OTHER_FEE_UNPAID'
        ? 'lapsed'
        : 'due';
  return {
    method: r.fee_method,
    methodName: FEE_METHOD_NAMES[r.fee_method],
    quantity: r.fee_quantity ?? 0,
    monthCount: r.fee_month_count,
    amountYuan: r.fee_amount_yuan ?? 0,
    noticedOn: isoDate(r.fee_noticed_on) as string,
    dueOn: isoDate(r.fee_due_on) as string,
    paidOn: isoDate(r.fee_paid_on),
    waivedOn: isoDate(r.fee_waived_on),
    waiverReason: r.fee_waiver_reason,
    status,
    statusName: { due: '待缴纳', paid: '已缴纳', waived: '已减免', lapsed: '逾期未缴纳' }[status],
  };
}

/** The request's state in the applicant's words. */
export function requestStatusName(c: Pick<CaseRecord, 'status' | 'currentSteps'>): string {
  const steps = new Set(c.currentSteps.map((s) => s.key));
  if (c.status === 'completed') return '已答复';
  if (c.status === 'cancelled') return '已撤回';
  if (steps.has('await_correction')) return '待申请人补正';
  if (steps.has('await_fee')) return '待申请人缴纳信息处理费（暂停计时）';
  if (steps.has('third_party')) return '征求第三方意见中（暂停计时）';
  if (steps.has('agency')) return '征求其他机关意见中（暂停计时）';
  if (steps.has('approve_extension')) return '办理中（延期审批）';
  return '办理中';
}

function view(
  r: RequestRow & { org_name: string },
  c: CaseRecord | null,
  ctx: AppContext,
  staff: boolean,
): RequestView {
  const outcome = r.outcome ? OUTCOME_BY_CODE.get(r.outcome) : undefined;
  return {
    id: r.id,
    caseId: r.case_id,
    number: r.case_number,
    orgId: r.org_id,
    orgName: r.org_name,
    applicantCategory: r.applicant_category,
    applicantName: r.applicant_name,
    applicantIdMasked: staff && r.applicant_id_enc ? maskIdNumber(ctx.pii.decrypt(r.applicant_id_enc)) : null,
    applicantPhoneMasked:
      staff && r.applicant_phone_enc ? maskMobile(ctx.pii.decrypt(r.applicant_phone_enc)) : null,
    description: r.description,
    docNumber: r.doc_number,
    purpose: r.purpose,
    delivery: r.delivery,
    deliveryName: DELIVERY_NAMES[r.delivery],
    channel: r.channel,
    channelName: CHANNEL_NAMES[r.channel as keyof typeof CHANNEL_NAMES] ?? r.channel,
    submittedAt: r.submitted_at.toISOString(),
    receivedOn: isoDate(r.received_on) as string,
    status: c?.status ?? 'open',
    statusName: c ? requestStatusName(c) : '',
    currentSteps: c?.currentSteps ?? [],
    dueDate: c?.legalDeadline ?? null,
    clockStartedOn: c?.clockStartedOn ?? null,
    correction: {
      requestedOn: isoDate(r.correction_requested_on),
      dueOn: isoDate(r.correction_due_on),
      correctedOn: isoDate(r.corrected_on),
      count: r.correction_count,
    },
    extension: {
      days: r.extension_approved_on ? r.extension_days : null,
      approvedOn: isoDate(r.extension_approved_on),
    },
    fee: feeView(r),
    outcome: r.outcome,
    outcomeName: outcome
      ? `${outcome.group.replace(/（区分处理.*$/, '')}${outcome.group.includes(outcome.name) ? '' : `：${outcome.name}`}`
      : null,
    repliedOn: isoDate(r.replied_on),
    replyNumber: r.reply_number,
    replyLetterUrl: r.reply_number ? `/api/v1/disclosure/requests/${r.id}/reply-letter` : null,
    pageUrl: `/disclosure/my/${r.id}`,
  };
}

const SELECT = `SELECT r.*, o.name AS org_name FROM dsc_request r JOIN idn_org o ON o.id = r.org_id`;

/** The request when the caller is its applicant or handles requests of its unit; null otherwise. */
async function readable(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
): Promise<{ row: RequestRow & { org_name: string }; staff: boolean } | null> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  if (!UUID_RE.test(id)) return null;
  const row = await maybeOne<RequestRow & { org_name: string }>(ctx.pool, `${SELECT} WHERE r.id = $1`, [id]);
  if (!row) return null;
  if (row.applicant_user_id === principal.userId) return { row, staff: false };
  const reach = principal.kind === 'staff' ? reachOf(principal, HANDLE_PERMISSION) : null;
  if (reach && orgInReach(reach, row.org_path)) return { row, staff: true };
  return null;
}

export async function getRequest(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  actor: Actor,
): Promise<RequestView> {
  const found = await readable(ctx, principal, id);
  if (!found) throw disclosureErrors.REQUEST_NOT_FOUND('id');
  const c = await getCase(ctx.pool, found.row.case_id);
  if (found.staff) {
    // Staff see the masked identity document and phone: a read of personal data, so it is audited.
    await withTx(ctx.pool, (tx) =>
      ctx.audit.record(tx, actor, {
        action: 'disclosure.request.read',
        objectType: 'disclosure_request',
        objectId: found.row.id,
        summary: `查看政府信息公开申请 ${found.row.case_number}（含申请人身份信息）`,
      }),
    );
  }
  return view(found.row, c, ctx, found.staff);
}

/** The applicant's requests, newest first ("my cases"; the hall lists them beside licensing cases). */
export async function listMyDisclosureRequests(
  ctx: AppContext,
  principal: Principal | null | undefined,
  query: { page?: number; pageSize?: number } = {},
): Promise<{ items: RequestView[]; total: number; page: number; pageSize: number }> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const total = Number(
    (
      await maybeOne<{ n: number }>(
        ctx.pool,
        'SELECT count(*)::int AS n FROM dsc_request WHERE applicant_user_id = $1',
        [principal.userId],
      )
    )?.n ?? 0,
  );
  const rows = await many<RequestRow & { org_name: string }>(
    ctx.pool,
    `${SELECT} WHERE r.applicant_user_id = $1 ORDER BY r.submitted_at DESC LIMIT $2 OFFSET $3`,
    [principal.userId, pageSize, (page - 1) * pageSize],
  );
  const items: RequestView[] = [];
  for (const r of rows) items.push(view(r, await getCase(ctx.pool, r.case_id), ctx, false));
  return { items, total, page, pageSize };
}

/** The applicant sends the correction asked for (Art. 30): the reply period starts again from today. */
export async function submitCorrection(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  input: { text?: unknown },
  actor: Actor,
): Promise<RequestView> {
  const found = await readable(ctx, principal, id);
  if (!found || found.staff) throw disclosureErrors.REQUEST_NOT_FOUND('id');
  const p = new Problems();
  const text = cleanText(p, 'text', '补正内容', input.text, { max: 2000, required: true, multiline: true });
  p.throwIf((d) => disclosureErrors.REQUEST_INVALID(d));
  await withTx(ctx.pool, async (tx) => {
    const task = (await openTasksOf(tx, found.row.case_id)).find((t) => t.stepKey === 'await_correction');
    if (!task) throw disclosureErrors.CORRECTION_NOT_EXPECTED();
    await actOnTaskAsSystem(tx, ctx, task.id, {
      action: 'corrected',
      comment: '申请人在线提交补正',
      data: { text },
    });
    await ctx.audit.record(tx, actor, {
      action: 'disclosure.request.correct',
      objectType: 'disclosure_request',
      objectId: found.row.id,
      summary: `申请人提交政府信息公开申请 ${found.row.case_number} 的补正内容`,
    });
  });
  return getRequest(ctx, principal, id, actor);
}

/** The reply letter's PDF: rendered and stored on first download, the same file ever after. */
export async function replyLetterFile(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
): Promise<StoredFile> {
  const found = await readable(ctx, principal, id);
  const r = found?.row;
  if (!r?.reply_text) throw disclosureErrors.REQUEST_NOT_FOUND('id', '该申请尚未答复，没有答复书');
  if (r.reply_file_id) {
    const f = await ctx.files.get(ctx.pool, r.reply_file_id);
    if (f) return f;
  }
  const letter = r.reply_text;
  const pdf = await renderOfficialPdf({
    title: letter.title,
    unitName: letter.unitName,
    number: letter.number,
    date: letter.date,
    recipient: letter.recipient,
    paragraphs: letter.paragraphs,
    qr: {
      url: publicLink(ctx.config, `/hall/lookup?number=${encodeURIComponent(r.case_number)}`),
      caption: '扫码查询办理进度',
    },
    footer: '本答复书由政府信息公开平台生成。扫描二维码或输入申请编号和查询码，可查询办理情况。',
  });
  const fileId = await withTx(ctx.pool, async (tx) => {
    const file = await ctx.files.put(tx, {
      data: pdf,
      name: `政府信息公开申请答复书-${r.case_number}.pdf`,
      purpose: 'case-document',
      ownerUserId: r.applicant_user_id ?? null,
      orgId: r.org_id,
      allowedTypes: ['application/pdf'],
    });
    const set = await tx.query<{ reply_file_id: string }>(
      `UPDATE dsc_request SET reply_file_id = COALESCE(reply_file_id, $2) WHERE id = $1 RETURNING reply_file_id`,
      [r.id, file.id],
    );
    return set.rows[0]?.reply_file_id ?? file.id;
  });
  return (await ctx.files.get(ctx.pool, fileId)) as StoredFile;
}
