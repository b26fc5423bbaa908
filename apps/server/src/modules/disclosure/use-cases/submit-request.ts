// 依申请公开: a citizen or enterprise asks a unit for government information (Art. 27–29). The
// applicant's name, identity document and contact come from the verified account (Art. 29 (一)); the
// request says what is wanted (二) and in which form (三). The receipt date follows Art. 31 for the
// online channel (see receiptDate), the case opens on the engine with the 20-working-day reply limit
// counted from the day after receipt, and an Idempotency-Key makes a retried submission return the
// same request.
import { createHash } from 'node:crypto';
import type {
  SubmitRequestInput as SubmitRequestBody,
  SubmitRequestResult,
} from '../../../../../shared/disclosure.ts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { CalendarYearMissingError, shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { canonicalJson } from '../../../platform/crypto/hash-chain.ts';
import { newId, UUID_RE } from '../../../platform/db/ids.ts';
import { maybeOne, type Tx, withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { getOrg } from '../../identity/index.ts';
import { prefillFor } from '../../services/index.ts';
import { type CaseRecord, getCase, openCase } from '../../workflow/index.ts';
import { cleanText, oneOf, Problems, type Unchecked } from '../disclosure.common.ts';
import { disclosureErrors } from '../disclosure.errors.ts';
import {
  APPLICANT_CATEGORIES,
  type ApplicantCategory,
  CREDIT_CODE_TYPE,
  DELIVERY_NAMES,
  type Delivery,
  DISCLOSURE_CASE_TYPE,
  DISCLOSURE_PROCESS,
  DISCLOSURE_REF_TYPE,
  ORGANISATION_CATEGORIES,
  REPLY_DAYS,
} from '../disclosure.model.ts';
import { defaultRequestUnit, findGuide } from './guide.ts';

export type { SubmitRequestResult };

/** What an applicant sends (apps/shared/disclosure.ts), before cleaning, and the retry key. */
export type SubmitRequestInput = Unchecked<SubmitRequestBody> & { idempotencyKey?: string | null };

export const IDEMPOTENCY_KEY_RE = /^[\x21-\x7e]{8,100}$/;

/**
 * Art. 31 (四): a request through the internet counts as received on the day both sides confirm it.
 * The platform confirms automatically on submission, so it is the day submitted when that is a working
 * day; a request sent on a rest day is taken in on the next working day (the office is closed). The
 * reply period then counts from the day after receipt (民法典 201).
 */
export async function receiptDate(ctx: AppContext, submittedOn: string): Promise<string> {
  if (await ctx.calendar.isWorkingDay(submittedOn)) return submittedOn;
  return ctx.calendar.addWorkingDays(submittedOn, 1);
}

/** The same applicant's requests, found without decrypting: a keyed hash of the identity number. */
export function applicantKey(ctx: AppContext, idNumber: string): string {
  return ctx.pii.blindIndex('dsc_applicant', idNumber.normalize('NFKC').replace(/\s+/g, '').toUpperCase());
}

const PROBE = {
  sections: [
    {
      key: 'probe',
      title: '',
      fields: [
        { key: 'name', label: '', type: 'text', prefill: 'name' },
        { key: 'enterprise', label: '', type: 'text', prefill: 'enterprise_name' },
        { key: 'idNumber', label: '', type: 'id_number', prefill: 'id_number' },
        { key: 'creditCode', label: '', type: 'credit_code', prefill: 'credit_code' },
        { key: 'phone', label: '', type: 'phone', prefill: 'phone' },
      ],
    },
  ],
} as unknown as Parameters<typeof prefillFor>[2];

/**
 * Art. 29 ¶2 (二)(三): what is asked for and in which form, and where to send it; the same for a
 * request submitted online and one an officer registers.
 */
export function cleanAsked(
  p: Problems,
  input: Unchecked<Pick<SubmitRequestBody, 'description' | 'delivery' | 'docNumber' | 'purpose' | 'address'>>,
): { description: string; delivery: Delivery; docNumber: string; purpose: string; address: string } {
  const description = cleanText(
    p,
    'description',
    '所需政府信息的名称、文号或者特征性描述',
    input.description,
    { max: 2000, required: true, multiline: true },
  );
  if (description && [...description].length < 4)
    p.add('description', '请具体描述所需的政府信息（至少 4 个字）');
  const delivery = oneOf(
    p,
    'delivery',
    '获取信息的方式',
    input.delivery,
    Object.keys(DELIVERY_NAMES) as Delivery[],
  );
  const docNumber = cleanText(p, 'docNumber', '文号', input.docNumber, { max: 60 });
  const purpose = cleanText(p, 'purpose', '用途', input.purpose, { max: 500, multiline: true });
  const address = cleanText(p, 'address', '通信地址', input.address, { max: 200 });
  if ((delivery === 'mail' || delivery === 'paper') && !address)
    p.add('address', '选择邮寄或纸质文本时请填写通信地址');
  return { description, delivery, docNumber, purpose, address };
}

/**
 * Opens the request's case on the engine: the 20-working-day reply limit counted from the receipt
 * date, with a query code. The subject is shown on the public lookup: no personal data and nothing
 * of what was asked.
 */
export async function openRequestCase(
  tx: Tx,
  ctx: AppContext,
  r: {
    id: string;
    org: { id: string; name: string };
    applicantUserId: string | null;
    applicantName: string;
    category: string;
    delivery: Delivery;
    /** A registered request's channel (an online one has none in the case data). */
    channel?: string;
    receivedOn: string;
    actorUserId: string | null;
  },
): Promise<{ case: CaseRecord; queryCode: string | null }> {
  return openCase(tx, ctx, {
    caseType: DISCLOSURE_CASE_TYPE,
    processCode: DISCLOSURE_PROCESS,
    orgId: r.org.id,
    subject: `政府信息公开申请（${r.org.name}）`,
    applicantUserId: r.applicantUserId,
    applicantName: r.applicantName,
    refType: DISCLOSURE_REF_TYPE,
    refId: r.id,
    data: {
      requestId: r.id,
      applicantCategory: r.category,
      delivery: r.delivery,
      ...(r.channel ? { channel: r.channel } : {}),
    },
    legal: { days: REPLY_DAYS, unit: 'working' },
    receivedOn: r.receivedOn,
    clockStartsOn: r.receivedOn,
    withQueryCode: true,
    actorUserId: r.actorUserId,
  });
}

/** The event every new request raises, online or registered. */
export async function emitSubmitted(
  tx: Tx,
  ctx: AppContext,
  e: {
    id: string;
    caseId: string;
    orgId: string;
    category: string;
    channel?: string;
    actorId: string | null;
  },
): Promise<void> {
  await ctx.events.emit(tx, {
    type: 'disclosure.request.submitted',
    aggregateType: 'disclosure_request',
    aggregateId: e.id,
    payload: {
      requestId: e.id,
      caseId: e.caseId,
      orgId: e.orgId,
      applicantCategory: e.category,
      ...(e.channel ? { channel: e.channel } : {}),
    },
    actorId: e.actorId,
  });
}

function requestHash(v: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(v)).digest('hex');
}

export async function submitRequest(
  ctx: AppContext,
  principal: Principal | null | undefined,
  input: SubmitRequestInput,
  actor: Actor,
): Promise<SubmitRequestResult> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  if (principal.kind !== 'citizen' && principal.kind !== 'enterprise')
    throw disclosureErrors.APPLICANT_ONLY();
  const p = new Problems();
  const { description, delivery, docNumber, purpose, address } = cleanAsked(p, input);
  let category: ApplicantCategory = '自然人';
  if (principal.kind === 'citizen') {
    if (
      input.applicantCategory !== undefined &&
      input.applicantCategory !== null &&
      input.applicantCategory !== '自然人'
    )
      p.add('applicantCategory', '个人账号的申请人类别为自然人');
  } else {
    category = oneOf(
      p,
      'applicantCategory',
      '申请人类别',
      input.applicantCategory,
      ORGANISATION_CATEGORIES,
      '商业企业',
    );
  }
  let orgId: string | null = null;
  if (input.orgId !== undefined && input.orgId !== null && input.orgId !== '') {
    if (typeof input.orgId !== 'string' || !UUID_RE.test(input.orgId))
      p.add('orgId', '受理机关编号格式不正确');
    else orgId = input.orgId;
  }
  p.throwIf((d) => disclosureErrors.REQUEST_INVALID(d));
  orgId ??= await defaultRequestUnit(ctx);
  const guide = orgId ? await findGuide(ctx, orgId) : null;
  if (!guide)
    throw disclosureErrors.UNIT_NOT_FOUND(
      'orgId',
      '请选择受理申请的行政机关（须为已公布政府信息公开指南的单位）',
    );
  const org = await getOrg(ctx.pool, guide.orgId);
  if (!org) throw disclosureErrors.UNIT_NOT_FOUND('orgId');

  const key = input.idempotencyKey ?? null;
  if (key !== null && !IDEMPOTENCY_KEY_RE.test(key))
    throw disclosureErrors.REQUEST_INVALID('Idempotency-Key', 'Idempotency-Key 应为 8–100 个可见 ASCII 字符');
  const hash = requestHash({ description, delivery, docNumber, purpose, address, category, orgId: org.id });
  if (key) {
    const prior = await findByKey(ctx, principal.userId, key);
    if (prior) {
      if (prior.request_hash !== hash) throw disclosureErrors.IDEMPOTENCY_CONFLICT('Idempotency-Key');
      return prior.result;
    }
  }

  const profile = await prefillFor(ctx, principal, PROBE);
  const applicantName =
    (principal.kind === 'citizen' ? profile.name : profile.enterprise) ?? principal.displayName;
  const idCode = principal.kind === 'citizen' ? profile.idNumber : profile.creditCode;
  const now = ctx.clock.now();
  const submittedOn = shanghaiDate(now);
  let receivedOn: string;
  try {
    receivedOn = await receiptDate(ctx, submittedOn);
  } catch (e) {
    if (e instanceof CalendarYearMissingError) receivedOn = submittedOn;
    else throw e;
  }
  const id = newId();
  try {
    return await withTx(ctx.pool, async (tx) => {
      const { case: c, queryCode } = await openRequestCase(tx, ctx, {
        id,
        org,
        applicantUserId: principal.userId,
        applicantName,
        category,
        delivery,
        receivedOn,
        actorUserId: principal.userId,
      });
      await tx.query(
        `INSERT INTO dsc_request (id, case_id, case_number, org_id, org_path, applicant_user_id, applicant_category,
         applicant_name, applicant_id_enc, applicant_phone_enc, applicant_address, description, doc_number, purpose,
         delivery, channel, submitted_at, received_on, idempotency_key, request_hash, created_at, updated_at,
         applicant_id_type, applicant_key)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,'online',$16,$17,$18,$19,$16,$16,$20,$21)`,
        [
          id,
          c.id,
          c.number,
          org.id,
          org.path,
          principal.userId,
          category,
          applicantName,
          idCode ? ctx.pii.encrypt(idCode) : null,
          profile.phone ? ctx.pii.encrypt(profile.phone) : null,
          address,
          description,
          docNumber,
          purpose,
          delivery,
          now,
          receivedOn,
          key,
          hash,
          idCode ? (principal.kind === 'citizen' ? '居民身份证' : CREDIT_CODE_TYPE) : '',
          idCode ? applicantKey(ctx, idCode) : null,
        ],
      );
      await ctx.audit.record(tx, actor, {
        action: 'disclosure.request.submit',
        objectType: 'disclosure_request',
        objectId: id,
        summary: `提交政府信息公开申请 ${c.number}（${org.name}，收到申请日 ${receivedOn}）`,
      });
      await emitSubmitted(tx, ctx, {
        id,
        caseId: c.id,
        orgId: org.id,
        category,
        actorId: principal.userId,
      });
      await ctx.notify.inbox(tx, {
        userId: principal.userId,
        title: `政府信息公开申请已收到：${c.number}`,
        body: `${org.name}已收到您的政府信息公开申请（编号 ${c.number}，收到申请日 ${receivedOn}），将于 ${c.legalDeadline ?? '—'} 前答复。查询码：${queryCode ?? ''}`,
      });
      return {
        id,
        caseId: c.id,
        number: c.number,
        queryCode,
        receivedOn,
        dueDate: c.legalDeadline,
      };
    });
  } catch (e) {
    // Two submissions with the same key at once: the second loses on the unique key and answers
    // with the first one's request.
    if (key && (e as { code?: unknown }).code === '23505') {
      const prior = await findByKey(ctx, principal.userId, key);
      if (prior?.request_hash === hash) return prior.result;
      if (prior) throw disclosureErrors.IDEMPOTENCY_CONFLICT('Idempotency-Key');
    }
    throw e;
  }
}

async function findByKey(
  ctx: AppContext,
  userId: string,
  key: string,
): Promise<{ request_hash: string; result: SubmitRequestResult } | null> {
  const r = await maybeOne<{
    id: string;
    case_id: string;
    case_number: string;
    received_on: string;
    request_hash: string;
  }>(
    ctx.pool,
    `SELECT id, case_id, case_number, received_on, request_hash FROM dsc_request
     WHERE applicant_user_id = $1 AND idempotency_key = $2`,
    [userId, key],
  );
  if (!r) return null;
  const c = await getCase(ctx.pool, r.case_id);
  return {
    request_hash: r.request_hash,
    result: {
      id: r.id,
      caseId: r.case_id,
      number: r.case_number,
      queryCode: null,
      receivedOn: r.received_on,
      dueDate: c?.legalDeadline ?? null,
    },
  };
}

export { APPLICANT_CATEGORIES };
