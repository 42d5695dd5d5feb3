import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvHead } from '../../../shared/exchange/csv-job';
import type { Issue } from '../../../shared/exchange/issues';
import { checkIncoming, mergeStudies, withBaseFromBundle, type ThreeWayReport } from '../../../shared/exchange/merge';
import type { Study, StudyData } from '../../../shared/model';
import { navigate } from '../../app/router';
import { commitAsNewStudy, commitReplace, stageIncoming, type BulkResult } from '../../backup/bulk';
import { db, loadStudyData } from '../../db';
import { platform } from '../../platform';
import { tracked } from '../../components/SaveIndicator';
import { showToast } from '../../components/Toasts';
import { Field } from '../../components/Field';
import { importRefiInWorker, restoreBundleInWorker, type ImportPhaseReport } from '../../workers/bundleClient';
import { openCsvImport, type CsvImportSession } from '../../workers/csvImportClient';
import { CsvImport } from './CsvImport';
import type { IncomingSummary } from '../../../shared/exchange/gate-in';
import { ReviewSummary } from './ReviewSummary';
import { ImportProgress, IssueList, bulkFailureText, stoppedText, type ImportProgressState } from './common';

type Stage =
  | { kind: 'idle' }
  | { kind: 'passphrase'; name: string; bytes: Uint8Array; failed: boolean }
  | { kind: 'study'; source: 'bundle' | 'refi'; name: string; data: StudyData; warnings: Issue[]; review: IncomingSummary }
  | { kind: 'unrelated'; name: string; base: StudyData; incoming: StudyData; ours: string; theirs: string }
  | { kind: 'merge'; name: string; merged: StudyData; report: ThreeWayReport }
  | { kind: 'csv'; name: string; head: CsvHead; session: CsvImportSession };

function counts(d: StudyData) {
  return { interviews: d.interviews.length, informants: d.interviews.reduce((n, i) => n + i.participants.length, 0), segments: d.segments.length };
}

export function ImportPanel({ study }: { study: Study }) {
  const { t, i18n } = useTranslation();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [issues, setIssues] = useState<Issue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pass, setPass] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgressState | null>(null);
  // The CSV worker of the file on stage: closed when the stage changes or the screen goes.
  const csvSession = useRef<CsvImportSession | null>(null);
  useEffect(() => () => csvSession.current?.close(), []);
  // The running bundle/REFI import's own worker: aborting terminates it (and on leaving the screen).
  const [running, setRunning] = useState<AbortController | null>(null);
  useEffect(() => () => running?.abort(), [running]);

  /** A stopped or failed import in words: cancelled, silent (timed out), crashed, or the error. */
  function stopped(name: string, e: unknown) {
    setError(stoppedText(name, e, t) ?? (e instanceof Error ? e.message : String(e)));
  }

  const onPhase: ImportPhaseReport = (phase) =>
    setProgress({ phase: phase === 'decrypt' ? 'decrypt' : phase === 'validate' ? 'validate' : 'parse', done: 0, total: 0 });

  function reset(next: Stage = { kind: 'idle' }) {
    if (csvSession.current && (next.kind !== 'csv' || next.session !== csvSession.current)) {
      csvSession.current.close();
      csvSession.current = null;
    }
    setStage(next);
    setIssues([]);
    setError(null);
  }

  async function open(kind: 'bundle' | 'refi' | 'csv') {
    const accept =
      kind === 'bundle'
        ? [{ name: 'Reisekart', extensions: ['reisekart'] }]
        : kind === 'refi'
          ? [{ name: 'REFI-QDA', extensions: ['qdpx', 'qdc'] }]
          : [{ name: 'CSV', extensions: ['csv', 'txt', 'tsv'] }];
    const f = await platform.openFile(accept);
    if (!f.ok) {
      if (f.reason !== 'cancelled') setError(f.message);
      return;
    }
    reset();
    setPass('');
    if (kind === 'bundle') return readBundle(f.name, f.bytes, undefined);
    if (kind === 'refi') return readRefi(f.name, f.bytes);
    return readCsv(f.name, f.bytes);
  }

  /** Decode + parse in the CSV worker; the page keeps only the head of the file. */
  async function readCsv(name: string, bytes: Uint8Array) {
    const session = openCsvImport();
    const abort = new AbortController();
    setRunning(abort);
    setBusy(true);
    setProgress({ phase: 'parse', done: 0, total: 1 });
    try {
      const parsed = await session.parse(name, bytes, (_phase, done, total) => setProgress({ phase: 'parse', done, total }), { signal: abort.signal });
      if (!parsed.ok) {
        session.close();
        return setIssues(parsed.issues);
      }
      csvSession.current = session;
      setStage({ kind: 'csv', name, head: { table: parsed.table, rowCount: parsed.rowCount }, session });
    } catch (e) {
      session.close();
      stopped(name, e);
    } finally {
      setRunning(null);
      setBusy(false);
      setProgress(null);
    }
  }

  async function readBundle(name: string, bytes: Uint8Array, passphrase: string | undefined) {
    const abort = new AbortController();
    setRunning(abort);
    setBusy(true);
    setProgress({ phase: 'decrypt', done: 0, total: 0 });
    try {
      const r = await restoreBundleInWorker(bytes, passphrase, name, { signal: abort.signal, onPhase });
      if (r.ok) return reset({ kind: 'study', source: 'bundle', name, data: r.data, warnings: r.warnings, review: r.review });
      if (r.needsPassphrase) {
        setStage({ kind: 'passphrase', name, bytes, failed: passphrase !== undefined });
        setIssues(passphrase !== undefined ? r.issues : []);
        return;
      }
      setIssues(r.issues);
    } catch (e) {
      stopped(name, e);
    } finally {
      setRunning(null);
      setBusy(false);
      setProgress(null);
    }
  }

  /** A .qdpx project or a .qdc codebook (as a new study), read in a worker of its own. */
  async function readRefi(name: string, bytes: Uint8Array) {
    const abort = new AbortController();
    setRunning(abort);
    setBusy(true);
    setProgress({ phase: 'parse', done: 0, total: 0 });
    try {
      const r = await importRefiInWorker(bytes, name, new Date().toISOString(), { signal: abort.signal, onPhase });
      if (!r.ok) return setIssues(r.issues);
      reset({ kind: 'study', source: 'refi', name, data: r.data, warnings: r.warnings, review: r.review });
    } catch (e) {
      stopped(name, e);
    } finally {
      setRunning(null);
      setBusy(false);
      setProgress(null);
    }
  }

  async function finish(r: BulkResult, okText: string, goTo?: string) {
    if (!r.ok) {
      setError(bulkFailureText(r, t));
      return;
    }
    reset();
    showToast({ message: okText });
    if (goTo === 'conflicts') navigate({ name: 'study', studyId: study.id, view: 'conflicts' });
    else if (goTo) navigate({ name: 'study', studyId: goTo, view: 'interviews' });
  }

  async function importAsNew(data: StudyData, source: 'bundle' | 'refi') {
    setBusy(true);
    try {
      setProgress({ phase: 'backup', done: 0, total: 0 });
      const onProgress = (done: number, total: number) => setProgress({ phase: 'write', done, total });
      // A partner's bundle: the new study remembers it as the common ancestor (docs/exchange.md).
      const staged = source === 'bundle' ? withBaseFromBundle(data, new Date().toISOString()) : data;
      const r = await tracked(() => commitAsNewStudy(staged, { studyId: study.id, reason: 'before-import' }, { onProgress }));
      await finish(r, t('exchange.importedNew', { title: data.study.title }), r.ok ? r.studyId : undefined);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  /**
   * Lineage first (docs/exchange.md): a bundle of another study is asked about, one older than the
   * last merge with that partner is refused; either way nothing changes until confirmed.
   */
  async function prepareMerge(name: string, incoming: StudyData) {
    const base = await loadStudyData(db, study.id);
    if (!base) return setError(t('errors.notFound'));
    const staged = await stageIncoming(incoming, study.id);
    const refusal = checkIncoming(base, staged);
    if (refusal?.code === 'merge.older') {
      const when = (iso: string) => (iso ? new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nb-NO', { dateStyle: 'short', timeStyle: 'short' }) : '—');
      setError(t('merge.refused.older', { ...refusal.params, last: when(refusal.params.last), bundle: when(refusal.params.bundle) }));
      return;
    }
    if (refusal?.code === 'merge.unrelated') {
      reset({ kind: 'unrelated', name, base, incoming: staged, ...refusal.params });
      return;
    }
    showMerge(name, base, staged);
  }

  function showMerge(name: string, base: StudyData, incoming: StudyData) {
    const { merged, report } = mergeStudies(base, incoming, { now: new Date().toISOString() });
    reset({ kind: 'merge', name, merged, report });
  }

  async function confirmMerge(merged: StudyData, report: ThreeWayReport) {
    setBusy(true);
    try {
      setProgress({ phase: 'backup', done: 0, total: 0 });
      const onProgress = (done: number, total: number) => setProgress({ phase: 'write', done, total });
      // The merge itself goes to the audit log: with whom, and how many records each way.
      const counts: Record<string, number> = { conflicts: report.pending.length };
      for (const [k, n] of Object.entries(report.added)) if (n) counts[`added.${k}`] = n;
      for (const [k, n] of Object.entries(report.updated)) if (n) counts[`updated.${k}`] = n;
      for (const [k, n] of Object.entries(report.deleted)) if (n) counts[`deleted.${k}`] = n;
      const entry = { id: crypto.randomUUID(), studyId: merged.study.id, at: new Date().toISOString(), who: '', action: `merge.${report.mode}`, subject: report.partner.slice(0, 200), counts, note: '' };
      const withAudit: StudyData = { ...merged, audit: [...merged.audit, entry] };
      const r = await tracked(() => commitReplace(study.id, withAudit, 'before-merge', { onProgress }));
      await finish(r, t('exchange.merged'), r.ok && (merged.conflicts?.length ?? 0) > 0 ? 'conflicts' : undefined);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  return (
    <section className="card exchange-import" aria-labelledby="imp-title">
      <h2 id="imp-title">{t('exchange.import')}</h2>
      <p className="muted">{t('exchange.importHint')}</p>
      <div className="toolbar">
        <button type="button" disabled={busy} onClick={() => void open('bundle')} data-testid="import-bundle">{t('exchange.openBundle')}</button>
        <button type="button" disabled={busy} onClick={() => void open('refi')} data-testid="import-refi">{t('exchange.openRefi')}</button>
        <button type="button" disabled={busy} onClick={() => void open('csv')} data-testid="import-csv">{t('exchange.openCsv')}</button>
      </div>

      {progress ? <ImportProgress state={progress} /> : null}
      {running ? (
        <div className="toolbar">
          <button type="button" onClick={() => running.abort()} data-testid="import-cancel">{t('exchange.cancelImport')}</button>
        </div>
      ) : null}
      {error ? <p className="notice error" role="alert" data-testid="import-error">{error}</p> : null}
      {stage.kind === 'passphrase' ? (
        <form
          className="exchange-stage"
          data-testid="passphrase-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (pass) void readBundle(stage.name, stage.bytes, pass);
          }}
        >
          <p>{t('exchange.encrypted', { name: stage.name })}</p>
          {stage.failed ? <p className="notice error" role="alert" data-testid="wrong-passphrase">{t('exchange.wrongPassphrase')}</p> : null}
          <div className="toolbar">
            <Field label={t('exchange.passphrase')}>
              <input type="password" autoComplete="off" value={pass} onChange={(e) => setPass(e.target.value)} data-testid="import-passphrase" autoFocus />
            </Field>
            <button type="submit" className="primary" disabled={busy || !pass}>{busy ? t('exchange.decrypting') : t('exchange.decrypt')}</button>
            <button type="button" onClick={() => reset()}>{t('common.cancel')}</button>
          </div>
        </form>
      ) : null}
      {issues.length > 0 && stage.kind !== 'passphrase' ? <IssueList issues={issues} /> : null}

      {stage.kind === 'study' ? (
        <div className="exchange-stage" data-testid="import-staged">
          <h3>{t('exchange.stagedTitle', { title: stage.data.study.title })}</h3>
          <p>{t('exchange.stagedCounts', counts(stage.data))}</p>
          <ReviewSummary review={stage.review} />
          {stage.warnings.length > 0 ? (
            <details>
              <summary>{t('exchange.warnings', { count: stage.warnings.length })}</summary>
              <IssueList issues={stage.warnings} testId="import-warnings" />
            </details>
          ) : null}
          <div className="toolbar">
            <button type="button" className="primary" disabled={busy} onClick={() => void importAsNew(stage.data, stage.source)} data-testid="import-as-new">{t('exchange.asNew')}</button>
            {stage.source === 'bundle' ? (
              <button type="button" disabled={busy} onClick={() => void prepareMerge(stage.name, stage.data)} data-testid="import-merge">{t('exchange.mergeInto', { title: study.title })}</button>
            ) : null}
            <button type="button" onClick={() => reset()}>{t('common.cancel')}</button>
          </div>
        </div>
      ) : null}

      {stage.kind === 'unrelated' ? (
        <div className="exchange-stage" data-testid="merge-unrelated">
          <p className="notice warn" role="alert">{t('merge.refused.unrelated', { ours: stage.ours, theirs: stage.theirs })}</p>
          <div className="toolbar">
            <button type="button" disabled={busy} onClick={() => showMerge(stage.name, stage.base, stage.incoming)} data-testid="merge-unrelated-confirm">{t('merge.mergeAnyway')}</button>
            <button type="button" onClick={() => reset()}>{t('common.cancel')}</button>
          </div>
        </div>
      ) : null}

      {stage.kind === 'merge' ? <MergeReview stage={stage} busy={busy} onConfirm={() => void confirmMerge(stage.merged, stage.report)} onCancel={() => reset()} /> : null}

      {stage.kind === 'csv' ? <CsvImport study={study} head={stage.head} session={stage.session} onDone={(text) => { reset(); showToast({ message: text }); }} onCancel={() => reset()} onStopped={(text) => { reset(); setError(text); }} /> : null}
    </section>
  );
}

function MergeReview({ stage, busy, onConfirm, onCancel }: { stage: Extract<Stage, { kind: 'merge' }>; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { report } = stage;
  const line = (m: Record<string, number>) => Object.entries(m).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${t(`exchange.entities.${k}`, { defaultValue: k })}`).join(', ');
  const rows = (['added', 'updated', 'deleted'] as const).map((k) => [k, line(report[k])] as const).filter(([, text]) => text !== '');
  return (
    <div className="exchange-stage" data-testid="merge-report" data-mode={report.mode}>
      <h3>{t('exchange.mergeTitle', { name: stage.name })}</h3>
      <p>{t(`merge.mode.${report.mode}`, { partner: report.partner })}</p>
      {rows.length ? (
        <ul data-testid="merge-counts">
          {rows.map(([k, text]) => (
            <li key={k} data-kind={k}>
              {t(`merge.counts.${k}`)}: {text}
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="merge-counts">{t('merge.nothing')}</p>
      )}
      <h4>{t('merge.codebookTitle')}</h4>
      {report.codebook.length ? (
        <table className="data codebook-diff" data-testid="codebook-diff">
          <tbody>
            {report.codebook.map((c) => (
              <tr key={`${c.kind}:${c.id}`} data-kind={c.kind}>
                <td>{t(`merge.codebookKind.${c.kind}`)}</td>
                <td>
                  {c.name}
                  {c.to ? ` → ${c.to}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted" data-testid="codebook-diff-none">{t('merge.codebookNone')}</p>
      )}
      {report.fieldMerged > 0 ? <p>{t('merge.fieldMerged', { count: report.fieldMerged })}</p> : null}
      {report.pending.length > 0 ? <p className="notice warn" data-testid="merge-pending">{t('merge.pendingNote', { count: report.pending.length })}</p> : null}
      {report.conflicts.length > 0 ? (
        <>
          <p className="notice warn">{t('exchange.conflicts', { count: report.conflicts.length })}</p>
          <table className="data" data-testid="merge-conflicts">
            <thead>
              <tr>
                <th scope="col">{t('exchange.conflictKind')}</th>
                <th scope="col">{t('exchange.conflictWhat')}</th>
                <th scope="col">{t('exchange.conflictResult')}</th>
              </tr>
            </thead>
            <tbody>
              {report.conflicts.map((c, i) => (
                <tr key={i} data-kind={c.kind}>
                  <td>{t(`exchange.conflictKinds.${c.kind}`)}</td>
                  <td>{c.message}</td>
                  <td>{c.renamedTo ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : report.pending.length === 0 ? (
        <p className="notice ok">{t('exchange.noConflicts')}</p>
      ) : null}
      <div className="toolbar">
        <button type="button" className="primary" disabled={busy} onClick={onConfirm} data-testid="confirm-merge">{t('exchange.confirmMerge')}</button>
        <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
