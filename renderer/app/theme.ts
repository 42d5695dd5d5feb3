import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'contrast';
const KEY = 'reisekart.theme';
const listeners = new Set<() => void>();

function read(): Theme {
  try {
    return localStorage.getItem(KEY) === 'contrast' ? 'contrast' : 'light';
  } catch {
    return 'light';
  }
}

export function applyTheme(t: Theme = read()): void {
  document.documentElement.dataset.theme = t;
}

export function setTheme(t: Theme): void {
  try {
    localStorage.setItem(KEY, t);
  } catch {
    /* the choice then lasts for the session */
  }
  applyTheme(t);
  listeners.forEach((l) => l());
}

export function useTheme(): Theme {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => (document.documentElement.dataset.theme === 'contrast' ? 'contrast' : 'light'),
  );
}
