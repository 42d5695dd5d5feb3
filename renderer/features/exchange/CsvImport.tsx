import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, previewCsv, suggestMapping, type ColumnMapping, type ImportKind } from '../../../shared/exchange/csv-import';
import { importBase, type CsvHead } from '../../../shared/exchange/csv-job';
import type { Issue } from '../../../shared/exchange/issues';
import type { Segment, Study, StudyData } from '../../../shared/model';
import { commitAppendSegments, commitReplace } from '../../backup/bulk';
import { db, loadStudyData } from '../../db';
import type { CsvImportSession } from '../../workers/csvImportClient';
import { tracked } from '../../components/SaveIndicator';
import { Field } from '../../components/Field';
import { ImportProgress, IssueList, bulkFailureText, stoppedText, type ImportProgressState } from './common';

const KINDS: readonly ImportKind[] = ['interviews', 'informants', 'segments', 'benchmark'];

/** Fields a kind cannot do without (as csv-import.ts checks them). */
const REQUIRED: Record<ImportKind, readonly string[]> = {
  interviews: ['code', 'group', 'format', 'mode'],
  informants: ['interview', 'participant', 'group'],
  segments: ['interview', 'participant', 'quote', 'start', 'end'],
  benchmark: ['name', 'source', 'year', 'n', 'category', 'percent'],
};

/** Guess what a file holds from its headers: a kind whose required columns are all there, then the most mapped columns. */
export function guessKind(headers: readonly string[]): ImportKind {
  let best: ImportKind = 'interviews';
  let score = -1;
  for (const k of KINDS) {
    const m = suggestMapping(k, headers);
    const complete = REQUIRED[k].every((f) => m[f] !== null && m[f] !== undefined);
    const s = (complete ? 1000 : 0) + Object.values(m).filter((v) => v !== null).length;
    if (s > score) [best, score] = [k, s];
  }
  return best;
}

/**
 * Ids are never taken from a file: record ids are primary keys across studies, so an `id`
 * column (our own export has one) could take another study's records over. New ids instead.
 */
function mappingFor(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  return { ...suggestMapping(kind, headers), id: null };
}

function withRecords(data: StudyData, kind: ImportKind, records: unknown[]): StudyData {
  if (kind === 'segments') return { ...data, segments: [...data.segments, ...(records as StudyData['segments'])] };
  if (kind === 'benchmark') return { ...data, benchmarks: [...data.benchmarks, ...(records as StudyData['benchmarks'])] };
  return { ...data, interviews: [...data.interviews, ...(records as StudyData['interviews'])] };
}

/**
 * Mapping, preview and commit of a parsed CSV file. `head` is the file's first rows (the worker
 * holds the whole table); on commit the worker maps and validates every row and the page writes
 * the records in chunks, with progress.
 */
export function CsvImport({ study, head, session, onDone, onCancel, onStopped }: { study: Study; head: CsvHead; session: CsvImportSession; onDone: (message: string) => void; onCancel: () => void; onStopped?: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const table = head.table;
  const [progress, setProgress] = useState<ImportProgressState | null>(null);
  const [kind, setKind] = useState<ImportKind>(() => guessKind(table.headers));
  const [mapping, setMapping] = useState<ColumnMapping>(() => mappingFor(kind, table.headers));
  const [issues, setIssues] = useState<Issue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // While the worker checks the rows: aborting terminates it (the file must then be opened again).
  const [checking, setChecking] = useState<AbortController | null>(null);
  const preview = useMemo(() => previewCsv(table, kind, 8), [table, kind]);
  const fields = IMPORT_FIELDS[kind].filter((f) => f.key !== 'id');

  function changeKind(k: ImportKind) {
    setKind(k);
    setMapping(mappingFor(k, table.headers));
    setIssues([]);
  }

  async function commit() {
    setBusy(true);
    setIssues([]);
    setError(null);
    try {
      const base = await loadStudyData(db, study.id);
      if (!base) return setError(t('errors.notFound'));
      // Staged: every row is checked (in the worker) before anything is written; any problem → nothing written.
      setProgress({ phase: 'validate', done: 0, total: head.rowCount });
      const abort = new AbortController();
      setChecking(abort);
      const r = await session.records(kind, mapping, importBase(base), new Date().toISOString(), (phase, done, total) => setProgress({ phase, done, total }), { signal: abort.signal }).finally(() => setChecking(null));
      if (!r.ok) return setIssues(r.issues);
      const records = r.records;
      setProgress({ phase: 'backup', done: 0, total: 0 });
      const onProgress = (done: number, total: number) => setProgress({ phase: 'write', done, total });
      // Segments are appended in chunks; the other kinds are small and go through the full replace.
      const w = await tracked(() =>
        kind === 'segments'
          ? commitAppendSegments(study.id, records as Segment[], 'before-import', { onProgress })
          : commitReplace(study.id, withRecords(base, kind, records), 'before-import', { onProgress }),
      );
      if (!w.ok) return setError(bulkFailureText(w, t));
      const imported = t('exchange.csvImported', { count: records.length, file: table.fileName });
      // Imported quotes always arrive as needs review (the gate at the door in): say so.
      onDone(kind === 'segments' ? `${imported} ${t('exchange.review.csvQuotes', { count: records.length })}` : imported);
    } catch (e) {
      const stopped = stoppedText(table.fileName, e, t);
      if (stopped !== null) onStopped?.(stopped);
      else setError(t('exchange.writeFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  return (
    <div className="exchange-stage" data-testid="csv-preview">
      <h3>{t('exchange.csvPreview', { name: table.fileName, rows: head.rowCount })}</h3>
      <div className="form-grid">
        <Field label={t('exchange.csvKind')}>
          <select value={kind} onChange={(e) => changeKind(e.target.value as ImportKind)} data-testid="csv-kind">
            {KINDS.map((k) => (
              <option key={k} value={k}>{t(`exchange.kinds.${k}`)}</option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset className="csv-mapping" data-testid="csv-mapping">
        <legend>{t('exchange.mapping')}</legend>
        <div className="form-grid">
          {fields.map((f) => (
            <Field key={f.key} label={i18n.language === 'en' ? f.en : f.nb}>
              <select
                value={mapping[f.key] ?? ''}
                onChange={(e) => setMapping((m) => ({ ...m, [f.key]: e.target.value === '' ? null : Number(e.target.value) }))}
                data-field={f.key}
              >
                <option value="">{t('exchange.notMapped')}</option>
                {table.headers.map((h, i) => (
                  <option key={i} value={i}>{h || t('exchange.column', { n: i + 1 })}</option>
                ))}
              </select>
            </Field>
          ))}
        </div>
      </fieldset>
      <div className="csv-preview-wrap">
        <table className="data csv-preview-table">
          <caption className="sr-only">{t('exchange.previewCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('exchange.lineCol')}</th>
              {preview.headers.map((h, i) => (
                <th key={i} scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.line}>
                <td className="num">{r.line}</td>
                {preview.headers.map((_, i) => (
                  <td key={i}>{r.cells[i] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {progress ? <ImportProgress state={progress} /> : null}
      {checking ? (
        <div className="toolbar">
          <button type="button" onClick={() => checking.abort()} data-testid="import-cancel">{t('exchange.cancelImport')}</button>
        </div>
      ) : null}
      {issues.length > 0 ? <IssueList issues={issues} /> : null}
      {error ? <p className="notice error" role="alert" data-testid="import-error">{error}</p> : null}
      <div className="toolbar">
        <button type="button" className="primary" disabled={busy} onClick={() => void commit()} data-testid="csv-commit">{t('exchange.csvCommit', { count: head.rowCount })}</button>
        <button type="button" disabled={busy} onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
