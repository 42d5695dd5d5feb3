/**
 * What each CSV import kind reads: its fields, the ones it cannot do without, the header words
 * people use for them (nb, nn, en), and a column mapping suggested from headers and content.
 * The import screen and the CLI read REQUIRED_FIELDS from here (one list, not one per screen).
 */
import { parseDate } from '../numbers';
import { COLUMNS, type Column } from '../csv-export';
import type { CsvRow, ParsedCsv } from './read';

export type ImportKind = 'interviews' | 'informants' | 'segments' | 'benchmark';
export const IMPORT_KINDS: readonly ImportKind[] = ['interviews', 'informants', 'segments', 'benchmark'];

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

/** Field keys per import kind (what a mapping maps to a column index). `id` is never read. */
export const IMPORT_FIELDS: Record<ImportKind, Column[]> = {
  interviews: COLUMNS.interviews,
  informants: COLUMNS.informants,
  segments: COLUMNS.segments,
  benchmark: BENCHMARK_COLUMNS,
};

/**
 * Fields a kind cannot do without. Segments need no offsets: a coding sheet has quotes, and the
 * importer anchors each quote in its transcript (csv/anchor.ts) or keeps it free-standing.
 */
export const REQUIRED_FIELDS: Record<ImportKind, readonly string[]> = {
  interviews: ['code', 'group', 'format', 'mode'],
  informants: ['interview', 'participant', 'group'],
  segments: ['interview', 'quote'],
  benchmark: ['name', 'source', 'year', 'n', 'category', 'percent'],
};

/** Header words people use (nb, nn, en), compared after `headerKey`. */
const SYNONYMS: Record<string, string[]> = {
  interview: ['intervjukode', 'intervju-id', 'intervju id', 'interview', 'interview code', 'interview id', 'samtale', 'kode'],
  code: ['intervjukode', 'interview code', 'intervju', 'interview', 'intervju-id'],
  participant: ['informant', 'deltaker', 'deltakar', 'participant', 'elev', 'person', 'informant id'],
  quote: ['utdrag', 'tekst', 'text', 'quote', 'utsagn', 'utsegn', 'sitater', 'excerpt', 'citat'],
  coder: ['koder (person)', 'kodar (person)', 'coder', 'kodet av', 'koda av', 'coded by'],
  valence: ['vurdering', 'opplevelse', 'valence', 'følelse', 'kjensle', 'sentiment', 'opplevd', 'positiv/negativ'],
  kind: ['type', 'kind', 'art', 'opplevelse/ønske'],
  stage: ['fase', 'trinn', 'stage', 'steg', 'klassetrinn', 'skoleår'],
  situation: ['situasjon', 'situation', 'moment'],
  actors: ['aktør', 'aktørar', 'aktører', 'actor', 'actors', 'hvem', 'kven', 'who'],
  codes: ['kode', 'kodar', 'koder', 'code', 'codes', 'tema', 'tags', 'temaer'],
  note: ['notat', 'merknad', 'kommentar', 'note', 'comment', 'notes'],
  group: ['gruppe', 'informantgruppe', 'group', 'elevgruppe'],
  format: ['format', 'intervjuform', 'form'],
  mode: ['modus', 'gjennomføring', 'mode', 'medium'],
  participants: ['antall deltakere', 'deltakarar', 'tal deltakarar', 'participant count', 'participants', 'antall'],
  date: ['dato', 'date', 'dag'],
  interviewer: ['intervjuer', 'intervjuar', 'interviewer'],
  site: ['sted', 'stad', 'site', 'skole', 'skule', 'school'],
  consent: ['samtykke', 'consent'],
  start: ['start', 'fra', 'frå', 'from', 'begin'],
  end: ['slutt', 'til', 'end', 'to'],
  percent: ['andel', '%', 'prosent', 'percent', 'share'],
};

/** Header text compared without case, accents, punctuation at the ends or doubled spaces. */
export function headerKey(h: string): string {
  return h
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}%]+|[^\p{L}\p{N}%)]+$/gu, '');
}

export type ColumnMapping = Record<string, number | null>;

/** What a column's values look like: used when no header names a required field. */
const CONTENT: Partial<Record<string, (v: string) => boolean>> = {
  participant: (v) => /^P\d{1,3}$/i.test(v),
  interview: (v) => /^[A-ZÆØÅ]{1,6}[- ]?\d{1,4}$/i.test(v),
  code: (v) => /^[A-ZÆØÅ]{1,6}[- ]?\d{1,4}$/i.test(v),
  date: (v) => parseDate(v).ok,
  quote: (v) => v.length >= 25 && /\s/.test(v),
};

function contentScore(rows: readonly CsvRow[], col: number, test: (v: string) => boolean): number {
  let n = 0;
  let hit = 0;
  for (const r of rows.slice(0, 50)) {
    const v = (r.cells[col] ?? '').trim();
    if (v === '') continue;
    n++;
    if (test(v)) hit++;
  }
  return n === 0 ? 0 : hit / n;
}

/**
 * Suggests, per field, a column: by header (the field's nb/en name, then the words people use),
 * then for fields still open by what the column holds (P1, YF-03, dates, long text). A remembered
 * header → field choice (`remembered`, from the study's stored mapping) wins over both.
 */
export function suggestMapping(kind: ImportKind, headers: readonly string[], rows: readonly CsvRow[] = [], remembered: Readonly<Record<string, string>> = {}): ColumnMapping {
  const norm = headers.map(headerKey);
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  // `id` is suggested like any column (the file may have one), and importCsv never reads it.
  const fields = IMPORT_FIELDS[kind];
  for (const f of fields) mapping[f.key] = null;
  for (const [i, h] of norm.entries()) {
    const field = remembered[h];
    if (field && field in mapping && field !== 'id' && mapping[field] === null && !used.has(i)) {
      mapping[field] = i;
      used.add(i);
    }
  }
  // Exact names first (so "kode" is the interview code in an interviews file), then synonyms.
  const pass = (names: (f: Column) => string[]) => {
    for (const f of fields) {
      if (mapping[f.key] !== null) continue;
      const idx = names(f).map((n) => norm.findIndex((h, i) => h === headerKey(n) && !used.has(i))).find((i) => i >= 0);
      if (idx !== undefined) {
        mapping[f.key] = idx;
        used.add(idx);
      }
    }
  };
  pass((f) => [f.nb, f.en, f.key]);
  pass((f) => SYNONYMS[f.key] ?? []);
  for (const f of fields) {
    const test = CONTENT[f.key];
    if (mapping[f.key] !== null || !test || rows.length === 0) continue;
    let best = -1;
    let score = 0.79;
    for (let i = 0; i < headers.length; i++) {
      if (used.has(i)) continue;
      const s = contentScore(rows, i, test);
      if (s > score) [best, score] = [i, s];
    }
    if (best >= 0) {
      mapping[f.key] = best;
      used.add(best);
    }
  }
  return mapping;
}

/** Guess what a file holds: a kind whose required columns are all there, then the most mapped columns. */
export function guessKind(headers: readonly string[], rows: readonly CsvRow[] = []): ImportKind {
  let best: ImportKind = 'interviews';
  let score = -1;
  for (const k of IMPORT_KINDS) {
    const m = suggestMapping(k, headers, rows);
    const complete = REQUIRED_FIELDS[k].every((f) => m[f] !== null && m[f] !== undefined);
    const s = (complete ? 1000 : 0) + Object.entries(m).filter(([key, v]) => v !== null && key !== 'id').length / IMPORT_FIELDS[k].length;
    if (s > score) [best, score] = [k, s];
  }
  return best;
}

/** Required fields that the mapping leaves without a column. */
export function missingRequired(kind: ImportKind, mapping: ColumnMapping): string[] {
  return REQUIRED_FIELDS[kind].filter((f) => mapping[f] === null || mapping[f] === undefined);
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
    mapping: suggestMapping(kind, table.headers, table.rows),
  };
}
