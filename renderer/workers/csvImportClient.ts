/**
 * Promise API over the CSV import worker. One worker per CsvImportSession (a picked file): the
 * worker keeps that file's parsed table until the session is closed, and is terminated on close,
 * on cancel (an AbortSignal per call) or when it is silent for CSV_SILENCE_MS. Where module workers are
 * unavailable (jsdom tests) the same job runs on the main thread.
 */
import { createCsvJob, type CsvHead, type CsvJobMessage, type CsvJobRequest } from '../../shared/exchange/csv-job';
import type { AnchorReport, ColumnMapping, FoundValue, ImportKind, ResolvedValues } from '../../shared/exchange/csv-import';
import type { ImportMapping } from '../../shared/model/import-mapping';
import type { Issue } from '../../shared/exchange/issues';
import type { StudyData } from '../../shared/model';
import { createWorkerClient } from './workerClient';

export type CsvPhase = 'parse' | 'validate';
export type CsvProgress = (phase: CsvPhase, done: number, total: number) => void;

export type CsvParseResult = ({ ok: true } & CsvHead) | { ok: false; issues: Issue[] };
export type CsvRecordsResult = { ok: true; records: unknown[]; anchors: AnchorReport } | { ok: false; issues: Issue[] };

/** The value step's answers and the choice for quotes that cannot be anchored. */
export interface CsvImportChoices {
  values?: ResolvedValues;
  unanchored?: 'error' | 'free';
}

export interface CsvImportSession {
  /** Decode + parse the file; the bytes are transferred to the worker (the caller's copy empties). */
  parse(fileName: string, bytes: Uint8Array, progress?: CsvProgress, run?: CsvRunOptions): Promise<CsvParseResult>;
  /** Map + validate every row of the parsed file against `base` (see importBase): records or located issues. */
  records(kind: ImportKind, mapping: ColumnMapping, base: StudyData, now: string, progress?: CsvProgress, run?: CsvRunOptions, choices?: CsvImportChoices): Promise<CsvRecordsResult>;
  /** The distinct values of the mapped columns the study does not know (the value step). */
  values(kind: ImportKind, mapping: ColumnMapping, base: StudyData, remembered?: ImportMapping, run?: CsvRunOptions): Promise<FoundValue[]>;
  close(): void;
}

/** A CSV worker silent this long is stopped (progress comes every few thousand rows). */
export const CSV_SILENCE_MS = 120_000;

export interface CsvRunOptions {
  signal?: AbortSignal;
  silenceMs?: number;
}

export function openCsvImport(opts: { worker?: boolean } = {}): CsvImportSession {
  // One client per session, in its shared mode: one worker that keeps this file's table between
  // `parse` and `records`, stopped on close, cancel or silence (workerClient.ts).
  let job: ReturnType<typeof createCsvJob> | null = null;
  const client = createWorkerClient<CsvJobRequest, CsvJobMessage>({
    name: 'csv',
    create: () => {
      if (opts.worker === false) throw new Error('in-thread');
      return new Worker(new URL('./csv-import.worker.ts', import.meta.url), { type: 'module' });
    },
    fallback: (req, post) => {
      job ??= createCsvJob(post, () => crypto.randomUUID());
      job.handle(req);
    },
    silenceMs: CSV_SILENCE_MS,
  });

  return {
    parse(fileName, bytes, progress = () => undefined, run: CsvRunOptions = {}) {
      return client.run<CsvParseResult>(
        { type: 'parse', fileName, bytes },
        (m, finish) => {
          if (m.type === 'progress') progress('parse', m.done, m.total);
          else if (m.type === 'parsed') finish(m.result);
        },
        { ...run, transfer: [bytes.buffer] },
      );
    },
    records(kind, mapping, base, now, progress = () => undefined, run: CsvRunOptions = {}, choices: CsvImportChoices = {}) {
      const records: unknown[] = [];
      return client.run<CsvRecordsResult>(
        { type: 'import', kind, mapping, base, now, ...choices },
        (m, finish) => {
          if (m.type === 'progress') progress('validate', m.done, m.total);
          else if (m.type === 'records') {
            for (const r of m.records) records.push(r);
          } else if (m.type === 'imported') finish(m.result.ok ? { ok: true, records, anchors: m.result.anchors } : m.result);
        },
        run,
      );
    },
    values(kind, mapping, base, remembered, run: CsvRunOptions = {}) {
      return client.run<FoundValue[]>(
        { type: 'values', kind, mapping, base, ...(remembered ? { remembered } : {}) },
        (m, finish) => {
          if (m.type === 'values') finish(m.values);
        },
        run,
      );
    },
    close() {
      client.terminate();
      job = null;
    },
  };
}
