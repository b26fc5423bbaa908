// Reading items: the staff list and detail within the caller's reach, the public list and guide of
// published items, and the published item other modules build applications on.
import type { AppContext, StoredFile } from '../../../platform/context.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import { pageWindow } from '../../../platform/http/pagination.ts';
import { servicesErrors } from '../services.errors.ts';
import { SERVICE_MANAGE } from '../services.permissions.ts';
import { findItem, type ItemFilter, listItems, listMaterials } from '../services.repository.ts';
import { type Caller, reachFor, requireItemReach } from '../services.scope.ts';
import type { ServiceItem } from '../services.types.ts';
import { type ItemSummary, type ServiceGuide, toGuide, toServiceItem, toSummary } from '../services.views.ts';

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

export interface ItemPage {
  items: ItemSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export async function listManagedItems(
  ctx: AppContext,
  caller: Caller,
  q: ItemFilter & PageQuery,
): Promise<ItemPage> {
  const reach = reachFor(caller, SERVICE_MANAGE);
  const w = pageWindow(q);
  const r = await listItems(ctx.pool, { ...q, reach }, { limit: w.pageSize, offset: w.offset });
  return { items: r.rows.map(toSummary), total: r.total, page: w.page, pageSize: w.pageSize };
}

export async function readManagedItem(ctx: AppContext, caller: Caller, id: string): Promise<ServiceItem> {
  const row = await findItem(ctx.pool, id);
  requireItemReach(caller, SERVICE_MANAGE, row?.org_path ?? null);
  return toServiceItem(row!, await listMaterials(ctx.pool, id));
}

export type PublicFilter = Omit<ItemFilter, 'status'>;

export async function listPublishedItems(ctx: AppContext, q: PublicFilter & PageQuery): Promise<ItemPage> {
  const w = pageWindow(q);
  const r = await listItems(ctx.pool, { ...q, status: 'published' }, { limit: w.pageSize, offset: w.offset });
  return { items: r.rows.map(toSummary), total: r.total, page: w.page, pageSize: w.pageSize };
}

/** The published item, or null when it does not exist or is not published (draft, suspended). */
export async function getPublishedItem(db: Queryable, id: string): Promise<ServiceItem | null> {
  const row = await findItem(db, id);
  if (row?.status !== 'published') return null;
  return toServiceItem(row, await listMaterials(db, id));
}

export async function readPublicGuide(ctx: AppContext, id: string): Promise<ServiceGuide> {
  const item = await getPublishedItem(ctx.pool, id);
  if (!item) throw servicesErrors.ITEM_NOT_FOUND(undefined, '政务服务事项不存在或暂未开放办理');
  return toGuide(item);
}

/** The blank form or sample of a material of a published item: public, like the guide itself. */
export async function readMaterialFile(
  ctx: AppContext,
  itemId: string,
  materialId: string,
  kind: 'blank' | 'sample',
): Promise<StoredFile> {
  const item = await getPublishedItem(ctx.pool, itemId);
  const m = item?.materials.find((x) => x.id === materialId);
  const fileId = m ? (kind === 'blank' ? m.blankFileId : m.sampleFileId) : null;
  const file = fileId ? await ctx.files.get(ctx.pool, fileId) : null;
  if (!file)
    throw servicesErrors.MATERIAL_NOT_FOUND(
      undefined,
      kind === 'blank' ? '该材料没有空白表格' : '该材料没有示例样表',
    );
  return file;
}
