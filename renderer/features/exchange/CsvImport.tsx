import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  applyValueChoices,
  guessKind,
  headerKey,
  IMPORT_FIELDS,
  IMPORT_KINDS,
  missingRequired,
  previewCsv,
  rememberMapping,
  REQUIRED_FIELDS,
  settleFuzzy,
  suggestMapping,
  type AnchorReport,
  type ColumnMapping,
  type FoundValue,
  type ImportKind,
} from '../../../shared/exchange/csv-import';
import { importBase, type CsvHead } from '../../../shared/exchange/csv-job';
import type { Issue } from '../../../shared/exchange/issues';
import type { ImportMapping, ValueChoice } from '../../../shared/model/import-mapping';
import type { Segment, Study, StudyData } from '../../../shared/model';
import { commitAppendSegments, commitReplace } from '../../backup/bulk';
import { db, loadStudyData, saveStudy } from '../../db';
import { platform } from '../../platform';
import type { CsvImportSession } from '../../workers/csvImportClient';
import { tracked } from '../../components/SaveIndicator';
import { Field } from '../../components/Field';
import { ImportProgress, IssueList, bulkFailureText, fileStem, stoppedText, type ImportProgressState } from './common';
import { CsvFuzzy, CsvValues, foundId } from './CsvValues';

export { guessKind };

/** The file's head → a column mapping: the study's remembered header choices, headers, then content. */
function mappingFor(kind: ImportKind, head: CsvHead['table'], study: Study): ColumnMapping {
  return suggestMapping(kind, head.headers, head.rows, study.importMapping?.columns[kind] ?? {});
}

function withRecords(data: StudyData, kind: ImportKind, records: unknown[]): StudyData {
  if (kind === 'segments') return { ...data, segments: [...data.segments, ...(records as StudyData['segments'])] };
  if (kind === 'benchmark') return { ...data, benchmarks: [...data.benchmarks, ...(records as StudyData['benchmarks'])] };
  return { ...data, interviews: [...data.interviews, ...(records as StudyData['interviews'])] };
}

/** The value step's choices as the stored mapping keeps them: per dimension, value key → choice. */
function choicesByDimension(found: readonly FoundValue[], choices: Readonly<Record<string, ValueChoice | null>>): ImportMapping['values'] {
  const out: ImportMapping['values'] = {};
  for (const v of found) {
    const c = choices[foundId(v)];
    if (!c) continue;
    (out[v.dimension] ??= {})[v.key] = c;
  }
  return out;
}

type Step =
  | { kind: 'columns' }
  | { kind: 'values'; found: FoundValue[]; base: StudyData }
  | { kind: 'fuzzy'; records: Segment[]; anchors: AnchorReport; extended: StudyData; found: FoundValue[] };

/**
 * Column mapping, the value step, fuzzy-match confirmation and commit of a parsed CSV file.
 * `head` is the file's first rows (the worker holds the whole table); on commit the worker maps
 * and validates every row and the page writes the records in chunks, with progress.
 */
export function CsvImport({ study, head, session, onDone, onCancel, onStopped }: { study: Study; head: CsvHead; session: CsvImportSession; onDone: (message: string) => void; onCancel: () => void; onStopped?: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const table = head.table;
  const [progress, setProgress] = useState<ImportProgressState | null>(null);
  const [kind, setKind] = useState<ImportKind>(() => guessKind(table.headers, table.rows));
  const [mapping, setMapping] = useState<ColumnMapping>(() => mappingFor(kind, table, study));
  const [issues, setIssues] = useState<Issue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'columns' });
  const [choices, setChoices] = useState<Record<string, ValueChoice | null>>({});
  const [keepFree, setKeepFree] = useState(false);
  const [confirmed, setConfirmed] = useState<Set<number>>(new Set());
  const [threshold, setThreshold] = useState(0.9);
  // While the worker checks the rows: aborting terminates it (the file must then be opened again).
  const [checking, setChecking] = useState<AbortController | null>(null);
  const preview = useMemo(() => previewCsv(table, kind, 8), [table, kind]);
  const fields = IMPORT_FIELDS[kind].filter((f) => f.key !== 'id');
  const missing = missingRequired(kind, mapping);
  const unchosen = step.kind === 'values' ? step.found.filter((v) => !choices[foundId(v)]).length : 0;
  const canKeepFree = issues.length > 0 && issues.every((i) => i.code === 'csv.quoteNotFound');

  function changeKind(k: ImportKind) {
    setKind(k);
    setMapping(mappingFor(k, table, study));
    setIssues([]);
    setStep({ kind: 'columns' });
  }

  async function loadBase(): Promise<StudyData | null> {
    const base = await loadStudyData(db, study.id);
    if (!base) setError(t('errors.notFound'));
    return base ?? null;
  }

  /** Columns chosen: list the values the study does not know, or go on when there are none to ask. */
  async function next() {
    setBusy(true);
    setIssues([]);
    setError(null);
    try {
      const base = await loadBase();
      if (!base) return;
      const found = await session.values(kind, mapping, importBase(base), base.study.importMapping);
      const initial: Record<string, ValueChoice | null> = {};
      for (const v of found) initial[foundId(v)] = v.remembered ?? (v.suggestion ? { to: v.suggestion } : null);
      setChoices(initial);
      if (found.some((v) => !v.remembered)) {
        setStep({ kind: 'values', found, base });
        return;
      }
      await run(base, found, initial, keepFree);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  function fail(e: unknown) {
    const stopped = stoppedText(table.fileName, e, t);
    if (stopped !== null) onStopped?.(stopped);
    else setError(t('exchange.writeFailed', { message: e instanceof Error ? e.message : String(e) }));
  }

  /** Every row checked in the worker with the value step's answers; fuzzy matches asked; then written. */
  async function run(base: StudyData, found: FoundValue[], chosen: Record<string, ValueChoice | null>, free: boolean) {
    const values = choicesByDimension(found, chosen);
    const { data: extended, resolved } = applyValueChoices(base, values, () => crypto.randomUUID());
    setProgress({ phase: 'validate', done: 0, total: head.rowCount });
    const abort = new AbortController();
    setChecking(abort);
    try {
      const r = await session
        .records(kind, mapping, importBase(extended), new Date().toISOString(), (phase, done, total) => setProgress({ phase, done, total }), { signal: abort.signal }, { values: resolved, unanchored: free ? 'free' : 'error' })
        .finally(() => setChecking(null));
      if (!r.ok) return setIssues(r.issues);
      if (kind === 'segments' && r.anchors.fuzzy.length > 0) {
        setConfirmed(new Set());
        setStep({ kind: 'fuzzy', records: r.records as Segment[], anchors: r.anchors, extended, found });
        return;
      }
      await write(base, extended, found, chosen, r.records);
    } finally {
      setProgress(null);
    }
  }

  async function write(base: StudyData, extended: StudyData, found: FoundValue[], chosen: Record<string, ValueChoice | null>, records: unknown[]) {
    const remembered = rememberMapping(base.study.importMapping, kind, table.headers, mapping, choicesByDimension(found, chosen), headerKey);
    const target: StudyData = { ...extended, study: { ...extended.study, importMapping: remembered } };
    setProgress({ phase: 'backup', done: 0, total: 0 });
    const onProgress = (done: number, total: number) => setProgress({ phase: 'write', done, total });
    const framesGrew = extended.codes.length !== base.codes.length || JSON.stringify([extended.study.groups, extended.study.stages, extended.study.situations, extended.study.actors]) !== JSON.stringify([base.study.groups, base.study.stages, base.study.situations, base.study.actors]);
    // Segments are appended in chunks (then the study remembers the mapping); added frames or
    // codes, and the other (small) kinds, go through the full replace.
    const w = await tracked(async () => {
      if (kind !== 'segments' || framesGrew) return commitReplace(study.id, withRecords(target, kind, records), 'before-import', { onProgress });
      const a = await commitAppendSegments(study.id, records as Segment[], 'before-import', { onProgress });
      if (!a.ok) return a;
      const s = await saveStudy(db, target.study);
      return s.ok ? a : s;
    });
    setProgress(null);
    if (!w.ok) return setError(bulkFailureText(w, t));
    const imported = t('exchange.csvImported', { count: records.length, file: table.fileName });
    // Imported quotes always arrive as needs review (the gate at the door in): say so.
    onDone(kind === 'segments' ? `${imported} ${t('exchange.review.csvQuotes', { count: records.length })}` : imported);
  }

  async function withBusy(f: () => Promise<void>) {
    setBusy(true);
    setIssues([]);
    setError(null);
    try {
      await f();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  const commitValues = (free = keepFree) =>
    withBusy(async () => {
      const base = await loadBase();
      if (!base) return;
      await run(base, step.kind === 'columns' ? [] : step.found, choices, free);
    });

  const commitFuzzy = () =>
    withBusy(async () => {
      if (step.kind !== 'fuzzy') return;
      const base = await loadBase();
      if (!base) return;
      await write(base, step.extended, step.found, choices, settleFuzzy(step.records, step.anchors, confirmed));
    });

  async function downloadMapping() {
    const found = step.kind === 'columns' ? [] : step.found;
    const json = rememberMapping(study.importMapping, kind, table.headers, mapping, choicesByDimension(found, choices), headerKey);
    const r = await platform.saveFile(new TextEncoder().encode(`${JSON.stringify(json, null, 2)}\n`), `${fileStem(study.title)}-mapping.json`, [{ name: 'JSON', extensions: ['json'] }]);
    if (!r.ok && r.reason !== 'cancelled') setError(r.message);
  }

  return (
    <div className="exchange-stage" data-testid="csv-preview" data-step={step.kind}>
      <h3>{t('exchange.csvPreview', { name: table.fileName, rows: head.rowCount })}</h3>
      <div className="form-grid">
        <Field label={t('exchange.csvKind')}>
          <select value={kind} disabled={step.kind !== 'columns'} onChange={(e) => changeKind(e.target.value as ImportKind)} data-testid="csv-kind">
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>{t(`exchange.kinds.${k}`)}</option>
            ))}
          </select>
        </Field>
      </div>
      {step.kind === 'columns' ? (
        <>
          <fieldset className="csv-mapping" data-testid="csv-mapping">
            <legend>{t('exchange.mapping')}</legend>
            <div className="form-grid">
              {fields.map((f) => (
                <Field key={f.key} label={`${i18n.language === 'en' ? f.en : f.nb}${REQUIRED_FIELDS[kind].includes(f.key) ? ' *' : ''}`}>
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
            {missing.length > 0 ? (
              <p className="notice warn" data-testid="csv-missing">
                {t('exchange.values.missingColumns', { fields: missing.map((k) => { const f = IMPORT_FIELDS[kind].find((c) => c.key === k); return i18n.language === 'en' ? (f?.en ?? k) : (f?.nb ?? k); }).join(', ') })}
              </p>
            ) : null}
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
        </>
      ) : null}
      {step.kind === 'values' ? (
        <>
          <p>{t('exchange.values.intro', { count: step.found.length })}</p>
          <CsvValues values={step.found} choices={choices} base={step.base} onChoose={(id, c) => setChoices((m) => ({ ...m, [id]: c }))} />
          {unchosen > 0 ? <p className="notice warn" data-testid="csv-values-left">{t('exchange.values.left', { count: unchosen })}</p> : null}
        </>
      ) : null}
      {step.kind === 'fuzzy' ? <CsvFuzzy anchors={step.anchors} confirmed={confirmed} onConfirm={setConfirmed} threshold={threshold} onThreshold={setThreshold} /> : null}
      {progress ? <ImportProgress state={progress} /> : null}
      {checking ? (
        <div className="toolbar">
          <button type="button" onClick={() => checking.abort()} data-testid="import-cancel">{t('exchange.cancelImport')}</button>
        </div>
      ) : null}
      {issues.length > 0 ? <IssueList issues={issues} /> : null}
      {canKeepFree ? (
        <div className="toolbar">
          <button type="button" disabled={busy} data-testid="csv-keep-free" onClick={() => { setKeepFree(true); void commitValues(true); }}>{t('exchange.anchor.keepFree', { count: issues.length })}</button>
        </div>
      ) : null}
      {error ? <p className="notice error" role="alert" data-testid="import-error">{error}</p> : null}
      <div className="toolbar">
        {step.kind === 'columns' ? (
          <button type="button" className="primary" disabled={busy || missing.length > 0} onClick={() => void next()} data-testid="csv-commit">{t('exchange.csvCommit', { count: head.rowCount })}</button>
        ) : step.kind === 'values' ? (
          <button type="button" className="primary" disabled={busy || unchosen > 0} onClick={() => void commitValues()} data-testid="csv-values-commit">{t('exchange.values.commit', { count: head.rowCount })}</button>
        ) : (
          <button type="button" className="primary" disabled={busy} onClick={() => void commitFuzzy()} data-testid="csv-fuzzy-commit">{t('exchange.anchor.commit', { count: confirmed.size, total: step.anchors.fuzzy.length })}</button>
        )}
        {step.kind !== 'columns' ? <button type="button" disabled={busy} onClick={() => setStep({ kind: 'columns' })} data-testid="csv-back">{t('exchange.values.back')}</button> : null}
        <button type="button" disabled={busy} onClick={() => void downloadMapping()} data-testid="csv-mapping-download">{t('exchange.values.download')}</button>
        <button type="button" disabled={busy} onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
