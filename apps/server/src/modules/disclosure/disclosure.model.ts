// The words of 政府信息公开 (DOMAIN §1): reply outcomes with their annual-report rows (国办公开办函
// 〔2021〕30号), applicant categories (the report's columns), catalogue vocabularies, and the process
// of a request on the case engine.
import type { ProcessDefinition } from '../workflow/index.ts';
import type { FeeMethod } from '../../../../shared/disclosure.ts';

// The vocabulary the console shares (apps/shared/disclosure.ts), for this module's other files.
export {
  APPLICANT_CATEGORIES,
  type ApplicantCategory,
  ORGANISATION_CATEGORIES,
  CHANNEL_NAMES,
  type Channel,
  REGISTERED_CHANNELS,
  RECEIPT_RULES,
  PERSON_ID_TYPES,
  CREDIT_CODE_TYPE,
  DELIVERY_NAMES,
  type Delivery,
  TOPICS,
  GENRES,
  VALIDITIES,
  DISCLOSURE_MODES,
  FEE_METHOD_NAMES,
  type FeeMethod,
} from '../../../../shared/disclosure.ts';

export const DISCLOSURE_CASE_TYPE = 'disclosure';
export const DISCLOSURE_PROCESS = 'disclosure.request';
export const DISCLOSURE_REF_TYPE = 'disclosure_request';

/** Art. 33 ¶1: reply within 20 working days of receipt. */
export const REPLY_DAYS = 20;
/** Art. 30: the correction notice is due within 7 working days of receipt. */
export const CORRECTION_NOTICE_DAYS = 7;
/** Art. 33 ¶2: one extension of at most 20 working days. */
export const MAX_EXTENSION_DAYS = 20;
/** Art. 26: proactive disclosure within 20 working days of 形成或者变更之日. */
export const PROACTIVE_DAYS = 20;
/** Art. 32 / 34: a third party or another agency has 15 working days to give its opinion. */
export const CONSULTATION_DAYS = 15;

export interface OutcomeDef {
  code: string;
  /** Group of the report (（一）…（六）). */
  group: string;
  /** The row wording of the 2021 template. */
  name: string;
  /** The reply must give reasons (refusals, partial disclosure, inability, not processed). */
  reasonRequired: boolean;
  /** The sentence of the reply letter stating the decision. */
  decision: string;
}

export const OUTCOME_GROUPS = [
  '（一）予以公开',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  '（三）不予公开',
  '（四）无法提供',
  '（五）不予处理',
  '（六）其他处理',
] as const;

const o = (
  code: string,
  group: number,
  name: string,
  reasonRequired: boolean,
  decision: string,
): OutcomeDef => ({ code, group: OUTCOME_GROUPS[group] as string, name, reasonRequired, decision });

/** DOMAIN §1.2, in report order. */
export const OUTCOMES: readonly OutcomeDef[] = [
  o('GRANTED', 0, '予以公开', false, '经审查，您申请获取的政府信息属于公开范围，本机关决定予以公开。'),
  o(
    'PARTIAL',
    1,
    '部分公开',
    true,
    '经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据《中华人民共和国政府信息公开条例》第三十七条的规定，本机关向您提供可以公开的部分。',
  ),
  o(
    'DENIED_STATE_SECRET',
    2,
    '属于国家秘密',
    true,
    '经审查，您申请获取的政府信息属于国家秘密，根据《中华人民共和国政府信息公开条例》第十四条的规定，本机关决定不予公开。',
  ),
  o(
    'DENIED_LAW_FORBIDS',
    2,
    '其他法律行政法规禁止公开',
    true,
    '经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，根据《中华人民共和国政府信息公开条例》第十四条的规定，本机关决定不予公开。',
  ),
  o(
    'DENIED_SAFETY_STABILITY',
    2,
    '危及“三安全一稳定”',
    true,
    '经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，根据《中华人民共和国政府信息公开条例》第十四条的规定，本机关决定不予公开。',
  ),
  o(
    'DENIED_THIRD_PARTY',
    2,
    '保护第三方合法权益',
    true,
    '经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，根据《中华人民共和国政府信息公开条例》第十五条、第三十二条的规定，本机关决定不予公开。',
  ),
  o(
    'DENIED_INTERNAL_AFFAIRS',
    2,
    '属于三类内部事务信息',
    true,
    '经审查，您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息，根据《中华人民共和国政府信息公开条例》第十六条第一款的规定，本机关决定不予公开。',
  ),
  o(
    'DENIED_PROCESS_INFO',
    2,
    '属于四类过程性信息',
    true,
    '经审查，您申请获取的政府信息属于讨论记录、过程稿、磋商信函、请示报告等过程性信息，根据《中华人民共和国政府信息公开条例》第十六条第二款的规定，本机关决定不予公开。',
  ),
  o(
    'DENIED_ENFORCEMENT_FILE',
    2,
    '属于行政执法案卷',
    true,
    '经审查，您申请获取的政府信息属于行政执法案卷信息，根据《中华人民共和国政府信息公开条例》第十六条第二款的规定，本机关决定不予公开。',
  ),
  o(
    'DENIED_ADMIN_QUERY',
    2,
    '属于行政查询事项',
    true,
    '经审查，您申请获取的信息属于工商、不动产登记资料等，有关法律、行政法规对信息的获取有特别规定，根据《中华人民共和国政府信息公开条例》第三十六条第（七）项的规定，请您依照有关规定办理。',
  ),
  o(
    'UNABLE_NOT_HELD',
    3,
    '本机关不掌握相关政府信息',
    true,
    '经检索，本机关未制作或获取您申请的政府信息，根据《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项的规定，告知如下。',
  ),
  o(
    'UNABLE_NEEDS_CREATION',
    3,
    '没有现成信息需要另行制作',
    true,
    '经审查，您申请的信息需要本机关对现有政府信息进行加工、分析或另行制作，根据《中华人民共和国政府信息公开条例》第三十八条的规定，本机关不予提供。',
  ),
  o(
    'UNABLE_STILL_UNCLEAR',
    3,
    '补正后申请内容仍不明确',
    true,
    '经补正后，您的申请内容仍不明确，本机关无法确定您所需的政府信息，根据《中华人民共和国政府信息公开条例》第三十条的规定，无法提供。',
  ),
  o(
    'NOT_PROCESSED_PETITION',
    4,
    '信访举报投诉类申请',
    true,
    '经审查，您以政府信息公开申请的形式进行信访、投诉、举报，根据《中华人民共和国政府信息公开条例》第三十九条第一款的规定，本机关不作为政府信息公开申请处理，请通过相应渠道提出。',
  ),
  o(
    'NOT_PROCESSED_REPEAT',
    4,
    '重复申请',
    true,
    '经审查，本机关已就您申请公开的相同政府信息作出答复，根据《中华人民共和国政府信息公开条例》第三十六条第（六）项的规定，不予重复处理。',
  ),
  o(
    'NOT_PROCESSED_PUBLICATION',
    4,
    '要求提供公开出版物',
    true,
    '经审查，您申请获取的是公开出版物，根据《中华人民共和国政府信息公开条例》第三十九条第二款的规定，告知获取途径如下。',
  ),
  o(
    'NOT_PROCESSED_MASSIVE',
    4,
    '无正当理由大量反复申请',
    true,
    '经审查，您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关不予处理。',
  ),
  o(
    'NOT_PROCESSED_CONFIRM',
    4,
    '要求行政机关确认或重新出具已获取信息',
    true,
    '经审查，您的申请系要求本机关确认或重新出具已获取的信息，不属于政府信息公开申请，本机关不予处理。',
  ),
  o(
    'OTHER_NO_CORRECTION',
    5,
    '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    true,
    '本机关已于补正告知中一次性告知您需要补正的事项和补正期限，您无正当理由逾期未补正，根据《中华人民共和国政府信息公开条例》第三十条的规定，视为放弃申请，本机关不再处理该申请。',
  ),
  o(
    'OTHER_FEE_UNPAID',
    5,
    '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    true,
    '您逾期未按收费通知要求缴纳信息处理费，本机关不再处理该申请。',
  ),
  o('OTHER', 5, '其他', true, '经审查，本机关对您的申请作如下处理。'),
];

export const OUTCOME_BY_CODE: ReadonlyMap<string, OutcomeDef> = new Map(OUTCOMES.map((d) => [d.code, d]));

/** The remedies sentence every reply letter carries (Art. 51; 行政复议法 60 days, 行政诉讼法 6 months). */
export function remediesSentence(body: string, court: string): string {
  const where = body ? `向${body}` : '依法';
  const c = court ? `向${court}` : '依法向人民法院';
  return `如您对本答复不服，可以在收到本答复书之日起60日内${where}申请行政复议，或者在6个月内${c}提起行政诉讼。`;
}

/** 109号: the applicant pays within 20 working days from the day after receiving the fee notice. */
export const FEE_PAYMENT_DAYS = 20;

/**
 * 按件计收 (109号 第四条), whole yuan for the `n`-th piece of one applicant in one natural month:
 * 1–10 free; 11–30 100 元; from 31 in bands of 10, each band 100 元 more (31–40 200 元, 41–50 300 元 …).
 */
export function pieceRate(n: number): number {
  if (n <= 10) return 0;
  if (n <= 30) return 100;
  return 100 + 100 * Math.ceil((n - 30) / 10);
}

/** 按量计收 (109号 第五条), whole yuan for the `p`-th page: 1–30 free, 31–100 10, 101–200 20, 201+ 40. */
export function pageRate(p: number): number {
  if (p <= 30) return 0;
  if (p <= 100) return 10;
  if (p <= 200) return 20;
  return 40;
}

/**
 * The fee of a request (超额累进): 按件, the pieces `quantity` after `before` pieces of the same applicant
 * earlier in the month; 按量, its `quantity` pages on their own.
 */
export function feeAmount(method: FeeMethod, quantity: number, before = 0): number {
  let total = 0;
  if (method === 'piece') for (let n = before + 1; n <= before + quantity; n += 1) total += pieceRate(n);
  else for (let p = 1; p <= quantity; p += 1) total += pageRate(p);
  return total;
}

const working = (days: number) => ({ days, unit: 'working' as const });

/**
 * 依申请公开 on the engine. The clock starts on the receipt date (Art. 31) with a 20-working-day legal
 * limit. 补正 pauses it and, when the correction arrives, runs the period again in full from that day
 * (Art. 30 "答复期限自行政机关收到补正的申请之日起计算": clock.restart). Consulting a third party or
 * another agency stops it (Art. 33 ¶3). One extension of ≤ 20 working days goes to the unit's
 * approver. The reply ends the case; the outcome code is kept in dsc_request.
 */
export const DISCLOSURE_DEFINITION: ProcessDefinition = {
  start: 'handle',
  steps: [
    {
      key: 'handle',
      name: '办理答复',
      type: 'task',
      assignee: { type: 'role', role: 'disclosure_officer' },
      actions: [
        { key: 'reply', label: '答复', to: 'replied' },
        {
          key: 'request-correction',
          label: '告知补正',
          to: 'await_correction',
          commentRequired: true,
          effects: ['clock.pause:correction'],
        },
        {
          key: 'consult-third-party',
          label: '征求第三方意见',
          to: 'third_party',
          commentRequired: true,
          effects: ['clock.pause:third_party'],
        },
        {
          key: 'consult-agency',
          label: '征求其他机关意见',
          to: 'agency',
          commentRequired: true,
          effects: ['clock.pause:consultation'],
        },
        { key: 'request-extension', label: '申请延期答复', to: 'approve_extension', commentRequired: true },
        // 信息处理费 (国办函〔2020〕109号): the notice stops the clock until the applicant pays.
        {
          key: 'charge-fee',
          label: '收取信息处理费',
          to: 'await_fee',
          commentRequired: true,
          effects: ['clock.pause:fee'],
        },
        { key: 'transfer', label: '转办', kind: 'transfer' },
      ],
      position: { x: 400, y: 200 },
    },
    {
      key: 'await_correction',
      name: '等待申请人补正',
      type: 'task',
      assignee: { type: 'role', role: 'disclosure_officer' },
      actions: [
        // Recorded by the officer for corrections on paper; online corrections take it automatically.
        { key: 'corrected', label: '收到补正', to: 'handle', effects: ['clock.restart'] },
        { key: 'close-no-correction', label: '逾期未补正，不再处理', to: 'replied', commentRequired: true },
      ],
      position: { x: 400, y: 380 },
    },
    {
      key: 'await_fee',
      name: '等待申请人缴纳信息处理费',
      type: 'task',
      assignee: { type: 'role', role: 'disclosure_officer' },
      actions: [
        { key: 'fee-paid', label: '已缴费', to: 'handle', effects: ['clock.resume'] },
        {
          key: 'waive-fee',
          label: '减免信息处理费',
          to: 'handle',
          commentRequired: true,
          effects: ['clock.resume'],
        },
        { key: 'close-fee-unpaid', label: '逾期未缴费，不再处理', to: 'replied', commentRequired: true },
      ],
      position: { x: 100, y: 380 },
    },
    {
      key: 'third_party',
      name: '征求第三方意见',
      type: 'task',
      assignee: { type: 'role', role: 'disclosure_officer' },
      limit: working(CONSULTATION_DAYS),
      actions: [
        {
          key: 'opinion-received',
          label: '意见已收到（或逾期未提出）',
          to: 'handle',
          effects: ['clock.resume'],
        },
      ],
      position: { x: 700, y: 80 },
    },
    {
      key: 'agency',
      name: '征求其他机关意见',
      type: 'task',
      assignee: { type: 'role', role: 'disclosure_officer' },
      limit: working(CONSULTATION_DAYS),
      actions: [
        {
          key: 'opinion-received',
          label: '意见已收到（或逾期视为同意）',
          to: 'handle',
          effects: ['clock.resume'],
        },
      ],
      position: { x: 700, y: 200 },
    },
    {
      key: 'approve_extension',
      name: '延期审批',
      type: 'task',
      assignee: { type: 'role', role: 'approver' },
      limit: working(2),
      actions: [
        { key: 'approve', label: '批准延期', to: 'handle' },
        { key: 'deny', label: '不予批准', to: 'handle', commentRequired: true },
      ],
      position: { x: 700, y: 380 },
    },
    { key: 'replied', name: '已答复', type: 'end', outcome: 'replied' },
  ],
};
