// The words of 政府信息公开 (DOMAIN §1): reply outcomes with their annual-report rows (国办公开办函
// 〔2021〕30号), applicant categories (the report's columns), catalogue vocabularies, and the process
// of a request on the case engine.
import type { ProcessDefinition } from '../workflow/index.ts';

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

/** Applicant categories, in the column order of the report's table 2 (before 总计). */
export const APPLICANT_CATEGORIES = [
  '自然人',
  '商业企业',
  '科研机构',
  '社会公益组织',
  '法律服务机构',
  '其他',
] as const;
export type ApplicantCategory = (typeof APPLICANT_CATEGORIES)[number];
/** The categories an enterprise account may choose (法人或其他组织). */
export const ORGANISATION_CATEGORIES = APPLICANT_CATEGORIES.filter((c) => c !== '自然人');

export const DELIVERY_NAMES = {
  electronic: '电子数据（网上获取）',
  paper: '纸质文本',
  mail: '邮寄',
  pickup: '自行领取',
  inspect: '当场阅读、抄录',
} as const;
export type Delivery = keyof typeof DELIVERY_NAMES;

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

/** 主题分类: the 22 subject categories of the national catalogue (DOMAIN §1.6, list [M]). */
export const TOPICS = [
  '综合政务',
  '国民经济管理、国有资产监管',
  '财政、金融、审计',
  '国土资源、能源',
  '农业、林业、水利',
  '工业、交通',
  '商贸、海关、旅游',
  '市场监管、安全生产监管',
  '城乡建设、环境保护',
  '科技、教育',
  '文化、广电、新闻出版',
  '卫生、体育',
  '人口与计划生育、妇女儿童工作',
  '劳动、人事、监察',
  '公安、安全、司法',
  '民政、扶贫、救灾',
  '民族、宗教',
  '对外事务',
  '港澳台侨工作',
  '国防',
  '统计信息',
  '其他',
] as const;

/** 体裁: 公文种类 of 党政机关公文处理工作条例 plus the two the report counts and general kinds. */
export const GENRES = [
  '规章',
  '行政规范性文件',
  '决议',
  '决定',
  '命令（令）',
  '公报',
  '公告',
  '通告',
  '意见',
  '通知',
  '通报',
  '报告',
  '请示',
  '批复',
  '议案',
  '函',
  '纪要',
  '规划',
  '计划总结',
  '统计数据',
  '工作动态',
  '其他',
] as const;

export const VALIDITIES = ['有效', '失效', '废止'] as const;
export const DISCLOSURE_MODES = ['主动公开', '依申请公开'] as const;

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
