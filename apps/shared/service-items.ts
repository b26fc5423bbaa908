// A service item (政务服务事项 实施清单 entry, DOMAIN §2.4) as other modules and clients see it
// (GET /manage/service-items/{id}).
import type { DayUnit } from './days.ts';
import type { FormDefinition } from './forms.ts';
import type { Audience, ItemStatus, OnlineDepth } from './service-taxonomy.ts';

export type { DayUnit };

export interface Material {
  /** Stable across edits: applications refer to it. */
  id: string;
  name: string;
  /** necessity === 'required'. 容缺 (deferrable) materials may follow after acceptance. */
  required: boolean;
  necessity: 'required' | 'optional' | 'deferrable';
  originalOrCopy: 'original' | 'copy' | 'both';
  medium: 'paper' | 'electronic' | 'both';
  /** Paper copies to hand in (0 when only electronic). */
  copies: number;
  source: 'applicant' | 'government' | 'other';
  sourceNote: string;
  note: string;
  /** 要求提供材料的依据. */
  basis: string;
  /** 受理标准. */
  acceptanceStandard: string;
  blankFileId: string | null;
  sampleFileId: string | null;
}

export type FeeRule =
  | { mode: 'free' }
  | { mode: 'fixed'; amountFen: number }
  | { mode: 'per_unit'; unitFen: number; quantityField: string; unitName: string };

export interface Fee {
  name: string;
  standard: string;
  basis: string;
  rule: FeeRule;
  reducible?: boolean;
  /** 减免依据, when reducible. */
  reductionBasis?: string;
  /** The fee applies only when a choice field of the form has one of these values. */
  when?: { field: string; equals: string | string[] };
}

export interface FeeLine {
  name: string;
  standard: string;
  amountFen: number;
  basis: string;
  quantity?: number;
  unitName?: string;
}

export interface FeeComputation {
  lines: FeeLine[];
  totalFen: number;
}

export interface SpecialProcedure {
  /** e.g. 现场核查, 专家评审, 听证, 检验检测. */
  name: string;
  days: number;
  unit: DayUnit;
  basis: string;
  /** Whether the time counts toward the legal limit (行政许可法 Art. 45 excludes 听证、检验、专家评审 …). */
  counted: boolean;
  note: string;
}

export interface Location {
  name: string;
  address: string;
  hours: string;
  phone: string | null;
  transport: string;
}

export interface Contact {
  phone: string | null;
  url: string | null;
  email: string | null;
  address: string | null;
  note: string;
}

export interface RemedyBody {
  body: string;
  address: string;
  phone: string | null;
  url: string | null;
}

export interface Remedies {
  reconsideration: RemedyBody | null;
  litigation: RemedyBody | null;
}

export interface Faq {
  question: string;
  answer: string;
}

export interface ItemResult {
  type: 'licence' | 'approval' | 'certificate' | 'other';
  /** 审批结果名称, e.g. 食品经营许可证. */
  name: string;
  /** Validity of the licence issued, when the law sets one. */
  validityYears: number | null;
}

export interface ServiceItem {
  id: string;
  /** The implementation code (实施编码), the item's public code. */
  code: string;
  name: string;
  basicCode: string;
  implementationCode: string;
  /** 业务办理项编码. */
  handleCode: string | null;
  itemType: string;
  itemTypeName: string;
  orgId: string;
  orgName: string;
  audience: Audience[];
  themes: string[];
  lifeEvents: string[];
  legalBasis: string;
  acceptanceConditions: string;
  quantityLimit: string;
  legalLimitDays: number | null;
  legalLimitUnit: DayUnit | null;
  legalLimitNote: string;
  promisedLimitDays: number | null;
  promisedLimitUnit: DayUnit | null;
  promisedLimitNote: string;
  /** 即办件 (promised 0 days) or 承诺件. */
  caseKind: 'immediate' | 'promised';
  caseKindName: string;
  specialProcedures: SpecialProcedure[];
  processDescription: string;
  visitsRequired: number;
  visitsExplanation: string;
  onlineDepth: OnlineDepth;
  onlineDepthName: string;
  locations: Location[];
  consultation: Contact;
  complaint: Contact;
  remedies: Remedies;
  faq: Faq[];
  result: ItemResult;
  fees: Fee[];
  /** No fee line charges anything. */
  feeFree: boolean;
  materials: Material[];
  processCode: string | null;
  form: FormDefinition;
  status: ItemStatus;
  statusName: string;
  statusReason: string | null;
  version: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
