// The unread-message count shown on the header bell, shared with the inbox page.
import { useEffect, useSyncExternalStore } from 'react';
import { inboxApi } from '../../api/endpoints.ts';

const POLL_MS = 60_000;

let unread = 0;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setUnread(count: number): void {
  if (count === unread) return;
  unread = count;
  for (const l of listeners) l();
}

export async function refreshUnread(): Promise<void> {
  try {
    const page = await inboxApi.list(1, 1);
    setUnread(page.unread);
  } catch {
    // the bell is not worth an error message; 401 is handled by the client
  }
}

/** The unread count; polls while `enabled` and the tab is visible. */
export function useUnreadCount(enabled: boolean): number {
  const count = useSyncExternalStore(subscribe, () => unread);
  useEffect(() => {
    if (!enabled) return;
    void refreshUnread();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void refreshUnread();
    }, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refreshUnread();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [enabled]);
  return count;
}
