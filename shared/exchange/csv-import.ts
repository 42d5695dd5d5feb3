/**
 * CSV import: bytes → text → rows with 1-based line numbers → a preview with a suggested column
 * mapping → records, all-or-nothing (any issue → no records, every issue located).
 */
import Papa from 'papaparse';
import {
  Benchmark,
  CounsellorCategory,
  Interview,
  participantsFor,
  Segment,
  type StudyData,
} from '../model';
import { controlShare, guessBomlessUtf16, startsWithBytes } from '../text/decode';
import { decodeText, type TextEncodingName } from './decode';
import { unguardCell } from './guard';
import type { Issue } from './issues';
import { parseDate, parseLocaleInteger, parseLocaleNumber } from './numbers';
import { codePaths, findFrame } from './paths';
import { COLUMNS, LIST_SEP, type Column } from './csv-export';
import { CATEGORY_NB, FORMAT_NB, KIND_NB, MODE_NB, STATUS_NB, fromVocab, parseYesNo } from './vocab';

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

export type ImportKind = 'interviews' | 'informants' | 'segments' | 'benchmark';

/** Field keys per import kind (what a mapping maps to a column index). */
export const BENCHMARK_COLUMNS: Column[] = [
  { key: 'name', nb: 'navn', en: 'name' },
  { key: 'source', nb: 'kilde', en: 'source' },
  { key: 'year', nb: 'år', en: 'year' },
  { key: 'n', nb: 'n', en: 'n' },
  { key: 'population', nb: 'populasjon', en: 'population' },
  { key: 'question', nb: 'spørsmål', en: 'question' },
  { key: 'category', nb: 'kategori', en: 'category' },
  { key: 'percent', nb: 'prosent', en: 'percent' },
  { key: 'mapsTo', nb: 'tilsvarer', en: 'maps to' },
];

export const IMPORT_FIELDS: Record<ImportKind, Column[]> = {
  interviews: COLUMNS.interviews,
  informants: COLUMNS.informants,
  segments: COLUMNS.segments,
  benchmark: BENCHMARK_COLUMNS,
};

/** Extra header spellings people use (lower-case). */
const SYNONYMS: Record<string, string[]> = {
  interview: ['intervjukode', 'interview code', 'kode'],
  code: ['intervjukode', 'interview code', 'intervju'],
  participant: ['informant', 'deltakar'],
  quote: ['utdrag', 'tekst', 'text'],
  coder: ['koder (person)', 'coder'],
  valence: ['vurdering', 'opplevelse'],
  participants: ['antall deltakere', 'participant count'],
  percent: ['andel', '%'],
};

export type ColumnMapping = Record<string, number | null>;

/** Suggests, per field, the column whose header matches its nb or en name (or a known synonym). */
export function suggestMapping(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  const norm = headers.map((h) => h.trim().toLowerCase());
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  for (const f of IMPORT_FIELDS[kind]) {
    const names = [f.nb, f.en, f.key, ...(SYNONYMS[f.key] ?? [])].map((n) => n.toLowerCase());
    const idx = names.map((n) => norm.findIndex((h, i) => h === n && !used.has(i))).find((i) => i >= 0);
    mapping[f.key] = idx === undefined ? null : idx;
    if (idx !== undefined) used.add(idx);
  }
  return mapping;
}

export interface CsvPreview {
  fileName: string;
  delimiter: string;
  headers: string[];
  rows: CsvRow[];
  rowCount: number;
  mapping: ColumnMapping;
}

export function previewCsv(table: ParsedCsv, kind: ImportKind, maxRows = 10): CsvPreview {
  return {
    fileName: table.fileName,
    delimiter: table.delimiter,
    headers: table.headers,
    rows: table.rows.slice(0, maxRows),
    rowCount: table.rows.length,
    mapping: suggestMapping(kind, table.headers),
  };
}

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
}

/** Rows between two progress reports: frequent enough for a smooth bar, rare enough to cost nothing. */
export const PROGRESS_EVERY = 2000;

/** The rows of a table, reporting progress to `opts.onProgress` as they are taken. */
function* rowsWithProgress(table: ParsedCsv, opts: ImportOptions): Generator<CsvRow> {
  const total = table.rows.length;
  for (let i = 0; i < total; i++) {
    if (i % PROGRESS_EVERY === 0) opts.onProgress?.(i, total);
    yield table.rows[i] as CsvRow;
  }
  opts.onProgress?.(total, total);
}

export interface ImportRecords {
  interviews: Interview[];
  informants: Interview[];
  segments: Segment[];
  benchmark: Benchmark[];
}

export type ImportResult<K extends ImportKind> = { ok: true; records: ImportRecords[K] } | { ok: false; issues: Issue[] };

/** Reads mapped cells of one row, unguarded and trimmed; collects located issues. */
function rowReader(table: ParsedCsv, row: CsvRow, mapping: ColumnMapping, kind: ImportKind, issues: Issue[]) {
  const fieldName = (key: string): string => {
    const idx = mapping[key];
    return (idx !== null && idx !== undefined ? table.headers[idx] : undefined) ?? IMPORT_FIELDS[kind].find((f) => f.key === key)?.nb ?? key;
  };
  const fail = (key: string, message: string): null => {
    issues.push({ file: table.fileName, line: row.line, field: fieldName(key), message });
    return null;
  };
  /** Raw text, unguarded; trimmed unless `keepSpace` (quotes and notes keep their spaces). */
  const get = (key: string, keepSpace = false): string => {
    const idx = mapping[key];
    if (idx === null || idx === undefined) return '';
    const raw = unguardCell(row.cells[idx] ?? '');
    return keepSpace ? raw : raw.trim();
  };
  const required = (key: string): string | null => {
    const v = get(key);
    return v === '' ? fail(key, 'mangler verdi') : v;
  };
  const int = (key: string, min = 0): number | null => {
    const v = get(key);
    if (v === '') return fail(key, 'mangler tall');
    const r = parseLocaleInteger(v);
    if (!r.ok) return fail(key, r.message);
    return r.value < min ? fail(key, `må være minst ${min}`) : r.value;
  };
  return { get, required, int, fail, fieldName };
}

function mappedOrIssue(table: ParsedCsv, mapping: ColumnMapping, keys: readonly string[], issues: Issue[]): void {
  for (const k of keys) {
    const idx = mapping[k];
    if (idx === null || idx === undefined) issues.push({ file: table.fileName, line: 1, field: k, message: 'kolonnen mangler (velg en kolonne for feltet)' });
    else if (idx < 0 || idx >= table.headers.length) issues.push({ file: table.fileName, line: 1, field: k, message: `kolonne ${idx + 1} finnes ikke` });
  }
}

/** Every imported row is a new record: ids are made here, never taken from the file. */
function defaultId(): string {
  return globalThis.crypto.randomUUID();
}

function importInterviews(table: ParsedCsv, mapping: ColumnMapping, data: StudyData, opts: ImportOptions, issues: Issue[]): Interview[] {
  mappedOrIssue(table, mapping, ['code', 'group', 'format', 'mode'], issues);
  if (issues.length) return [];
  const out: Interview[] = [];
  const seen = new Map<string, number>();
  const existing = new Set(data.interviews.map((i) => i.code.toLowerCase()));
  for (const row of rowsWithProgress(table, opts)) {
    const r = rowReader(table, row, mapping, 'interviews', issues);
    const code = r.required('code');
    if (code !== null) {
      const prev = seen.get(code.toLowerCase());
      if (prev !== undefined) r.fail('code', `koden finnes allerede på linje ${prev}`);
      else if (existing.has(code.toLowerCase())) r.fail('code', 'koden finnes allerede i studien');
      seen.set(code.toLowerCase(), row.line);
    }
    const groupRaw = r.required('group');
    const group = groupRaw === null ? undefined : findFrame(data.study.groups, groupRaw) ?? data.study.groups.find((g) => g.prefix.toLowerCase() === groupRaw.toLowerCase());
    if (groupRaw !== null && !group) r.fail('group', `ukjent gruppe «${groupRaw}»`);
    const format = fromVocab(FORMAT_NB, r.get('format'));
    if (!format) r.fail('format', `ukjent format «${r.get('format')}» (individuelt/gruppe)`);
    const mode = fromVocab(MODE_NB, r.get('mode'));
    if (!mode) r.fail('mode', `ukjent modus «${r.get('mode')}» (digitalt/fysisk/tegneverksted)`);
    let count = 1;
    if (r.get('participants') !== '') count = r.int('participants', 1) ?? 1;
    let date: string | null = null;
    if (r.get('date') !== '') {
      const d = parseDate(r.get('date'));
      if (d.ok) date = d.iso;
      else r.fail('date', d.message);
    }
    let consent = false;
    if (r.get('consent') !== '') {
      const c = parseYesNo(r.get('consent'));
      if (c === null) r.fail('consent', 'skriv ja eller nei');
      else consent = c;
    }
    let status: Interview['status'] = 'planned';
    if (r.get('status') !== '') {
      const s = fromVocab(STATUS_NB, r.get('status'));
      if (!s) r.fail('status', `ukjent status «${r.get('status')}»`);
      else status = s;
    }
    if (code === null || !group || !format || !mode) continue;
    const candidate = {
      id: (opts.newId ?? defaultId)('interviews', row.line),
      studyId: data.study.id,
      code,
      groupId: group.id,
      format,
      participants: participantsFor(count),
      mode,
      date,
      interviewer: r.get('interviewer'),
      site: r.get('site'),
      consent,
      notes: r.get('notes', true),
      status,
      createdAt: opts.now,
      updatedAt: opts.now,
    };
    const parsed = Interview.safeParse(candidate);
    if (parsed.success) out.push(parsed.data);
    else for (const e of parsed.error.issues) r.fail(String(e.path[0] ?? ''), e.message);
  }
  return out;
}

/** Informants file: one row per participant; rows with the same interview code form one interview. */
function importInformants(table: ParsedCsv, mapping: ColumnMapping, data: StudyData, opts: ImportOptions, issues: Issue[]): Interview[] {
  mappedOrIssue(table, mapping, ['interview', 'participant', 'group'], issues);
  if (issues.length) return [];
  const byCode = new Map<string, Interview>();
  const existing = new Set(data.interviews.map((i) => i.code.toLowerCase()));
  for (const row of rowsWithProgress(table, opts)) {
    const r = rowReader(table, row, mapping, 'informants', issues);
    const code = r.required('interview');
    const pid = r.required('participant');
    if (pid !== null && !/^P\d{1,3}$/.test(pid)) r.fail('participant', 'deltaker må være P1, P2, …');
    const groupRaw = r.required('group');
    const group = groupRaw === null ? undefined : findFrame(data.study.groups, groupRaw);
    if (groupRaw !== null && !group) r.fail('group', `ukjent gruppe «${groupRaw}»`);
    const format = r.get('format') === '' ? null : fromVocab(FORMAT_NB, r.get('format'));
    if (r.get('format') !== '' && !format) r.fail('format', `ukjent format «${r.get('format')}»`);
    const mode = r.get('mode') === '' ? 'in-person' : fromVocab(MODE_NB, r.get('mode'));
    if (!mode) r.fail('mode', `ukjent modus «${r.get('mode')}»`);
    if (r.get('category') !== '' && !fromVocab(CATEGORY_NB, r.get('category'))) r.fail('category', `ukjent kategori «${r.get('category')}»`);
    if (code === null || pid === null || !group || !mode) continue;
    if (existing.has(code.toLowerCase())) {
      r.fail('interview', 'intervjuet finnes allerede i studien');
      continue;
    }
    const iv = byCode.get(code.toLowerCase());
    if (!iv) {
      byCode.set(code.toLowerCase(), {
        id: (opts.newId ?? defaultId)('informants', row.line),
        studyId: data.study.id,
        code,
        groupId: group.id,
        format: format ?? 'individual',
        participants: [{ id: pid, note: '' }],
        mode,
        date: null,
        interviewer: '',
        site: '',
        consent: false,
        notes: '',
        status: 'planned',
        createdAt: opts.now,
        updatedAt: opts.now,
      });
    } else if (iv.participants.some((p) => p.id === pid)) {
      r.fail('participant', `${pid} står to ganger for ${code}`);
    } else if (iv.groupId !== group.id) {
      r.fail('group', `${code} har en annen gruppe på en tidligere linje`);
    } else {
      iv.participants.push({ id: pid, note: '' });
      if (!format) iv.format = 'group';
    }
  }
  return [...byCode.values()];
}

function importSegments(table: ParsedCsv, mapping: ColumnMapping, data: StudyData, opts: ImportOptions, issues: Issue[]): Segment[] {
  mappedOrIssue(table, mapping, ['interview', 'participant', 'quote', 'start', 'end'], issues);
  if (issues.length) return [];
  const s = data.study;
  const ivByCode = new Map(data.interviews.map((i) => [i.code.toLowerCase(), i]));
  const textById = new Map(data.transcripts.map((t) => [t.interviewId, t.text]));
  const pathToId = new Map<string, string>();
  for (const [id, p] of codePaths(data.codes)) pathToId.set(p.toLowerCase(), id);
  const out: Segment[] = [];
  for (const row of rowsWithProgress(table, opts)) {
    const r = rowReader(table, row, mapping, 'segments', issues);
    const before = issues.length;
    const code = r.required('interview');
    const iv = code === null ? undefined : ivByCode.get(code.toLowerCase());
    if (code !== null && !iv) r.fail('interview', `ukjent intervju «${code}»`);
    const pid = r.get('participant');
    if (iv && pid !== '' && !iv.participants.some((p) => p.id === pid)) r.fail('participant', `${code} har ingen deltaker ${pid}`);
    const frame = (key: 'stage' | 'situation', items: typeof s.stages): string | null => {
      const v = r.get(key);
      if (v === '') return null;
      const f = findFrame(items, v);
      return f ? f.id : r.fail(key, `ukjent verdi «${v}»`);
    };
    const stageId = frame('stage', s.stages);
    const situationId = frame('situation', s.situations);
    const actorIds: string[] = [];
    for (const a of splitList(r.get('actors'))) {
      const f = findFrame(s.actors, a);
      if (f) actorIds.push(f.id);
      else r.fail('actors', `ukjent aktør «${a}»`);
    }
    const vRaw = r.get('valence');
    const valence = vRaw === '' ? null : fromVocab(s.valenceLabels, vRaw);
    if (vRaw !== '' && !valence) r.fail('valence', `ukjent valens «${vRaw}»`);
    const kRaw = r.get('kind');
    const kind = kRaw === '' ? 'experience' : fromVocab(KIND_NB, kRaw);
    if (!kind) r.fail('kind', `ukjent type «${kRaw}» (opplevelse/ønske)`);
    const codeIds: string[] = [];
    for (const p of splitList(r.get('codes'))) {
      const id = pathToId.get(p.toLowerCase());
      if (id) codeIds.push(id);
      else r.fail('codes', `ukjent kode «${p}»`);
    }
    const cRaw = r.get('coder');
    const coder = cRaw === '' ? s.coders[0] : s.coders.find((c) => [c.id, c.initials, c.name].some((x) => x.toLowerCase() === cRaw.toLowerCase()));
    if (!coder) r.fail('coder', cRaw === '' ? 'studien har ingen kodere' : `ukjent koder «${cRaw}»`);
    const start = r.int('start');
    const end = r.int('end');
    const quote = r.get('quote', true);
    if (start !== null && end !== null) {
      if (end < start) r.fail('end', 'slutt er før start');
      const text = iv ? textById.get(iv.id) : undefined;
      if (text !== undefined && end > text.length) r.fail('end', `utenfor transkripsjonen (lengde ${text.length})`);
    }
    const id = (opts.newId ?? defaultId)('segments', row.line);
    if (issues.length > before || !iv || !coder || !kind || start === null || end === null) continue;
    const text = textById.get(iv.id);
    const parsed = Segment.safeParse({
      id,
      studyId: s.id,
      interviewId: iv.id,
      participantId: pid,
      start,
      end,
      quote,
      stageId,
      situationId,
      actorIds,
      valence,
      kind,
      codeIds,
      note: r.get('note', true),
      coderId: coder.id,
      // A quote that is not the slice it claims is flagged, not dropped (the user re-anchors it).
      anchor: text === undefined || text.slice(start, end) === quote ? 'ok' : 'lost',
      // The gate at the door in: an imported quote is never reviewed, whatever the file says.
      review: { state: 'needs-review', record: null, reason: 'import', hits: {} },
      createdAt: opts.now,
      updatedAt: opts.now,
    });
    if (parsed.success) out.push(parsed.data);
    else for (const e of parsed.error.issues) r.fail(String(e.path[0] ?? ''), e.message);
  }
  return out;
}

function splitList(raw: string): string[] {
  return raw === '' ? [] : raw.split(LIST_SEP.trim()).map((x) => x.trim()).filter((x) => x !== '');
}

/** Benchmark file: one row per category; rows with the same name form one benchmark. */
function importBenchmarks(table: ParsedCsv, mapping: ColumnMapping, data: StudyData, opts: ImportOptions, issues: Issue[]): Benchmark[] {
  mappedOrIssue(table, mapping, ['name', 'source', 'year', 'n', 'category', 'percent'], issues);
  if (issues.length) return [];
  const byName = new Map<string, { b: Benchmark; line: number }>();
  for (const row of rowsWithProgress(table, opts)) {
    const r = rowReader(table, row, mapping, 'benchmark', issues);
    const name = r.required('name');
    const source = r.required('source');
    const year = r.int('year', 1900);
    // "ca. 7 000", "~7000" and "≈ 7000" are approximate n (Ungdata reports rounded n).
    const nRaw = r.get('n');
    const approx = /^(ca\.?|~|≈|omtrent)\s*/i.exec(nRaw);
    const nNum = parseLocaleInteger(approx ? nRaw.slice(approx[0].length) : nRaw);
    const n = nNum.ok && nNum.value >= 1 ? nNum.value : r.fail('n', nNum.ok ? 'n må være minst 1' : nNum.message);
    const label = r.required('category');
    const pRaw = r.get('percent');
    const p = parseLocaleNumber(pRaw);
    const percent = !p.ok ? r.fail('percent', p.message) : p.value < 0 || p.value > 100 ? r.fail('percent', 'prosent må være mellom 0 og 100') : p.value;
    const mRaw = r.get('mapsTo');
    const mapsTo = mRaw === '' ? null : fromVocab(CATEGORY_NB, mRaw);
    if (mRaw !== '' && !mapsTo) r.fail('mapsTo', `ukjent kategori «${mRaw}»`);
    if (name === null || source === null || year === null || n === null || label === null || percent === null) continue;
    const cat = { label, percent, mapsTo: mapsTo === null ? null : CounsellorCategory.parse(mapsTo) };
    const prev = byName.get(name);
    if (prev) {
      if (prev.b.n !== n || prev.b.year !== year || prev.b.source !== source) r.fail('n', `avviker fra linje ${prev.line} for samme måling`);
      else prev.b.categories.push(cat);
      continue;
    }
    byName.set(name, {
      line: row.line,
      b: {
        id: (opts.newId ?? defaultId)('benchmark', row.line),
        studyId: data.study.id,
        name,
        source,
        year,
        n,
        nApprox: approx !== null,
        population: r.get('population'),
        question: r.get('question'),
        categories: [cat],
      },
    });
  }
  const out: Benchmark[] = [];
  for (const { b, line } of byName.values()) {
    const parsed = Benchmark.safeParse(b);
    if (parsed.success) out.push(parsed.data);
    else for (const e of parsed.error.issues) issues.push({ file: table.fileName, line, field: e.path.join('.'), message: e.message });
  }
  return out;
}

/** All-or-nothing: any issue in any row means no records at all. */
export function importCsv<K extends ImportKind>(kind: K, table: ParsedCsv, mapping: ColumnMapping, study: StudyData, opts: ImportOptions): ImportResult<K> {
  const issues: Issue[] = [];
  const cap = CSV_ROW_LIMITS[kind];
  if (table.rows.length > cap) {
    const line = table.rows[cap]?.line;
    return { ok: false, issues: [{ file: table.fileName, ...(line !== undefined ? { line } : {}), code: 'csv.tooManyRowsForKind', params: { count: table.rows.length, limit: cap }, message: `Filen har ${table.rows.length} rader; grensen for denne typen er ${cap}. Del den i flere filer.` }] };
  }
  const records =
    kind === 'interviews'
      ? importInterviews(table, mapping, study, opts, issues)
      : kind === 'informants'
        ? importInformants(table, mapping, study, opts, issues)
        : kind === 'segments'
          ? importSegments(table, mapping, study, opts, issues)
          : importBenchmarks(table, mapping, study, opts, issues);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, records: records as ImportRecords[K] };
}
