import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { platform } from '../platform';

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [version, setVersion] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    void platform.appInfo().then((i) => setVersion('version' in i ? i.version : ''));
  }, []);
  return (
    <dialog ref={ref} onCancel={(e) => { e.preventDefault(); onClose(); }} aria-labelledby="about-h" data-testid="about-dialog">
      <h2 id="about-h">{t('app.name')}</h2>
      <p>{t('about.version', { version })}</p>
      <p>{t('app.tagline')}</p>
      <p className="muted">{t('about.method')}</p>
      <p className="muted">{t('about.privacy')}</p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>{t('common.close')}</button>
      </div>
    </dialog>
  );
}
