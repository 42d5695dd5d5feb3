/**
 * Small-cell suppression for the journey views as every sharing output shows them: the journey map
 * and its totals, the emotion curve, the presentation's stage cards, Kim's storyboard and the code
 * chart, on screen-as-shared, in chart exports (SVG/PNG) and in the PDF. ONE place decides what is
 * hidden (this file, on shared/analysis/suppress.ts); outputs only read the result: a hidden cell
 * or total comes back with `suppressed: true` (and `secondary: true` when it is hidden only so that
 * no sum gives a small one back), so every chart draws it as hidden.
 *
 * The table behind the journey map: cell (situation r, stage c) holds its coded segments; a lane's
 * total, a stage's total and the grand total are sums of cells (the map prints all of them). A cell
 * is small (primary) by its distinct informants (1 … k−1), which do not add up across cells; its
 * segments do, so secondary suppression runs on segments. The emotion curve prints per stage n
 * and informants: its point is hidden exactly when that stage's total is (treated as the same
 * number, which it is when every segment has a situation and a valence: the cautious reading).
 *
 * Researchers' own screens may still show raw counts (marked "ikke for deling"); sharing outputs
 * never do.
 */
import type { CellStats, CodeFrequency, EmotionPoint, JourneyCell, JourneyMatrix, PersonaItem, PersonaStage } from './journey';
import { gridTable, suppressTable, type SdcCell, type SdcResult, type SdcSum } from './suppress';

/** What a hidden cell carries besides `suppressed`: hidden only to protect another (secondary). */
export interface Withheld {
  secondary?: boolean;
}

export interface SharedJourney {
  /** The matrix with every hidden cell and total marked `suppressed` (secondary ones also `secondary`). */
  matrix: JourneyMatrix;
  /** The curve with a point hidden where its stage total is hidden (null when none was given). */
  curve: EmotionPoint[] | null;
  sdc: SdcResult;
  /** Map cells hidden (primary + secondary), for "n held back". */
  hiddenCells: number;
}

const small = (informants: number, k: number): boolean => informants > 0 && informants < k;

function mark<T extends CellStats>(s: T, hidden: boolean, secondary: boolean): T & Withheld {
  if (!hidden) return { ...s, suppressed: false };
  return secondary ? { ...s, suppressed: true, secondary: true } : { ...s, suppressed: true };
}

/**
 * Primary and secondary suppression of a journey matrix (and the emotion curve shown beside it),
 * at the matrix's threshold. A true 0 (no informant) is shown, not hidden.
 */
export function suppressJourney(m: JourneyMatrix, curve?: readonly EmotionPoint[]): SharedJourney {
  const k = m.smallCell;
  const grid = gridTable({ rows: m.cells.map((row) => row.map((c) => c.segments)) });
  const primary = new Set<string>();
  m.cells.forEach((row, r) => row.forEach((c, j) => (small(c.informants, k) ? primary.add(`r${r}c${j}`) : undefined)));
  m.rowTotals.forEach((t, r) => (small(t.informants, k) ? primary.add(`r${r}t`) : undefined));
  m.columnTotals.forEach((t, j) => (small(t.informants, k) ? primary.add(`c${j}t`) : undefined));
  if (small(m.total.informants, k)) primary.add('t');
  // The curve's point for a stage prints the same n as the stage's total (cautiously): small there, hidden both.
  curve?.forEach((p) => {
    const j = m.stages.findIndex((s) => s.id === p.stageId);
    if (j >= 0 && small(p.informants, k)) primary.add(`c${j}t`);
  });
  const sdc = suppressTable(grid, k, { primary });
  const is = (id: string): [boolean, boolean] => [sdc.hidden.has(id), sdc.secondary.has(id)];
  const matrix: JourneyMatrix = {
    ...m,
    cells: m.cells.map((row, r) => row.map((c, j): JourneyCell => {
      const [h, s] = is(`r${r}c${j}`);
      return h ? { ...mark(c, true, s), topCodes: [], quotes: [] } : mark(c, false, false);
    })),
    rowTotals: m.rowTotals.map((t, r) => mark(t, ...is(`r${r}t`))),
    columnTotals: m.columnTotals.map((t, j) => mark(t, ...is(`c${j}t`))),
    total: mark(m.total, ...is('t')),
  };
  const shownCurve = curve
    ? curve.map((p): EmotionPoint & Withheld => {
        const j = m.stages.findIndex((s) => s.id === p.stageId);
        const hidden = (j >= 0 && sdc.hidden.has(`c${j}t`)) || small(p.informants, k);
        if (!hidden) return { ...p, suppressed: false };
        return !small(p.informants, k) ? { ...p, suppressed: true, secondary: true } : { ...p, suppressed: true };
      })
    : null;
  let hiddenCells = 0;
  m.cells.forEach((row, r) => row.forEach((_c, j) => (sdc.hidden.has(`r${r}c${j}`) ? hiddenCells++ : undefined)));
  return { matrix, curve: shownCurve, sdc, hiddenCells };
}

/** Is this (cell, total or curve point) hidden only to protect another? */
export function isSecondary(x: object): boolean {
  return (x as Withheld).secondary === true;
}

/**
 * Kim's storyboard as shared: an item backed by 1 … k−1 informants is left out with its quote. The
 * storyboard prints no totals (each list is a top few), so nothing adds up to give one back: primary
 * suppression is all it needs.
 */
export function suppressPersona(persona: readonly PersonaStage[], k: number): { persona: PersonaStage[]; hidden: number } {
  let hidden = 0;
  const keep = (items: readonly PersonaItem[]): PersonaItem[] =>
    items.filter((i) => {
      const ok = !(i.informants < k);
      if (!ok) hidden++;
      return ok;
    });
  return { persona: persona.map((s) => ({ ...s, pains: keep(s.pains), helps: keep(s.helps), wishes: keep(s.wishes) })), hidden };
}

/**
 * The code chart as shared (counts rolled up to parents): a code with 1 … k−1 informants is hidden,
 * and so is whatever would give it back: a parent's rolled count is its own segments plus its
 * children's (exactly so when no segment carries two codes under one parent: the cautious reading),
 * so a parent with one hidden child hides a second child or itself. A parent's own count is not
 * printed: where it is 0 the reader may guess it, so then the parent is the sum of its children;
 * a parent coded itself is its children plus an unknown, which gives nothing back.
 */
export function suppressCodeFrequencies(freqs: readonly CodeFrequency[], k: number): { hidden: Set<string>; secondary: Set<string>; sdc: SdcResult } {
  const shown = freqs.filter((f) => f.segmentsRolled > 0);
  const ids = new Set(shown.map((f) => f.codeId));
  const cells: SdcCell[] = [];
  const sums: SdcSum[] = [];
  const primary = new Set<string>();
  for (const f of shown) {
    cells.push({ id: f.codeId, value: f.segmentsRolled });
    if (small(f.informantsRolled, k)) primary.add(f.codeId);
  }
  for (const f of shown) {
    const children = shown.filter((c) => c.parentId === f.codeId && ids.has(c.codeId));
    if (children.length === 0) continue;
    // A parent coded itself has an own count the reader does not know (≥ 0): no equation to subtract from.
    if (f.segments > 0) continue;
    sums.push({ total: f.codeId, parts: children.map((c) => c.codeId) });
  }
  const sdc = suppressTable({ cells, sums }, k, { primary });
  const hidden = new Set([...sdc.hidden].filter((id) => ids.has(id)));
  const secondary = new Set([...sdc.secondary].filter((id) => ids.has(id)));
  return { hidden, secondary, sdc };
}
