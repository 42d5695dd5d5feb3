/**
 * The CSV import as a job for a Web Worker (renderer/workers/csv-import.worker.ts): decode →
 * parse → map → zod validation, off the main thread. At 100,000 rows these steps take seconds
 * (docs/bench.md), which on the main thread is one frozen task. The job keeps the parsed table
 * between the two requests, so the page only ever holds the head of the file (for the mapping
 * preview) and the validated records, which come back in chunks (each chunk's structured clone
 * is its own short task on the receiving side).
 *
 * Pure: no DOM, no worker globals — the worker file passes `post` and `newId`, and the bench and
 * jsdom tests run the same job in-thread.
 */
import type { StudyData } from '../model';
import { decodeCsv, importCsv, parseCsv, scanValues, type AnchorReport, type ColumnMapping, type FoundValue, type ImportKind, type ParsedCsv, type ResolvedValues } from './csv-import';
import type { ImportMapping } from '../model/import-mapping';
import { issue } from '../issues';
import type { Issue } from './issues';

/** Rows the page receives for the preview (CsvImport shows 8). */
export const HEAD_ROWS = 20;
/** Records per `records` message. */
export const RECORDS_PER_MESSAGE = 2000;

export type CsvJobRequest =
  | { id: number; type: 'parse'; fileName: string; bytes: Uint8Array }
  | { id: number; type: 'import'; kind: ImportKind; mapping: ColumnMapping; base: StudyData; now: string; values?: ResolvedValues; unanchored?: 'error' | 'free' }
  | { id: number; type: 'values'; kind: ImportKind; mapping: ColumnMapping; base: StudyData; remembered?: ImportMapping };

/** The file's head (rows cut to HEAD_ROWS) and how many data rows the whole file has. */
export interface CsvHead {
  table: ParsedCsv;
  rowCount: number;
}

export type CsvJobMessage =
  | { id: number; type: 'parsed'; result: ({ ok: true } & CsvHead) | { ok: false; issues: Issue[] } }
  | { id: number; type: 'progress'; phase: 'parse' | 'validate'; done: number; total: number }
  | { id: number; type: 'records'; records: unknown[] }
  | { id: number; type: 'imported'; result: { ok: true; count: number; anchors: AnchorReport } | { ok: false; issues: Issue[] } }
  | { id: number; type: 'values'; values: FoundValue[] }
  | { id: number; type: 'error'; message: string };

/**
 * The parts of a study the import reads (frames, codebook, interviews, transcripts for the quote
 * check): segments, audit, pseudonyms and terms stay on the page — cloning 50,000 segments into
 * the worker would itself be a long task, and pseudonyms never need to leave the database.
 */
export function importBase(data: StudyData): StudyData {
  return { ...data, segments: [], audit: [], terms: [], pseudonyms: [], overrides: [] };
}

export interface CsvJob {
  handle(req: CsvJobRequest): void;
}

/** One job per worker; `newId` names new records (the worker passes crypto.randomUUID). */
export function createCsvJob(post: (m: CsvJobMessage) => void, newId: () => string): CsvJob {
  let table: ParsedCsv | null = null;

  function parse(req: Extract<CsvJobRequest, { type: 'parse' }>): void {
    table = null;
    post({ id: req.id, type: 'progress', phase: 'parse', done: 0, total: 1 });
    const dec = decodeCsv(req.bytes, req.fileName);
    if (!dec.ok) return post({ id: req.id, type: 'parsed', result: dec });
    const parsed = parseCsv(dec.text, req.fileName, (done, total) => post({ id: req.id, type: 'progress', phase: 'parse', done, total }));
    if (!parsed.ok) return post({ id: req.id, type: 'parsed', result: parsed });
    table = parsed.table;
    post({ id: req.id, type: 'progress', phase: 'parse', done: 1, total: 1 });
    post({ id: req.id, type: 'parsed', result: { ok: true, table: { ...table, rows: table.rows.slice(0, HEAD_ROWS) }, rowCount: table.rows.length } });
  }

  function runImport(req: Extract<CsvJobRequest, { type: 'import' }>): void {
    if (!table) return post({ id: req.id, type: 'error', message: 'no CSV file parsed' });
    const r = importCsv(req.kind, table, req.mapping, req.base, {
      now: req.now,
      ...(req.values ? { values: req.values } : {}),
      ...(req.unanchored ? { unanchored: req.unanchored } : {}),
      newId: () => newId(),
      onProgress: (done, total) => post({ id: req.id, type: 'progress', phase: 'validate', done, total }),
    });
    if (!r.ok) return post({ id: req.id, type: 'imported', result: r });
    const records = r.records as unknown[];
    for (let i = 0; i < records.length; i += RECORDS_PER_MESSAGE) {
      post({ id: req.id, type: 'records', records: records.slice(i, i + RECORDS_PER_MESSAGE) });
    }
    post({ id: req.id, type: 'imported', result: { ok: true, count: records.length, anchors: r.anchors } });
  }

  /** The value step: every distinct value the study does not know, once, with count and suggestion. */
  function values(req: Extract<CsvJobRequest, { type: 'values' }>): void {
    if (!table) return post({ id: req.id, type: 'error', message: 'no CSV file parsed' });
    post({ id: req.id, type: 'values', values: scanValues(req.kind, table, req.mapping, req.base, req.remembered) });
  }

  return {
    handle(req) {
      try {
        if (req.type === 'parse') parse(req);
        else if (req.type === 'values') values(req);
        else runImport(req);
      } catch (e) {
        // The boundary: a parser exception on a hostile file is a located issue, not a crash.
        const detail = (e instanceof Error ? e.message : String(e)).slice(0, 200);
        const issues: Issue[] = [issue('import.unreadable', { detail }, { file: req.type === 'parse' ? req.fileName : (table?.fileName ?? 'CSV') })];
        if (req.type === 'parse') post({ id: req.id, type: 'parsed', result: { ok: false, issues } });
        else post({ id: req.id, type: 'imported', result: { ok: false, issues } });
      }
    },
  };
}
