/**
 * Text typed in the app is scanned as it is saved (shared/model/typed-text.ts): its author sees each
 * possible identifier with "Rediger" (edit the text) or "Ikke en identifikator" (confirm it, for
 * this text; the value is never stored). Until every hit is resolved the text stays out of every
 * door out. The same scanner as the review screens and the export leak check.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { scanTypedText } from '../../shared/model/typed-text';

export function TypedTextHits({ text, confirmed, onConfirm, onEdit, testId = 'typed-hits' }: { text: string; confirmed: readonly string[]; onConfirm: (value: string) => void; onEdit: () => void; testId?: string }) {
  const { t } = useTranslation();
  const scan = useMemo(() => scanTypedText(text, { confirmed }), [text, confirmed]);
  if (scan.clean) return null;
  return (
    <div className="typed-hits" role="status" data-testid={testId}>
      <p className="field-error">{t('typedText.found', { count: scan.hits.length })}</p>
      <ul>
        {scan.hits.map((h) => (
          <li key={`${h.start}:${h.end}`} data-testid="typed-hit">
            «{h.text}» <span className="muted">({t(`transcript.kinds.${h.kind}`, { defaultValue: h.kind })})</span>{' '}
            <button type="button" className="ghost" onClick={onEdit} data-testid="typed-edit">{t('typedText.edit')}</button>{' '}
            <button type="button" className="ghost" onClick={() => onConfirm(h.text)} data-testid="typed-confirm">{t('typedText.notIdentifier')}</button>
          </li>
        ))}
      </ul>
      <p className="muted">{t('typedText.heldBack')}</p>
    </div>
  );
}
