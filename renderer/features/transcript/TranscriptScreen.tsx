/**
 * One interview's transcript (view `transcript`, sub = interview id): import, anonymisation
 * review, the coding gate, and the read-only anonymised text with an "Rediger tekst" mode.
 */
import { useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALWAYS_ALLOWED, type TermSpec } from '../../../shared/anonymise';
import type { Interview, Transcript, Turn } from '../../../shared/model';
import { gateState } from '../../../shared/model/gate';
import { normaliseText } from '../../../shared/text/normalise';
import { buildTranscript, type SpeakerMap, type SpeakerTurn } from '../../../shared/transcript/captions';
import type { ScreenProps } from '../../app/features';
import { routeHref } from '../../app/router';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { tracked } from '../../components/SaveIndicator';
import { showToast } from '../../components/Toasts';
import { db, useTerms, useTranscript } from '../../db';
import { useInterviews } from '../../db/hooks';
import type { ImportResult } from '../../import/importFile';
import { detectInWorker } from '../../workers/anonymiseClient';
import { completeReview } from './complete';
import { ProgressBar, ImportPanel, type ProgressState } from './ImportPanel';
import { LinesView, type Mark } from './LinesView';
import { initialReview, reviewReducer, turnsFromLabels, type ReviewState } from './review';
import { ReviewPanel } from './ReviewPanel';
import { SpeakerMapping } from './SpeakerMapping';
import { useLeaveGuard } from './useLeaveGuard';
import './transcript.css';
import { Loading } from '../../components/Loading';
import { NotForSharing } from '../../components/NotForSharing';

/** Never flagged: the method's persona (Brukerreisen Kim) is not a person. */

/** Pseudonym tags as pseudonymise writes them: [NAVN-3], [TLF], [LÆRER-1] … */
export const TAG_PATTERN = /\[[\p{Lu}_]{2,20}(?:-\d+)?\]/gu;

interface Draft {
  text: string;
  turns: Turn[];
  source: Transcript['source'];
  /** True when the draft edits an already-anonymised transcript. */
  edit: boolean;
}

type Stage =
  | { name: 'idle' }
  | { name: 'mapping'; fileName: string; source: 'vtt' | 'srt'; turns: SpeakerTurn[]; speakers: string[] }
  | { name: 'editing'; text: string }
  | { name: 'detecting'; progress: ProgressState }
  | { name: 'review'; draft: Draft };

const EMPTY: ReviewState = { hits: [], current: -1, editing: null, nextId: 1 };

export function TranscriptScreen({ study, sub }: ScreenProps) {
  const { t } = useTranslation();
  const interviews = useInterviews(study.id);
  const interview = interviews?.find((iv) => iv.id === sub);
  const transcript = useTranscript(sub, db);
  const terms = useTerms(study.id, db);
  const [stage, setStage] = useState<Stage>({ name: 'idle' });
  const [review, dispatch] = useReducer(reviewReducer, EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const extraTerms = useRef<TermSpec[]>([]);
  const guard = useLeaveGuard(stage.name !== 'idle');

  if (interviews === undefined || transcript === undefined) return <Loading />;
  if (!interview) {
    return (
      <div className="notice error" role="alert">
        {t('transcript.notFound')} <a href={routeHref({ name: 'study', studyId: study.id, view: 'interviews' })}>{t('nav.interviews')}</a>
      </div>
    );
  }
  const iv: Interview = interview;

  async function startReview(text: string, turns: Turn[], source: Transcript['source'], edit: boolean) {
    setError(null);
    setStage({ name: 'detecting', progress: { phase: 'detect', fraction: 0 } });
    try {
      const termSpecs: TermSpec[] = [...(terms ?? []).map((x) => ({ term: x.term, kind: x.kind })), ...extraTerms.current];
      const hits = await detectInWorker(text, { terms: termSpecs, allow: [...ALWAYS_ALLOWED] }, (phase, fraction) =>
        setStage({ name: 'detecting', progress: { phase, fraction } }),
      );
      dispatch({ type: 'reset', state: initialReview(hits) });
      setStage({ name: 'review', draft: { text, turns, source, edit } });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setStage({ name: 'idle' });
    }
  }

  function fromTyped(raw: string) {
    const text = normaliseText(raw);
    void startReview(text, turnsFromLabels(text), 'typed', false);
  }

  function fromFile(r: Extract<ImportResult, { ok: true }>) {
    if (r.kind === 'captions') {
      setStage({ name: 'mapping', fileName: r.fileName, source: r.source, turns: r.turns, speakers: r.speakers });
      return;
    }
    void startReview(r.text, turnsFromLabels(r.text), r.source, false);
  }

  function fromMapping(map: SpeakerMap) {
    if (stage.name !== 'mapping') return;
    const built = buildTranscript(stage.turns, map);
    if (!built.ok) {
      setError(built.issues.map((i) => i.message).join(' '));
      return;
    }
    // Speaker names are known identifiers: look for them in the spoken text too (memory only).
    extraTerms.current = stage.speakers.filter((s) => s.trim().length > 1).flatMap((s) => [s, ...s.split(/\s+/).filter((w) => w.length > 2)]).map((term) => ({ term, kind: 'NAVN' }));
    void startReview(built.text, built.turns, stage.source, false);
  }

  async function complete(reviewer: string) {
    if (stage.name !== 'review') return;
    setBusy(true);
    setError(null);
    const r = await tracked(() => completeReview(db, { study, interview: iv, text: stage.draft.text, turns: stage.draft.turns, hits: review.hits, source: stage.draft.source, reviewer }));
    setBusy(false);
    if (!r.ok) {
      setError(r.reason === 'invalid' ? r.issues.map((i) => i.message).join(' ') : r.message);
      return;
    }
    extraTerms.current = [];
    dispatch({ type: 'reset', state: EMPTY });
    setStage({ name: 'idle' });
    const total = Object.values(r.value.counts).reduce((a, b) => a + b, 0);
    showToast({ message: t('transcript.completed', { code: iv.code, count: total }) });
    if (r.value.lostSegments > 0) showToast({ kind: 'error', message: t('transcript.lostSegments', { count: r.value.lostSegments }) });
  }

  function discard() {
    extraTerms.current = [];
    dispatch({ type: 'reset', state: EMPTY });
    setStage({ name: 'idle' });
  }

  const gate = gateState(transcript);

  return (
    <div>
      <div className="page-head">
        <h1>{t('transcript.title', { code: iv.code })}</h1>
        <NotForSharing />
        <span className={`badge status-${iv.status}`} data-testid="interview-status">{t(`interviews.statuses.${iv.status}`)}</span>
        <span className="spacer" />
        <a className="button" href={routeHref({ name: 'study', studyId: study.id, view: 'interviews' })}>← {t('nav.interviews')}</a>
      </div>

      <GateNotice gate={gate} studyId={study.id} interviewId={iv.id} />
      {error && stage.name !== 'review' ? <div className="notice error" role="alert">{error}</div> : null}

      {stage.name === 'detecting' ? <ProgressBar progress={stage.progress} /> : null}
      {stage.name === 'mapping' ? (
        <SpeakerMapping fileName={stage.fileName} speakers={stage.speakers} participants={iv.participants} onDone={fromMapping} onCancel={discard} />
      ) : null}
      {stage.name === 'review' ? (
        <ReviewPanel
          text={stage.draft.text}
          state={review}
          dispatch={dispatch}
          reviewers={study.coders.map((c) => c.name)}
          busy={busy}
          error={error}
          onComplete={(who) => void complete(who)}
          onCancel={discard}
        />
      ) : null}
      {stage.name === 'editing' ? (
        <EditText
          initial={stage.text}
          onCancel={discard}
          onRun={(text) => void startReview(normaliseText(text), turnsFromLabels(normaliseText(text)), transcript?.source ?? 'typed', true)}
        />
      ) : null}
      {stage.name === 'idle' && !transcript ? <ImportPanel onText={fromTyped} onImported={fromFile} busy={busy} setBusy={setBusy} /> : null}
      {stage.name === 'idle' && transcript ? (
        <StoredTranscript
          transcript={transcript}
          reviewed={gate === 'open'}
          onEdit={() => setStage({ name: 'editing', text: transcript.text })}
          onReview={() => void startReview(transcript.text, transcript.turns, transcript.source, false)}
        />
      ) : null}

      {guard.pending !== null ? (
        <ConfirmDialog message={t('transcript.leaveWarning')} confirmLabel={t('transcript.leave')} onConfirm={guard.confirm} onCancel={guard.cancel} />
      ) : null}
    </div>
  );
}

function GateNotice({ gate, studyId, interviewId }: { gate: ReturnType<typeof gateState>; studyId: string; interviewId: string }) {
  const { t } = useTranslation();
  const cls = gate === 'open' ? 'ok' : 'warn';
  return (
    <div className={`notice ${cls} tx-gate`} data-testid="gate" data-gate={gate}>
      <span aria-hidden="true">{gate === 'open' ? '✓' : '⊘'}</span> {t(`transcript.gate.${gate}`)}
      {gate === 'open' ? (
        <>
          {' '}
          <a href={routeHref({ name: 'study', studyId, view: 'coding', sub: interviewId })}>{t('transcript.gate.toCoding')}</a>
        </>
      ) : null}
    </div>
  );
}

function EditText({ initial, onRun, onCancel }: { initial: string; onRun: (text: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  return (
    <section className="card" aria-labelledby="tx-edit-h" data-testid="edit-text">
      <h2 id="tx-edit-h">{t('transcript.edit.title')}</h2>
      <p className="muted">{t('transcript.edit.intro')}</p>
      <label className="field">
        <span className="sr-only">{t('transcript.edit.title')}</span>
        <textarea className="tx-textarea" rows={18} value={text} onChange={(e) => setText(e.target.value)} data-testid="edit-area" />
      </label>
      <div className="form-actions">
        <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
        <button type="button" className="primary" disabled={text.trim() === ''} onClick={() => onRun(text)} data-testid="run-review">
          {t('transcript.edit.run')}
        </button>
      </div>
    </section>
  );
}

function StoredTranscript({ transcript, reviewed, onEdit, onReview }: { transcript: Transcript; reviewed: boolean; onEdit: () => void; onReview: () => void }) {
  const { t } = useTranslation();
  const marks: Mark[] = useMemo(
    () =>
      [...transcript.text.matchAll(TAG_PATTERN)].map((m) => ({
        start: m.index,
        end: m.index + m[0].length,
        key: m.index,
        render: (value: string, from: number) => (
          <mark className="tag" data-from={from}>{value}</mark>
        ),
      })),
    [transcript.text],
  );
  return (
    <section className="card" aria-labelledby="tx-stored-h" data-testid="stored-transcript">
      <div className="toolbar">
        <h2 id="tx-stored-h" style={{ margin: 0 }}>{t('transcript.stored.title')}</h2>
        <span className="muted">{t('transcript.stored.tags', { count: marks.length })}</span>
        <span className="spacer" style={{ flex: 1 }} />
        {reviewed ? (
          <button type="button" onClick={onEdit} data-testid="edit-text-button">{t('transcript.stored.edit')}</button>
        ) : (
          <button type="button" className="primary" onClick={onReview} data-testid="review-stored">{t('transcript.stored.review')}</button>
        )}
      </div>
      <LinesView text={transcript.text} marks={marks} label={t('transcript.stored.title')} testId="stored-text" />
    </section>
  );
}
