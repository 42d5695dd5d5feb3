/** One memo in a list: its text, author and time, a flag while it has unresolved hits; edit and delete (undoable). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Memo } from '../../../shared/model';
import { appDb, deleteMemo, restoreMemo } from '../../db';
import { showToast } from '../../components/Toasts';
import { tracked } from '../../components/SaveIndicator';
import { formatDateTime } from './format';
import { MemoEditor } from './MemoEditor';
import { MemoText } from './MemoText';

/** Delete a memo, offering undo. */
export async function deleteWithUndo(memo: Memo, t: (k: string) => string): Promise<void> {
  const r = await tracked(() => deleteMemo(appDb(), memo.id));
  if (!r.ok) {
    showToast({ kind: 'error', message: t('memo.error.write') });
    return;
  }
  const gone = r.value;
  showToast({ message: t('memo.deleted'), action: { label: t('common.undo'), run: () => void tracked(() => restoreMemo(appDb(), gone)) } });
}

export function MemoItem({ memo, context }: { memo: Memo; context?: string }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const flagged = memo.review.state !== 'reviewed';
  if (editing) return <li className="memo-item"><MemoEditor studyId={memo.studyId} kind={memo.kind} target={memo.target} memo={memo} onDone={() => setEditing(false)} /></li>;
  return (
    <li className={`memo-item${flagged ? ' flagged' : ''}`} data-testid="memo-item" data-memo={memo.id} data-kind={memo.kind} data-flagged={flagged ? 'true' : 'false'}>
      <div className="memo-meta">
        <span className="badge">{t(`memo.kinds.${memo.kind}`)}</span>
        {memo.kind === 'room' && memo.tag ? <span className="badge">{t(`memo.tag.${memo.tag}`)}</span> : null}
        {context ? <span className="memo-context">{context}</span> : null}
        <span className="muted">
          {memo.author || t('memo.noAuthor')} · {formatDateTime(memo.updatedAt, i18n.language)}
        </span>
        {flagged ? (
          <span className="badge flag" data-testid="memo-flag" title={t('memo.flagged.badgeHint')}>
            {t('memo.flagged.badge', { count: Object.values(memo.review.hits).reduce((a, b) => a + b, 0) })}
          </span>
        ) : null}
        <span className="spacer" />
        <button type="button" className="ghost" onClick={() => setEditing(true)} data-testid="memo-edit">{flagged ? t('memo.flagged.resolve') : t('common.edit')}</button>
        <button type="button" className="ghost" onClick={() => void deleteWithUndo(memo, t)} data-testid="memo-delete">{t('common.delete')}</button>
      </div>
      <MemoText text={memo.text} />
    </li>
  );
}
