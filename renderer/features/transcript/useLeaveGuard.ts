/**
 * Leaving mid-review loses the review (the original text exists only in memory). Warn on reload
 * or close (beforeunload) and on in-app navigation: a click on any `#/…` link, or a hash change
 * (back button), is held until the user confirms.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface LeaveGuard {
  /** The hash the user tried to go to, while the confirmation is showing. */
  pending: string | null;
  confirm: () => void;
  cancel: () => void;
}

export function useLeaveGuard(active: boolean): LeaveGuard {
  const [pending, setPending] = useState<string | null>(null);
  const bypass = useRef(false);
  const here = useRef(typeof window === 'undefined' ? '' : window.location.hash);

  useEffect(() => {
    if (!active) return;
    here.current = window.location.hash;
    bypass.current = false;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent) => {
      if (bypass.current || e.defaultPrevented || e.button !== 0) return;
      const a = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>('a[href^="#"]') : null;
      const href = a?.getAttribute('href');
      if (!href || href === here.current) return;
      e.preventDefault();
      e.stopPropagation();
      setPending(href);
    };
    const onHashChange = () => {
      if (bypass.current || window.location.hash === here.current) return;
      const target = window.location.hash;
      // Put the address back at once, before the router renders another screen.
      history.replaceState(null, '', here.current || '#');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      setPending(target);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    window.addEventListener('hashchange', onHashChange);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('hashchange', onHashChange);
    };
  }, [active]);

  const confirm = useCallback(() => {
    const target = pending;
    setPending(null);
    if (target === null) return;
    bypass.current = true;
    window.location.hash = target;
  }, [pending]);
  const cancel = useCallback(() => setPending(null), []);
  return { pending, confirm, cancel };
}
