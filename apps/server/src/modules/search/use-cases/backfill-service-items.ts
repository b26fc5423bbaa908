// Puts published service items that are not yet in the index into it: items published before search
// existed, and the demo seed's items (seeded before this module's turn). Idempotent; cheap when
// nothing is missing (one page listing per 200 items, no writes).
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { getPublishedItem, listPublishedItems } from '../../services/index.ts';
import { indexServiceItem } from '../service-items.ts';

const BATCH = 200;

export async function backfillServiceItems(ctx: AppContext): Promise<number> {
  let added = 0;
  for (let page = 1; ; page += 1) {
    const r = await listPublishedItems(ctx, { page, pageSize: BATCH });
    const ids = r.items.map((i) => i.id);
    if (ids.length === 0) break;
    const known = await ctx.pool.query<{ source_id: string }>(
      `SELECT source_id FROM search_document WHERE source_type = 'service-item' AND source_id = ANY($1::uuid[])`,
      [ids],
    );
    const have = new Set(known.rows.map((k) => k.source_id));
    for (const id of ids) {
      if (have.has(id)) continue;
      await withTx(ctx.pool, async (tx) => {
        // Read inside the transaction: an item suspended meanwhile is not indexed.
        const item = await getPublishedItem(tx, id);
        if (item) {
          await indexServiceItem(tx, item);
          added += 1;
        }
      });
    }
    if (ids.length < BATCH) break;
  }
  return added;
}
