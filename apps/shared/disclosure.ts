// The vocabulary of 政府信息公开 that the server (modules/disclosure) and the console share: the report's
// applicant categories, how a request arrives and its Art. 31 receipt rule, identity documents,
// delivery forms, the catalogue's 主题分类 / 体裁 / 有效性 / 公开方式, and the 信息处理费 methods; and the
// shapes of the disclosure API's answers and bodies (requests, the catalogue and its Art. 26 alerts, the
// units of a member of staff, the guide, the annual report). The server's views and use cases are typed
// with these shapes (its route schemas in disclosure.schemas.ts describe the same JSON), the console's
// api.ts reads them.

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

/** How a request arrived, and the Art. 31 rule for its receipt date. */
export const CHANNEL_NAMES = {
  online: '网上申请',
  counter: '当面提交',
  post: '邮寄',
  letter: '平常信函',
  fax: '传真',
} as const;
export type Channel = keyof typeof CHANNEL_NAMES;
/** Channels an officer registers for the applicant (everything but the platform's own form). */
export const REGISTERED_CHANNELS = ['counter', 'post', 'letter', 'fax'] as const;
export const RECEIPT_RULES: Record<(typeof REGISTERED_CHANNELS)[number], string> = {
  counter: '当面提交的，以提交之日为收到申请之日',
  post: '以邮寄方式提交的，以行政机关签收之日为收到申请之日',
  letter: '以平常信函等无需签收的邮寄方式提交的，以与申请人确认之日为收到申请之日',
  fax: '通过传真提交的，以双方确认之日为收到申请之日',
};

/** 身份证明 an officer records for a person; organisations give their 统一社会信用代码. */
export const PERSON_ID_TYPES = [
  '居民身份证',
  '护照',
  '港澳居民来往内地通行证',
  '台湾居民来往大陆通行证',
  '外国人永久居留身份证',
  '其他',
] as const;
export const CREDIT_CODE_TYPE = '统一社会信用代码';

export const DELIVERY_NAMES = {
  electronic: '电子数据（网上获取）',
  paper: '纸质文本',
  mail: '邮寄',
  pickup: '自行领取',
  inspect: '当场阅读、抄录',
} as const;
export type Delivery = keyof typeof DELIVERY_NAMES;

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

export const FEE_METHOD_NAMES = { piece: '按件计收', volume: '按量计收' } as const;
export type FeeMethod = keyof typeof FEE_METHOD_NAMES;

// ---- Requests (依申请公开) ----

/** A reply outcome of Art. 36 with its row of the annual report (GET /disclosure/outcomes). */
export interface OutcomeView {
  code: string;
  group: string;
  name: string;
  reasonRequired: boolean;
}

export type FeeStatus = 'due' | 'paid' | 'waived' | 'lapsed';

/** The 信息处理费 notice of a request. */
export interface FeeView {
  method: FeeMethod;
  methodName: string;
  quantity: number;
  /** 按件: the applicant's pieces this month up to and including this request. */
  monthCount: number | null;
  amountYuan: number;
  noticedOn: string;
  dueOn: string;
  paidOn: string | null;
  waivedOn: string | null;
  waiverReason: string | null;
  status: FeeStatus;
  statusName: string;
}

/** A request as its applicant or the unit's staff read it (GET /disclosure/requests/{id}). */
export interface RequestView {
  id: string;
  caseId: string;
  number: string;
  orgId: string;
  orgName: string;
  applicantCategory: string;
  applicantName: string;
  /** Masked; staff of the unit only. */
  applicantIdMasked: string | null;
  applicantPhoneMasked: string | null;
  description: string;
  docNumber: string;
  purpose: string;
  delivery: string;
  deliveryName: string;
  /** online, or how an officer received it (counter, post, letter, fax). */
  channel: string;
  channelName: string;
  submittedAt: string;
  receivedOn: string;
  status: string;
  statusName: string;
  currentSteps: { key: string; name: string }[];
  dueDate: string | null;
  clockStartedOn: string | null;
  correction: { requestedOn: string | null; dueOn: string | null; correctedOn: string | null; count: number };
  extension: { days: number | null; approvedOn: string | null };
  /** The 信息处理费 notice, when one was sent. */
  fee: FeeView | null;
  outcome: string | null;
  outcomeName: string | null;
  repliedOn: string | null;
  replyNumber: string | null;
  replyLetterUrl: string | null;
  /** The applicant's page of this request (for lists such as the hall's 我的办件). */
  pageUrl: string;
}

/** What an applicant sends online (POST /disclosure/requests). */
export interface SubmitRequestInput {
  description: string;
  delivery: string;
  orgId?: string | null;
  docNumber?: string;
  purpose?: string;
  applicantCategory?: string;
  address?: string;
}

/** What an officer registers for a request received on paper, by post, letter or fax, or at the counter. */
export interface RegisterRequestInput {
  orgId: string;
  channel: string;
  receivedOn: string;
  applicantType: 'person' | 'organisation';
  applicantName: string;
  idType?: string;
  idNumber: string;
  phone: string;
  address?: string;
  applicantCategory?: string;
  description: string;
  docNumber?: string;
  purpose?: string;
  delivery: string;
}

/** The answer to a submitted or registered request: its number, query code and deadline. */
export interface SubmitRequestResult {
  id: string;
  caseId: string;
  number: string;
  queryCode: string | null;
  receivedOn: string;
  dueDate: string | null;
}

/** A unit a member of staff works on, with which of the module's permissions reach it. */
export interface StaffUnit {
  orgId: string;
  orgName: string;
  catalogue: boolean;
  requests: boolean;
  report: boolean;
  hasGuide: boolean;
}

// ---- 公开目录 ----

export interface EntryView {
  id: string;
  orgId: string;
  orgName: string;
  indexNumber: string;
  title: string;
  summary: string;
  publisher: string;
  writtenOn: string;
  publishedOn: string;
  docNumber: string;
  topic: string;
  genre: string;
  keywords: string[];
  validity: string;
  repealedOn: string | null;
  disclosureMode: string;
  articleId: string | null;
  status: 'published' | 'withdrawn';
  withdrawnReason: string | null;
  url: string;
  /** Working days from 成文日期 to 发布日期 when beyond the Art. 26 limit; null otherwise. */
  lateWorkingDays: number | null;
  updatedAt: string;
}

/** What POST /disclosure/catalogue and PUT /disclosure/catalogue/{id} take. */
export interface EntryInput {
  orgId?: string;
  title: string;
  summary?: string;
  publisher?: string;
  writtenOn: string;
  publishedOn?: string;
  docNumber?: string;
  topic: string;
  genre: string;
  keywords?: string[];
  validity?: string;
  repealedOn?: string | null;
  disclosureMode?: string;
  articleId?: string | null;
}

/** An Art. 26 alert: an entry published more than 20 working days after it was written. */
export interface AlertView {
  id: string;
  entryId: string;
  orgId: string;
  orgName: string;
  indexNumber: string;
  title: string;
  writtenOn: string;
  publishedOn: string;
  workingDays: number;
  createdAt: string;
}

// ---- 公开指南 ----

export interface GuideView {
  orgId: string;
  orgName: string;
  officeName: string;
  address: string;
  officeHours: string;
  phone: string;
  fax: string;
  email: string;
  postcode: string;
  intro: string;
  letterPrefix: string;
  reconsiderationBody: string;
  litigationCourt: string;
  defaultForRequests: boolean;
  entryCount: number;
  updatedAt: string;
}

/** What PUT /disclosure/units/{orgId}/guide takes. */
export interface GuideInput {
  officeName: string;
  address?: string;
  officeHours?: string;
  phone?: string;
  fax?: string;
  email?: string;
  postcode?: string;
  intro?: string;
  letterPrefix?: string;
  reconsiderationBody?: string;
  litigationCourt?: string;
}

// ---- 年度报告 ----

export interface Table1 {
  regulations: { issued: number; repealed: number; inForce: number };
  normativeDocuments: { issued: number; repealed: number; inForce: number };
  licensingDecisions: number;
  penaltyDecisions: number;
  coercionDecisions: number;
  /** 本年收费金额（万元）. */
  feesTenThousandYuan: number;
}

/** A row of table 2: one count per applicant category, then 总计. */
export interface Table2Row {
  key: string;
  label: string;
  level: number;
  counts: number[];
}

export interface Table3Group {
  maintained: number;
  corrected: number;
  other: number;
  pending: number;
  total: number;
}

export interface Table3 {
  reconsideration: Table3Group;
  litigationDirect: Table3Group;
  litigationAfterReconsideration: Table3Group;
}

export interface Narrative {
  overview: string;
  problems: string;
  other: string;
}

export interface InformationFees {
  notices: number;
  paid: number;
  waived: number;
  lapsed: number;
  /** Yuan collected (notices paid in the year). */
  amountYuan: number;
}

export interface AnnualReport {
  orgId: string;
  orgName: string;
  year: number;
  status: 'draft' | 'published';
  publishedAt: string | null;
  table1: Table1;
  table2: { columns: string[]; rows: Table2Row[] };
  table3: Table3;
  crossCheck: { ok: boolean; problems: { field: string; message: string }[] };
  narrative: Narrative | null;
  /**
   * 信息处理费 of the year (国办函〔2020〕109号), for section 六 and as part of table 1's 行政事业性收费
   * (which stays entered: it covers all of the unit's fees). Lapsed notices are also table 2's row
   * （六）2 (OTHER_FEE_UNPAID).
   */
  informationFees: InformationFees;
}

/** Table 1's rows that come from systems the platform does not hold and are entered. */
export type EnteredTable1 = Omit<Table1, 'regulations' | 'normativeDocuments'>;

/** What PUT /disclosure/annual-report takes: the narrative and the entered data of a draft. */
export interface ReportInput {
  orgId: string;
  year: number;
  narrative?: Partial<Narrative>;
  entered?: {
    table1?: Partial<EnteredTable1>;
    table3?: Record<string, Record<string, number>>;
    /** Requests handled outside the platform: counts per row key, each six numbers (no 总计). */
    offline?: Record<string, number[]>;
  };
}
