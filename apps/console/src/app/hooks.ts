import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { isAbort } from '../api/client.ts';

export const PRODUCT_TITLE = '政通 · 工作人员平台';

/** Sets document.title for the page: "用户管理 - 政通 · 工作人员平台". */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} - ${PRODUCT_TITLE}` : PRODUCT_TITLE;
  }, [title]);
}

export interface RequestState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Runs the request again with the same key. */
  reload: () => void;
  /** Replaces the data locally (after a mutation whose answer is already known). */
  mutate: (update: (current: T | undefined) => T | undefined) => void;
}

/**
 * Loads data for a key; a new key aborts the previous request. `key === null` means "do not load".
 * The previous data stays visible while a new request is under way.
 */
export function useRequest<T>(
  key: string | null,
  fetcher: (signal: AbortSignal) => Promise<T>,
): RequestState<T> {
  const fetcherRef = useRef(fetcher);
  useEffect(() => {
    fetcherRef.current = fetcher;
  });
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: key !== null,
  });
  const requestKey = key === null ? null : `${key}#${nonce}`;

  useEffect(() => {
    if (requestKey === null) {
      setState((s) => ({ ...s, loading: false }));
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    fetcherRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error)) setState((s) => ({ ...s, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [requestKey]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const mutate = useCallback(
    (update: (current: T | undefined) => T | undefined) => setState((s) => ({ ...s, data: update(s.data) })),
    [],
  );
  return { ...state, reload, mutate };
}

export type QueryPatch = Record<string, string | number | null | undefined>;

/**
 * A list's filters and page kept in the address (so a link can open a filtered list, and back/forward
 * work): `filters` holds the named parameters, `setQuery` replaces the whole query, leaving out
 * empty values.
 */
export function useUrlQuery<K extends string>(keys: readonly K[], defaultPageSize = 20) {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? undefined])) as Partial<
    Record<K, string>
  >;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? defaultPageSize) || defaultPageSize;
  const setQuery = (next: QueryPatch) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next))
      if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
    setParams(p, { replace: true });
  };
  return { params, filters, page, pageSize, setQuery };
}

/**
 * The page and page size of a list whose paging lives in the page itself (not in the address). The
 * page is back to 1 whenever `filters` (any value standing for the list's filters) changes.
 */
export function usePaging(filters: unknown, initialPageSize = 20) {
  const key = JSON.stringify(filters ?? null);
  const [paging, setState] = useState({ key, page: 1, pageSize: initialPageSize });
  const setPaging = useCallback((page: number, pageSize: number) => setState({ key, page, pageSize }), [key]);
  return { page: paging.key === key ? paging.page : 1, pageSize: paging.pageSize, setPaging };
}
