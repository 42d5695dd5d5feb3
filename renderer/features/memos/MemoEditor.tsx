/**
 * Writing or editing one memo. Saving scans the text (renderer/db/memos.ts): a memo with an
 * identifier is saved but flagged, and its hits are shown here to its author, who resolves each by
 * editing the text or confirming it is not an identifier; until then it never leaves the app.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scanTypedText } from '../../../shared/model/typed-text';
import type { Memo, MemoKind, MemoTarget, RoomTag } from '../../../shared/model';
import { appDb, saveMemo, useTermSpecs } from '../../db';
import { tracked } from '../../components/SaveIndicator';

export interface MemoEditorProps {
  studyId: string;
  kind: MemoKind;
  target: MemoTarget;
  /** The memo to edit; absent: a new one. */
  memo?: Memo;
  onDone: (saved: Memo | null) => void;
  /** Focus the text box when shown. */
  autoFocus?: boolean;
}

export function MemoEditor({ studyId, kind, target, memo, onDone, autoFocus = true }: MemoEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const terms = useTermSpecs(studyId);
  const [text, setText] = useState(memo?.text ?? '');
  const [tag, setTag] = useState<RoomTag | null>(memo?.tag ?? (kind === 'room' ? 'idea' : null));
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState<Memo | null>(memo ?? null);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);
  // The hits of the saved text, shown to the author only (values stay in memory).
  const hits = useMemo(() => (saved && saved.review.state !== 'reviewed' ? scanTypedText(saved.text, { terms: terms ?? [], confirmed }).hits : []), [saved, terms, confirmed]);

  const save = async (extraConfirmed: string[] = confirmed) => {
    setError('');
    const r = await tracked(() => saveMemo(appDb(), { id: saved?.id, studyId, kind, target, text, tag, confirmed: extraConfirmed }));
    if (!r.ok) {
      setError(r.reason === 'invalid' ? t(r.issues[0]?.message ?? 'memo.error.invalid') : t('memo.error.write'));
      return;
    }
    setSaved(r.value);
    if (r.value.review.state === 'reviewed') onDone(r.value);
  };

  return (
    <div className="memo-editor" data-testid="memo-editor" data-kind={kind}>
      <label className="field" htmlFor={`${id}-text`}>
        {t(`memo.write.${kind}`)}
      </label>
      <textarea
        id={`${id}-text`}
        ref={ref}
        rows={5}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // Keys typed here are the memo's, never the workbench's.
          e.stopPropagation();
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onDone(null);
          }
        }}
        aria-describedby={`${id}-hint`}
        data-testid="memo-text"
      />
      <p className="muted memo-hint" id={`${id}-hint`}>{t('memo.hint')}</p>
      {kind === 'room' ? (
        <fieldset className="memo-tags">
          <legend>{t('memo.tag.label')}</legend>
          {(['agree', 'disagree', 'idea'] as const).map((x) => (
            <label key={x} className="field inline">
              <input type="radio" name={`${id}-tag`} checked={tag === x} onChange={() => setTag(x)} /> {t(`memo.tag.${x}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {error ? <p className="field-error" role="alert" data-testid="memo-error">{error}</p> : null}
      {saved && saved.review.state !== 'reviewed' ? (
        <div className="notice warn" role="alert" data-testid="memo-flagged">
          <p>{t('memo.flagged.intro')}</p>
          <ul>
            {hits.map((h, i) => (
              <li key={`${h.start}-${i}`} data-testid="memo-hit">
                «{h.text}» ({t(`transcript.kinds.${h.kind}`, { defaultValue: h.kind })}){' '}
                <button
                  type="button"
                  className="ghost"
                  onClick={() => {
                    const next = [...confirmed, h.text];
                    setConfirmed(next);
                    void save(next);
                  }}
                >
                  {t('memo.flagged.notIdentifier')}
                </button>
              </li>
            ))}
          </ul>
          <p className="muted">{t('memo.flagged.edit')}</p>
        </div>
      ) : null}
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void save()} data-testid="memo-save">
          {t('common.save')} <kbd>Ctrl+Enter</kbd>
        </button>
        <button type="button" onClick={() => onDone(saved)}>{saved && saved.review.state !== 'reviewed' ? t('common.close') : t('common.cancel')}</button>
      </div>
    </div>
  );
}
