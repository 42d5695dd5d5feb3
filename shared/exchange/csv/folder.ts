/**
 * A whole study from a folder of CSV files, headless (`npm run convert -- <folder> <out>`): the
 * same rules as the import screen. Each file's kind is recognised by its headers (and content);
 * columns follow the mapping file's remembered headers, then the usual suggestions; every value
 * the study does not know must have a choice in the mapping file (the JSON the app stores per study
 * and offers for download on the mapping screen) — values without one are refused with their rows,
 * never guessed. The study starts from the method's default frames; `add` choices extend them.
 */
import { newStudy, type StudyData } from '../../model';
import type { ImportMapping } from '../../model/import-mapping';
import { gateIncoming } from '../gate-in';
import { issue, type Issue } from '../issues';
import { importCsv, type ImportRecords } from '../csv-import';
import { guessKind, suggestMapping, type ImportKind } from './fields';
import { decodeCsv, parseCsv, type ParsedCsv } from './read';
import { applyValueChoices, scanValues, valueOptions } from './values';

export interface FolderFile {
  name: string;
  bytes: Uint8Array;
}

/** A value the CLI had to map (what it prints): file, column, value, count and what it became. */
export interface MappedValue {
  file: string;
  column: string;
  dimension: string;
  value: string;
  count: number;
  to: string;
}

export type FolderResult =
  | { ok: true; data: StudyData; kinds: { file: string; kind: ImportKind; rows: number }[]; mapped: MappedValue[]; anchors: { free: number; anchored: number; fuzzy: number } }
  | { ok: false; issues: Issue[] };

const ORDER: readonly ImportKind[] = ['interviews', 'informants', 'segments', 'benchmark'];

function withRecords(data: StudyData, kind: ImportKind, records: ImportRecords[ImportKind]): StudyData {
  if (kind === 'segments') return { ...data, segments: [...data.segments, ...(records as ImportRecords['segments'])] };
  if (kind === 'benchmark') return { ...data, benchmarks: [...data.benchmarks, ...(records as ImportRecords['benchmark'])] };
  return { ...data, interviews: [...data.interviews, ...(records as ImportRecords['interviews'])] };
}

export function studyFromCsvFolder(files: readonly FolderFile[], opts: { title: string; now: string; newId: () => string; mapping?: ImportMapping }): FolderResult {
  const issues: Issue[] = [];
  const tables: { table: ParsedCsv; kind: ImportKind }[] = [];
  for (const f of files) {
    const dec = decodeCsv(f.bytes, f.name);
    if (!dec.ok) {
      issues.push(...dec.issues);
      continue;
    }
    const p = parseCsv(dec.text, f.name);
    if (!p.ok) {
      issues.push(...p.issues);
      continue;
    }
    tables.push({ table: p.table, kind: guessKind(p.table.headers, p.table.rows) });
  }
  if (issues.length) return { ok: false, issues };
  if (tables.length === 0) return { ok: false, issues: [issue('convert.noCsv', {}, { file: '.' })] };
  const study = newStudy(opts.newId(), opts.title, opts.now);
  let data: StudyData = { study, codes: [], interviews: [], transcripts: [], segments: [], overrides: [], benchmarks: [], audit: [], terms: [], pseudonyms: [] };
  const applied = applyValueChoices(data, opts.mapping?.values ?? {}, opts.newId);
  data = applied.data;
  const kinds: { file: string; kind: ImportKind; rows: number }[] = [];
  const mapped: MappedValue[] = [];
  const anchors = { free: 0, anchored: 0, fuzzy: 0 };
  const sorted = [...tables].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  for (const { table, kind } of sorted) {
    const mapping = suggestMapping(kind, table.headers, table.rows, opts.mapping?.columns[kind] ?? {});
    const found = scanValues(kind, table, mapping, data, opts.mapping);
    for (const v of found) {
      const to = applied.resolved[v.dimension]?.[v.key];
      if (to === undefined) {
        const suggestion = v.suggestion ? (valueOptions(v.dimension, data).find((o) => o.value === v.suggestion)?.label ?? v.suggestion) : '';
        issues.push(issue(suggestion ? 'convert.unmappedSuggested' : 'convert.unmapped', { value: v.raw, column: v.column, count: v.count, rows: v.lines.join(', '), suggestion }, { file: table.fileName, line: v.lines[0] ?? 1, field: v.column }));
        continue;
      }
      mapped.push({ file: table.fileName, column: v.column, dimension: v.dimension, value: v.raw, count: v.count, to: valueOptions(v.dimension, data).find((o) => o.value === to)?.label ?? to });
    }
    if (issues.length) continue;
    const r = importCsv(kind, table, mapping, data, { now: opts.now, newId: () => opts.newId(), values: applied.resolved });
    if (!r.ok) {
      issues.push(...r.issues);
      continue;
    }
    kinds.push({ file: table.fileName, kind, rows: table.rows.length });
    anchors.free += r.anchors.free + r.anchors.unanchored;
    anchors.anchored += r.anchors.exact + r.anchors.loose + r.anchors.offsets;
    // A fuzzy place is confirmed only by a person in the app: headless, it stays free-standing.
    anchors.fuzzy += r.anchors.fuzzy.length;
    data = withRecords(data, kind, r.records);
  }
  if (issues.length) return { ok: false, issues };
  // The gate at the door in: every quote needs review in the app before it may leave.
  return { ok: true, data: gateIncoming(data, 'csv').data, kinds, mapped, anchors };
}
