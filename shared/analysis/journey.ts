/**
 * The journey views: the stage × situation matrix, the emotion curve, "persona Kim" per stage,
 * group comparison and code frequencies / co-occurrence. All take the same index and filter.
 *
 * What n counts: `segments` is coded segments; `informants` is distinct participants
 * (interview + P-number) behind them. Suppression always goes by informants, because a small
 * number of people (not of quotes) is what makes someone recognisable.
 */
import type { FrameItem, Segment, Valence } from '../model/schema';
import { VALENCES } from '../model/schema';
import { NO_VALENCE, segmentColumns, VALENCE_CODE } from './columns';
import { filterIndices, type AnalysisFilter, type StudyIndex } from './filter';
import { roundPercentages } from './stats';
import { informantEmotionCurve, type CurveIntervalMethod } from './interval';
import { distinctBy } from './similar';

export interface ValenceCounts {
  positive: number;
  mixed: number;
  negative: number;
  /** Segments without a valence (uncoded on that dimension). */
  none: number;
}

export interface CodeCount {
  codeId: string;
  n: number;
}

export interface QuoteRef {
  segmentId: string;
  interviewId: string;
  interviewCode: string;
  participantId: string;
  quote: string;
  valence: Valence | null;
}

export interface CellStats {
  segments: number;
  informants: number;
  valence: ValenceCounts;
  /** informants < smallCell: counts must be hidden in presentations and exports. */
  suppressed: boolean;
}

export interface JourneyCell extends CellStats {
  stageId: string;
  situationId: string;
  topCodes: CodeCount[];
  quotes: QuoteRef[];
}

export interface JourneyMatrix {
  stages: FrameItem[];
  situations: FrameItem[];
  /** cells[situationIndex][stageIndex]: situations are lanes (rows), stages are columns. */
  cells: JourneyCell[][];
  /** One per situation (row). */
  rowTotals: CellStats[];
  /** One per stage (column). */
  columnTotals: CellStats[];
  total: CellStats;
  /** Filtered segments without a (known) stage or situation: they are in no cell. */
  unplaced: number;
  /** Segments that passed the filter. Cells' segments + unplaced = filtered. */
  filtered: number;
  smallCell: number;
}

export interface JourneyOptions {
  smallCell: number;
  topCodes?: number;
  quotes?: number;
}


/**
 * One accumulator per cell, row, column and the total. Distinct informants are marked in a byte
 * array indexed by informant (not a Set): four Set.add per segment made a filter change over
 * 50,000 segments cost 70–130 ms, mostly hashing and GC (docs/bench.md, before/after). Segment
 * indices are kept for cells only (their codes and quotes); totals need only counts.
 */
interface Acc {
  segs: number[] | null;
  segments: number;
  seen: Uint8Array;
  informants: number;
  /** Counts by valence code (columns.ts: positive, mixed, negative, none). */
  valence: Int32Array;
}
const newAcc = (nInformants: number, keepSegs: boolean): Acc => ({
  segs: keepSegs ? [] : null,
  segments: 0,
  seen: new Uint8Array(nInformants),
  informants: 0,
  valence: new Int32Array(NO_VALENCE + 1),
});

/** `v` is the segment's valence code (VALENCE_CODE, or NO_VALENCE). */
function addTo(acc: Acc, i: number, informant: number, v: number): void {
  acc.segs?.push(i);
  acc.segments += 1;
  if (acc.seen[informant] === 0) {
    acc.seen[informant] = 1;
    acc.informants += 1;
  }
  acc.valence[v]! += 1;
}

function statsOf(acc: Acc, smallCell: number): CellStats {
  const v = acc.valence;
  return {
    segments: acc.segments,
    informants: acc.informants,
    valence: { positive: v[VALENCE_CODE.positive] as number, mixed: v[VALENCE_CODE.mixed] as number, negative: v[VALENCE_CODE.negative] as number, none: v[NO_VALENCE] as number },
    suppressed: acc.informants < smallCell,
  };
}

/** The valence with most segments; ties go to the order positive, mixed, negative. null when none has any. */
export function dominantValence(v: ValenceCounts): Valence | null {
  let best: Valence | null = null;
  let bestN = 0;
  for (const k of VALENCES) {
    if (v[k] > bestN) {
      best = k;
      bestN = v[k];
    }
  }
  return best;
}

/** Top codes by segment count (ties by code id), codes as coded (not rolled up). */
function topCodesOf(index: StudyIndex, segs: readonly number[], k: number): CodeCount[] {
  if (k <= 0) return [];
  // Code ids are numbered once per index (columns.ts): counting a Map keyed by id was ~40 % of a
  // filter change at 50,000 segments (docs/bench.md, before/after).
  const t = segmentColumns(index).codes;
  const counts = new Int32Array(t.ids.length);
  for (const i of segs) {
    const end = t.start[i + 1] as number;
    for (let j = t.start[i] as number; j < end; j++) counts[t.values[j] as number]! += 1;
  }
  const out: CodeCount[] = [];
  for (let c = 0; c < counts.length; c++) if ((counts[c] as number) > 0) out.push({ codeId: t.ids[c] as string, n: counts[c] as number });
  return out.sort((a, b) => b.n - a.n || (a.codeId < b.codeId ? -1 : a.codeId > b.codeId ? 1 : 0)).slice(0, k);
}

const QUOTE_MIN = 40;
const QUOTE_MAX = 220;

/**
 * The order quotes are chosen in (see pickQuotes), on segment indices; a total order, ties end at
 * the segment id. Reads the index's columns (valence, trimmed length), not the Segment objects.
 */
function quoteOrder(index: StudyIndex, prefer: Valence | null): (a: number, b: number) => number {
  const cols = segmentColumns(index);
  const want = prefer === null ? -1 : VALENCE_CODE[prefer];
  return (a, b) => {
    const pa = cols.valence[a] === want ? 0 : 1;
    const pb = cols.valence[b] === want ? 0 : 1;
    if (pa !== pb) return pa - pb;
    const la = cols.quoteLen[a] as number;
    const lb = cols.quoteLen[b] as number;
    const ra = la >= QUOTE_MIN && la <= QUOTE_MAX ? 0 : 1;
    const rb = lb >= QUOTE_MIN && lb <= QUOTE_MAX ? 0 : 1;
    if (ra !== rb) return ra - rb;
    if (la !== lb) return la - lb;
    const ia = (index.segments[a] as Segment).id;
    const ib = (index.segments[b] as Segment).id;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
}

/** The k smallest items under cmp, in order: one pass with a bounded insertion (k is 1–3 here). */
function smallestK<T>(items: Iterable<T>, k: number, cmp: (a: T, b: T) => number): T[] {
  const out: T[] = [];
  if (k <= 0) return out;
  for (const it of items) {
    if (out.length === k && cmp(it, out[k - 1] as T) >= 0) continue;
    let j = Math.min(out.length, k - 1);
    if (out.length < k) out.push(it);
    while (j > 0 && cmp(it, out[j - 1] as T) < 0) {
      out[j] = out[j - 1] as T;
      j--;
    }
    out[j] = it;
  }
  return out;
}

/**
 * Representative quotes, chosen deterministically so two runs (and the PDF and the screen) agree:
 * segments of the preferred valence first, then quotes whose length is within 40–220 characters
 * (long enough to say something, short enough to print), then the shortest, then by segment id.
 * One quote per informant before a second from the same informant, so one voice does not fill the cell;
 * a quote that nearly repeats one already chosen (similar.ts) is passed over.
 *
 * Linear in the number of segments: walking the fully sorted list and taking each informant's
 * first quote is the same as taking the k best of the informants' best quotes, so no full sort
 * is needed (a cell of a 50,000-segment study holds thousands; a filter change must stay fast).
 */
export function pickQuotes(index: StudyIndex, segs: readonly number[], k: number, prefer: Valence | null): QuoteRef[] {
  if (k <= 0) return [];
  const cmp = quoteOrder(index, prefer);
  const quoteLen = segmentColumns(index).quoteLen;
  // Each informant's best quote, as segment indices (no object per candidate: a cell holds thousands).
  const bestOf = new Map<number, number>();
  for (const i of segs) {
    if (quoteLen[i] === 0) continue;
    const informant = index.segInformant[i] as number;
    const best = bestOf.get(informant);
    if (best === undefined || cmp(i, best) < 0) bestOf.set(informant, i);
  }
  // A quote that nearly repeats a better one is passed over (similar.ts): take the best few, and
  // widen the window only when near-duplicates leave fewer than k (rare; stays linear otherwise).
  const text = (i: number): string => (index.segments[i] as Segment).quote;
  const distinctK = (items: readonly number[], first: readonly number[]): number[] => {
    for (let window = k * 4; ; window *= 2) {
      const got = distinctBy([...first, ...smallestK(items, window, cmp)], text, k);
      if (got.length >= k || window >= items.length) return got;
    }
  };
  const bests = [...bestOf.values()];
  let chosen = distinctK(bests, []);
  if (chosen.length < k) {
    // Fewer informants than quotes wanted: fill with the next best, in the same order.
    const taken = new Set(chosen);
    chosen = distinctK(segs.filter((i) => quoteLen[i] !== 0 && !taken.has(i)), chosen);
  }
  return chosen.map((i) => {
    const s = index.segments[i] as Segment;
    return {
      segmentId: s.id,
      interviewId: s.interviewId,
      interviewCode: index.interviewById.get(s.interviewId)?.code ?? s.interviewId,
      participantId: s.participantId,
      quote: s.quote.trim(),
      valence: s.valence,
    };
  });
}

export function journeyMatrix(index: StudyIndex, filter: AnalysisFilter, opts: JourneyOptions): JourneyMatrix {
  const topK = opts.topCodes ?? 3;
  const quoteK = opts.quotes ?? 3;
  const stages = index.study.stages;
  const situations = index.study.situations;
  const stageCol = new Map(stages.map((s, i) => [s.id, i] as const));
  const sitRow = new Map(situations.map((s, i) => [s.id, i] as const));
  const nInf = index.informantKeys.length;
  const accs: Acc[][] = situations.map(() => stages.map(() => newAcc(nInf, true)));
  const rows = situations.map(() => newAcc(nInf, false));
  const colAccs = stages.map(() => newAcc(nInf, false));
  const total = newAcc(nInf, false);
  const idx = filterIndices(index, filter);
  const cols = segmentColumns(index);
  // Dictionary number → column / row of the frame (-1: not a stage or situation of the study).
  const colOf = Int32Array.from(cols.stage.ids, (id) => stageCol.get(id) ?? -1);
  const rowOf = Int32Array.from(cols.situation.ids, (id) => sitRow.get(id) ?? -1);
  let unplaced = 0;
  for (const i of idx) {
    const sp = cols.stage.col[i] as number;
    const tp = cols.situation.col[i] as number;
    const c = sp < 0 ? -1 : (colOf[sp] as number);
    const r = tp < 0 ? -1 : (rowOf[tp] as number);
    if (c < 0 || r < 0) {
      unplaced += 1;
      continue;
    }
    const inf = index.segInformant[i] as number;
    const v = cols.valence[i] as number;
    addTo(accs[r]![c]!, i, inf, v);
    addTo(rows[r]!, i, inf, v);
    addTo(colAccs[c]!, i, inf, v);
    addTo(total, i, inf, v);
  }
  const cells = accs.map((row, r) =>
    row.map((acc, c): JourneyCell => {
      const st = statsOf(acc, opts.smallCell);
      return {
        stageId: stages[c]!.id,
        situationId: situations[r]!.id,
        ...st,
        topCodes: topCodesOf(index, acc.segs ?? [], topK),
        quotes: pickQuotes(index, acc.segs ?? [], quoteK, dominantValence(st.valence)),
      };
    }),
  );
  return {
    stages,
    situations,
    cells,
    rowTotals: rows.map((a) => statsOf(a, opts.smallCell)),
    columnTotals: colAccs.map((a) => statsOf(a, opts.smallCell)),
    total: statsOf(total, opts.smallCell),
    unplaced,
    filtered: idx.length,
    smallCell: opts.smallCell,
  };
}

/** A cell as presentations and exports may show it: suppressed cells carry no counts, codes or quotes. */
export interface PresentedCell {
  stageId: string;
  situationId: string;
  suppressed: boolean;
  segments: number | null;
  informants: number | null;
  valence: ValenceCounts | null;
  topCodes: CodeCount[];
  quotes: QuoteRef[];
}

/**
 * The presentation/export view of a matrix. The researcher's screen may use the matrix itself
 * (suppressed cells greyed, counts visible); anything that leaves the machine uses this.
 * Totals are kept only when they are not small themselves. Note: a row total with exactly one
 * suppressed cell lets a reader subtract; docs/analysis.md says so (no complementary suppression yet).
 */
export function presentJourney(m: JourneyMatrix): { cells: PresentedCell[][]; rowTotals: (CellStats | null)[]; columnTotals: (CellStats | null)[]; total: CellStats | null } {
  const hide = (s: CellStats): CellStats | null => (s.suppressed ? null : s);
  return {
    cells: m.cells.map((row) =>
      row.map((c) =>
        c.suppressed
          ? { stageId: c.stageId, situationId: c.situationId, suppressed: true, segments: null, informants: null, valence: null, topCodes: [], quotes: [] }
          : { stageId: c.stageId, situationId: c.situationId, suppressed: false, segments: c.segments, informants: c.informants, valence: c.valence, topCodes: c.topCodes, quotes: c.quotes },
      ),
    ),
    rowTotals: m.rowTotals.map(hide),
    columnTotals: m.columnTotals.map(hide),
    total: hide(m.total),
  };
}

export interface EmotionPoint {
  stageId: string;
  label: string;
  /** Experience segments with a valence at this stage. */
  n: number;
  informants: number;
  /** Mean valence score (positive +1, mixed 0, negative −1); null when n = 0. */
  mean: number | null;
  lo: number | null;
  hi: number | null;
  suppressed: boolean;
  /** How mean and band were computed (interval.ts): the mean of informant means, 95 % interval over informants. */
  method?: CurveIntervalMethod;
}

/**
 * Mean valence score per stage. Only experiences count: a wish has no as-is feeling.
 * The unit is the informant (interval.ts); `n` (statements) is shown beside it.
 */

export function emotionCurve(index: StudyIndex, filter: AnalysisFilter, opts: { smallCell?: number } = {}): EmotionPoint[] {
  // Over informants, not statements (interval.ts): a talkative informant no longer narrows the band.
  return informantEmotionCurve(index, filter, opts);
}

export interface PersonaItem {
  /** null: segments without a code. */
  codeId: string | null;
  n: number;
  informants: number;
  quote: QuoteRef | null;
}

export interface PersonaStage {
  stageId: string;
  label: string;
  pains: PersonaItem[];
  helps: PersonaItem[];
  wishes: PersonaItem[];
}

function personaItems(index: StudyIndex, segs: readonly number[], k: number, prefer: Valence | null): PersonaItem[] {
  const byCode = new Map<string | null, number[]>();
  for (const i of segs) {
    const s = index.segments[i] as Segment;
    const keys: (string | null)[] = s.codeIds.length > 0 ? s.codeIds : [null];
    for (const key of keys) {
      const list = byCode.get(key);
      if (list) list.push(i);
      else byCode.set(key, [i]);
    }
  }
  return [...byCode]
    .map(([codeId, list]) => ({
      codeId,
      n: list.length,
      informants: new Set(list.map((i) => index.segInformant[i])).size,
      quote: pickQuotes(index, list, 1, prefer)[0] ?? null,
    }))
    .sort((a, b) => b.n - a.n || b.informants - a.informants || cmpNullable(a.codeId, b.codeId))
    .slice(0, k);
}

function cmpNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * "Kim" per stage: the most frequent pains (negative experiences), helps (positive experiences)
 * and wishes (kind 'wish'), grouped by code, each with counts and one quote.
 */
export function personaKim(index: StudyIndex, filter: AnalysisFilter, opts: { top?: number } = {}): PersonaStage[] {
  const k = opts.top ?? 3;
  const stages = index.study.stages;
  const col = new Map(stages.map((s, i) => [s.id, i] as const));
  const pains: number[][] = stages.map(() => []);
  const helps: number[][] = stages.map(() => []);
  const wishes: number[][] = stages.map(() => []);
  for (const i of filterIndices(index, filter)) {
    const s = index.segments[i] as Segment;
    const c = s.stageId === null ? undefined : col.get(s.stageId);
    if (c === undefined) continue;
    if (s.kind === 'wish') wishes[c]!.push(i);
    else if (s.valence === 'negative') pains[c]!.push(i);
    else if (s.valence === 'positive') helps[c]!.push(i);
  }
  return stages.map((st, c) => ({
    stageId: st.id,
    label: st.short ?? st.label,
    pains: personaItems(index, pains[c]!, k, 'negative'),
    helps: personaItems(index, helps[c]!, k, 'positive'),
    wishes: personaItems(index, wishes[c]!, k, null),
  }));
}

export interface GroupRow {
  groupId: string;
  label: string;
  segments: number;
  informants: number;
  valence: ValenceCounts;
  /** Whole percentages of positive/mixed/negative (segments with a valence), each the rounded exact share. */
  percents: { positive: number; mixed: number; negative: number };
  suppressed: boolean;
}

export function groupComparison(index: StudyIndex, filter: AnalysisFilter, opts: { smallCell?: number } = {}): GroupRow[] {
  const smallCell = opts.smallCell ?? index.study.smallCellThreshold;
  const groups = index.study.groups;
  const row = new Map(groups.map((g, i) => [g.id, i] as const));
  const accs = groups.map(() => newAcc(index.informantKeys.length, false));
  for (const i of filterIndices(index, filter)) {
    const r = row.get(index.segGroup[i] as string);
    if (r === undefined) continue;
    addTo(accs[r]!, i, index.segInformant[i] as number, segmentColumns(index).valence[i] as number);
  }
  return groups.map((g, r) => {
    const st = statsOf(accs[r]!, smallCell);
    const [positive = 0, mixed = 0, negative = 0] = roundPercentages([st.valence.positive, st.valence.mixed, st.valence.negative]);
    return { groupId: g.id, label: g.short ?? g.label, segments: st.segments, informants: st.informants, valence: st.valence, percents: { positive, mixed, negative }, suppressed: st.suppressed };
  });
}

export interface CodeFrequency {
  codeId: string;
  parentId: string | null;
  /** Depth in the code tree (root 0). */
  depth: number;
  /** Segments coded with exactly this code. */
  segments: number;
  informants: number;
  /** Segments coded with this code or any descendant (each segment once). */
  segmentsRolled: number;
  informantsRolled: number;
}

/** Per code, in codebook order (tree order: parent, then its children by `order`, then name). */
export function codeFrequencies(index: StudyIndex, filter: AnalysisFilter): CodeFrequency[] {
  const own = new Map<string, { segs: number; infs: Set<number> }>();
  const rolled = new Map<string, { segs: number; infs: Set<number> }>();
  for (const c of index.codes) {
    own.set(c.id, { segs: 0, infs: new Set() });
    rolled.set(c.id, { segs: 0, infs: new Set() });
  }
  const touched = new Set<string>();
  for (const i of filterIndices(index, filter)) {
    const s = index.segments[i] as Segment;
    const inf = index.segInformant[i] as number;
    touched.clear();
    for (const c of s.codeIds) {
      const o = own.get(c);
      if (!o) continue;
      o.segs += 1;
      o.infs.add(inf);
      for (const a of index.codeSelfAndAncestors.get(c) ?? [c]) touched.add(a);
    }
    // A segment coded with two children of one parent counts once for the parent.
    for (const a of touched) {
      const r = rolled.get(a);
      if (!r) continue;
      r.segs += 1;
      r.infs.add(inf);
    }
  }
  return codeTreeOrder(index).map(({ id, depth }) => {
    const o = own.get(id)!;
    const r = rolled.get(id)!;
    return { codeId: id, parentId: index.codeById.get(id)?.parentId ?? null, depth, segments: o.segs, informants: o.infs.size, segmentsRolled: r.segs, informantsRolled: r.infs.size };
  });
}

/** Codes in tree order with depth; orphans (unknown parent) are treated as roots. */
export function codeTreeOrder(index: StudyIndex): { id: string; depth: number }[] {
  const children = new Map<string | null, string[]>();
  for (const c of index.codes) {
    const p = c.parentId !== null && index.codeById.has(c.parentId) ? c.parentId : null;
    const list = children.get(p);
    if (list) list.push(c.id);
    else children.set(p, [c.id]);
  }
  const byOrder = (a: string, b: string): number => {
    const ca = index.codeById.get(a)!;
    const cb = index.codeById.get(b)!;
    return ca.order - cb.order || ca.name.localeCompare(cb.name, 'nb') || (a < b ? -1 : 1);
  };
  const out: { id: string; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number): void => {
    for (const id of [...(children.get(parent) ?? [])].sort(byOrder)) {
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ id, depth });
      walk(id, depth + 1);
    }
  };
  walk(null, 0);
  // Codes caught in a parent cycle are unreachable from a root: list them at the end, flat.
  for (const c of index.codes) if (!seen.has(c.id)) out.push({ id: c.id, depth: 0 });
  return out;
}

export interface CodePair {
  /** a < b (string order). */
  a: string;
  b: string;
  /** Segments carrying both codes. */
  sameSegment: number;
  /**
   * Pairs of different, overlapping segments of the same informant, one carrying a and the other b
   * (each segment pair counted once per code pair).
   */
  overlapping: number;
}

export function codeCooccurrence(index: StudyIndex, filter: AnalysisFilter): CodePair[] {
  const pairs = new Map<string, CodePair>();
  const bump = (x: string, y: string, field: 'sameSegment' | 'overlapping'): void => {
    if (x === y) return;
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}\u0000${b}`;
    let p = pairs.get(key);
    if (!p) {
      p = { a, b, sameSegment: 0, overlapping: 0 };
      pairs.set(key, p);
    }
    p[field] += 1;
  };
  const byInformant = new Map<number, Segment[]>();
  for (const i of filterIndices(index, filter)) {
    const s = index.segments[i] as Segment;
    const codes = [...new Set(s.codeIds)];
    for (let x = 0; x < codes.length; x++) for (let y = x + 1; y < codes.length; y++) bump(codes[x]!, codes[y]!, 'sameSegment');
    const inf = index.segInformant[i] as number;
    const list = byInformant.get(inf);
    if (list) list.push(s);
    else byInformant.set(inf, [s]);
  }
  for (const list of byInformant.values()) {
    list.sort((p, q) => p.start - q.start || p.end - q.end);
    for (let x = 0; x < list.length; x++) {
      const s = list[x]!;
      for (let y = x + 1; y < list.length; y++) {
        const t = list[y]!;
        if (t.start >= s.end) break; // sorted by start: nothing later overlaps s
        const seen = new Set<string>();
        for (const ca of s.codeIds)
          for (const cb of t.codeIds) {
            if (ca === cb) continue;
            const key = ca < cb ? `${ca}\u0000${cb}` : `${cb}\u0000${ca}`;
            if (seen.has(key)) continue;
            seen.add(key);
            bump(ca, cb, 'overlapping');
          }
      }
    }
  }
  return [...pairs.values()].sort((p, q) => q.sameSegment + q.overlapping - (p.sameSegment + p.overlapping) || (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
}
