// What licensing needs from a service item, read from the snapshot taken at submission (the published
// guide as the applicant saw it): one place maps the services module's item to licensing's words.
import type { ServiceItem } from '../services/index.ts';
import type { Limit } from '../workflow/index.ts';

export interface ItemMaterial {
  id: string;
  name: string;
  required: boolean;
}

export interface ItemFacts {
  id: string;
  code: string;
  name: string;
  version: number | null;
  orgId: string;
  orgName: string;
  processCode: string | null;
  /** 行政许可 (item type 01): decisions are worded as 准予/不予行政许可. */
  isLicence: boolean;
  /** Approval issues an electronic licence or certificate (电子证照). */
  issuesLicence: boolean;
  legal: Limit | null;
  promised: Limit | null;
  materials: ItemMaterial[];
  reconsiderationBody: string | null;
  litigationCourt: string | null;
  /** Name of the result, e.g. 食品经营许可证. */
  resultName: string;
  /** Validity of the licence in years, when the law sets one. */
  validityYears: number | null;
  /** Who may apply. */
  audience: ReadonlySet<'citizen' | 'enterprise'>;
}

function limitOf(days: number | null | undefined, unit: string | null | undefined): Limit | null {
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0) return null;
  return { days, unit: unit === 'natural' ? 'natural' : 'working' };
}

function nonEmpty(s: string | null | undefined): string | null {
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : null;
}

/** Licensing's view of an item (or of the snapshot stored with an application). */
export function itemFacts(snapshot: ServiceItem | Record<string, unknown>): ItemFacts {
  const s = snapshot as Partial<ServiceItem>;
  const audience = new Set<'citizen' | 'enterprise'>();
  for (const a of s.audience ?? []) {
    if (a === 'person') audience.add('citizen');
    if (a === 'enterprise') audience.add('enterprise');
  }
  if (audience.size === 0) {
    audience.add('citizen');
    audience.add('enterprise');
  }
  const result = s.result ?? null;
  return {
    id: s.id ?? '',
    code: s.code ?? '',
    name: s.name ?? '',
    version: typeof s.version === 'number' ? s.version : null,
    orgId: s.orgId ?? '',
    orgName: s.orgName ?? '',
    processCode: nonEmpty(s.processCode),
    isLicence: s.itemType === '01',
    issuesLicence: result?.type === 'licence' || result?.type === 'certificate',
    legal: limitOf(s.legalLimitDays, s.legalLimitUnit),
    promised: limitOf(s.promisedLimitDays, s.promisedLimitUnit),
    materials: (s.materials ?? []).map((m) => ({ id: m.id, name: m.name, required: m.required })),
    reconsiderationBody: nonEmpty(s.remedies?.reconsideration?.body),
    litigationCourt: nonEmpty(s.remedies?.litigation?.body),
    resultName: nonEmpty(result?.name) ?? s.name ?? '',
    validityYears: typeof result?.validityYears === 'number' ? result.validityYears : null,
    audience,
  };
}
