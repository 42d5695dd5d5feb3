/**
 * Beside the transcript in the workbench: the interviewer's context notes (setting, mood, what the
 * conversation showed), the interview's memos and the open segment's. The workbench's memo key
 * (`m`) writes a memo on the open segment, or on the interview when none is open.
 */
import { forwardRef, useImperativeHandle, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MemoPanel, type MemoPanelHandle } from './MemoPanel';
import './memos.css';

export interface WorkbenchMemosHandle {
  write: () => void;
}

export const WorkbenchMemos = forwardRef<WorkbenchMemosHandle, { studyId: string; interviewId: string; segmentId: string | null }>(function WorkbenchMemos({ studyId, interviewId, segmentId }, ref) {
  const { t } = useTranslation();
  const segRef = useRef<MemoPanelHandle>(null);
  const ivRef = useRef<MemoPanelHandle>(null);
  const detailsRef = useRef<HTMLDetailsElement>(null);
  useImperativeHandle(
    ref,
    () => ({
      write: () => {
        if (detailsRef.current) detailsRef.current.open = true;
        (segmentId ? segRef : ivRef).current?.write();
      },
    }),
    [segmentId],
  );
  return (
    <details className="card wb-memos" open ref={detailsRef} data-testid="wb-memos">
      <summary>{t('memo.workbench.title')} <kbd>m</kbd></summary>
      <MemoPanel studyId={studyId} kind="context" target={{ interviewId }} />
      <MemoPanel ref={ivRef} studyId={studyId} kind="interview" target={{ interviewId }} />
      {segmentId ? <MemoPanel ref={segRef} studyId={studyId} kind="segment" target={{ interviewId, segmentId }} /> : null}
    </details>
  );
});
