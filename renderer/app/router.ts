import { useSyncExternalStore } from 'react';

/** Hash routes: work the same under app:// in Electron and on 127.0.0.1 in a browser. */
export type Route =
  | { name: 'home' }
  | { name: 'study'; studyId: string; view: string; sub?: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'study' && parts[1]) {
    const view = parts[2] && /^[a-z-]+$/.test(parts[2]) ? parts[2] : 'interviews';
    return parts[3] ? { name: 'study', studyId: parts[1], view, sub: parts[3] } : { name: 'study', studyId: parts[1], view };
  }
  return { name: 'home' };
}

export function routeHref(r: Route): string {
  if (r.name === 'home') return '#/';
  const base = `#/study/${encodeURIComponent(r.studyId)}/${r.view}`;
  return r.sub ? `${base}/${encodeURIComponent(r.sub)}` : base;
}

export function navigate(r: Route): void {
  window.location.hash = routeHref(r);
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
