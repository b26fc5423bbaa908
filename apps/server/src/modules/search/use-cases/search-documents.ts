// One search over the cluster (or one site): the API and the public page both come here.
import type { AppContext } from '../../../platform/context.ts';
import { type SearchResult, searchDocuments } from '../../../platform/search/query.ts';
import type { SearchSourceType } from '../../../platform/search/index.ts';
import { searchErrors } from '../search.errors.ts';

export interface SearchInput {
  q?: string | undefined;
  siteId?: string | undefined;
  columnId?: string | undefined;
  orgId?: string | undefined;
  type?: SearchSourceType | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export type SearchOutput = SearchResult & { page: number; pageSize: number };

export async function runSearch(ctx: AppContext, input: SearchInput): Promise<SearchOutput> {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 10;
  if (input.from && input.to && input.from > input.to) throw searchErrors.SEARCH_DATE_RANGE_INVALID('from');
  const r = await searchDocuments(ctx.pool, {
    q: input.q ?? '',
    siteId: input.siteId,
    columnId: input.columnId,
    orgId: input.orgId,
    type: input.type,
    from: input.from,
    to: input.to,
    page,
    pageSize,
    now: ctx.clock.now(),
  });
  return { ...r, page, pageSize };
}
