/**
 * CSV import: bytes → text → rows with 1-based line numbers (csv/read.ts) → a suggested column
 * mapping (csv/fields.ts) → the value step (csv/values.ts) → records, all-or-nothing (any issue →
 * no records, every issue located by the file's own header, row and value). One importer per kind
 * in a typed table; ids are never read from a file (`importCsv` drops any `id` mapping).
 */
import type { Benchmark, Interview, Segment, StudyData } from '../model';
import type { Issue } from './issues';
import { importBenchmarks } from './csv/benchmark';
import type { ColumnMapping, ImportKind } from './csv/fields';
import { importInformants, importInterviews } from './csv/interviews';
import type { ParsedCsv } from './csv/read';
import { CSV_ROW_LIMITS } from './csv/read';
import type { ImportOptions } from './csv/rows';
import { emptyAnchorReport, importSegments, type AnchorReport } from './csv/segments';

export * from './csv/read';
export * from './csv/fields';
export { PROGRESS_EVERY, type ImportOptions } from './csv/rows';
export { scanValues, applyValueChoices, rememberMapping, suggestValue, valueOptions, knownValue, VALUE_FIELDS, FIXED_DIMENSIONS, type FoundValue, type ResolvedValues, type ValueOption } from './csv/values';
export { settleFuzzy, emptyAnchorReport, type AnchorReport } from './csv/segments';
export { FUZZY_THRESHOLD } from './csv/anchor';

export interface ImportRecords {
  interviews: Interview[];
  informants: Interview[];
  segments: Segment[];
  benchmark: Benchmark[];
}

export type ImportResult<K extends ImportKind> = { ok: true; records: ImportRecords[K]; anchors: AnchorReport } | { ok: false; issues: Issue[] };

type Importer<K extends ImportKind> = (table: ParsedCsv, mapping: ColumnMapping, data: StudyData, opts: ImportOptions, issues: Issue[], anchors: AnchorReport) => ImportRecords[K];

/** One importer per kind: the compiler checks each returns its kind's records. */
const IMPORTERS: { [K in ImportKind]: Importer<K> } = {
  interviews: importInterviews,
  informants: importInformants,
  segments: importSegments,
  benchmark: importBenchmarks,
};

/** All-or-nothing: any issue in any row means no records at all. */
export function importCsv<K extends ImportKind>(kind: K, table: ParsedCsv, mapping: ColumnMapping, study: StudyData, opts: ImportOptions): ImportResult<K> {
  const cap = CSV_ROW_LIMITS[kind];
  if (table.rows.length > cap) {
    const line = table.rows[cap]?.line;
    return { ok: false, issues: [{ file: table.fileName, ...(line !== undefined ? { line } : {}), code: 'csv.tooManyRowsForKind', params: { count: table.rows.length, limit: cap }, message: `Filen har ${table.rows.length} rader; grensen for denne typen er ${cap}. Del den i flere filer.` }] };
  }
  // Ids are primary keys across studies: an `id` column could take another study's records over.
  const safe: ColumnMapping = { ...mapping, id: null };
  const issues: Issue[] = [];
  const anchors = emptyAnchorReport();
  const importer = IMPORTERS[kind] as Importer<K>;
  const records = importer(table, safe, study, opts, issues, anchors);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, records, anchors };
}
