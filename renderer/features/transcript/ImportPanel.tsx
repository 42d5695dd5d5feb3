/** Step 1: paste or type a transcript, or open a .txt / .docx / .vtt / .srt file. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { platform } from '../../platform';
import type { ImportResult } from '../../import/importFile';
import { stoppedText } from '../exchange';
import { importInWorker, type Phase } from '../../workers/anonymiseClient';
import { formatNumber } from '../../app/format';

export interface ProgressState {
  phase: Phase;
  fraction: number;
}

export function ProgressBar({ progress }: { progress: ProgressState }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="tx-progress" role="status" aria-live="polite" data-testid="import-progress">
      <span>{t(`transcript.progress.${progress.phase}`)} {formatNumber(progress.fraction * 100, i18n.language)} %</span>
      <progress max={1} value={progress.fraction} />
    </div>
  );
}

export function ImportPanel({ onText, onImported, busy, setBusy }: {
  onText: (text: string) => void;
  onImported: (r: Extract<ImportResult, { ok: true }>) => void;
  busy: boolean;
  setBusy: (b: boolean) => void;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<{ message: string; detail: string } | null>(null);
  const [progress, setProgress] = useState<ProgressState | null>(null);
  // The decoding worker of the picked file: the cancel button terminates it.
  const [running, setRunning] = useState<AbortController | null>(null);

  async function openFile() {
    setError(null);
    const picked = await platform.openFile([{ name: t('transcript.import.fileFilter'), extensions: ['txt', 'docx', 'vtt', 'srt'] }]);
    if (!picked.ok) {
      if (picked.reason !== 'cancelled') setError({ message: t('transcript.errors.read-failed'), detail: picked.message });
      return;
    }
    const abort = new AbortController();
    setRunning(abort);
    setBusy(true);
    setProgress({ phase: 'decode', fraction: 0 });
    try {
      const r = await importInWorker(picked.name, picked.bytes, (phase, fraction) => setProgress({ phase, fraction }), { signal: abort.signal });
      if (!r.ok) setError({ message: t(`transcript.errors.${r.code}`, { file: r.fileName }), detail: r.detail });
      else onImported(r);
    } catch (e) {
      const stopped = stoppedText(picked.name, e, t);
      setError(stopped !== null ? { message: stopped, detail: '' } : { message: t('transcript.errors.unreadable', { file: picked.name }), detail: e instanceof Error ? e.message : String(e) });
    } finally {
      setRunning(null);
      setBusy(false);
      setProgress(null);
    }
  }

  return (
    <section className="card" aria-labelledby="tx-import-h" data-testid="import-panel">
      <h2 id="tx-import-h">{t('transcript.import.title')}</h2>
      <p className="muted">{t('transcript.import.intro')}</p>
      {error ? (
        <div className="notice error" role="alert" data-testid="import-error">
          <strong>{error.message}</strong>
          {error.detail && error.detail !== error.message ? <pre className="tx-detail">{error.detail}</pre> : null}
          <div>{t('transcript.import.nothingChanged')}</div>
        </div>
      ) : null}
      <div className="toolbar">
        <button type="button" onClick={() => void openFile()} disabled={busy} data-testid="open-file">
          {t('transcript.import.openFile')}
        </button>
        <span className="muted">{t('transcript.import.fileTypes')}</span>
      </div>
      {progress ? <ProgressBar progress={progress} /> : null}
      {running ? (
        <div className="toolbar">
          <button type="button" onClick={() => running.abort()} data-testid="import-cancel">{t('exchange.cancelImport')}</button>
        </div>
      ) : null}
      <label className="field">
        {t('transcript.import.paste')}
        <textarea className="tx-textarea" rows={10} value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="paste" placeholder={t('transcript.import.placeholder')} />
      </label>
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy || typed.trim() === ''} onClick={() => onText(typed)} data-testid="start-review">
          {t('transcript.import.start')}
        </button>
      </div>
    </section>
  );
}
