/**
 * The value-mapping step (issue #17): after the columns are mapped, every distinct value the study
 * does not know (group, stage, situation, actor, valence, kind, code, format, mode) is listed once,
 * with its count, the rows it is on and a suggestion; the user maps it to an existing value or adds
 * it to the study's frames. Nothing unknown ever becomes "other" silently: a value without a choice
 * is an error at import.
 *
 * Known = what the importer always accepted (label, id or short label, the enum value or its nb
 * word, a code path). Suggestions go further: accents, case, spacing and punctuation ignored
 * (`Vg 2` → Vg2), word order (`Vg2 yrkesfag`), abbreviations (`Studiespes.`), and nb/nn/en
 * synonyms (`ok`, `neg`, `+`, `10. klasse`, `grade 10`).
 */
import { valueKey, type ImportMapping, type ValueChoice, type ValueDimension } from '../../model/import-mapping';
import type { Code, FrameItem, GroupDef, StudyData } from '../../model';
import { unguardCell } from '../guard';
import { codePaths, findFrame } from '../paths';
import { FORMAT_NB, KIND_NB, MODE_NB, fromVocab } from '../vocab';
import type { ColumnMapping, ImportKind } from './fields';
import type { ParsedCsv } from './read';
import { splitList } from './list';

/** Which field of a kind holds which dimension, and whether a cell holds a list (`a | b`). */
export const VALUE_FIELDS: Record<ImportKind, readonly { field: string; dimension: ValueDimension; list?: boolean }[]> = {
  interviews: [
    { field: 'group', dimension: 'group' },
    { field: 'format', dimension: 'format' },
    { field: 'mode', dimension: 'mode' },
  ],
  informants: [
    { field: 'group', dimension: 'group' },
    { field: 'format', dimension: 'format' },
    { field: 'mode', dimension: 'mode' },
  ],
  segments: [
    { field: 'stage', dimension: 'stage' },
    { field: 'situation', dimension: 'situation' },
    { field: 'actors', dimension: 'actor', list: true },
    { field: 'valence', dimension: 'valence' },
    { field: 'kind', dimension: 'kind' },
    { field: 'codes', dimension: 'code', list: true },
  ],
  benchmark: [],
};

/** Dimensions whose values are fixed by the method: map only, never add. */
export const FIXED_DIMENSIONS: ReadonlySet<ValueDimension> = new Set(['valence', 'kind', 'format', 'mode']);

/** Words people use for the method's fixed values (nb, nn, en), as `valueKey` gives them. */
const FIXED_SYNONYMS: Record<'valence' | 'kind' | 'format' | 'mode', Record<string, readonly string[]>> = {
  valence: {
    positive: ['+', '++', 'pos', 'positiv', 'positive', 'positivt', 'bra', 'god', 'godt', 'good', 'fornoyd', 'nogd', 'p'],
    mixed: ['ok', 'o k', '+/-', '±', '0', 'blandet', 'blanda', 'mixed', 'noytral', 'noytralt', 'neutral', 'middels', 'kunne vaert bedre', 'ok men kunne vaert bedre', 'm'],
    negative: ['-', '--', '−', 'neg', 'negativ', 'negative', 'negativt', 'darlig', 'darleg', 'bad', 'misfornoyd', 'n'],
  },
  kind: {
    experience: ['opplevelse', 'oppleving', 'experience', 'erfaring', 'as is', 'naa', 'na', 'e'],
    wish: ['onske', 'ynskje', 'wish', 'to be', 'onsker', 'drom', 'w', 'o'],
  },
  format: {
    individual: ['individuelt', 'individuell', 'individual', 'ind', 'indiv', 'en til en', '1:1', '1 1', 'enkeltintervju', 'single'],
    group: ['gruppe', 'group', 'gruppeintervju', 'fokusgruppe', 'focus group', 'grp'],
  },
  mode: {
    digital: ['digitalt', 'digital', 'teams', 'zoom', 'video', 'nett', 'online', 'dig'],
    'in-person': ['fysisk', 'in person', 'in-person', 'ansikt til ansikt', 'face to face', 'oppmote', 'fys'],
    'drawing-workshop': ['tegneverksted', 'teikneverkstad', 'drawing workshop', 'workshop', 'verksted'],
  },
};

/** An option the value step offers for a dimension: an id (frame item, code) or enum value, and its label. */
export interface ValueOption {
  value: string;
  label: string;
}

export function valueOptions(dim: ValueDimension, data: StudyData): ValueOption[] {
  const s = data.study;
  switch (dim) {
    case 'group':
      return s.groups.map((g) => ({ value: g.id, label: g.label }));
    case 'stage':
      return s.stages.map((g) => ({ value: g.id, label: g.label }));
    case 'situation':
      return s.situations.map((g) => ({ value: g.id, label: g.label }));
    case 'actor':
      return s.actors.map((g) => ({ value: g.id, label: g.label }));
    case 'code':
      return [...codePaths(data.codes)].map(([id, path]) => ({ value: id, label: path }));
    case 'valence':
      return (['positive', 'mixed', 'negative'] as const).map((v) => ({ value: v, label: s.valenceLabels[v] }));
    case 'kind':
      return Object.entries(KIND_NB).map(([value, label]) => ({ value, label }));
    case 'format':
      return Object.entries(FORMAT_NB).map(([value, label]) => ({ value, label }));
    case 'mode':
      return Object.entries(MODE_NB).map(([value, label]) => ({ value, label }));
  }
}

/** What the importer always accepted: exact (case-insensitive) label, id, short label, nb word, code path. */
export function knownValue(dim: ValueDimension, raw: string, data: StudyData, paths?: Map<string, string>): string | null {
  const s = data.study;
  switch (dim) {
    case 'group':
      return (findFrame(s.groups, raw) ?? s.groups.find((g) => g.prefix.toLowerCase() === raw.trim().toLowerCase()))?.id ?? null;
    case 'stage':
      return findFrame(s.stages, raw)?.id ?? null;
    case 'situation':
      return findFrame(s.situations, raw)?.id ?? null;
    case 'actor':
      return findFrame(s.actors, raw)?.id ?? null;
    case 'code': {
      const want = raw.trim().toLowerCase();
      for (const [id, p] of paths ?? codePaths(data.codes)) if (p.toLowerCase() === want) return id;
      return null;
    }
    case 'valence':
      return fromVocab(s.valenceLabels, raw);
    case 'kind':
      return fromVocab(KIND_NB, raw);
    case 'format':
      return fromVocab(FORMAT_NB, raw);
    case 'mode':
      return fromVocab(MODE_NB, raw);
  }
}

/** `10. trinn`, `10 trinn`, `10. klasse`, `grade 10`, `year 10`, `tiande` → `10`; `Vg 2`, `vgs2` → `vg2`. */
function stageToken(key: string): string | null {
  const vg = /^(?:vg|vgs|videregaende|vidaregaande|upper secondary)\s*(\d)$/.exec(key) ?? /^(\d)\s*vg$/.exec(key);
  if (vg) return `vg${vg[1]}`;
  const trinn = /^(\d{1,2})\s*(?:trinn|klasse|kl|steget|grade|year)?$/.exec(key) ?? /^(?:grade|year|trinn|klasse|kl)\s*(\d{1,2})$/.exec(key);
  if (trinn) return trinn[1] as string;
  return null;
}

function tokens(key: string): string[] {
  return key
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .split(' ')
    .filter((t) => t !== '' && !/^[+\-−±/]+$/.test(t));
}

/** Every raw token is a prefix of a label token, in order (`studiespes` → `studiespesialisering`). */
function abbreviates(raw: string[], label: string[]): boolean {
  if (raw.length === 0) return false;
  let j = 0;
  for (const r of raw) {
    while (j < label.length && !(label[j] as string).startsWith(r)) j++;
    if (j === label.length) return false;
    j++;
  }
  return true;
}

function frameTexts(item: FrameItem | GroupDef): string[] {
  return [item.label, item.short ?? '', item.id, 'prefix' in item ? item.prefix : ''].filter((x) => x !== '');
}

function unique<T>(xs: readonly T[]): T | null {
  return xs.length === 1 ? (xs[0] as T) : null;
}

function suggestFrame(dim: ValueDimension, raw: string, items: readonly (FrameItem | GroupDef)[]): string | null {
  const key = valueKey(raw);
  if (key === '') return null;
  const compact = key.replace(/\s/g, '');
  const byCompact = items.filter((i) => frameTexts(i).some((t) => valueKey(t).replace(/\s/g, '') === compact));
  if (byCompact.length > 0) return unique(byCompact)?.id ?? null;
  const sorted = (k: string) => tokens(k).sort().join(' ');
  const bySet = items.filter((i) => frameTexts(i).some((t) => sorted(valueKey(t)) === sorted(key)));
  if (bySet.length > 0) return unique(bySet)?.id ?? null;
  if (dim === 'stage' || dim === 'group') {
    const st = stageToken(key);
    if (st !== null) {
      const hits = items.filter((i) => frameTexts(i).some((t) => stageToken(valueKey(t)) === st) || (dim === 'group' && tokens(valueKey(i.label)).includes(st)));
      if (hits.length > 0) return unique(hits)?.id ?? null;
    }
  }
  const rt = tokens(key);
  const abbr = items.filter((i) => frameTexts(i).some((t) => abbreviates(rt, tokens(valueKey(t)))));
  if (abbr.length > 0) return unique(abbr)?.id ?? null;
  if (compact.length >= 3) {
    const sub = items.filter((i) => frameTexts(i).some((t) => {
      const c = valueKey(t).replace(/\s/g, '');
      return c.length >= 3 && (c.includes(compact) || compact.includes(c));
    }));
    return unique(sub)?.id ?? null;
  }
  return null;
}

/** The best guess for a value the study does not know, or null when nothing fits unambiguously. */
export function suggestValue(dim: ValueDimension, raw: string, data: StudyData, paths?: Map<string, string>): string | null {
  const s = data.study;
  const key = valueKey(raw);
  switch (dim) {
    case 'group':
      return suggestFrame(dim, raw, s.groups);
    case 'stage':
      return suggestFrame(dim, raw, s.stages);
    case 'situation':
      return suggestFrame(dim, raw, s.situations);
    case 'actor':
      return suggestFrame(dim, raw, s.actors);
    case 'code': {
      const all = [...(paths ?? codePaths(data.codes))];
      const exact = all.filter(([, p]) => valueKey(p) === key);
      if (exact.length) return unique(exact)?.[0] ?? null;
      const leaf = all.filter(([, p]) => valueKey(p.split('/').pop() ?? '') === key);
      return unique(leaf)?.[0] ?? null;
    }
    default: {
      const table = FIXED_SYNONYMS[dim];
      const labels: Record<string, string> = dim === 'valence' ? s.valenceLabels : dim === 'kind' ? KIND_NB : dim === 'format' ? FORMAT_NB : MODE_NB;
      for (const [value, words] of Object.entries(table)) {
        if (words.includes(key) || valueKey(labels[value] ?? '') === key || valueKey(value) === key) return value;
      }
      const pre = Object.entries(table).filter(([value, words]) => key.length >= 3 && [...words, valueKey(labels[value] ?? '')].some((w) => w.length >= 3 && w.startsWith(key)));
      return unique(pre)?.[0] ?? null;
    }
  }
}

/** One distinct value of one dimension in the file, as the value step lists it. */
export interface FoundValue {
  dimension: ValueDimension;
  /** The field key and the file's own header for it. */
  field: string;
  column: string;
  /** The value as written (first spelling seen) and its key. */
  raw: string;
  key: string;
  count: number;
  /** 1-based lines of its first rows (at most 5). */
  lines: number[];
  /** The study's own value for it, when it already knows it (then nothing is asked). */
  known: string | null;
  /** A choice the study remembered from an earlier import (used unless changed). */
  remembered: ValueChoice | null;
  suggestion: string | null;
}

/**
 * Every distinct value the mapped columns hold that the study does not know as written: unknown
 * ones (to decide) and remembered ones (shown, reused). Values the study knows are left out.
 */
export function scanValues(kind: ImportKind, table: ParsedCsv, mapping: ColumnMapping, data: StudyData, remembered?: ImportMapping): FoundValue[] {
  const paths = codePaths(data.codes);
  const out = new Map<string, FoundValue>();
  for (const vf of VALUE_FIELDS[kind]) {
    const idx = mapping[vf.field];
    if (idx === null || idx === undefined) continue;
    const column = table.headers[idx] ?? vf.field;
    const seen = new Map<string, boolean>();
    for (const row of table.rows) {
      const cell = unguardCell(row.cells[idx] ?? '').trim();
      if (cell === '') continue;
      for (const raw of vf.list ? splitList(cell) : [cell]) {
        const key = valueKey(raw);
        const id = `${vf.dimension}\u0000${key}`;
        let known = seen.get(raw);
        if (known === undefined) {
          known = knownValue(vf.dimension, raw, data, paths) !== null;
          seen.set(raw, known);
        }
        if (known) continue;
        const prev = out.get(id);
        if (prev) {
          prev.count++;
          if (prev.lines.length < 5) prev.lines.push(row.line);
          continue;
        }
        out.set(id, {
          dimension: vf.dimension,
          field: vf.field,
          column,
          raw,
          key,
          count: 1,
          lines: [row.line],
          known: null,
          remembered: remembered?.values[vf.dimension]?.[key] ?? null,
          suggestion: suggestValue(vf.dimension, raw, data, paths),
        });
      }
    }
  }
  return [...out.values()];
}

/** Resolved value ids per dimension and key, as the importers read them. */
export type ResolvedValues = Partial<Record<ValueDimension, Record<string, string>>>;

function newCode(name: string, studyId: string, id: string, order: number): Code {
  return { id, studyId, parentId: null, name, color: '#6b7280', definition: '', examples: [], order };
}

function prefixFor(label: string, taken: ReadonlySet<string>): string {
  const letters = tokens(valueKey(label)).map((t) => t[0]?.toUpperCase() ?? '').join('').slice(0, 6) || 'G';
  let p = letters;
  for (let n = 2; taken.has(p.toLowerCase()); n++) p = `${letters}${n}`.slice(0, 10);
  return p;
}

/**
 * Applies the value step's choices: `add` puts a new frame item (or a top-level code) into the
 * study, `to` maps to an existing one. Returns the study as it will be written and the resolved
 * ids. A choice that names an id the study does not have is left out (the import then says so).
 */
export function applyValueChoices(data: StudyData, choices: ImportMapping['values'], newId: () => string): { data: StudyData; resolved: ResolvedValues } {
  const s = { ...data.study, groups: [...data.study.groups], stages: [...data.study.stages], situations: [...data.study.situations], actors: [...data.study.actors] };
  const codes = [...data.codes];
  const resolved: ResolvedValues = {};
  const lists = { group: s.groups, stage: s.stages, situation: s.situations, actor: s.actors } as const;
  for (const [dimRaw, byKey] of Object.entries(choices)) {
    const dim = dimRaw as ValueDimension;
    const out: Record<string, string> = {};
    for (const [key, choice] of Object.entries(byKey ?? {})) {
      if ('to' in choice) {
        if (valueOptions(dim, { ...data, study: s, codes }).some((o) => o.value === choice.to)) out[key] = choice.to;
        continue;
      }
      if (FIXED_DIMENSIONS.has(dim)) continue;
      const label = choice.add.trim().slice(0, 200);
      if (dim === 'code') {
        const existing = codes.find((c) => c.parentId === null && c.name.toLowerCase() === label.toLowerCase());
        if (existing) out[key] = existing.id;
        else {
          const c = newCode(label, s.id, newId(), codes.length);
          codes.push(c);
          out[key] = c.id;
        }
        continue;
      }
      const list = lists[dim as keyof typeof lists] as (FrameItem | GroupDef)[];
      const existing = list.find((i) => i.label.toLowerCase() === label.toLowerCase());
      if (existing) {
        out[key] = existing.id;
        continue;
      }
      const id = newId();
      if (dim === 'group') list.push({ id, label, prefix: prefixFor(label, new Set(s.groups.map((g) => g.prefix.toLowerCase()))) });
      else list.push({ id, label });
      out[key] = id;
    }
    resolved[dim] = out;
  }
  return { data: { ...data, study: s, codes }, resolved };
}

/** The study's stored mapping with this import's column and value choices merged in. */
export function rememberMapping(prev: ImportMapping | undefined, kind: ImportKind, headers: readonly string[], mapping: ColumnMapping, values: ImportMapping['values'], headerKey: (h: string) => string): ImportMapping {
  const columns = { ...(prev?.columns ?? {}) };
  const cols: Record<string, string> = { ...(columns[kind] ?? {}) };
  for (const [field, idx] of Object.entries(mapping)) {
    if (idx === null || idx === undefined || field === 'id') continue;
    const h = headers[idx];
    if (h !== undefined && h.trim() !== '') cols[headerKey(h)] = field;
  }
  columns[kind] = cols;
  const merged: ImportMapping['values'] = { ...(prev?.values ?? {}) };
  for (const [dim, byKey] of Object.entries(values) as [ValueDimension, Record<string, ValueChoice>][]) {
    merged[dim] = { ...(merged[dim] ?? {}), ...byKey };
  }
  return { format: 'reisekart-import-mapping', version: 1, columns, values: merged };
}
