/**
 * CSV export of a study: one table per call, as bytes ready to write.
 *
 * Dialects:
 *  - `excel-nb`: what Norwegian Excel opens by double-click: UTF-8 with BOM (without it Excel reads
 *    Windows-1252 and mangles æøå), `;` (the list separator in nb-NO), CRLF, decimal comma, dd.mm.yyyy,
 *    Norwegian words for enum values.
 *  - `plain`: for R, Python and other tools: UTF-8, `,`, LF, decimal point, ISO dates, enum values.
 * Every text cell goes through the formula guard (guard.ts); numbers do not (they are ours).
 */
import Papa from 'papaparse';
import { studyAssessments } from '../analysis/counsellor';
import { wilson } from '../analysis/stats';
import { gridTable, suppressTable } from '../analysis/suppress';
import {
  informantsOf,
  type CounsellorCategory,
  type StudyData,
} from '../model';
import { guardCell } from './guard';
import { formatDecimal, isoToNb } from './numbers';
import { CATEGORY_NB, FORMAT_NB, KIND_NB, MODE_NB, NO_NB, STATUS_NB, YES_NB } from './vocab';
import { codePaths, frameLabel } from './paths';

export type CsvDialect = 'excel-nb' | 'plain';
export type CsvTable = 'segments' | 'interviews' | 'informants' | 'counsellor-breakdown';
export const CSV_TABLES: readonly CsvTable[] = ['segments', 'interviews', 'informants', 'counsellor-breakdown'];

/** Separator inside one cell holding several values (actors, codes). */
export const LIST_SEP = ' | ';

/** A cell is text (guarded) or a number (formatted per dialect). */
type Cell = { t: string } | { n: number; decimals: number } | null;
const text = (s: string): Cell => ({ t: s });
const num = (n: number, decimals = 0): Cell => ({ n, decimals });

export interface Column {
  key: string;
  nb: string;
  en: string;
}
function col(key: string, nb: string, en = key): Column {
  return { key, nb, en };
}

export const SEGMENT_COLUMNS: Column[] = [
  col('id', 'id'),
  col('interview', 'intervju'),
  col('group', 'gruppe'),
  col('format', 'format'),
  col('mode', 'modus'),
  col('participant', 'deltaker'),
  col('stage', 'fase'),
  col('situation', 'situasjon'),
  col('actors', 'aktører'),
  col('valence', 'valens'),
  col('kind', 'type'),
  col('codes', 'koder'),
  col('quote', 'sitat'),
  col('note', 'notat'),
  col('coder', 'kodet av'),
  col('start', 'start'),
  col('end', 'slutt'),
];
export const INTERVIEW_COLUMNS: Column[] = [
  col('id', 'id'),
  col('code', 'kode'),
  col('group', 'gruppe'),
  col('format', 'format'),
  col('participants', 'deltakere'),
  col('mode', 'modus'),
  col('date', 'dato'),
  col('interviewer', 'intervjuer'),
  col('site', 'sted'),
  col('consent', 'samtykke'),
  col('status', 'status'),
  col('notes', 'notater'),
];
export const INFORMANT_COLUMNS: Column[] = [
  col('interview', 'intervju'),
  col('participant', 'deltaker'),
  col('group', 'gruppe'),
  col('format', 'format'),
  col('mode', 'modus'),
  col('category', 'rådgiverkategori', 'counsellor category'),
  col('overridden', 'overstyrt'),
];
export const BREAKDOWN_COLUMNS: Column[] = [
  col('group', 'gruppe'),
  col('n', 'n'),
  col('category', 'kategori'),
  col('count', 'antall'),
  col('percent', 'prosent'),
  col('wilsonLo', 'wilson nedre 95 %', 'wilson low 95%'),
  col('wilsonHi', 'wilson øvre 95 %', 'wilson high 95%'),
  col('suppressed', 'undertrykt'),
];

export const COLUMNS: Record<CsvTable, Column[]> = {
  segments: SEGMENT_COLUMNS,
  interviews: INTERVIEW_COLUMNS,
  informants: INFORMANT_COLUMNS,
  'counsellor-breakdown': BREAKDOWN_COLUMNS,
};

export interface CsvExportOptions {
  /** Blank the counts of groups with fewer informants than the study's threshold (default true). */
  suppressSmallCells?: boolean;
}

function word<T extends string>(dialect: CsvDialect, table: Record<T, string>, value: T): string {
  return dialect === 'excel-nb' ? table[value] : value;
}

function segmentRows(data: StudyData, d: CsvDialect): Cell[][] {
  const ivById = new Map(data.interviews.map((i) => [i.id, i]));
  const paths = codePaths(data.codes);
  const s = data.study;
  return data.segments.map((seg) => {
    const iv = ivById.get(seg.interviewId);
    return [
      text(seg.id),
      text(iv?.code ?? ''),
      text(iv ? frameLabel(s.groups, iv.groupId) : ''),
      text(iv ? word(d, FORMAT_NB, iv.format) : ''),
      text(iv ? word(d, MODE_NB, iv.mode) : ''),
      text(seg.participantId),
      text(seg.stageId === null ? '' : frameLabel(s.stages, seg.stageId)),
      text(seg.situationId === null ? '' : frameLabel(s.situations, seg.situationId)),
      text(seg.actorIds.map((a) => frameLabel(s.actors, a)).join(LIST_SEP)),
      text(seg.valence === null ? '' : d === 'excel-nb' ? s.valenceLabels[seg.valence] : seg.valence),
      text(word(d, KIND_NB, seg.kind)),
      text(seg.codeIds.map((c) => paths.get(c) ?? c).join(LIST_SEP)),
      text(seg.quote),
      text(seg.note),
      text(s.coders.find((c) => c.id === seg.coderId)?.initials ?? seg.coderId),
      num(seg.start),
      num(seg.end),
    ];
  });
}

function interviewRows(data: StudyData, d: CsvDialect): Cell[][] {
  return data.interviews.map((iv) => [
    text(iv.id),
    text(iv.code),
    text(frameLabel(data.study.groups, iv.groupId)),
    text(word(d, FORMAT_NB, iv.format)),
    num(iv.participants.length),
    text(word(d, MODE_NB, iv.mode)),
    text(iv.date === null ? '' : d === 'excel-nb' ? isoToNb(iv.date) : iv.date),
    text(iv.interviewer),
    text(iv.site),
    text(d === 'excel-nb' ? (iv.consent ? YES_NB : NO_NB) : String(iv.consent)),
    text(word(d, STATUS_NB, iv.status)),
    text(iv.notes),
  ]);
}

function informantRows(data: StudyData, d: CsvDialect): Cell[][] {
  const assessments = studyAssessments(data);
  const byKey = new Map(assessments.map((a) => [a.informantKey, a]));
  return informantsOf(data.interviews).map((inf) => {
    const a = byKey.get(inf.key);
    return [
      text(inf.interviewCode),
      text(inf.participantId),
      text(frameLabel(data.study.groups, inf.groupId)),
      text(word(d, FORMAT_NB, inf.format)),
      text(word(d, MODE_NB, inf.mode)),
      text(a ? word(d, CATEGORY_NB, a.category) : ''),
      text(d === 'excel-nb' ? (a?.override ? YES_NB : NO_NB) : String(Boolean(a?.override))),
    ];
  });
}

const CATEGORIES: readonly CounsellorCategory[] = ['positive', 'mixed', 'negative', 'not-discussed'];

/**
 * Per group (and for all informants): n, then per category count, percent and a Wilson 95 % interval.
 * Counts come before percentages (ARCHITECTURE.md "Honest numbers"); every count 1…k−1, and every
 * cell a total would give back, is blanked with its percent and interval and marked, not rounded away.
 */
function breakdownRows(data: StudyData, d: CsvDialect, opts: CsvExportOptions): Cell[][] {
  const assessments = studyAssessments(data);
  const suppress = opts.suppressSmallCells ?? true;
  const groups = data.study.groups.map((g) => ({ id: g.id, label: g.label }));
  const counts = groups.map((g) => CATEGORIES.map((cat) => assessments.filter((a) => a.groupId === g.id && a.category === cat).length));
  // Groups × categories with n per group and the "All" row as totals: suppressed as one table
  // (shared/analysis/suppress), so no hidden count comes back by subtraction from a total.
  const sdc = suppress ? suppressTable(gridTable({ rows: counts }), data.study.smallCellThreshold) : null;
  const isHidden = (id: string): boolean => sdc?.hidden.has(id) ?? false;
  const rows: Cell[][] = [];
  const all = [...groups.map((g, i) => ({ label: g.label, row: `r${i}`, col: (j: number) => `r${i}c${j}`, values: counts[i] ?? [] })), { label: d === 'excel-nb' ? 'Alle' : 'All', row: '', col: (j: number) => `c${j}t`, values: CATEGORIES.map((_, j) => counts.reduce((a, r) => a + (r[j] ?? 0), 0)) }];
  for (const g of all) {
    const n = g.values.reduce((a, v) => a + v, 0);
    const nId = g.row === '' ? 't' : `${g.row}t`;
    const nHidden = isHidden(nId);
    CATEGORIES.forEach((cat, j) => {
      const k = g.values[j] ?? 0;
      const hidden = nHidden || isHidden(g.col(j));
      const ci = wilson(k, n);
      const pct = (x: number): Cell => (hidden || ci === null ? null : num(x * 100, 1));
      rows.push([
        text(g.label),
        nHidden ? null : num(n),
        text(word(d, CATEGORY_NB, cat)),
        isHidden(g.col(j)) ? null : num(k),
        pct(ci?.p ?? 0),
        pct(ci?.lo ?? 0),
        pct(ci?.hi ?? 0),
        text(d === 'excel-nb' ? (hidden ? YES_NB : NO_NB) : String(hidden)),
      ]);
    });
  }
  return rows;
}

function renderCell(c: Cell, d: CsvDialect): string {
  if (c === null) return '';
  if ('t' in c) return guardCell(c.t);
  return formatDecimal(c.n, c.decimals, d === 'excel-nb');
}

/** Header names as the dialect writes them (nb for excel-nb, en for plain). */
export function headerFor(column: Column, d: CsvDialect): string {
  return d === 'excel-nb' ? column.nb : column.en;
}

export function csvText(table: CsvTable, data: StudyData, dialect: CsvDialect, opts: CsvExportOptions = {}): string {
  const rows =
    table === 'segments'
      ? segmentRows(data, dialect)
      : table === 'interviews'
        ? interviewRows(data, dialect)
        : table === 'informants'
          ? informantRows(data, dialect)
          : breakdownRows(data, dialect, opts);
  const header = COLUMNS[table].map((c) => headerFor(c, dialect));
  return Papa.unparse(
    { fields: header, data: rows.map((r) => r.map((c) => renderCell(c, dialect))) },
    {
      delimiter: dialect === 'excel-nb' ? ';' : ',',
      newline: dialect === 'excel-nb' ? '\r\n' : '\n',
      quotes: false,
      // We guard ourselves (PapaParse misses newlines inside cells), so its own escape stays off.
      escapeFormulae: false,
    },
  );
}

export function exportCsv(table: CsvTable, data: StudyData, dialect: CsvDialect, opts: CsvExportOptions = {}): Uint8Array {
  const body = new TextEncoder().encode(csvText(table, data, dialect, opts));
  if (dialect !== 'excel-nb') return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

/** Every table, keyed by file name (`segments.csv` …): what the CSV folder holds. */
export function exportAllCsv(data: StudyData, dialect: CsvDialect, opts: CsvExportOptions = {}): Record<string, Uint8Array> {
  return Object.fromEntries(CSV_TABLES.map((t) => [`${t}.csv`, exportCsv(t, data, dialect, opts)]));
}
