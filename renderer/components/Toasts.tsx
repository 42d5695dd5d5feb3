import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

export interface Toast {
  id: number;
  message: string;
  action?: { label: string; run: () => void };
  kind?: 'info' | 'error';
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Shows a message for `ms` (longer when it offers an action such as undo). */
export function showToast(t: Omit<Toast, 'id'>, ms = t.action ? 10_000 : 5_000): number {
  const id = nextId++;
  toasts = [...toasts, { ...t, id }];
  emit();
  setTimeout(() => dismissToast(id), ms);
  return id;
}

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export function ToastArea() {
  const { t } = useTranslation();
  const list = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => toasts,
  );
  return (
    <div className="toast-area" role="status" aria-live="polite">
      {list.map((x) => (
        <div className="toast" key={x.id} data-kind={x.kind ?? 'info'}>
          <span>{x.message}</span>
          {x.action ? (
            <button
              type="button"
              onClick={() => {
                x.action?.run();
                dismissToast(x.id);
              }}
            >
              {x.action.label}
            </button>
          ) : null}
          <button type="button" className="ghost" aria-label={t('common.close')} onClick={() => dismissToast(x.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
