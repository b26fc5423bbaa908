import { useCallback, useEffect, useRef, useState } from 'react';
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
