// Service items (政务服务事项) in the cluster search: the services module calls indexServiceItem in the
// transaction that publishes a version and removeServiceItem in the one that suspends it. Only types
// come from services here, so importing this file from services makes no module cycle.
import type { Tx } from '../../platform/db/pool.ts';
import { indexDocument, removeDocument } from '../../platform/search/index.ts';
import type { ServiceItem } from '../services/services.types.ts';

/** The words a citizen might search an item by: its guide's main text, not its form or fees. */
function itemText(item: ServiceItem): string {
  const parts = [
    item.itemTypeName,
    item.orgName,
    item.result?.name ?? '',
    item.acceptanceConditions,
    item.processDescription,
    ...item.materials.map((m) => m.name),
    ...item.faq.flatMap((f) => [f.question, f.answer]),
    item.legalBasis,
  ];
  return parts.filter((p) => p?.trim()).join('\n');
}

/** Indexes the published item (its guide page in the hall). */
export async function indexServiceItem(tx: Tx, item: ServiceItem): Promise<void> {
  await indexDocument(tx, {
    sourceType: 'service-item',
    sourceId: item.id,
    siteId: null,
    columnId: null,
    orgId: item.orgId,
    title: item.name,
    body: itemText(item),
    url: `/hall/items/${item.id}`,
    publishedAt: new Date(item.publishedAt ?? item.updatedAt),
    extra: { code: item.code, orgName: item.orgName },
  });
}

/** Takes a suspended item out of search. */
export async function removeServiceItem(tx: Tx, itemId: string): Promise<void> {
  await removeDocument(tx, 'service-item', itemId);
}
