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

export interface ItemSummary {
  id: string;
  code: string;
  name: string;
  basicCode: string;
  implementationCode: string;
  orgId: string;
  orgName: string;
  itemType: string;
  itemTypeName: string;
  audience: string[];
  themes: string[];
  lifeEvents: string[];
  legalLimitDays: number | null;
  legalLimitUnit: string | null;
  promisedLimitDays: number | null;
  promisedLimitUnit: string | null;
  caseKind: 'immediate' | 'promised';
  caseKindName: string;
  onlineDepth: number;
  onlineDepthName: string;
  visitsRequired: number;
  feeFree: boolean;
  status: string;
  statusName: string;
  version: number;
  updatedAt: string;
}

export function toSummary(r: ItemRow): ItemSummary {
  return {
    id: r.id,
    code: r.implementation_code,
    name: r.name,
    basicCode: r.basic_code,
    implementationCode: r.implementation_code,
    orgId: r.org_id,
    orgName: r.org_name,
    itemType: r.item_type,
    itemTypeName: itemTypeName(r.item_type),
    audience: r.audience,
    themes: r.themes,
    lifeEvents: r.life_events,
    legalLimitDays: r.legal_limit_days,
    legalLimitUnit: r.legal_limit_unit,
    promisedLimitDays: r.promised_limit_days,
    promisedLimitUnit: r.promised_limit_unit,
    caseKind: r.promised_limit_days === 0 ? 'immediate' : 'promised',
    caseKindName: r.promised_limit_days === 0 ? '即办件' : '承诺件',
    onlineDepth: r.online_depth,
    onlineDepthName: onlineDepthName(r.online_depth),
    visitsRequired: r.visits_required,
    feeFree: isFeeFree(r.fees),
    status: r.status,
    statusName: nameOf(ITEM_STATUSES, r.status),
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}
