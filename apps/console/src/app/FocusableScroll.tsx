// Wide tables scroll sideways inside antd's .ant-table-content. A region that scrolls must be reachable
// by keyboard (WCAG 2.1.1; axe "scrollable-region-focusable"), so while it overflows it gets
// tabindex=0 and a name, and loses them again when it fits.
import { type ReactNode, useEffect, useRef } from 'react';

const SCROLLERS = '.ant-table-content, .ant-table-body';

export function FocusableScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const apply = () => {
      for (const el of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
        const overflows = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        if (overflows && el.getAttribute('tabindex') !== '0') {
          el.setAttribute('tabindex', '0');
          el.setAttribute('role', 'region');
          el.setAttribute('aria-label', `${label}（可左右滚动）`);
        } else if (!overflows && el.hasAttribute('tabindex')) {
          el.removeAttribute('tabindex');
          el.removeAttribute('role');
          el.removeAttribute('aria-label');
        }
      }
    };
    apply();
    const resize = new ResizeObserver(apply);
    resize.observe(root);
    const mutations = new MutationObserver(apply);
    mutations.observe(root, { childList: true, subtree: true });
    return () => {
      resize.disconnect();
      mutations.disconnect();
    };
  }, [label]);
  return <div ref={ref}>{children}</div>;
}
