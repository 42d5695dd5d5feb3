/**
 * The memos of one place — an interview, a segment, a code, a journey-map cell, the interviewer's
 * context notes — with a button to write one: used by the workbench, the journey map's cell panel,
 * the codebook and the study journal.
 */
import { forwardRef, useImperativeHandle, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { memosFor, type MemoKind, type MemoTarget } from '../../../shared/model';
import { useMemos } from '../../db';
import { MemoEditor } from './MemoEditor';
import { MemoItem } from './MemoItem';

export interface MemoPanelHandle {
  /** Open a new memo's editor (the workbench's key). */
  write: () => void;
}

export interface MemoPanelProps {
  studyId: string;
  kind: MemoKind;
  target: MemoTarget;
  /** Heading; default: the kind's name. */
  title?: string;
  testId?: string;
}

export const MemoPanel = forwardRef<MemoPanelHandle, MemoPanelProps>(function MemoPanel({ studyId, kind, target, title, testId }, ref) {
  const { t } = useTranslation();
  const all = useMemos(studyId, kind);
  const [writing, setWriting] = useState(false);
  useImperativeHandle(ref, () => ({ write: () => setWriting(true) }), []);
  const match: Partial<MemoTarget> = kind === 'study' ? {} : target;
  const list = all ? memosFor(all, kind, match) : [];
  return (
    <section className="memo-panel" data-testid={testId ?? `memos-${kind}`} data-count={all ? list.length : undefined} aria-label={title ?? t(`memo.panel.${kind}`)}>
      <div className="memo-panel-head">
        <h3>{title ?? t(`memo.panel.${kind}`)} {all ? <span className="muted">({list.length})</span> : null}</h3>
        {!writing ? (
          <button type="button" className="ghost" onClick={() => setWriting(true)} data-testid="memo-new">
            + {t(`memo.new.${kind}`)}
          </button>
        ) : null}
      </div>
      {writing ? <MemoEditor studyId={studyId} kind={kind} target={target} onDone={() => setWriting(false)} /> : null}
      {list.length > 0 ? (
        <ul className="memo-list">
          {list.map((m) => (
            <MemoItem key={m.id} memo={m} />
          ))}
        </ul>
      ) : null}
    </section>
  );
});
