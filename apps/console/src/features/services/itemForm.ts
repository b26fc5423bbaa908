// The service item as the editor's form holds it, and back: money in yuan instead of fen, a fee's
// rule and condition flattened into plain inputs, remedies as two always-present groups. Server
// problem paths ("fees[0].rule.amountFen") are mapped onto the editor's inputs.
import type {
  Contact,
  DayUnit,
  Fee,
  ItemInput,
  Location,
  Material,
  RemedyBody,
  ServiceItem,
  SpecialProcedure,
} from './api.ts';
import { fenToYuan, yuanToFen } from './shared.tsx';

export interface FeeValues {
  name: string;
  standard: string;
  basis: string;
  mode: 'free' | 'fixed' | 'per_unit';
  amountYuan?: number;
  unitYuan?: number;
  quantityField?: string;
  unitName?: string;
  reducible?: boolean;
  reductionBasis?: string;
  whenField?: string;
  whenEquals?: string[];
}

export interface ItemValues {
  name: string;
  basicCode: string;
  implementationCode: string;
  handleCode?: string;
  itemType: string;
  orgId: string;
  audience: string[];
  themes: string[];
  lifeEvents: string[];
  legalBasis: string;
  acceptanceConditions: string;
  quantityLimit: string;
  materials: Material[];
  fees: FeeValues[];
  legalLimitDays?: number | null;
  legalLimitUnit?: DayUnit | null;
  legalLimitNote: string;
  promisedLimitDays?: number | null;
  promisedLimitUnit?: DayUnit | null;
  promisedLimitNote: string;
  specialProcedures: SpecialProcedure[];
  processCode?: string | null;
  processDescription: string;
  visitsRequired: number;
  visitsExplanation: string;
  onlineDepth: number;
  resultType: 'licence' | 'approval' | 'certificate' | 'other';
  resultName: string;
  resultValidityYears?: number | null;
  locations: Location[];
  consultation: Contact;
  complaint: Contact;
  reconsideration: RemedyBody;
  litigation: RemedyBody;
  faq: { question: string; answer: string }[];
}

const blankRemedy = (): RemedyBody => ({ body: '', address: '', phone: '', url: '' });

export function valuesFromItem(item: ServiceItem): ItemValues {
  return {
    name: item.name,
    basicCode: item.basicCode,
    implementationCode: item.implementationCode,
    handleCode: item.handleCode ?? undefined,
    itemType: item.itemType,
    orgId: item.orgId,
    audience: item.audience ?? [],
    themes: item.themes ?? [],
    lifeEvents: item.lifeEvents ?? [],
    legalBasis: item.legalBasis ?? '',
    acceptanceConditions: item.acceptanceConditions ?? '',
    quantityLimit: item.quantityLimit ?? '',
    materials: (item.materials ?? []).map((m) => ({ ...m })),
    fees: (item.fees ?? []).map(
      (f): FeeValues => ({
        name: f.name,
        standard: f.standard,
        basis: f.basis,
        mode: f.rule.mode,
        amountYuan: f.rule.mode === 'fixed' ? fenToYuan(f.rule.amountFen) : undefined,
        unitYuan: f.rule.mode === 'per_unit' ? fenToYuan(f.rule.unitFen) : undefined,
        quantityField: f.rule.mode === 'per_unit' ? f.rule.quantityField : undefined,
        unitName: f.rule.mode === 'per_unit' ? f.rule.unitName : undefined,
        reducible: f.reducible,
        reductionBasis: f.reductionBasis,
        whenField: f.when?.field,
        whenEquals: f.when ? (Array.isArray(f.when.equals) ? f.when.equals : [f.when.equals]) : undefined,
      }),
    ),
    legalLimitDays: item.legalLimitDays,
    legalLimitUnit: item.legalLimitUnit,
    legalLimitNote: item.legalLimitNote ?? '',
    promisedLimitDays: item.promisedLimitDays,
    promisedLimitUnit: item.promisedLimitUnit,
    promisedLimitNote: item.promisedLimitNote ?? '',
    specialProcedures: (item.specialProcedures ?? []).map((s) => ({ ...s })),
    processCode: item.processCode,
    processDescription: item.processDescription ?? '',
    visitsRequired: item.visitsRequired ?? 0,
    visitsExplanation: item.visitsExplanation ?? '',
    onlineDepth: item.onlineDepth ?? 1,
    resultType: item.result?.type ?? 'licence',
    resultName: item.result?.name ?? '',
    resultValidityYears: item.result?.validityYears ?? null,
    locations: (item.locations ?? []).map((l) => ({ ...l, phone: l.phone ?? '' })),
    consultation: { ...item.consultation },
    complaint: { ...item.complaint },
    reconsideration: item.remedies?.reconsideration ? { ...item.remedies.reconsideration } : blankRemedy(),
    litigation: item.remedies?.litigation ? { ...item.remedies.litigation } : blankRemedy(),
    faq: (item.faq ?? []).map((q) => ({ ...q })),
  };
}

const t = (v: string | null | undefined) => (v ?? '').trim();
const orNull = (v: string | null | undefined) => t(v) || null;

function contact(c: Contact | undefined): Contact {
  return {
    phone: orNull(c?.phone),
    url: orNull(c?.url),
    email: orNull(c?.email),
    address: orNull(c?.address),
    note: t(c?.note),
  };
}

function remedy(r: RemedyBody | undefined): RemedyBody | null {
  if (!r || (!t(r.body) && !t(r.address) && !t(r.phone) && !t(r.url))) return null;
  return { body: t(r.body), address: t(r.address), phone: orNull(r.phone), url: orNull(r.url) };
}

function fee(f: FeeValues): Fee {
  const out: Fee = {
    name: t(f.name),
    standard: t(f.standard),
    basis: t(f.basis),
    rule:
      f.mode === 'fixed'
        ? { mode: 'fixed', amountFen: yuanToFen(f.amountYuan) }
        : f.mode === 'per_unit'
          ? {
              mode: 'per_unit',
              unitFen: yuanToFen(f.unitYuan),
              quantityField: f.quantityField ?? '',
              unitName: t(f.unitName),
            }
          : { mode: 'free' },
  };
  if (f.reducible) {
    out.reducible = true;
    if (t(f.reductionBasis)) out.reductionBasis = t(f.reductionBasis);
  }
  if (f.whenField && f.whenEquals && f.whenEquals.length > 0)
    out.when = {
      field: f.whenField,
      equals: f.whenEquals.length === 1 ? (f.whenEquals[0] as string) : f.whenEquals,
    };
  return out;
}

function material(m: Material): Material {
  const out: Material = {
    name: t(m.name),
    necessity: m.necessity,
    originalOrCopy: m.originalOrCopy,
    medium: m.medium,
    copies: m.medium === 'electronic' ? 0 : (m.copies ?? 1),
    source: m.source,
    sourceNote: t(m.sourceNote),
    note: t(m.note),
    basis: t(m.basis),
    acceptanceStandard: t(m.acceptanceStandard),
    blankFileId: m.blankFileId ?? null,
    sampleFileId: m.sampleFileId ?? null,
  };
  if (m.id) out.id = m.id;
  return out;
}

export function inputFromValues(v: ItemValues): ItemInput {
  const num = (x: number | null | undefined) => (typeof x === 'number' ? x : null);
  return {
    orgId: v.orgId,
    name: t(v.name),
    basicCode: t(v.basicCode),
    implementationCode: t(v.implementationCode),
    handleCode: orNull(v.handleCode),
    itemType: v.itemType,
    audience: (v.audience ?? []) as ItemInput['audience'],
    themes: v.themes ?? [],
    lifeEvents: v.lifeEvents ?? [],
    legalBasis: t(v.legalBasis),
    acceptanceConditions: t(v.acceptanceConditions),
    quantityLimit: t(v.quantityLimit),
    legalLimitDays: num(v.legalLimitDays),
    legalLimitUnit: typeof v.legalLimitDays === 'number' ? (v.legalLimitUnit ?? 'working') : null,
    legalLimitNote: t(v.legalLimitNote),
    promisedLimitDays: num(v.promisedLimitDays),
    promisedLimitUnit: typeof v.promisedLimitDays === 'number' ? (v.promisedLimitUnit ?? 'working') : null,
    promisedLimitNote: t(v.promisedLimitNote),
    specialProcedures: (v.specialProcedures ?? []).map((s) => ({
      name: t(s.name),
      days: s.days ?? 0,
      unit: s.unit ?? 'working',
      basis: t(s.basis),
      counted: !!s.counted,
      note: t(s.note),
    })),
    processCode: v.processCode || null,
    processDescription: t(v.processDescription),
    visitsRequired: v.visitsRequired ?? 0,
    visitsExplanation: t(v.visitsExplanation),
    onlineDepth: v.onlineDepth ?? 1,
    result: { type: v.resultType, name: t(v.resultName), validityYears: num(v.resultValidityYears) },
    locations: (v.locations ?? []).map((l) => ({
      name: t(l.name),
      address: t(l.address),
      hours: t(l.hours),
      phone: orNull(l.phone),
      transport: t(l.transport),
    })),
    consultation: contact(v.consultation),
    complaint: contact(v.complaint),
    remedies: { reconsideration: remedy(v.reconsideration), litigation: remedy(v.litigation) },
    faq: (v.faq ?? []).map((q) => ({ question: t(q.question), answer: t(q.answer) })),
    fees: (v.fees ?? []).map(fee),
    materials: (v.materials ?? []).map(material),
  };
}

/** "fees[0].rule.amountFen" → ['fees', 0, 'amountYuan'], as the editor names its inputs. */
export function editorPath(serverPath: string): (string | number)[] {
  const parts = serverPath
    .replace(/^\/?(body[./])?/, '')
    .split(/[.[\]/]/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [head] = parts;
  if (head === 'fees' && typeof parts[1] === 'number') {
    const i = parts[1];
    const rest = parts.slice(2).join('.');
    const map: Record<string, string> = {
      'rule.amountFen': 'amountYuan',
      'rule.unitFen': 'unitYuan',
      'rule.quantityField': 'quantityField',
      'rule.unitName': 'unitName',
      'rule.mode': 'mode',
      rule: 'mode',
      when: 'whenField',
      'when.field': 'whenField',
      'when.equals': 'whenEquals',
    };
    return ['fees', i, map[rest] ?? rest.split('.')[0] ?? 'name'];
  }
  if (head === 'remedies') return [parts[1] ?? 'reconsideration', parts[2] ?? 'body'];
  if (head === 'result')
    return [
      parts[1] === 'type'
        ? 'resultType'
        : parts[1] === 'validityYears'
          ? 'resultValidityYears'
          : 'resultName',
    ];
  if ((head === 'consultation' || head === 'complaint') && parts.length === 1) return [head, 'phone'];
  return parts;
}

export const TAB_OF_FIELD: Record<string, string> = {
  name: 'basic',
  basicCode: 'basic',
  implementationCode: 'basic',
  handleCode: 'basic',
  itemType: 'basic',
  orgId: 'basic',
  audience: 'basic',
  themes: 'basic',
  lifeEvents: 'basic',
  legalBasis: 'basic',
  acceptanceConditions: 'basic',
  quantityLimit: 'basic',
  materials: 'materials',
  fees: 'fees',
  legalLimitDays: 'limits',
  legalLimitUnit: 'limits',
  legalLimitNote: 'limits',
  promisedLimitDays: 'limits',
  promisedLimitUnit: 'limits',
  promisedLimitNote: 'limits',
  specialProcedures: 'limits',
  processCode: 'handling',
  processDescription: 'handling',
  visitsRequired: 'handling',
  visitsExplanation: 'handling',
  onlineDepth: 'handling',
  locations: 'handling',
  result: 'handling',
  resultType: 'handling',
  resultName: 'handling',
  resultValidityYears: 'handling',
  reconsideration: 'contacts',
  litigation: 'contacts',
  consultation: 'contacts',
  complaint: 'contacts',
  remedies: 'contacts',
  faq: 'faq',
  form: 'form',
};

export function tabOf(serverPath: string): string {
  const head = serverPath.replace(/^\/?(body[./])?/, '').split(/[.[/]/)[0] ?? '';
  return TAB_OF_FIELD[head] ?? 'basic';
}
