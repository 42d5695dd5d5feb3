import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

export type SaveState = 'saved' | 'saving' | 'error';
let state: SaveState = 'saved';
let pending = 0;
const listeners = new Set<() => void>();

/** Wraps a write so the top bar shows "Lagrer …" / "Lagret" / "Ikke lagret" (the autosave indicator). */
export async function tracked<T>(write: () => Promise<T>): Promise<T> {
  pending++;
  set('saving');
  try {
    const r = await write();
    pending--;
    if (pending === 0) set('saved');
    return r;
  } catch (e) {
    pending--;
    set('error');
    throw e;
  }
}

function set(s: SaveState) {
  state = s;
  listeners.forEach((l) => l());
}

export function SaveIndicator() {
  const { t } = useTranslation();
  const s = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => state,
  );
  return (
    <span className="save-state" data-state={s} data-testid="save-state" aria-live="polite">
      {t(`save.${s}`)}
    </span>
  );
}
