/**
 * Reading a CSV file: bytes → text (decodeCsv) → rows with 1-based line numbers (parseCsv).
 * Hostile files stop early at the caps below.
 */
import Papa from 'papaparse';
import { controlShare, guessBomlessUtf16, startsWithBytes } from '../../text/decode';
import { decodeText, type TextEncodingName } from '../decode';
import type { Issue } from '../issues';

export type DecodeResult = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; issues: Issue[] };

const MiB = 1024 * 1024;

/**
 * Caps for a CSV file, checked while reading so a hostile file stops early. Bytes: a 2,000,000-row
 * segment export is ~160 MB; 512 MiB is below the longest string V8 can hold. Rows: above the scale
 * issue's 500,000 segments with room for 2,000,000. Columns: the widest export has 21; the mapping
 * screen lists every column per field, so 300 keeps it usable.
 */
export const CSV_LIMITS = { maxBytes: 512 * MiB, maxRows: 2_500_000, maxColumns: 300 } as const;

/** Data rows per import kind (segments use the file cap). */
export const CSV_ROW_LIMITS: Record<'interviews' | 'informants' | 'segments' | 'benchmark', number> = {
  interviews: 100_000,
  informants: 100_000,
  segments: CSV_LIMITS.maxRows,
  benchmark: 100_000,
};

const ZIP_SIG = [0x50, 0x4b, 0x03, 0x04];
const CFB_SIG = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function csvIssue(file: string, code: string, message: string, params: Record<string, string | number> = {}): { ok: false; issues: Issue[] } {
  return { ok: false, issues: [{ file, code, params, message }] };
}

export function decodeCsv(bytes: Uint8Array, fileName: string): DecodeResult {
  if (bytes.length === 0) return csvIssue(fileName, 'csv.empty', 'Filen er tom');
  if (bytes.length > CSV_LIMITS.maxBytes) {
    return csvIssue(fileName, 'csv.tooLarge', `Filen er ${Math.round(bytes.length / MiB)} MB; grensen for CSV er ${CSV_LIMITS.maxBytes / MiB} MB. Del den i flere filer.`, { size: bytes.length, limit: CSV_LIMITS.maxBytes });
  }
  if (startsWithBytes(bytes, ZIP_SIG)) return csvIssue(fileName, 'csv.zip', 'Filen er en Excel-arbeidsbok (.xlsx) eller et zip-arkiv, ikke CSV. Lagre som «CSV UTF-8» i Excel.');
  if (startsWithBytes(bytes, CFB_SIG)) return csvIssue(fileName, 'csv.office', 'Filen er en gammel Excel- eller Office-fil (.xls), ikke CSV. Lagre som «CSV UTF-8» i Excel.');
  const hasBom = startsWithBytes(bytes, [0xff, 0xfe]) || startsWithBytes(bytes, [0xfe, 0xff]);
  if (!hasBom && guessBomlessUtf16(bytes)) {
    return csvIssue(fileName, 'csv.utf16NoBom', 'Filen ser ut til å være UTF-16 uten byte-rekkefølgemerke (BOM), som ikke kan leses sikkert. Lagre den som «CSV UTF-8».');
  }
  const head = bytes.subarray(0, 64 * 1024);
  // A genuine cell may hold a stray NUL or control character; binary data is full of them.
  if (!hasBom && head.filter((b) => b === 0).length > head.length * 0.01) {
    return csvIssue(fileName, 'csv.binary', 'Filen inneholder NUL-byte og ser ut til å være en binærfil, ikke CSV-tekst.');
  }
  const { text, encoding } = decodeText(bytes);
  if (controlShare(text.slice(0, 64 * 1024)) > 0.05) return csvIssue(fileName, 'csv.binary', 'Filen ser ut til å være en binærfil, ikke CSV-tekst.');
  return { ok: true, text, encoding };
}

export interface CsvRow {
  /** 1-based line in the file where the row starts (quoted newlines counted). */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  fileName: string;
  delimiter: string;
  headers: string[];
  /** Data rows (the header row excluded). */
  rows: CsvRow[];
}

export type ParseResult = { ok: true; table: ParsedCsv } | { ok: false; issues: Issue[] };

/** Offsets at which each line starts; `\r\n`, `\n` and a lone `\r` each end a line. */
function lineStartOffsets(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) out.push(i + 1);
  }
  return out;
}

function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Skips whitespace-only lines from `pos` (what `skipEmptyLines: 'greedy'` skips). */
function skipBlankLines(text: string, pos: number): number {
  const re = /[ \t]*(\r\n|\n|\r)/y;
  for (;;) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return pos;
    pos = re.lastIndex;
  }
}

/**
 * Parses CSV text. Honours a first line `sep=;` (Excel's hint), guesses among `; \t ,` (the order
 * matters: a one-row nb file with `1 234,50` is otherwise read as comma-separated, STACK.md), skips
 * blank lines, keeps quoted newlines. Line numbers are computed here from PapaParse's cursor,
 * because its error `row` counts differ by error type and with quoted newlines (measured).
 */
export function parseCsv(text: string, fileName: string, onProgress?: (done: number, total: number) => void): ParseResult {
  let body = text.replace(/^\uFEFF/, '');
  let lineOffset = 0;
  let delimiter: string | undefined;
  const sep = /^sep=(.)[ \t]*(\r\n|\n|\r)/i.exec(body);
  if (sep) {
    delimiter = sep[1];
    body = body.slice(sep[0].length);
    lineOffset = 1;
  }
  const starts = lineStartOffsets(body);
  const rows: CsvRow[] = [];
  const issues: Issue[] = [];
  let pos = 0;
  let detected = delimiter ?? '';
  let stopped = false;
  Papa.parse<string[]>(body, {
    ...(delimiter ? { delimiter } : { delimitersToGuess: [';', '\t', ','] }),
    skipEmptyLines: 'greedy',
    step: (r, parser) => {
      if (stopped) return;
      if (r.data.length > CSV_LIMITS.maxColumns) {
        stopped = true;
        issues.push({ file: fileName, line: lineAt(starts, skipBlankLines(body, pos)) + lineOffset, code: 'csv.tooManyColumns', params: { count: r.data.length, limit: CSV_LIMITS.maxColumns }, message: `Raden har ${r.data.length} kolonner; grensen er ${CSV_LIMITS.maxColumns}` });
        parser.abort();
        return;
      }
      if (rows.length > CSV_LIMITS.maxRows) {
        stopped = true;
        issues.push({ file: fileName, line: lineAt(starts, skipBlankLines(body, pos)) + lineOffset, code: 'csv.tooManyRows', params: { limit: CSV_LIMITS.maxRows }, message: `Filen har mer enn ${CSV_LIMITS.maxRows} rader; del den i flere filer` });
        parser.abort();
        return;
      }
      const rowStart = skipBlankLines(body, pos);
      const line = lineAt(starts, rowStart) + lineOffset;
      pos = r.meta.cursor;
      detected = r.meta.delimiter;
      for (const e of r.errors) {
        if (e.code === 'UndetectableDelimiter') continue;
        if (issues.length >= 200) break;
        issues.push({ file: fileName, line, message: `CSV-feil: ${e.message}` });
      }
      rows.push({ line, cells: r.data });
      // Every 20,000 rows: how far (in characters) the parse is, so a long genuine file shows
      // progress and its worker is never taken for a silent one.
      if (onProgress && rows.length % 20_000 === 0) onProgress(pos, body.length);
    },
  });
  // The step callback may not carry UndetectableDelimiter, so probe the head once more.
  if (!delimiter) {
    const probe = Papa.parse(body.slice(0, 64 * 1024), { delimitersToGuess: [';', '\t', ','], skipEmptyLines: 'greedy', preview: 10 });
    if (probe.errors.some((e) => e.code === 'UndetectableDelimiter')) {
      issues.push({ file: fileName, line: 1 + lineOffset, message: 'Fant ikke skilletegnet (bruk ; , eller tabulator, eller en første linje «sep=;»)' });
    }
  }
  if (rows.length === 0) issues.push({ file: fileName, message: 'Filen har ingen rader' });
  if (issues.length > 0) return { ok: false, issues };
  const [head, ...data] = rows as [CsvRow, ...CsvRow[]];
  return { ok: true, table: { fileName, delimiter: detected, headers: head.cells.map((h) => h.trim()), rows: data } };
}

