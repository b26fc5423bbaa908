// Shapes answered by the API: the full item (staff and other modules), the public guide (adds the
// flattened form fields and download links of blank forms and samples) and list summaries.
import { type FlatField, flattenFields } from './forms/form-types.ts';
import { isFeeFree } from './fees.ts';
import type { ItemRow } from './services.repository.ts';
import { contentOf } from './services.repository.ts';
import { ITEM_STATUSES, itemTypeName, nameOf, onlineDepthName } from './services.taxonomy.ts';
import type { Material, ServiceItem } from './services.types.ts';

export function toServiceItem(r: ItemRow, materials: Material[]): ServiceItem {
  const c = contentOf(r);
  return {
    id: r.id,
    code: c.implementationCode,
    name: c.name,
    basicCode: c.basicCode,
    implementationCode: c.implementationCode,
    handleCode: c.handleCode,
    itemType: c.itemType,
    itemTypeName: itemTypeName(c.itemType),
    orgId: r.org_id,
    orgName: r.org_name,
    audience: c.audience,
    themes: c.themes,
    lifeEvents: c.lifeEvents,
    legalBasis: c.legalBasis,
    acceptanceConditions: c.acceptanceConditions,
    quantityLimit: c.quantityLimit,
    legalLimitDays: c.legalLimitDays,
    legalLimitUnit: c.legalLimitUnit,
    legalLimitNote: c.legalLimitNote,
    promisedLimitDays: c.promisedLimitDays,
    promisedLimitUnit: c.promisedLimitUnit,
    promisedLimitNote: c.promisedLimitNote,
    // 即办件: promised in 0 days; otherwise 承诺件.
    caseKind: c.promisedLimitDays === 0 ? 'immediate' : 'promised',
    caseKindName: c.promisedLimitDays === 0 ? '即办件' : '承诺件',
    specialProcedures: c.specialProcedures,
    processDescription: c.processDescription,
    visitsRequired: c.visitsRequired,
    visitsExplanation: c.visitsExplanation,
    onlineDepth: c.onlineDepth,
    onlineDepthName: onlineDepthName(c.onlineDepth),
    locations: c.locations,
    consultation: c.consultation,
    complaint: c.complaint,
    remedies: c.remedies,
    faq: c.faq,
    result: c.result,
    fees: c.fees,
    feeFree: isFeeFree(c.fees),
    materials,
    processCode: c.processCode,
    form: c.form,
    status: r.status,
    statusName: nameOf(ITEM_STATUSES, r.status),
    statusReason: r.status_reason,
    version: r.version,
    publishedAt: r.published_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export type GuideMaterial = Material & { blankFileUrl: string | null; sampleFileUrl: string | null };

export interface ServiceGuide extends Omit<ServiceItem, 'form' | 'materials' | 'statusReason'> {
  form: { sections: ServiceItem['form']['sections']; fields: FlatField[] };
  materials: GuideMaterial[];
}

export function materialFileUrl(itemId: string, materialId: string, kind: 'blank' | 'sample'): string {
  return `/api/v1/service-items/${itemId}/materials/${materialId}/${kind}`;
}

export function toGuide(item: ServiceItem): ServiceGuide {
  const { form, materials, statusReason: _reason, ...rest } = item;
  return {
    ...rest,
    form: { sections: form.sections, fields: flattenFields(form) },
    materials: materials.map((m) => ({
      ...m,
      blankFileUrl: m.blankFileId ? materialFileUrl(item.id, m.id, 'blank') : null,
      sampleFileUrl: m.sampleFileId ? materialFileUrl(item.id, m.id, 'sample') : null,
    })),
  };
}

/** What lists show of an item: a projection of the full item, so both always agree. */
const SUMMARY_KEYS = [
  'id',
  'code',
  'name',
  'basicCode',
  'implementationCode',
  'orgId',
  'orgName',
  'itemType',
  'itemTypeName',
  'audience',
  'themes',
  'lifeEvents',
  'legalLimitDays',
  'legalLimitUnit',
  'promisedLimitDays',
  'promisedLimitUnit',
  'caseKind',
  'caseKindName',
  'onlineDepth',
  'onlineDepthName',
  'visitsRequired',
  'feeFree',
  'status',
  'statusName',
  'version',
  'updatedAt',
] as const satisfies readonly (keyof ServiceItem)[];

export type ItemSummary = Pick<ServiceItem, (typeof SUMMARY_KEYS)[number]>;

export function toSummary(r: ItemRow): ItemSummary {
  const item = toServiceItem(r, []);
  return Object.fromEntries(SUMMARY_KEYS.map((k) => [k, item[k]])) as ItemSummary;
}
