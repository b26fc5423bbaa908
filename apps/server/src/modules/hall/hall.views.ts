// What the hall templates show, built from the services module's items: list cards, the full 办事指南
// (DOMAIN §2.4 sections), time-limit wording (即办件 / 承诺件, working or natural days), pagination.
import type { Material, ServiceItem } from '../services/index.ts';
import type { HallTaxonomy, ItemListEntry } from './hall.data.ts';
import { nz } from './hall.http.ts';
import { yuan } from '../../../../shared/money.ts';

type DayUnit = 'working' | 'natural';

export function limitText(days: number | null | undefined, unit: string | null | undefined): string {
  if (days === null || days === undefined) return '无';
  if (days === 0) return '即办（当场办结）';
  return `${days} 个${unit === 'natural' ? '自然日' : '工作日'}`;
}

/** 即办件 / 承诺件 with what it means for the applicant. */
export function caseKindText(promisedDays: number | null, promisedUnit: DayUnit | string | null): string {
  if (promisedDays === 0) return '即办件：材料齐全、符合法定形式的，当场办结';
  if (promisedDays === null) return '承诺件';
  return `承诺件：受理后 ${limitText(promisedDays, promisedUnit)}内办结`;
}

export interface ItemCard {
  id: string;
  name: string;
  code: string;
  orgName: string;
  itemTypeName: string | null;
  promisedText: string;
  onlineDepthName: string | null;
}

export function itemCard(i: ItemListEntry): ItemCard {
  return {
    id: i.id,
    name: i.name,
    code: i.code,
    orgName: i.orgName,
    itemTypeName: nz(i.itemTypeName),
    promisedText: i.promisedLimitDays === 0 ? '即办件' : limitText(i.promisedLimitDays, i.promisedLimitUnit),
    onlineDepthName: nz(i.onlineDepthName),
  };
}

const NECESSITY: Record<Material['necessity'], { name: string; cls: string }> = {
  required: { name: '必要', cls: 'tag-error' },
  optional: { name: '非必要', cls: 'tag-muted' },
  deferrable: { name: '容缺', cls: 'tag-warn' },
};
const ORIGINAL: Record<Material['originalOrCopy'], string> = {
  original: '原件',
  copy: '复印件',
  both: '原件和复印件',
};
const MEDIUM: Record<Material['medium'], string> = { paper: '纸质', electronic: '电子', both: '纸质和电子' };
const SOURCE: Record<Material['source'], string> = {
  applicant: '申请人自备',
  government: '政府部门核发',
  other: '其他',
};

export interface MaterialView {
  id: string;
  name: string;
  required: boolean;
  necessityName: string;
  necessityClass: string;
  formText: string;
  copies: string;
  sourceText: string;
  note: string | null;
  blankUrl: string | null;
  sampleUrl: string | null;
}

export function materialView(itemId: string, m: Material): MaterialView {
  const n = NECESSITY[m.necessity] ?? NECESSITY.required;
  return {
    id: m.id,
    name: m.name,
    required: m.necessity === 'required',
    necessityName: n.name,
    necessityClass: n.cls,
    formText: `${ORIGINAL[m.originalOrCopy] ?? ''}，${MEDIUM[m.medium] ?? ''}`,
    copies: m.copies > 0 ? `${m.copies} 份` : m.medium === 'electronic' ? '电子材料' : '—',
    sourceText: m.sourceNote ? `${SOURCE[m.source] ?? ''}（${m.sourceNote}）` : (SOURCE[m.source] ?? ''),
    note: nz(
      [m.note, m.acceptanceStandard ? `受理标准：${m.acceptanceStandard}` : ''].filter(Boolean).join('；'),
    ),
    blankUrl: m.blankFileId
      ? `/api/v1/service-items/${itemId}/materials/${encodeURIComponent(m.id)}/blank`
      : null,
    sampleUrl: m.sampleFileId
      ? `/api/v1/service-items/${itemId}/materials/${encodeURIComponent(m.id)}/sample`
      : null,
  };
}

function fenText(fen: number): string {
  return `${yuan(fen).replace(/\.00$/, '')} 元`;
}

interface Fact {
  label: string;
  value: string;
}

function contactFacts(c: ServiceItem['consultation'] | null | undefined): Fact[] {
  if (!c) return [];
  const out: Fact[] = [];
  if (c.phone) out.push({ label: '电话', value: c.phone });
  if (c.url) out.push({ label: '网址', value: c.url });
  if (c.email) out.push({ label: '电子邮箱', value: c.email });
  if (c.address) out.push({ label: '地址', value: c.address });
  if (c.note) out.push({ label: '说明', value: c.note });
  return out;
}

function remedyText(
  r: { body: string; address: string; phone: string | null; url: string | null } | null,
): string {
  if (!r) return '';
  return [
    r.body,
    r.address ? `地址：${r.address}` : '',
    r.phone ? `电话：${r.phone}` : '',
    r.url ? `网址：${r.url}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The full guide of a published item, every section it has. */
export function guideView(item: ServiceItem, t: HallTaxonomy) {
  const audience = item.audience.map((a) => (a === 'person' ? '自然人' : '法人')).join('、');
  const themeNames = item.themes.map((c) => t.themes.find((x) => x.code === c)?.name ?? c);
  const events = item.lifeEvents.map((c) => t.lifeEvents.find((x) => x.code === c)?.name ?? c);
  const facts: Fact[] = [
    { label: '事项名称', value: item.name },
    { label: '事项类型', value: item.itemTypeName },
    { label: '实施机构', value: item.orgName },
    { label: '服务对象', value: audience || '自然人、法人' },
  ];
  if (item.basicCode) facts.push({ label: '基本编码', value: item.basicCode });
  if (item.implementationCode) facts.push({ label: '实施编码', value: item.implementationCode });
  if (item.handleCode) facts.push({ label: '业务办理项编码', value: item.handleCode });
  facts.push({
    label: '办件类型',
    value: item.caseKindName || (item.promisedLimitDays === 0 ? '即办件' : '承诺件'),
  });
  facts.push({ label: '网上办理深度', value: item.onlineDepthName });
  facts.push({ label: '到办事现场次数', value: `${item.visitsRequired} 次` });
  if (item.result?.name) facts.push({ label: '审批结果', value: item.result.name });
  if (item.result?.validityYears)
    facts.push({ label: '结果有效期', value: `${item.result.validityYears} 年` });
  if (themeNames.length) facts.push({ label: '主题分类', value: themeNames.join('、') });
  if (events.length) facts.push({ label: '人生事件', value: events.join('、') });
  facts.push({ label: '是否收费', value: item.feeFree ? '不收费' : '收费' });

  const fees = item.feeFree
    ? []
    : item.fees.map((f) => ({
        name: f.name,
        standard:
          f.standard ||
          (f.rule.mode === 'fixed'
            ? fenText(f.rule.amountFen)
            : f.rule.mode === 'per_unit'
              ? `每${f.rule.unitName} ${fenText(f.rule.unitFen)}`
              : '免费'),
        basis: f.basis,
        reducible: f.reducible ? `允许${f.reductionBasis ? `（${f.reductionBasis}）` : ''}` : '否',
      }));

  const special = item.specialProcedures.map((s) => ({
    name: s.name,
    limit: `${limitText(s.days, s.unit)}${s.note ? `（${s.note}）` : ''}`,
    basis: s.basis,
    countedText: s.counted ? '计算在内' : '不计算在内',
  }));

  const locations = item.locations.map((l) => {
    const f: Fact[] = [{ label: '办理地点', value: l.name }];
    if (l.address) f.push({ label: '地址', value: l.address });
    if (l.hours) f.push({ label: '办理时间', value: l.hours });
    if (l.phone) f.push({ label: '联系电话', value: l.phone });
    if (l.transport) f.push({ label: '交通指引', value: l.transport });
    return f;
  });

  const remedies: Fact[] = [];
  const rec = remedyText(item.remedies?.reconsideration ?? null);
  const lit = remedyText(item.remedies?.litigation ?? null);
  if (rec) remedies.push({ label: '行政复议', value: rec });
  if (lit) remedies.push({ label: '行政诉讼', value: lit });

  const guide = {
    id: item.id,
    name: item.name,
    code: nz(item.code),
    orgName: item.orgName,
    itemTypeName: nz(item.itemTypeName),
    kindLabel: item.promisedLimitDays === 0 ? '即办件' : '承诺件',
    onlineDepthName: nz(item.onlineDepthName),
    // 三级 网上受理 and 四级 全程网办 take applications online.
    canApplyOnline: item.onlineDepth >= 3 && item.form.sections.length > 0 && !!item.processCode,
    facts,
    legalBasis: nz(item.legalBasis),
    conditions: nz(item.acceptanceConditions),
    quantityLimit: nz(item.quantityLimit),
    materials: item.materials.map((m) => materialView(item.id, m)),
    fees,
    kindText: caseKindText(item.promisedLimitDays, item.promisedLimitUnit),
    legalText: limitText(item.legalLimitDays, item.legalLimitUnit),
    legalNote: nz(item.legalLimitNote),
    promisedText: limitText(item.promisedLimitDays, item.promisedLimitUnit),
    promisedNote: nz(item.promisedLimitNote),
    special,
    processText: nz(item.processDescription),
    visits: item.visitsRequired,
    visitsNote: nz(item.visitsExplanation),
    locations,
    consult: contactFacts(item.consultation),
    complain: contactFacts(item.complaint),
    remedies,
    faq: item.faq,
    toc: [] as { id: string; title: string }[],
  };
  const toc = [
    { id: 'basic', title: '基本信息' },
    guide.conditions ? { id: 'conditions', title: '受理条件' } : null,
    { id: 'materials', title: '申请材料' },
    { id: 'fees', title: '收费标准' },
    { id: 'limits', title: '办理时限' },
    special.length ? { id: 'special', title: '特别程序' } : null,
    guide.processText ? { id: 'process', title: '办理流程' } : null,
    locations.length ? { id: 'locations', title: '办理地点和时间' } : null,
    guide.consult.length || guide.complain.length ? { id: 'contact', title: '咨询和投诉' } : null,
    { id: 'remedies', title: '行政复议和行政诉讼' },
    item.faq.length ? { id: 'faq', title: '常见问题' } : null,
  ].filter((x): x is { id: string; title: string } => x !== null);
  guide.toc = toc;
  return guide;
}

export type GuideView = ReturnType<typeof guideView>;

export interface Pager {
  pages: { number: number; href: string; current: boolean; gap: boolean }[];
  prev: string | null;
  next: string | null;
}

/** Page links: first, last, and two either side of the current page, with gaps. */
export function pagination(page: number, pageCount: number, href: (n: number) => string): Pager {
  const pages: Pager['pages'] = [];
  let last = 0;
  for (let n = 1; n <= pageCount; n += 1) {
    if (n !== 1 && n !== pageCount && Math.abs(n - page) > 2) continue;
    if (last && n - last > 1) pages.push({ number: 0, href: '', current: false, gap: true });
    pages.push({ number: n, href: href(n), current: n === page, gap: false });
    last = n;
  }
  return {
    pages,
    prev: page > 1 ? href(page - 1) : null,
    next: page < pageCount ? href(page + 1) : null,
  };
}
