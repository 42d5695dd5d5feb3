import { useTranslation } from 'react-i18next';
import { isCoded, type Issue } from '../../../shared/exchange/issues';
import type { BulkResult } from '../../backup/bulk';
import { WorkerStopped } from '../../workers/workerClient';

/** A file-name stem from the study title: `Brukerreisen Kim (demo)` → `brukerreisen-kim-demo`. */
export function fileStem(title: string): string {
  const s = title
    .replace(/[øØ]/g, 'o')
    .replace(/[æÆ]/g, 'ae')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return s.slice(0, 60) || 'studie';
}

/**
 * An issue's text in the UI language: the code is the key under `issues` in the locale files
 * (shared/locales/<lang>/issues.json), filled with its params. A legacy issue without a code shows
 * the importer's own (nb) message.
 */
export function issueText(i: Issue, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (isCoded(i)) return t(`issues.${i.code}`, { ...i.params, defaultValue: 'message' in i && typeof i.message === 'string' ? i.message : i.code });
  return 'message' in i ? i.message : '';
}

/** Every problem, located: file, 1-based line, field. */
export function IssueList({ issues, testId = 'import-issues' }: { issues: readonly Issue[]; testId?: string }) {
  const { t } = useTranslation();
  const shown = issues.slice(0, 200);
  return (
    <div className="notice error" role="alert" data-testid={testId}>
      <p className="issue-head">{t('exchange.issuesHead', { count: issues.length })}</p>
      <ul className="issue-list">
        {shown.map((i, n) => (
          <li key={n} data-line={i.line} data-field={i.field} data-severity={i.severity ?? 'error'}>
            <span className="where">
              {i.file}
              {i.line !== undefined ? `, ${t('exchange.line', { line: i.line })}` : ''}
              {i.field ? `, «${i.field}»` : ''}
            </span>
            {': '}
            {issueText(i, t)}
          </li>
        ))}
      </ul>
      {issues.length > shown.length ? <p>{t('exchange.moreIssues', { count: issues.length - shown.length })}</p> : null}
    </div>
  );
}

/** A failed bulk write in words: a full disk gets its own explanation. */
export function bulkFailureText(r: Exclude<BulkResult, { ok: true }>, t: (k: string, o?: Record<string, unknown>) => string): string {
  switch (r.reason) {
    case 'quota':
      return t('exchange.quota');
    case 'backup':
      return t('exchange.backupFailed', { message: r.message });
    case 'invalid':
      return t('exchange.invalid', { details: r.issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ') });
    default:
      return t('exchange.writeFailed', { message: r.message });
  }
}

export type ImportPhase = 'parse' | 'validate' | 'backup' | 'write' | 'decrypt';

export interface ImportProgressState {
  phase: ImportPhase;
  done: number;
  total: number;
}

/**
 * A long import's progress: a native <progress> labelled by the phase, the phase announced
 * politely when it changes (not every percent: a screen reader would hear nothing else).
 */
export function ImportProgress({ state }: { state: ImportProgressState }) {
  const { t } = useTranslation();
  const label = t(`exchange.progress.${state.phase}`);
  const pct = state.total > 0 ? Math.min(100, Math.round((state.done / state.total) * 100)) : 0;
  return (
    <div className="import-progress" data-testid="import-progress" data-phase={state.phase}>
      <p role="status" aria-live="polite" id="import-progress-label" className="import-progress-label">{label}</p>
      <div className="import-progress-bar">
        {/* total 0: how long is unknown (decrypting, unzipping): an indeterminate bar. */}
        {state.total > 0 ? <progress aria-labelledby="import-progress-label" max={100} value={pct} /> : <progress aria-labelledby="import-progress-label" />}
        {state.total > 0 ? <span className="num" aria-hidden="true">{pct} %</span> : null}
      </div>
    </div>
  );
}

/** A stopped import in words (cancelled, silent, crashed), or null when `e` is another error. */
export function stoppedText(name: string, e: unknown, t: (k: string, o?: Record<string, unknown>) => string): string | null {
  if (!(e instanceof WorkerStopped)) return null;
  if (e.reason === 'cancelled') return t('exchange.importCancelled', { name });
  if (e.reason === 'silent') return t('exchange.importSilent', { name, seconds: Math.round((e.silenceMs ?? 0) / 1000) });
  return t('exchange.importCrashed', { name });
}
