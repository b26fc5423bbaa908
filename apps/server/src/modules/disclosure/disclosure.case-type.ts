// The 依申请公开 case type on the engine ('disclosure'). The hooks give the actions of
// DISCLOSURE_DEFINITION their legal meaning: 补正 only within 7 working days of receipt (Art. 30), with
// a deadline for the applicant and a restart of the 20-working-day clock when it arrives; closing for
// an overdue correction only after that deadline; one extension of ≤ 20 working days approved by the
// unit's approver (Art. 33 ¶2); and the reply with an Art. 36 outcome, its reasons, a numbered reply
// letter (告知书) and the remedies sentence.
import { shanghaiDate } from '../../platform/calendar/working-days.ts';
import type { AppContext } from '../../platform/context.ts';
import { maybeOne, type Tx } from '../../platform/db/pool.ts';
import { nextSequence } from '../../platform/events/events.ts';
import { getOrg } from '../identity/index.ts';
import {
  type ActionEvent,
  addTimeline,
  type CaseTypeHooks,
  decideExtension,
  requestExtension,
} from '../workflow/index.ts';
import { cleanText, cnDate, isoDate, oneOf, Problems } from './disclosure.common.ts';
import { disclosureErrors } from './disclosure.errors.ts';
import {
  CORRECTION_NOTICE_DAYS,
  DELIVERY_NAMES,
  DISCLOSURE_CASE_TYPE,
  FEE_PAYMENT_DAYS,
  type FeeMethod,
  feeAmount,
  MAX_EXTENSION_DAYS,
  OUTCOME_BY_CODE,
  type OutcomeDef,
  remediesSentence,
} from './disclosure.model.ts';

export interface RequestRow {
  id: string;
  case_id: string;
  case_number: string;
  org_id: string;
  org_path: string;
  /** Null for a request an officer registered (paper, post, fax, counter). */
  applicant_user_id: string | null;
  registered_by: string | null;
  applicant_id_type: string;
  applicant_key: string | null;
  applicant_category: string;
  applicant_name: string;
  applicant_id_enc: string | null;
  applicant_phone_enc: string | null;
  applicant_address: string;
  description: string;
  doc_number: string;
  purpose: string;
  delivery: keyof typeof DELIVERY_NAMES;
  channel: string;
  submitted_at: Date;
  received_on: string;
  correction_count: number;
  correction_requested_on: string | null;
  correction_due_on: string | null;
  correction_text: string | null;
  corrected_on: string | null;
  extension_days: number | null;
  extension_reason: string | null;
  extension_requested_on: string | null;
  extension_approved_on: string | null;
  outcome: string | null;
  replied_on: string | null;
  reply_number: string | null;
  reply_text: ReplyLetter | null;
  reply_file_id: string | null;
  fee_method: FeeMethod | null;
  fee_quantity: number | null;
  fee_month_count: number | null;
  fee_amount_yuan: number | null;
  fee_reason: string | null;
  fee_noticed_on: string | null;
  fee_due_on: string | null;
  fee_paid_on: string | null;
  fee_waived_on: string | null;
  fee_waiver_reason: string | null;
}

/** What the reply letter says, fixed when the reply is given; the PDF is rendered from it. */
export interface ReplyLetter {
  title: string;
  unitName: string;
  number: string;
  date: string;
  recipient: string;
  paragraphs: string[];
}

export async function requestOfCase(tx: Tx, caseId: string): Promise<RequestRow | null> {
  return maybeOne<RequestRow>(tx, 'SELECT * FROM dsc_request WHERE case_id = $1 FOR UPDATE', [caseId]);
}

/** The data of a reply action, checked: the outcome code and what its letter must say. */
export function parseReply(data: Record<string, unknown>): {
  outcome: OutcomeDef;
  reasons: string;
  content: string;
} {
  const p = new Problems();
  const code = data.outcome;
  const outcome = typeof code === 'string' ? OUTCOME_BY_CODE.get(code) : undefined;
  if (!outcome) p.add('data.outcome', '请选择答复类型（《政府信息公开条例》第三十六条的处理结果代码）');
  const reasons = cleanText(p, 'data.reasons', '理由', data.reasons, { max: 2000, multiline: true });
  const content = cleanText(p, 'data.content', '答复内容', data.content, { max: 4000, multiline: true });
  if (outcome?.reasonRequired && !reasons) p.add('data.reasons', `“${outcome.name}”须说明理由和依据`);
  if ((outcome?.code === 'GRANTED' || outcome?.code === 'PARTIAL') && !content)
    p.add('data.content', '请写明提供的信息或获取信息的方式、途径和时间');
  p.throwIf((d) => disclosureErrors.REPLY_INVALID(d));
  return { outcome: outcome as OutcomeDef, reasons, content };
}

async function guideFacts(
  tx: Tx,
  orgId: string,
): Promise<{ orgName: string; prefix: string; body: string; court: string }> {
  const org = await getOrg(tx, orgId);
  const g = await maybeOne<{ letter_prefix: string; reconsideration_body: string; litigation_court: string }>(
    tx,
    'SELECT letter_prefix, reconsideration_body, litigation_court FROM dsc_guide WHERE org_id = $1',
    [orgId],
  );
  return {
    orgName: org?.name ?? '',
    prefix: g?.letter_prefix || org?.name || '',
    body: g?.reconsideration_body ?? '',
    court: g?.litigation_court ?? '',
  };
}

/** Records the outcome and writes the numbered reply letter (its PDF is rendered on first download). */
async function reply(
  tx: Tx,
  ctx: AppContext,
  r: RequestRow,
  a: ActionEvent,
  parsed: { outcome: OutcomeDef; reasons: string; content: string },
): Promise<void> {
  const today = shanghaiDate(ctx.clock.now());
  const year = Number(today.slice(0, 4));
  const g = await guideFacts(tx, r.org_id);
  const seq = await nextSequence(tx, 'dsc.reply', r.org_id, year);
  const number = `${g.prefix}公复〔${year}〕${seq}号`;
  const asked = r.description.length > 200 ? `${r.description.slice(0, 200)}……` : r.description;
  const paragraphs = [
    `本机关于${cnDate(isoDate(r.received_on))}收到您提出的政府信息公开申请（申请编号：${r.case_number}），您申请获取“${asked}”${r.doc_number ? `（文号：${r.doc_number}）` : ''}，要求以“${DELIVERY_NAMES[r.delivery]}”方式获取。`,
  ];
  if (r.corrected_on)
    paragraphs.push(`经本机关告知补正，您于${cnDate(isoDate(r.corrected_on))}提交了补正内容。`);
  if (r.extension_approved_on)
    paragraphs.push(
      `因情况复杂，经本机关政府信息公开工作机构负责人同意，答复期限延长${r.extension_days}个工作日，并已告知您。`,
    );
  paragraphs.push(`现答复如下：${parsed.outcome.decision}`);
  if (parsed.reasons) paragraphs.push(`理由和依据：${parsed.reasons}`);
  if (parsed.content) paragraphs.push(parsed.content);
  paragraphs.push(remediesSentence(g.body, g.court));
  paragraphs.push('特此告知。');
  const letter: ReplyLetter = {
    title: '政府信息公开申请答复书',
    unitName: g.orgName,
    number,
    date: today,
    recipient: r.applicant_name,
    paragraphs,
  };
  await tx.query(
    `UPDATE dsc_request SET outcome = $2, replied_on = $3, reply_number = $4, reply_text = $5, updated_at = $6
     WHERE id = $1`,
    [r.id, parsed.outcome.code, today, number, JSON.stringify(letter), ctx.clock.now()],
  );
  await addTimeline(tx, r.case_id, {
    kind: 'disclosure_reply',
    title: `作出答复：${parsed.outcome.group.replace(/（区分处理.*$/, '')}${parsed.outcome.group.includes(parsed.outcome.name) ? '' : `——${parsed.outcome.name}`}（${number}）`,
    actorUserId: a.actorUserId,
    data: { outcome: parsed.outcome.code, replyNumber: number },
    public: true,
    at: ctx.clock.now(),
  });
  if (r.applicant_user_id)
    await ctx.notify.inbox(tx, {
      userId: r.applicant_user_id,
      title: `政府信息公开申请已答复：${r.case_number}`,
      body: `您的政府信息公开申请（${r.case_number}）已于 ${today} 答复（${number}），请登录查看并下载《政府信息公开申请答复书》。`,
    });
  await ctx.events.emit(tx, {
    type: 'disclosure.request.replied',
    aggregateType: 'disclosure_request',
    aggregateId: r.id,
    payload: { requestId: r.id, caseId: r.case_id, orgId: r.org_id, outcome: parsed.outcome.code },
    actorId: a.actorUserId,
  });
}

function days(v: unknown, field: string, label: string, min: number, max: number, fallback?: number): number {
  if ((v === undefined || v === null) && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw disclosureErrors.REQUEST_INVALID(field, `${label}应为 ${min}–${max} 的整数（工作日）`);
  return v;
}

async function beforeAction(tx: Tx, ctx: AppContext, a: ActionEvent): Promise<void> {
  if (a.case.caseType !== DISCLOSURE_CASE_TYPE) return;
  const r = await requestOfCase(tx, a.case.id);
  if (!r) return;
  const today = shanghaiDate(ctx.clock.now());
  switch (a.action.key) {
    case 'reply':
      parseReply(a.data);
      return;
    case 'request-correction': {
      // One notice within 7 working days of receipt (or of the last correction, when it is still unclear).
      const from = isoDate(r.corrected_on) ?? isoDate(r.received_on) ?? today;
      const due = await ctx.calendar.addWorkingDays(from, CORRECTION_NOTICE_DAYS);
      if (today > due)
        throw disclosureErrors.CORRECTION_TOO_LATE(
          'action',
          `补正告知应自收到申请之日起 ${CORRECTION_NOTICE_DAYS} 个工作日内（${due} 前）一次性作出，现已超过期限，请按现有内容答复。`,
        );
      return;
    }
    case 'close-no-correction': {
      const due = isoDate(r.correction_due_on);
      if (!due || today <= due)
        throw disclosureErrors.CORRECTION_NOT_EXPIRED('action', `补正期限至 ${due ?? '—'}，届满后方可结案`);
      return;
    }
    case 'request-extension': {
      if (r.extension_approved_on) throw disclosureErrors.EXTENSION_USED('action');
      days(a.data.days, 'data.days', '延长期限', 1, MAX_EXTENSION_DAYS);
      return;
    }
    case 'charge-fee': {
      if (r.fee_method) throw disclosureErrors.FEE_ALREADY_CHARGED('action');
      // 109号: the notice is sent within the period for handling the request.
      if (a.case.legalDeadline && today > a.case.legalDeadline)
        throw disclosureErrors.FEE_TOO_LATE(
          'action',
          `收费通知应在答复期限（${a.case.legalDeadline}）内发出，现已超过期限`,
        );
      const fee = await computeFee(tx, r, a.data);
      if (fee.amount === 0)
        throw disclosureErrors.FEE_NOT_DUE(
          'data.quantity',
          fee.method === 'piece'
            ? `该申请人本月累计第 ${fee.before + fee.quantity} 件，在免费范围（10 件）内，不收取信息处理费`
            : `${fee.quantity} 页在免费范围（30 页）内，不收取信息处理费`,
        );
      return;
    }
    case 'close-fee-unpaid': {
      const due = isoDate(r.fee_due_on);
      if (!due || today <= due)
        throw disclosureErrors.FEE_NOT_EXPIRED('action', `缴费期限至 ${due ?? '—'}，届满后方可结案`);
      return;
    }
  }
}

/** The 信息处理费 of a charge-fee action's data: method, quantity, the month's earlier pieces, amount. */
export async function computeFee(
  tx: Tx,
  r: RequestRow,
  data: Record<string, unknown>,
): Promise<{ method: FeeMethod; quantity: number; before: number; amount: number }> {
  const p = new Problems();
  const method = oneOf(p, 'data.method', '计收方式', data.method, ['piece', 'volume'] as FeeMethod[]);
  const q = data.quantity;
  const max = method === 'piece' ? 1000 : 100000;
  if (typeof q !== 'number' || !Number.isInteger(q) || q < 1 || q > max)
    p.add('data.quantity', method === 'piece' ? `件数应为 1–${max} 的整数` : `页数应为 1–${max} 的整数`);
  p.throwIf((d) => disclosureErrors.FEE_INVALID(d));
  const quantity = q as number;
  let before = 0;
  if (method === 'piece') {
    // 同一申请人一个自然月内累计: the same applicant's earlier requests to this unit received in the
    // request's month, each one piece unless its own fee counted it as more.
    const row = await maybeOne<{ n: number }>(
      tx,
      `SELECT COALESCE(sum(CASE WHEN fee_method = 'piece' THEN fee_quantity ELSE 1 END), 0)::int AS n
       FROM dsc_request
       WHERE org_id = $1 AND id <> $2
         AND ((applicant_key IS NOT NULL AND applicant_key = $3) OR (applicant_user_id IS NOT NULL AND applicant_user_id = $4))
         AND date_trunc('month', received_on) = date_trunc('month', $5::date)
         AND (received_on, submitted_at, case_number) < ($5::date, $6, $7)`,
      [
        r.org_id,
        r.id,
        r.applicant_key,
        r.applicant_user_id,
        isoDate(r.received_on),
        r.submitted_at,
        r.case_number,
      ],
    );
    before = row?.n ?? 0;
  }
  return { method, quantity, before, amount: feeAmount(method, quantity, before) };
}

async function afterAction(
  tx: Tx,
  ctx: AppContext,
  a: ActionEvent & { enteredSteps: string[] },
): Promise<void> {
  if (a.case.caseType !== DISCLOSURE_CASE_TYPE) return;
  const r = await requestOfCase(tx, a.case.id);
  if (!r) return;
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  switch (a.action.key) {
    case 'reply':
      await reply(tx, ctx, r, a, parseReply(a.data));
      return;
    case 'close-no-correction': {
      const outcome = OUTCOME_BY_CODE.get('OTHER_NO_CORRECTION') as OutcomeDef;
      await reply(tx, ctx, r, a, {
        outcome,
        reasons: a.comment ?? `补正期限 ${isoDate(r.correction_due_on)} 已届满，申请人未提交补正。`,
        content: '',
      });
      return;
    }
    case 'request-correction': {
      const dueDays = days(a.data.dueDays, 'data.dueDays', '补正期限', 1, 60, 15);
      const due = await ctx.calendar.addWorkingDays(today, dueDays);
      await tx.query(
        `UPDATE dsc_request SET correction_count = correction_count + 1, correction_requested_on = $2,
           correction_due_on = $3, updated_at = $4 WHERE id = $1`,
        [r.id, today, due, now],
      );
      await addTimeline(tx, r.case_id, {
        kind: 'disclosure_correction',
        title: `一次性告知补正，补正期限至 ${due}`,
        comment: a.comment,
        actorUserId: a.actorUserId,
        data: { correctionDueOn: due },
        public: true,
        at: now,
      });
      if (r.applicant_user_id)
        await ctx.notify.inbox(tx, {
          userId: r.applicant_user_id,
          title: `请补正政府信息公开申请：${r.case_number}`,
          body: `您的政府信息公开申请（${r.case_number}）内容不够明确，需要补正：${a.comment ?? ''}\n请于 ${due} 前登录提交补正内容；逾期无正当理由不补正的，视为放弃申请（《中华人民共和国政府信息公开条例》第三十条）。答复期限自收到补正之日起重新计算。`,
        });
      return;
    }
    case 'corrected': {
      const text = typeof a.data.text === 'string' ? a.data.text.slice(0, 2000) : null;
      await tx.query(
        `UPDATE dsc_request SET corrected_on = $2, correction_text = COALESCE($3, correction_text), updated_at = $4
         WHERE id = $1`,
        [r.id, today, text, now],
      );
      return;
    }
    case 'request-extension': {
      const n = days(a.data.days, 'data.days', '延长期限', 1, MAX_EXTENSION_DAYS);
      await tx.query(
        `UPDATE dsc_request SET extension_days = $2, extension_reason = $3, extension_requested_on = $4, updated_at = $5
         WHERE id = $1`,
        [r.id, n, a.comment, today, now],
      );
      return;
    }
    case 'approve': {
      if (!r.extension_days || r.extension_approved_on) return;
      // The engine's extension record carries the days into the deadlines and tells the applicant.
      const { extension } = await requestExtension(tx, ctx, r.case_id, {
        days: r.extension_days,
        reason: r.extension_reason ?? '情况复杂，不能在规定期限内答复',
        actorUserId: a.actorUserId,
      });
      await decideExtension(tx, ctx, r.case_id, extension.id, {
        approve: true,
        comment: a.comment,
        actorUserId: a.actorUserId,
      });
      await tx.query('UPDATE dsc_request SET extension_approved_on = $2, updated_at = $3 WHERE id = $1', [
        r.id,
        today,
        now,
      ]);
      return;
    }
    case 'charge-fee': {
      const fee = await computeFee(tx, r, a.data);
      // 收到收费通知次日起 20 个工作日: the notice is taken as received the day it is sent.
      const due = await ctx.calendar.addWorkingDays(today, FEE_PAYMENT_DAYS);
      await tx.query(
        `UPDATE dsc_request SET fee_method = $2, fee_quantity = $3, fee_month_count = $4, fee_amount_yuan = $5,
           fee_reason = $6, fee_noticed_on = $7, fee_due_on = $8, updated_at = $9 WHERE id = $1`,
        [
          r.id,
          fee.method,
          fee.quantity,
          fee.method === 'piece' ? fee.before + fee.quantity : null,
          fee.amount,
          a.comment,
          today,
          due,
          now,
        ],
      );
      const basis =
        fee.method === 'piece'
          ? `按件计收：本申请计 ${fee.quantity} 件，为您本月向本机关提出的第 ${fee.before + 1}${fee.quantity > 1 ? `–${fee.before + fee.quantity}` : ''} 件`
          : `按量计收：共 ${fee.quantity} 页`;
      await addTimeline(tx, r.case_id, {
        kind: 'disclosure_fee_notice',
        title: `发出信息处理费收费通知：${fee.amount} 元，缴费期限至 ${due}（暂停计时）`,
        comment: a.comment,
        actorUserId: a.actorUserId,
        data: { method: fee.method, quantity: fee.quantity, amountYuan: fee.amount, dueOn: due },
        public: true,
        at: now,
      });
      if (r.applicant_user_id)
        await ctx.notify.inbox(tx, {
          userId: r.applicant_user_id,
          title: `政府信息公开申请收费通知：${r.case_number}`,
          body: `依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），您的政府信息公开申请（${r.case_number}）需缴纳信息处理费 ${fee.amount} 元（${basis}）。理由：${a.comment ?? ''}\n请于 ${due} 前缴纳；逾期未缴纳的，视为放弃申请，本机关不再处理。缴费期间不计入答复期限。`,
        });
      return;
    }
    case 'fee-paid':
    case 'waive-fee': {
      const paid = a.action.key === 'fee-paid';
      await tx.query(
        `UPDATE dsc_request SET ${paid ? 'fee_paid_on' : 'fee_waived_on'} = $2,
           fee_waiver_reason = CASE WHEN $3::boolean THEN fee_waiver_reason ELSE $4 END, updated_at = $5 WHERE id = $1`,
        [r.id, today, paid, a.comment, now],
      );
      await addTimeline(tx, r.case_id, {
        kind: paid ? 'disclosure_fee_paid' : 'disclosure_fee_waived',
        title: paid
          ? `申请人已缴纳信息处理费 ${r.fee_amount_yuan ?? 0} 元，恢复计时`
          : `减免信息处理费 ${r.fee_amount_yuan ?? 0} 元，恢复计时`,
        comment: a.comment,
        actorUserId: a.actorUserId,
        public: true,
        at: now,
      });
      return;
    }
    case 'close-fee-unpaid': {
      const outcome = OUTCOME_BY_CODE.get('OTHER_FEE_UNPAID') as OutcomeDef;
      await reply(tx, ctx, r, a, {
        outcome,
        reasons:
          a.comment ??
          `本机关于${cnDate(isoDate(r.fee_noticed_on))}向您发出收费通知，缴费期限 ${isoDate(r.fee_due_on)} 已届满，您未缴纳信息处理费。`,
        content: '',
      });
      return;
    }
    case 'deny':
      await tx.query(
        `UPDATE dsc_request SET extension_days = NULL, extension_reason = NULL, extension_requested_on = NULL,
           updated_at = $2 WHERE id = $1`,
        [r.id, now],
      );
      return;
  }
}

export const disclosureHooks: CaseTypeHooks = {
  type: DISCLOSURE_CASE_TYPE,
  name: '依申请公开',
  beforeAction,
  afterAction,
  // Art. 33 ¶2 (one extension, ≤ 20 working days, approved by the head of the disclosure office) is
  // enforced by the request-extension action; the engine's generic extension route knows neither limit.
  refuseGenericExtension: () => disclosureErrors.EXTENSION_USE_ACTION(),
};
