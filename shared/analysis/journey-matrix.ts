/**
 * The stage × situation matrix (situations are lanes, stages columns): cell statistics, top codes
 * and quotes per cell, and the view of it that may leave the machine (presentJourney).
 */
import type { FrameItem } from '../model/schema';
import { addTo, dominantValence, newAcc, statsOf, type Acc, type CellStats, type ValenceCounts } from './cells';
import { filterIndices, type AnalysisFilter, type StudyIndex } from './filter';
import { pickQuotes, type QuoteRef } from './quotes';

export interface CodeCount {
  codeId: string;
  n: number;
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

/** Top codes by segment count (ties by code id), codes as coded (not rolled up). */
function topCodesOf(index: StudyIndex, segs: readonly number[], k: number): CodeCount[] {
  if (k <= 0) return [];
  // Code ids are numbered once per index (columns.ts): counting a Map keyed by id was ~40 % of a
  // filter change at 50,000 segments (docs/bench.md, before/after).
  const t = index.columns.codes;
  const counts = new Int32Array(t.ids.length);
  for (const i of segs) {
    const end = t.start[i + 1] as number;
    for (let j = t.start[i] as number; j < end; j++) counts[t.values[j] as number]! += 1;
  }
  const out: CodeCount[] = [];
  for (let c = 0; c < counts.length; c++) if ((counts[c] as number) > 0) out.push({ codeId: t.ids[c] as string, n: counts[c] as number });
  return out.sort((a, b) => b.n - a.n || (a.codeId < b.codeId ? -1 : a.codeId > b.codeId ? 1 : 0)).slice(0, k);
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
  const cols = index.columns;
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
