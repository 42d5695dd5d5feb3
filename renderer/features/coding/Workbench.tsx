import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canCode, textReviewed, type Segment, type Study } from '../../../shared/model';
import { segmentReviewWithNote } from '../../../shared/model/typed-fields';
import {
  SHORTCUTS,
  assignLanes,
  blocksOf,
  commandFor,
  createSegmentCommand,
  deleteSegmentCommand,
  extendBySentence,
  moveCaret,
  participantAt,
  rangeOf,
  sentenceAt,
  situationForKey,
  updateSegmentCommand,
  type Caret,
  type KeyContext,
} from '../../../shared/coding';
import { appDb, useCodes, useInterview, useInterviewSegments, useTranscript, useUndoCounts } from '../../db';
import { routeHref } from '../../app/router';
import { tracked } from '../../components/SaveIndicator';
import { showToast } from '../../components/Toasts';
import { CodingPanel, type PanelHandle } from './CodingPanel';
import { TranscriptView, type SpanStyle, type TranscriptHandle } from './TranscriptView';
import { SegmentsList } from './SegmentsList';
import { CoderBar } from './CoderBar';
import { draftFromSegment, emptyDraft, type Draft } from './draft';
import { redoStep, runCommand, undoStep } from './undoLog';
import { takePendingJump, useBlind, useCurrentCoder } from './coderState';
import { Loading } from '../../components/Loading';
import { benchDuration, benchMarkAfterPaint, benchMeasureAfterPaint } from '../../perf/marks';
import { NotForSharing } from '../../components/NotForSharing';
import { WorkbenchMemos, type WorkbenchMemosHandle } from '../memos';

/**
 * The segment after (dir 1) or before (dir −1) the open one in the list's order (start, then end),
 * so j/k walk every segment, overlapping ones too; with none open, the first that starts after
 * (or the last that starts before) the caret.
 */
export function neighbourSegment(segments: readonly Segment[], openId: string | null, at: number, dir: 1 | -1): Segment | undefined {
  const i = openId === null ? -1 : segments.findIndex((s) => s.id === openId);
  if (i >= 0) return segments[i + dir];
  return dir === 1 ? segments.find((s) => s.start >= at) : [...segments].reverse().find((s) => s.start < at);
}

function contextOf(target: EventTarget | null): KeyContext {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return 'transcript';
  if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable) return 'text-field';
  if (el.closest('[data-testid="coding-panel"]')) return 'panel';
  if (el.closest('[data-testid="transcript"]')) return 'transcript';
  return 'panel';
}

export function Workbench({ study, interviewId }: { study: Study; interviewId: string }) {
  const { t } = useTranslation();
  const db = appDb();
  const interview = useInterview(interviewId, db);
  const transcript = useTranscript(interviewId, db);
  const allSegments = useInterviewSegments(interviewId, db);
  const codes = useCodes(study.id, db);
  const undoCounts = useUndoCounts(study.id, interviewId, db);
  const coderId = useCurrentCoder(study);
  const blind = useBlind(study.id);

  const [caret, setCaret] = useState<Caret>({ anchor: 0, caret: 0 });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [focused, setFocused] = useState(false);
  const [status, setStatus] = useState('');
  const transcriptRef = useRef<TranscriptHandle>(null);
  const panelRef = useRef<PanelHandle>(null);
  const memosRef = useRef<WorkbenchMemosHandle>(null);
  const keysId = useId();
  // Key → selection painted, for the bench only (renderer/perf/marks.ts): the keydown's timestamp
  // is kept until the caret change commits, then measured after the next frame (as journey:redraw).
  const selectKeyAt = useRef<number | null>(null);
  useLayoutEffect(() => {
    const at = selectKeyAt.current;
    if (at === null) return;
    selectKeyAt.current = null;
    benchMeasureAfterPaint('coding:select', at);
  }, [caret]);

  const text = transcript?.text ?? '';
  const blocks = useMemo(() => blocksOf(text, transcript?.turns ?? []), [text, transcript?.turns]);
  const segments = useMemo(
    () => (allSegments ?? []).filter((s) => !blind || s.coderId === coderId).sort((a, b) => a.start - b.start || a.end - b.end),
    [allSegments, blind, coderId],
  );
  const codeById = useMemo(() => new Map((codes ?? []).map((c) => [c.id, c])), [codes]);
  const { lane } = useMemo(() => assignLanes(segments), [segments]);
  const styles = useMemo(() => {
    const m = new Map<string, SpanStyle>();
    for (const s of segments) {
      const c = s.codeIds.map((id) => codeById.get(id)?.color).find(Boolean);
      const v = s.valence ? `var(--valence-${s.valence === 'mixed' ? 'mixed' : s.valence})` : 'var(--valence-none)';
      m.set(s.id, { color: c ?? v, lost: s.anchor === 'lost' });
    }
    return m;
  }, [segments, codeById]);

  const sel = rangeOf(caret);
  const defaultParticipant = interview?.participants[0]?.id ?? 'P1';

  const select = useCallback(
    (next: Caret) => {
      setCaret(next);
      const r = rangeOf(next);
      setDraft((d) => {
        if (r.end > r.start) {
          if (d) return { ...d, start: r.start, end: r.end };
          return emptyDraft(r.start, r.end, participantAt(blocks, r.start, defaultParticipant));
        }
        return d && d.segmentId ? d : null;
      });
      transcriptRef.current?.scrollToOffset(next.caret);
    },
    [blocks, defaultParticipant],
  );

  // Read your own writes: a segment saved a moment ago may still be on its way to the list (the
  // save and the live query are asynchronous, slower on a loaded machine). Opening it again from
  // the list must show what was saved, never the older row — saving that would undo the edit.
  const savedHere = useRef(new Map<string, Segment>());
  const openSegment = useCallback((listed: Segment) => {
    const mine = savedHere.current.get(listed.id);
    const s = mine && mine.updatedAt > listed.updatedAt ? mine : listed;
    setDraft(draftFromSegment(s));
    setCaret({ anchor: s.start, caret: s.end });
    transcriptRef.current?.scrollToOffset(s.start);
  }, []);

  // A segment clicked in the list replaces the list with the panel: the clicked button is gone,
  // so focus moves to the panel itself and its keys work at once (issue 22).
  const focusPanelNext = useRef(false);
  const openFromList = useCallback((s: Segment) => {
    focusPanelNext.current = true;
    openSegment(s);
  }, [openSegment]);
  useEffect(() => {
    if (!draft || !focusPanelNext.current) return;
    focusPanelNext.current = false;
    panelRef.current?.focusPanel();
  }, [draft]);

  // A jump requested from the segment list or search (another screen).
  useEffect(() => {
    if (!allSegments || !transcript) return;
    const j = takePendingJump(interviewId);
    if (!j) return;
    const s = j.segmentId ? allSegments.find((x) => x.id === j.segmentId) : undefined;
    if (s) openSegment(s);
    else setCaret({ anchor: j.start, caret: j.end });
    setTimeout(() => transcriptRef.current?.scrollToOffset(j.start), 0);
  }, [allSegments, transcript, interviewId, openSegment]);

  const cancel = useCallback(() => {
    setDraft(null);
    setCaret((c) => ({ anchor: c.caret, caret: c.caret }));
    transcriptRef.current?.focus();
  }, []);

  const report = useCallback(
    (r: { ok: boolean }, okMessage: string) => {
      if (r.ok) setStatus(okMessage);
      else showToast({ kind: 'error', message: t('coding.saveFailed') });
    },
    [t],
  );

  const save = useCallback(async () => {
    if (!draft || !interview || !coderId || draft.end <= draft.start) return;
    const now = new Date().toISOString();
    const before = draft.segmentId ? allSegments?.find((s) => s.id === draft.segmentId) : undefined;
    const seg: Segment = {
      id: before?.id ?? crypto.randomUUID(),
      studyId: study.id,
      interviewId,
      participantId: draft.participantId,
      start: draft.start,
      end: draft.end,
      quote: text.slice(draft.start, draft.end),
      stageId: draft.stageId,
      situationId: draft.situationId,
      actorIds: draft.actorIds,
      valence: draft.valence,
      kind: draft.kind,
      codeIds: draft.codeIds,
      note: draft.note,
      coderId: before?.coderId ?? coderId,
      anchor: 'ok',
      // The quote is a slice of the reviewed transcript: it carries that review (the gate below
      // lets nobody code an unreviewed one). The note is typed text, scanned as it is saved: with
      // unresolved hits the segment waits in needs-review (shared/model/typed-fields.ts). A note
      // saved unchanged after its author resolved it keeps that resolution (values are not stored).
      review: before && before.note === draft.note && textReviewed(before) ? (transcript?.review ?? before.review) : segmentReviewWithNote(transcript?.review, draft.note, study.coders.find((c) => c.id === coderId)?.initials ?? coderId, now, { confirmed: draft.noteConfirmed ?? [] }),
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    const cmd = before ? updateSegmentCommand(before, seg) : createSegmentCommand(seg, interview, now);
    setStatus('');
    setDraft(null);
    setCaret({ anchor: draft.end, caret: draft.end });
    transcriptRef.current?.focus();
    savedHere.current.set(seg.id, seg);
    const r = await tracked(() => runCommand(db, study.id, interviewId, cmd));
    if (!r.ok && savedHere.current.get(seg.id) === seg) savedHere.current.delete(seg.id);
    const held = seg.review?.reason === 'typed';
    // The save time is for the bench (marks), never in the status a screen reader reads out.
    if (r.ok) {
      benchDuration('coding:save', r.value);
      benchMarkAfterPaint('coding:saved');
    }
    report(r, held ? t('typedText.heldBackSaved') : t('coding.saved'));
    // Visible too (the status line is for screen readers): the author reopens the segment to resolve the hits.
    if (r.ok && held) showToast({ message: t('typedText.heldBackSaved') });
  }, [draft, interview, coderId, allSegments, study.id, study.coders, interviewId, text, transcript?.review, db, report, t]);

  const remove = useCallback(async () => {
    const s = draft?.segmentId ? allSegments?.find((x) => x.id === draft.segmentId) : undefined;
    if (!s) return;
    setDraft(null);
    transcriptRef.current?.focus();
    savedHere.current.delete(s.id);
    const r = await tracked(() => runCommand(db, study.id, interviewId, deleteSegmentCommand(s)));
    report(r, t('coding.deleted'));
  }, [draft, allSegments, db, study.id, interviewId, report, t]);

  const undo = useCallback(async () => {
    setDraft(null);
    savedHere.current.clear(); // an undone or redone step brings back other versions: the list is right again
    const r = await tracked(() => undoStep(db, study.id, interviewId));
    report(r, r.ok && r.value !== null ? t('coding.undone') : t('coding.nothingToUndo'));
  }, [db, study.id, interviewId, report, t]);
  const redo = useCallback(async () => {
    setDraft(null);
    savedHere.current.clear(); // an undone or redone step brings back other versions: the list is right again
    const r = await tracked(() => redoStep(db, study.id, interviewId));
    report(r, r.ok && r.value !== null ? t('coding.redone') : t('coding.nothingToRedo'));
  }, [db, study.id, interviewId, report, t]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const context = contextOf(e.target);
    if (context === 'transcript' && !e.altKey) {
      const moved = moveCaret(text, blocks, caret, e.key, { shift: e.shiftKey, word: e.ctrlKey || e.metaKey });
      if (moved) {
        e.preventDefault();
        selectKeyAt.current = e.timeStamp;
        select(moved);
        return;
      }
    }
    if (context === 'panel' && (e.key === 'Enter' || e.key === ' ') && (e.target as HTMLElement).tagName === 'BUTTON') return;
    const cmd = commandFor(e, context, { panelOpen: draft !== null, stageCount: study.stages.length });
    if (!cmd) return;
    e.preventDefault();
    switch (cmd.type) {
      case 'select-sentence': {
        const s = sentenceAt(text, caret.caret);
        if (s) {
          selectKeyAt.current = e.timeStamp;
          select({ anchor: s.start, caret: s.end });
        }
        break;
      }
      case 'extend': {
        const base = sel.end > sel.start ? sel : (sentenceAt(text, caret.caret) ?? sel);
        const r = extendBySentence(text, base, cmd.dir);
        selectKeyAt.current = e.timeStamp;
        select(cmd.dir === 'forward' ? { anchor: r.start, caret: r.end } : { anchor: r.end, caret: r.start });
        break;
      }
      case 'stage': {
        const id = study.stages[cmd.index]?.id ?? null;
        if (draft) setDraft({ ...draft, stageId: draft.stageId === id ? null : id });
        break;
      }
      case 'situation': {
        const id = situationForKey(study.situations, cmd.id)?.id ?? null;
        if (draft) setDraft({ ...draft, situationId: draft.situationId === id ? null : id });
        break;
      }
      case 'valence':
        if (draft) setDraft({ ...draft, valence: draft.valence === cmd.value ? null : cmd.value });
        break;
      case 'toggle-wish':
        if (draft) setDraft({ ...draft, kind: draft.kind === 'wish' ? 'experience' : 'wish' });
        break;
      case 'focus-actors':
        panelRef.current?.focusActors();
        break;
      case 'focus-codes':
        panelRef.current?.focusCodes();
        break;
      case 'focus-note':
        panelRef.current?.focusNote();
        break;
      case 'save':
        void save();
        break;
      case 'cancel':
        cancel();
        break;
      case 'undo':
        void undo();
        break;
      case 'redo':
        void redo();
        break;
      case 'delete-segment':
        void remove();
        break;
      case 'memo':
        memosRef.current?.write();
        break;
      case 'next-segment':
      case 'prev-segment': {
        const s = neighbourSegment(segments, draft?.segmentId ?? null, sel.start, cmd.type === 'next-segment' ? 1 : -1);
        if (!s) break;
        // Unsaved changes are never dropped by a step: save (Enter) or cancel (Esc) first.
        const open = draft?.segmentId ? segments.find((x) => x.id === draft.segmentId) : undefined;
        if (draft && (!open || JSON.stringify(draftFromSegment(open)) !== JSON.stringify(draft))) {
          setStatus(t('coding.saveOrCancelFirst'));
          showToast({ message: t('coding.saveOrCancelFirst') });
          break;
        }
        openSegment(s);
        break;
      }
    }
  };

  if (interview === undefined || transcript === undefined || codes === undefined || coderId === undefined) return <Loading />;
  if (interview === null) return <div className="notice error" role="alert">{t('coding.noInterview')} <a href={routeHref({ name: 'study', studyId: study.id, view: 'coding' })}>{t('coding.pickTitle')}</a></div>;

  const head = (
    <div className="page-head">
      <h1>
        {t('coding.title')} <span data-testid="wb-code">{interview.code}</span>
      </h1>
      <span className={`badge status-${interview.status}`} data-testid="wb-status">{t(`interviews.statuses.${interview.status}`)}</span>
      <NotForSharing />
      <span className="spacer" />
      <a href={routeHref({ name: 'study', studyId: study.id, view: 'coding' })}>← {t('coding.pickTitle')}</a>
    </div>
  );

  if (transcript === null || !canCode(transcript)) {
    return (
      <div>
        {head}
        <div className="notice warn" role="alert" data-testid="coding-gate">
          <p>{transcript === null ? t('coding.gate.noTranscript') : t('coding.gate.needsReview')}</p>
          <a href={routeHref({ name: 'study', studyId: study.id, view: 'transcript', sub: interviewId })}>{t('coding.gate.toReview')}</a>
          {' · '}
          <a href={routeHref({ name: 'study', studyId: study.id, view: 'transcript', sub: interviewId })}>{t('coding.gate.toTranscript')}</a>
        </div>
      </div>
    );
  }

  const quote = draft ? text.slice(draft.start, draft.end) : '';
  const stageCounts = study.stages.map((s) => ({ s, n: segments.filter((x) => x.stageId === s.id).length }));
  const lost = segments.filter((s) => s.anchor === 'lost').length;

  return (
    <div className="workbench" onKeyDown={onKeyDown}>
      {head}
      <CoderBar study={study} coderId={coderId} blind={blind} />
      <div className="wb-summary" data-testid="wb-summary" aria-label={t('coding.summary')}>
        <span data-testid="wb-total">{t('coding.segmentCount', { count: segments.length })}</span>
        {stageCounts.map(({ s, n }) => (
          <span key={s.id} className="stage-count" data-testid={`stage-count-${s.id}`} data-count={n}>
            {s.short ?? s.label}: <strong>{n}</strong>
          </span>
        ))}
        {lost > 0 ? <span className="badge lost">{t('coding.lostCount', { count: lost })}</span> : null}
        <span className="spacer" />
        <button type="button" className="ghost" onClick={() => void undo()} disabled={!undoCounts?.undo} data-testid="undo">↶ {t('coding.undo')} <kbd>Ctrl+Z</kbd></button>
        <button type="button" className="ghost" onClick={() => void redo()} disabled={!undoCounts?.redo} data-testid="redo">↷ {t('coding.redo')} <kbd>Ctrl+Shift+Z</kbd></button>
      </div>
      <p className="sr-only" aria-live="polite" data-testid="wb-status-msg">{status}</p>
      <div className="wb-grid">
        <TranscriptView
          ref={transcriptRef}
          text={text}
          blocks={blocks}
          spans={segments}
          lanes={lane}
          styles={styles}
          selection={sel}
          caret={caret.caret}
          focused={focused}
          label={t('coding.transcript')}
          describedBy={keysId}
          onMouseSelect={(a, f) => select({ anchor: a, caret: f })}
          onFocusChange={setFocused}
        />
        <div className="wb-side">
          {draft ? (
            <CodingPanel
              ref={panelRef}
              study={study}
              codes={codes}
              draft={draft}
              quote={quote}
              onChange={setDraft}
              onSave={() => void save()}
              onCancel={cancel}
              onDelete={draft.segmentId ? () => void remove() : null}
              onReturnFocus={() => transcriptRef.current?.focus()}
              noteSettled={draftSettled(draft, allSegments)}
            />
          ) : (
            <SegmentsList study={study} codes={codes} interviews={[interview]} segments={segments} compact onOpen={openFromList} />
          )}
          <details className="keys card" id={keysId}>
            <summary>{t('coding.keys.title')}</summary>
            <dl>
              {SHORTCUTS.map((k) => (
                <div key={k.labelKey}>
                  <dt><kbd>{k.keys}</kbd></dt>
                  <dd>{t(`coding.keys.${k.labelKey}`)}</dd>
                </div>
              ))}
            </dl>
          </details>
          <WorkbenchMemos ref={memosRef} studyId={study.id} interviewId={interviewId} segmentId={draft?.segmentId ?? null} />
        </div>
      </div>
    </div>
  );
}

/** The draft's note is the stored one and was resolved (its hits, if any, were confirmed before). */
function draftSettled(draft: Draft, segments: readonly Segment[] | undefined): boolean {
  const before = draft.segmentId ? segments?.find((s) => s.id === draft.segmentId) : undefined;
  return before !== undefined && before.note === draft.note && textReviewed(before);
}
