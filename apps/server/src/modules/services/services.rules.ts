// Rules for service item content: what a draft may hold (checked on every save) and what a published
// item must hold (checked on publish and on every change to a published item). Problems name the
// property they are about, so the editor can put each message next to its input.
import type { ErrorDetail } from '../../platform/http/errors.ts';
import { validatePhone } from '../../platform/ids/phone.ts';
import { type FormDefinition, type FormField, flattenFields } from './forms/form-types.ts';
import { charLength, isEmail, isHttpUrl, shownKey, textProblem } from './forms/text.ts';
import { countFields, validateFormDefinition } from './forms/validate-definition.ts';
import { servicesErrors } from './services.errors.ts';
import {
  AUDIENCES,
  type Audience,
  ITEM_TYPE_CODES,
  isAdministrativePower,
  LIFE_EVENT_CODES,
  MATERIAL_FORMS,
  MATERIAL_MEDIA,
  MATERIAL_NECESSITIES,
  MATERIAL_SOURCES,
  type OnlineDepth,
  RESULT_TYPES,
  THEME_CODES,
} from './services.taxonomy.ts';
import type {
  Contact,
  DayUnit,
  Faq,
  Fee,
  FeeRule,
  ItemResult,
  Material,
  RemedyBody,
  ServiceItem,
} from './services.types.ts';

// ---------------------------------------------------------------- input shapes

export interface SpecialProcedureInput {
  name: string;
  days: number;
  unit?: DayUnit;
  basis?: string;
  counted: boolean;
  note?: string;
}
export interface LocationInput {
  name: string;
  address: string;
  hours: string;
  phone?: string | null;
  transport?: string;
}
export interface ContactInput {
  phone?: string | null;
  url?: string | null;
  email?: string | null;
  address?: string | null;
  note?: string;
}
export interface RemedyBodyInput {
  body: string;
  address?: string;
  phone?: string | null;
  url?: string | null;
}
export interface MaterialInput {
  /** An existing material of the item (kept, edited); absent for a new one. */
  id?: string;
  name: string;
  necessity: Material['necessity'];
  originalOrCopy: Material['originalOrCopy'];
  medium: Material['medium'];
  copies?: number;
  source: Material['source'];
  sourceNote?: string;
  note?: string;
  basis?: string;
  acceptanceStandard?: string;
  blankFileId?: string | null;
  sampleFileId?: string | null;
}

/** Everything an editor may set. On create `orgId`, `name`, codes and `itemType` are required. */
export interface ItemInput {
  orgId: string;
  name: string;
  basicCode: string;
  implementationCode: string;
  handleCode?: string | null;
  itemType: string;
  audience?: Audience[];
  themes?: string[];
  lifeEvents?: string[];
  legalBasis?: string;
  acceptanceConditions?: string;
  quantityLimit?: string;
  legalLimitDays?: number | null;
  legalLimitUnit?: DayUnit | null;
  legalLimitNote?: string;
  promisedLimitDays?: number | null;
  promisedLimitUnit?: DayUnit | null;
  promisedLimitNote?: string;
  specialProcedures?: SpecialProcedureInput[];
  processDescription?: string;
  visitsRequired?: number;
  visitsExplanation?: string;
  onlineDepth?: number;
  locations?: LocationInput[];
  consultation?: ContactInput;
  complaint?: ContactInput;
  remedies?: { reconsideration?: RemedyBodyInput | null; litigation?: RemedyBodyInput | null };
  faq?: Faq[];
  result?: { type: ItemResult['type']; name: string; validityYears?: number | null };
  fees?: Fee[];
  materials?: MaterialInput[];
  processCode?: string | null;
  form?: unknown;
}

export type ItemPatch = Partial<ItemInput>;

/** The stored content of an item (materials apart): the editable part of a ServiceItem. */
export type ItemContent = Pick<
  ServiceItem,
  | 'orgId'
  | 'name'
  | 'basicCode'
  | 'implementationCode'
  | 'handleCode'
  | 'itemType'
  | 'audience'
  | 'themes'
  | 'lifeEvents'
  | 'legalBasis'
  | 'acceptanceConditions'
  | 'quantityLimit'
  | 'legalLimitDays'
  | 'legalLimitUnit'
  | 'legalLimitNote'
  | 'promisedLimitDays'
  | 'promisedLimitUnit'
  | 'promisedLimitNote'
  | 'specialProcedures'
  | 'processDescription'
  | 'visitsRequired'
  | 'visitsExplanation'
  | 'onlineDepth'
  | 'locations'
  | 'consultation'
  | 'complaint'
  | 'remedies'
  | 'faq'
  | 'result'
  | 'fees'
  | 'processCode'
  | 'form'
>;

/** A material after checking; `id` is null for a new one. */
export type CheckedMaterial = Omit<Material, 'id' | 'required'> & { id: string | null };

export const emptyContact = (): Contact => ({ phone: null, url: null, email: null, address: null, note: '' });

export function defaultContent(orgId: string): ItemContent {
  return {
    orgId,
    name: '',
    basicCode: '',
    implementationCode: '',
    handleCode: null,
    itemType: '01',
    audience: [],
    themes: [],
    lifeEvents: [],
    legalBasis: '',
    acceptanceConditions: '',
    quantityLimit: '',
    legalLimitDays: null,
    legalLimitUnit: null,
    legalLimitNote: '',
    promisedLimitDays: null,
    promisedLimitUnit: null,
    promisedLimitNote: '',
    specialProcedures: [],
    processDescription: '',
    visitsRequired: 0,
    visitsExplanation: '',
    onlineDepth: 1,
    locations: [],
    consultation: emptyContact(),
    complaint: emptyContact(),
    remedies: { reconsideration: null, litigation: null },
    faq: [],
    result: { type: 'licence', name: '', validityYears: null },
    fees: [],
    processCode: null,
    form: { sections: [] },
  };
}

// ---------------------------------------------------------------- problems

export class ItemProblems {
  readonly list: ErrorDetail[] = [];
  add(field: string, message: string): void {
    if (this.list.length < 100) this.list.push({ field, message });
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  throwIfAny(kind: 'invalid' | 'incomplete' = 'invalid'): void {
    if (!this.any) return;
    throw kind === 'invalid'
      ? servicesErrors.ITEM_INVALID(this.list)
      : servicesErrors.ITEM_INCOMPLETE(this.list);
  }
}

function text(
  p: ItemProblems,
  field: string,
  v: string | undefined | null,
  what: string,
  opts: { max: number; required?: boolean; multiline?: boolean },
): string {
  const s = (v ?? '').trim();
  if (!s) {
    if (opts.required) p.add(field, `请填写${what}`);
    return '';
  }
  const bad = textProblem(s, { multiline: !!opts.multiline });
  if (bad === 'newline') p.add(field, `${what}不能包含换行`);
  else if (bad) p.add(field, `${what}含有不允许的控制字符`);
  if (charLength(s) > opts.max) p.add(field, `${what}不能超过 ${opts.max} 个字符`);
  return opts.multiline ? s.replace(/\r\n?/g, '\n') : s;
}

function optionalText(
  p: ItemProblems,
  field: string,
  v: string | undefined | null,
  what: string,
  max: number,
): string | null {
  const s = text(p, field, v, what, { max });
  return s || null;
}

function int(p: ItemProblems, field: string, v: number, what: string, lo: number, hi: number): number {
  if (!Number.isInteger(v) || v < lo || v > hi) p.add(field, `${what}应为 ${lo} 到 ${hi} 之间的整数`);
  return v;
}

function phone(p: ItemProblems, field: string, v: string | null | undefined, what: string): string | null {
  const s = (v ?? '').trim();
  if (!s) return null;
  const r = validatePhone(s);
  if (!r.ok) {
    p.add(field, `${what}：${r.reason}`);
    return s;
  }
  return r.normalized;
}

function url(p: ItemProblems, field: string, v: string | null | undefined, what: string): string | null {
  const s = (v ?? '').trim();
  if (!s) return null;
  if (!isHttpUrl(s)) p.add(field, `${what}应为以 http:// 或 https:// 开头的网址`);
  return s;
}

function email(p: ItemProblems, field: string, v: string | null | undefined, what: string): string | null {
  const s = (v ?? '').trim();
  if (!s) return null;
  if (!isEmail(s)) p.add(field, `${what}不是有效的电子邮箱地址`);
  return s;
}

function codeList(
  p: ItemProblems,
  field: string,
  v: readonly string[],
  known: ReadonlySet<string>,
  what: string,
  max: number,
): string[] {
  if (v.length > max) p.add(field, `${what}最多选择 ${max} 项`);
  const out: string[] = [];
  for (const c of v) {
    if (!known.has(c)) p.add(field, `${what}“${shownKey(c)}”不在分类目录中`);
    else if (!out.includes(c)) out.push(c);
  }
  return out;
}

const CODE_RE = {
  basic: /^[0-9A-Za-z-]{1,20}$/,
  implementation: /^[0-9A-Za-z-]{1,36}$/,
  handle: /^[0-9A-Za-z-]{1,50}$/,
};
export const PROCESS_CODE_RE = /^[a-z][a-z0-9_.-]{1,62}$/;

function oneOf<T extends string>(
  p: ItemProblems,
  field: string,
  v: string,
  list: readonly { code: string; name: string }[],
  what: string,
): T {
  if (!list.some((x) => x.code === v)) p.add(field, `${what}的取值不正确`);
  return v as T;
}

// ---------------------------------------------------------------- pieces

function checkContact(p: ItemProblems, field: string, c: ContactInput, what: string): Contact {
  return {
    phone: phone(p, `${field}.phone`, c.phone, `${what}电话`),
    url: url(p, `${field}.url`, c.url, `${what}网址`),
    email: email(p, `${field}.email`, c.email, `${what}邮箱`),
    address: optionalText(p, `${field}.address`, c.address, `${what}地址`, 200),
    note: text(p, `${field}.note`, c.note, `${what}说明`, { max: 500, multiline: true }),
  };
}

function checkRemedy(p: ItemProblems, field: string, r: RemedyBodyInput | null | undefined, what: string) {
  if (!r) return null;
  const body: RemedyBody = {
    body: text(p, `${field}.body`, r.body, `${what}机关`, { max: 100, required: true }),
    address: text(p, `${field}.address`, r.address, `${what}地址`, { max: 200 }),
    phone: phone(p, `${field}.phone`, r.phone, `${what}电话`),
    url: url(p, `${field}.url`, r.url, `${what}网址`),
  };
  return body;
}

function checkFeeRule(p: ItemProblems, field: string, r: FeeRule): FeeRule {
  switch (r.mode) {
    case 'free':
      return { mode: 'free' };
    case 'fixed':
      int(p, `${field}.amountFen`, r.amountFen, '收费金额（分）', 1, 100_000_000);
      return { mode: 'fixed', amountFen: r.amountFen };
    case 'per_unit': {
      int(p, `${field}.unitFen`, r.unitFen, '单价（分）', 1, 10_000_000);
      if (typeof r.quantityField !== 'string' || !/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/.test(r.quantityField)) {
        p.add(`${field}.quantityField`, '按数量收费须指定表单中填写数量的字段');
      }
      const unitName = text(p, `${field}.unitName`, r.unitName, '计量单位', { max: 10, required: true });
      return { mode: 'per_unit', unitFen: r.unitFen, quantityField: r.quantityField, unitName };
    }
    default:
      p.add(`${field}.mode`, '收费方式的取值不正确');
      return { mode: 'free' };
  }
}

function checkFee(p: ItemProblems, field: string, f: Fee): Fee {
  const fee: Fee = {
    name: text(p, `${field}.name`, f.name, '收费项目名称', { max: 100, required: true }),
    standard: text(p, `${field}.standard`, f.standard, '收费标准', {
      max: 500,
      required: true,
      multiline: true,
    }),
    basis: text(p, `${field}.basis`, f.basis, '收费依据', { max: 500, required: true, multiline: true }),
    rule: checkFeeRule(p, `${field}.rule`, f.rule),
  };
  if (f.reducible !== undefined) fee.reducible = f.reducible;
  if (f.reductionBasis !== undefined) {
    const rb = text(p, `${field}.reductionBasis`, f.reductionBasis, '减免依据', {
      max: 500,
      multiline: true,
    });
    if (rb) fee.reductionBasis = rb;
  }
  if (f.when) {
    const list = Array.isArray(f.when.equals) ? f.when.equals : [f.when.equals];
    if (!f.when.field || list.length === 0 || list.some((x) => typeof x !== 'string' || !x)) {
      p.add(`${field}.when`, '收费条件须指定表单字段和取值');
    }
    fee.when = {
      field: f.when.field,
      equals: Array.isArray(f.when.equals) ? [...f.when.equals] : f.when.equals,
    };
  }
  return fee;
}

export function checkMaterial(p: ItemProblems, field: string, m: MaterialInput): CheckedMaterial {
  const out: CheckedMaterial = {
    id: m.id ?? null,
    name: text(p, `${field}.name`, m.name, '材料名称', { max: 200, required: true }),
    necessity: oneOf(p, `${field}.necessity`, m.necessity, MATERIAL_NECESSITIES, '材料必要性'),
    originalOrCopy: oneOf(p, `${field}.originalOrCopy`, m.originalOrCopy, MATERIAL_FORMS, '材料类型'),
    medium: oneOf(p, `${field}.medium`, m.medium, MATERIAL_MEDIA, '材料形式'),
    copies: int(p, `${field}.copies`, m.copies ?? (m.medium === 'electronic' ? 0 : 1), '纸质材料份数', 0, 99),
    source: oneOf(p, `${field}.source`, m.source, MATERIAL_SOURCES, '来源渠道'),
    sourceNote: text(p, `${field}.sourceNote`, m.sourceNote, '来源说明', { max: 200 }),
    note: text(p, `${field}.note`, m.note, '填报须知', { max: 1000, multiline: true }),
    basis: text(p, `${field}.basis`, m.basis, '要求提供材料的依据', { max: 500, multiline: true }),
    acceptanceStandard: text(p, `${field}.acceptanceStandard`, m.acceptanceStandard, '受理标准', {
      max: 1000,
      multiline: true,
    }),
    blankFileId: m.blankFileId ?? null,
    sampleFileId: m.sampleFileId ?? null,
  };
  if (out.medium === 'electronic' && out.copies > 0) {
    p.add(`${field}.copies`, '仅需电子材料时纸质份数应为 0');
  }
  return out;
}

export function checkMaterials(p: ItemProblems, list: readonly MaterialInput[]): CheckedMaterial[] {
  if (list.length > 100) {
    p.add('materials', '申请材料不能超过 100 项');
    return [];
  }
  const out = list.map((m, i) => checkMaterial(p, `materials[${i}]`, m));
  const names = new Set<string>();
  const ids = new Set<string>();
  out.forEach((m, i) => {
    if (m.name && names.has(m.name)) p.add(`materials[${i}].name`, `申请材料“${m.name}”重复`);
    names.add(m.name);
    if (m.id) {
      if (ids.has(m.id)) p.add(`materials[${i}].id`, '同一材料出现了两次');
      ids.add(m.id);
    }
  });
  return out;
}

export function checkForm(p: ItemProblems, form: unknown): FormDefinition | null {
  const r = validateFormDefinition(form);
  if (r.ok) return r.definition;
  for (const x of r.problems) p.add(x.path ? `form.${x.path}` : 'form', x.message);
  return null;
}

// ---------------------------------------------------------------- whole content

/**
 * Applies a patch to the current content and checks the result as a draft. Throws ITEM_INVALID
 * listing every problem at once.
 */
export function applyPatch(current: ItemContent, patch: ItemPatch): ItemContent {
  const p = new ItemProblems();
  const c: ItemContent = { ...current };
  if (patch.orgId !== undefined) c.orgId = patch.orgId;
  if (patch.name !== undefined)
    c.name = text(p, 'name', patch.name, '事项名称', { max: 200, required: true });
  if (patch.basicCode !== undefined) {
    c.basicCode = patch.basicCode.trim();
    if (!CODE_RE.basic.test(c.basicCode)) p.add('basicCode', '基本编码应为 1 到 20 位字母、数字或连字符');
  }
  if (patch.implementationCode !== undefined) {
    c.implementationCode = patch.implementationCode.trim();
    if (!CODE_RE.implementation.test(c.implementationCode)) {
      p.add('implementationCode', '实施编码应为 1 到 36 位字母、数字或连字符');
    }
  }
  if (patch.handleCode !== undefined) {
    c.handleCode = patch.handleCode?.trim() || null;
    if (c.handleCode && !CODE_RE.handle.test(c.handleCode)) {
      p.add('handleCode', '业务办理项编码应为 1 到 50 位字母、数字或连字符');
    }
  }
  if (patch.itemType !== undefined) {
    c.itemType = patch.itemType;
    if (!ITEM_TYPE_CODES.includes(patch.itemType)) p.add('itemType', '事项类型的取值不正确');
  }
  if (patch.audience !== undefined) {
    const known = new Set<string>(AUDIENCES.map((a) => a.code));
    c.audience = codeList(p, 'audience', patch.audience, known, '服务对象', 2) as Audience[];
  }
  if (patch.themes !== undefined) c.themes = codeList(p, 'themes', patch.themes, THEME_CODES, '主题', 10);
  if (patch.lifeEvents !== undefined) {
    c.lifeEvents = codeList(p, 'lifeEvents', patch.lifeEvents, LIFE_EVENT_CODES, '事件', 10);
  }
  if (patch.legalBasis !== undefined) {
    c.legalBasis = text(p, 'legalBasis', patch.legalBasis, '设定依据', { max: 5000, multiline: true });
  }
  if (patch.acceptanceConditions !== undefined) {
    c.acceptanceConditions = text(p, 'acceptanceConditions', patch.acceptanceConditions, '受理条件', {
      max: 5000,
      multiline: true,
    });
  }
  if (patch.quantityLimit !== undefined) {
    c.quantityLimit = text(p, 'quantityLimit', patch.quantityLimit, '数量限制', {
      max: 500,
      multiline: true,
    });
  }
  for (const kind of ['legal', 'promised'] as const) {
    const daysKey = `${kind}LimitDays` as const;
    const unitKey = `${kind}LimitUnit` as const;
    const noteKey = `${kind}LimitNote` as const;
    const what = kind === 'legal' ? '法定办结时限' : '承诺办结时限';
    if (patch[daysKey] !== undefined) {
      const d = patch[daysKey];
      if (d !== null) int(p, daysKey, d, what, 0, 3650);
      c[daysKey] = d;
    }
    if (patch[unitKey] !== undefined) c[unitKey] = patch[unitKey];
    if (patch[noteKey] !== undefined) {
      c[noteKey] = text(p, noteKey, patch[noteKey], `${what}说明`, { max: 500, multiline: true });
    }
    if ((c[daysKey] === null) !== (c[unitKey] === null)) {
      p.add(c[daysKey] === null ? daysKey : unitKey, `${what}须同时填写天数和单位（工作日或自然日）`);
    }
  }
  if (
    c.legalLimitDays !== null &&
    c.promisedLimitDays !== null &&
    c.legalLimitUnit === c.promisedLimitUnit &&
    c.promisedLimitDays > c.legalLimitDays
  ) {
    p.add(
      'promisedLimitDays',
      `承诺办结时限（${c.promisedLimitDays}）不能超过法定办结时限（${c.legalLimitDays}）`,
    );
  }
  if (patch.specialProcedures !== undefined) {
    if (patch.specialProcedures.length > 20) p.add('specialProcedures', '特别程序不能超过 20 项');
    c.specialProcedures = patch.specialProcedures.slice(0, 20).map((s, i) => {
      const f = `specialProcedures[${i}]`;
      return {
        name: text(p, `${f}.name`, s.name, '特别程序名称', { max: 100, required: true }),
        days: int(p, `${f}.days`, s.days, '特别程序所需时限', 0, 3650),
        unit: s.unit ?? 'working',
        basis: text(p, `${f}.basis`, s.basis, '特别程序依据', { max: 500, multiline: true }),
        counted: s.counted,
        note: text(p, `${f}.note`, s.note, '特别程序说明', { max: 500, multiline: true }),
      };
    });
  }
  if (patch.processDescription !== undefined) {
    c.processDescription = text(p, 'processDescription', patch.processDescription, '办理流程说明', {
      max: 5000,
      multiline: true,
    });
  }
  if (patch.visitsRequired !== undefined) {
    c.visitsRequired = int(p, 'visitsRequired', patch.visitsRequired, '到办事现场次数', 0, 10);
  }
  if (patch.visitsExplanation !== undefined) {
    c.visitsExplanation = text(p, 'visitsExplanation', patch.visitsExplanation, '到现场办理原因说明', {
      max: 500,
      multiline: true,
    });
  }
  if (patch.onlineDepth !== undefined) {
    c.onlineDepth = int(p, 'onlineDepth', patch.onlineDepth, '网上办理深度', 1, 4) as OnlineDepth;
  }
  if (c.onlineDepth === 4 && c.visitsRequired > 0) {
    p.add('visitsRequired', '全程网办（四级）的事项到办事现场次数应为 0');
  }
  if (patch.locations !== undefined) {
    if (patch.locations.length > 20) p.add('locations', '办理地点不能超过 20 个');
    c.locations = patch.locations.slice(0, 20).map((l, i) => {
      const f = `locations[${i}]`;
      return {
        name: text(p, `${f}.name`, l.name, '办理地点名称', { max: 100, required: true }),
        address: text(p, `${f}.address`, l.address, '办理地址', { max: 200, required: true }),
        hours: text(p, `${f}.hours`, l.hours, '办理时间', { max: 200, required: true, multiline: true }),
        phone: phone(p, `${f}.phone`, l.phone, '办理地点电话'),
        transport: text(p, `${f}.transport`, l.transport, '交通指引', { max: 200 }),
      };
    });
  }
  if (patch.consultation !== undefined)
    c.consultation = checkContact(p, 'consultation', patch.consultation, '咨询');
  if (patch.complaint !== undefined) c.complaint = checkContact(p, 'complaint', patch.complaint, '投诉');
  if (patch.remedies !== undefined) {
    c.remedies = {
      reconsideration:
        patch.remedies.reconsideration === undefined
          ? c.remedies.reconsideration
          : checkRemedy(p, 'remedies.reconsideration', patch.remedies.reconsideration, '行政复议'),
      litigation:
        patch.remedies.litigation === undefined
          ? c.remedies.litigation
          : checkRemedy(p, 'remedies.litigation', patch.remedies.litigation, '行政诉讼'),
    };
  }
  if (patch.faq !== undefined) {
    if (patch.faq.length > 50) p.add('faq', '常见问题不能超过 50 条');
    c.faq = patch.faq.slice(0, 50).map((q, i) => ({
      question: text(p, `faq[${i}].question`, q.question, '问题', {
        max: 200,
        required: true,
        multiline: true,
      }),
      answer: text(p, `faq[${i}].answer`, q.answer, '解答', { max: 2000, required: true, multiline: true }),
    }));
  }
  if (patch.result !== undefined) {
    const v = patch.result.validityYears ?? null;
    if (v !== null) int(p, 'result.validityYears', v, '有效期（年）', 1, 100);
    c.result = {
      type: oneOf(p, 'result.type', patch.result.type, RESULT_TYPES, '审批结果类型'),
      name: text(p, 'result.name', patch.result.name, '审批结果名称', { max: 100 }),
      validityYears: v,
    };
  }
  if (patch.fees !== undefined) {
    if (patch.fees.length > 20) p.add('fees', '收费项目不能超过 20 项');
    c.fees = patch.fees.slice(0, 20).map((f, i) => checkFee(p, `fees[${i}]`, f));
  }
  if (patch.processCode !== undefined) {
    c.processCode = patch.processCode?.trim() || null;
    if (c.processCode && !PROCESS_CODE_RE.test(c.processCode)) {
      p.add('processCode', '办理流程编码格式不正确');
    }
  }
  if (patch.form !== undefined) {
    const form = checkForm(p, patch.form);
    if (form) c.form = form;
  }
  p.throwIfAny('invalid');
  return c;
}

/** Fees that look at the form must find the fields they name. */
function checkFeesAgainstForm(p: ItemProblems, fees: readonly Fee[], form: FormDefinition): void {
  const top = new Map<string, FormField>(flattenFields(form).map((f) => [f.key, f]));
  fees.forEach((fee, i) => {
    if (fee.rule.mode === 'per_unit') {
      const f = top.get(fee.rule.quantityField);
      if (
        f?.type !== 'number' ||
        !f.integer ||
        f.max === undefined ||
        f.max > 1_000_000 ||
        (f.min ?? 0) < 0
      ) {
        p.add(
          `fees[${i}].rule.quantityField`,
          `收费项目“${fee.name}”按数量计费，须对应表单中一个填写整数、最小值不小于 0、设有最大值的数字字段`,
        );
      }
    }
    if (fee.when) {
      const f = top.get(fee.when.field);
      const list = Array.isArray(fee.when.equals) ? fee.when.equals : [fee.when.equals];
      if (!f || !(f.type === 'select' || f.type === 'radio' || f.type === 'checkbox')) {
        p.add(`fees[${i}].when.field`, `收费项目“${fee.name}”的收费条件须对应表单中的选择字段`);
      } else {
        const values = new Set((f.options ?? []).map((o) => o.value));
        if (list.some((x) => !values.has(x))) {
          p.add(`fees[${i}].when.equals`, `收费项目“${fee.name}”的收费条件取值不是“${f.label}”的选项`);
        }
      }
    }
  });
}

export interface ProcessState {
  exists: boolean;
  published: boolean;
  caseType: string | null;
}

/**
 * What a published item must have: every problem is listed, so the editor shows the whole list
 * before publishing (a 一次性告知 for staff).
 */
export function completenessProblems(
  c: ItemContent,
  materials: readonly { name: string }[],
  process: ProcessState | null,
): ErrorDetail[] {
  const p = new ItemProblems();
  if (!c.legalBasis) p.add('legalBasis', '未填写设定依据');
  if (!c.acceptanceConditions) p.add('acceptanceConditions', '未填写受理条件');
  if (c.audience.length === 0) p.add('audience', '未选择服务对象（自然人或法人）');
  if (c.legalLimitDays === null) p.add('legalLimitDays', '未填写法定办结时限');
  if (c.promisedLimitDays === null) p.add('promisedLimitDays', '未填写承诺办结时限');
  if (!c.processDescription) p.add('processDescription', '未填写办理流程说明');
  if (c.visitsRequired > 0 && !c.visitsExplanation) {
    p.add('visitsExplanation', '需要到办事现场的，须说明必须到现场办理的原因');
  }
  if (c.locations.length === 0) p.add('locations', '未填写办理地点和办理时间');
  if (!c.consultation.phone && !c.consultation.url) p.add('consultation', '未填写咨询电话或网上咨询地址');
  if (!c.complaint.phone && !c.complaint.url) p.add('complaint', '未填写监督投诉电话或网上投诉地址');
  if (isAdministrativePower(c.itemType)) {
    if (!c.remedies.reconsideration) p.add('remedies.reconsideration', '未填写申请行政复议的机关');
    if (!c.remedies.litigation) p.add('remedies.litigation', '未填写提起行政诉讼的人民法院');
  }
  if (!c.result.name) p.add('result.name', '未填写审批结果名称');
  if (materials.length === 0) p.add('materials', '至少需要一项申请材料');
  if (countFields(c.form) === 0) p.add('form', '申请表单至少需要一个字段');
  else {
    checkForm(p, c.form);
    checkFeesAgainstForm(p, c.fees, c.form);
  }
  if (!c.processCode) p.add('processCode', '未指定办理流程');
  else if (!process?.exists) p.add('processCode', `办理流程“${c.processCode}”不存在`);
  else if (!process.published) p.add('processCode', `办理流程“${c.processCode}”尚无已发布的版本`);
  else if (process.caseType !== 'licence') {
    p.add('processCode', `办理流程“${c.processCode}”不是网上申请类（行政许可）办件的流程`);
  }
  return p.list;
}
