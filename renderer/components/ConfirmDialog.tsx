import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** A modal confirmation before a destructive action (native <dialog>: focus trap and Escape for free). */
export function ConfirmDialog({ message, confirmLabel, onConfirm, onCancel }: { message: string; confirmLabel: string; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} onCancel={(e) => { e.preventDefault(); onCancel(); }} aria-labelledby="confirm-msg" data-testid="confirm-dialog">
      <p id="confirm-msg">{message}</p>
      <div className="form-actions">
        <button type="button" onClick={onCancel} autoFocus>{t('common.cancel')}</button>
        <button type="button" className="primary danger-fill" onClick={onConfirm}>{confirmLabel}</button>
      </div>
    </dialog>
  );
}
