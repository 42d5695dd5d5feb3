/**
 * What every importer shares: options, the row reader with located, coded issues (the file's own
 * header, the row's line and the value — issue #17 "messages in the user's words"), progress,
 * new ids. Each issue carries nb text in `message` and a code the UI translates with its params.
 */
import type { ValueDimension } from '../../model/import-mapping';
import type { StudyData } from '../../model';
import { unguardCell } from '../guard';
import type { Issue } from '../issues';
import { parseLocaleInteger } from '../numbers';
import { IMPORT_FIELDS, type ColumnMapping, type ImportKind } from './fields';
import type { CsvRow, ParsedCsv } from './read';
import { knownValue, type ResolvedValues } from './values';
import { valueKey } from '../../model/import-mapping';

export interface ImportOptions {
  /** Timestamp for createdAt/updatedAt of new records (tests pass a fixed clock). */
  now: string;
  /**
   * Id for a new record; default a random UUID. An `id` column in the file is never used: an id
   * from a file could name another study's record, and a put would move or overwrite it.
   */
  newId?: (kind: ImportKind, line: number) => string;
  /** Rows checked so far, every PROGRESS_EVERY rows and at the end (a worker reports it to the UI). */
  onProgress?: (done: number, total: number) => void;
  /** The value step's answers (csv/values.ts): value key → id, per dimension. */
  values?: ResolvedValues;
  /**
   * Quotes that cannot be anchored in their transcript: an error each (default), or kept as
   * free-standing quotes (the user chose "keep as free-standing quote").
   */
  unanchored?: 'error' | 'free';
}

/** Rows between two progress reports: frequent enough for a smooth bar, rare enough to cost nothing. */
export const PROGRESS_EVERY = 2000;

/** The rows of a table, reporting progress to `opts.onProgress` as they are taken. */
export function* rowsWithProgress(table: ParsedCsv, opts: ImportOptions): Generator<CsvRow> {
  const total = table.rows.length;
  for (let i = 0; i < total; i++) {
    if (i % PROGRESS_EVERY === 0) opts.onProgress?.(i, total);
    yield table.rows[i] as CsvRow;
  }
  opts.onProgress?.(total, total);
}

type Params = Record<string, string | number>;

/** The file's own header for a field (the field's nb name when it has no column). */
export function columnName(table: ParsedCsv, mapping: ColumnMapping, kind: ImportKind, key: string): string {
  const idx = mapping[key];
  const h = idx !== null && idx !== undefined ? table.headers[idx] : undefined;
  return h !== undefined && h !== '' ? h : (IMPORT_FIELDS[kind].find((f) => f.key === key)?.nb ?? key);
}

/** Reads mapped cells of one row, unguarded and trimmed; collects located, coded issues. */
export function rowReader(table: ParsedCsv, row: CsvRow, mapping: ColumnMapping, kind: ImportKind, issues: Issue[]) {
  const column = (key: string) => columnName(table, mapping, kind, key);
  /** Raw text, unguarded; trimmed unless `keepSpace` (quotes and notes keep their spaces). */
  const get = (key: string, keepSpace = false): string => {
    const idx = mapping[key];
    if (idx === null || idx === undefined) return '';
    const raw = unguardCell(row.cells[idx] ?? '');
    return keepSpace ? raw : raw.trim();
  };
  /** One issue: `code` (`csv.*`) with the column, row and value as params; `message` in nb. */
  const fail = (key: string, code: string, message: string, params: Params = {}): null => {
    const col = column(key);
    issues.push({ file: table.fileName, line: row.line, field: col, code, params: { column: col, row: row.line, value: get(key), ...params }, message });
    return null;
  };
  const required = (key: string): string | null => {
    const v = get(key);
    return v === '' ? fail(key, 'csv.missingValue', 'mangler verdi') : v;
  };
  const int = (key: string, min = 0): number | null => {
    const v = get(key);
    if (v === '') return fail(key, 'csv.missingNumber', 'mangler tall');
    const r = parseLocaleInteger(v);
    if (!r.ok) return fail(key, 'csv.notANumber', `«${v}» er ikke et heltall`);
    return r.value < min ? fail(key, 'csv.tooSmall', `«${v}» må være minst ${min}`, { min }) : r.value;
  };
  return { get, required, int, fail, column };
}

export type RowReader = ReturnType<typeof rowReader>;

const DIMENSION_NB: Record<ValueDimension, string> = {
  group: 'gruppe',
  stage: 'fase',
  situation: 'situasjon',
  actor: 'aktør',
  valence: 'valens',
  kind: 'type',
  code: 'kode',
  format: 'format',
  mode: 'modus',
};

/**
 * A value of a dimension: what the study knows, else the value step's answer, else an issue
 * `csv.unknown.<dimension>` (never a silent "other"). `raw` defaults to the cell (lists pass one item).
 */
export function valueOf(r: RowReader, key: string, dim: ValueDimension, data: StudyData, opts: ImportOptions, raw = r.get(key), paths?: Map<string, string>): string | null {
  const known = knownValue(dim, raw, data, paths);
  if (known !== null) return known;
  const mapped = opts.values?.[dim]?.[valueKey(raw)];
  if (mapped !== undefined) return mapped;
  return r.fail(key, `csv.unknown.${dim}`, `ukjent ${DIMENSION_NB[dim]} «${raw}» (velg en verdi i verditilordningen)`, { value: raw, dimension: dim });
}

export function mappedOrIssue(table: ParsedCsv, mapping: ColumnMapping, kind: ImportKind, keys: readonly string[], issues: Issue[]): void {
  for (const k of keys) {
    const idx = mapping[k];
    const f = IMPORT_FIELDS[kind].find((c) => c.key === k);
    const field = f?.nb ?? k;
    if (idx === null || idx === undefined) issues.push({ file: table.fileName, line: 1, field, code: 'csv.columnMissing', params: { field }, message: `kolonnen for «${field}» mangler (velg en kolonne for feltet)` });
    else if (idx < 0 || idx >= table.headers.length) issues.push({ file: table.fileName, line: 1, field, code: 'csv.columnOutOfRange', params: { field, n: idx + 1 }, message: `kolonne ${idx + 1} finnes ikke` });
  }
}

/** Every imported row is a new record: ids are made here, never taken from the file. */
export function defaultId(): string {
  return globalThis.crypto.randomUUID();
}
