// Requests that arrive on paper, by post, by ordinary letter or fax, or at the counter (Art. 29 ¶1: 书面
// 形式; 当面口头提出 is written down by the office): an officer of the unit registers them with what
// Art. 29 ¶2 asks (the applicant's name, 身份证明 and contact; the information and its form) and the
// receipt date of Art. 31 for that channel. They become the same case as online requests, with the same
// deadlines counted from the receipt date; identity number and phone are stored encrypted, and the
// registration is audited. The applicant has no account here: the query code answers their enquiries.
import type {
  RegisterRequestInput as RegisterRequestBody,
  SubmitRequestResult,
} from '../../../../../shared/disclosure.ts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { validateIdNumber } from '../../../platform/ids/gb11643.ts';
import { validateCreditCode } from '../../../platform/ids/gb32100.ts';
import { validatePhone } from '../../../platform/ids/phone.ts';
import { cleanDate, cleanText, oneOf, Problems, type Unchecked, unitInReach } from '../disclosure.common.ts';
import { disclosureErrors } from '../disclosure.errors.ts';
import {
  CHANNEL_NAMES,
  CREDIT_CODE_TYPE,
  ORGANISATION_CATEGORIES,
  PERSON_ID_TYPES,
  RECEIPT_RULES,
  REGISTERED_CHANNELS,
} from '../disclosure.model.ts';
import { HANDLE_PERMISSION } from './requests.ts';
import { applicantKey, cleanAsked, emitSubmitted, openRequestCase } from './submit-request.ts';

/** What an officer sends (apps/shared/disclosure.ts), before cleaning. */
export type RegisterRequestInput = Unchecked<RegisterRequestBody>;

/** A registered request's receipt date may lie at most this many days back (a typo guard). */
const MAX_DAYS_BACK = 366;

export async function registerRequest(
  ctx: AppContext,
  principal: Principal | null | undefined,
  input: RegisterRequestInput,
  actor: Actor,
): Promise<SubmitRequestResult> {
  const org = await unitInReach(ctx, principal, HANDLE_PERMISSION, input.orgId);
  const p = new Problems();
  const channel = oneOf(p, 'channel', '申请方式', input.channel, REGISTERED_CHANNELS);
  const today = shanghaiDate(ctx.clock.now());
  const receivedOn = cleanDate(p, 'receivedOn', '收到申请日期', input.receivedOn);
  if (receivedOn && receivedOn > today) p.add('receivedOn', '收到申请日期不能晚于今天');
  else if (receivedOn) {
    const earliest = new Date(`${today}T00:00:00Z`);
    earliest.setUTCDate(earliest.getUTCDate() - MAX_DAYS_BACK);
    if (receivedOn < earliest.toISOString().slice(0, 10))
      p.add('receivedOn', '收到申请日期不能早于一年前，请核对');
  }
  const type = oneOf(p, 'applicantType', '申请人类型', input.applicantType, [
    'person',
    'organisation',
  ] as const);
  const name = cleanText(
    p,
    'applicantName',
    type === 'person' ? '申请人姓名' : '申请人名称',
    input.applicantName,
    { max: 100, required: true },
  );
  let idType: string = CREDIT_CODE_TYPE;
  let idNumber = '';
  const rawId = cleanText(
    p,
    'idNumber',
    type === 'person' ? '证件号码' : '统一社会信用代码',
    input.idNumber,
    {
      max: 40,
      required: true,
    },
  );
  if (type === 'person') {
    idType = oneOf(p, 'idType', '证件类型', input.idType, PERSON_ID_TYPES, '居民身份证');
    if (rawId && idType === '居民身份证') {
      const check = validateIdNumber(rawId, today);
      if (check.ok) idNumber = check.normalized;
      else p.add('idNumber', check.reason);
    } else if (rawId) idNumber = rawId.toUpperCase();
  } else if (rawId) {
    const check = validateCreditCode(rawId);
    if (check.ok) idNumber = check.normalized;
    else p.add('idNumber', check.reason);
  }
  const rawPhone = cleanText(p, 'phone', '联系电话', input.phone, { max: 30, required: true });
  let phone = '';
  if (rawPhone) {
    const check = validatePhone(rawPhone);
    if (check.ok) phone = check.normalized;
    else p.add('phone', check.reason);
  }
  const category =
    type === 'person'
      ? (() => {
          if (
            input.applicantCategory !== undefined &&
            input.applicantCategory !== null &&
            input.applicantCategory !== '' &&
            input.applicantCategory !== '自然人'
          )
            p.add('applicantCategory', '公民的申请人类别为自然人');
          return '自然人';
        })()
      : oneOf(
          p,
          'applicantCategory',
          '申请人类别',
          input.applicantCategory,
          ORGANISATION_CATEGORIES,
          '商业企业',
        );
  const { description, delivery, docNumber, purpose, address } = cleanAsked(p, input);
  p.throwIf((d) => disclosureErrors.REQUEST_INVALID(d));

  const received = receivedOn as string;
  const id = newId();
  const now = ctx.clock.now();
  const officerId = principal?.userId ?? null;
  return withTx(ctx.pool, async (tx) => {
    const { case: c, queryCode } = await openRequestCase(tx, ctx, {
      id,
      org,
      applicantUserId: null,
      applicantName: name,
      category,
      delivery,
      channel,
      receivedOn: received,
      actorUserId: officerId,
    });
    await tx.query(
      `INSERT INTO dsc_request (id, case_id, case_number, org_id, org_path, applicant_user_id, registered_by,
         applicant_category, applicant_name, applicant_id_type, applicant_id_enc, applicant_phone_enc, applicant_key,
         applicant_address, description, doc_number, purpose, delivery, channel, submitted_at, received_on,
         created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,NULL,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$19,$19)`,
      [
        id,
        c.id,
        c.number,
        org.id,
        org.path,
        officerId,
        category,
        name,
        idType,
        ctx.pii.encrypt(idNumber),
        ctx.pii.encrypt(phone),
        applicantKey(ctx, idNumber),
        address,
        description,
        docNumber,
        purpose,
        delivery,
        channel,
        now,
        received,
      ],
    );
    await ctx.audit.record(tx, actor, {
      action: 'disclosure.request.register',
      objectType: 'disclosure_request',
      objectId: id,
      summary: `登记${CHANNEL_NAMES[channel]}的政府信息公开申请 ${c.number}（${org.name}，收到申请日 ${received}：${RECEIPT_RULES[channel]}）`,
    });
    await emitSubmitted(tx, ctx, {
      id,
      caseId: c.id,
      orgId: org.id,
      category,
      channel,
      actorId: officerId,
    });
    return { id, caseId: c.id, number: c.number, queryCode, receivedOn: received, dueDate: c.legalDeadline };
  });
}
