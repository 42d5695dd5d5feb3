import type { Code, Study, Valence } from '../model/schema';
import { VALENCES } from '../model/schema';
import type { CellStats, JourneyCell, JourneyMatrix, ValenceCounts } from '../analysis/journey';
import type { CellEvidence } from '../analysis/evidence';
import { evidenceBars } from './evidenceBars';
import { evidenceStringsFor } from './evidenceStrings';
import { CHART_STRINGS_NB, type ChartStrings } from './strings';
import { lightTheme, type Theme } from './theme';
import { hiddenLabel } from './withheld';
import { charsFor, finishLayout, fitText, wrapText, type Layout, type Primitive } from './types';

export interface JourneyMapOptions {
  width: number;
  height: number;
  theme?: Theme;
  /**
   * true for presentations and exports: small cells show no counts, bars, codes or quotes.
   * false for the researcher's screen: small cells are greyed and marked, counts stay visible.
   */
  suppress: boolean;
  strings?: ChartStrings;
  /**
   * Evidence per cell (shared/analysis/evidence.ts, same [situation][stage] shape): drawn as three
   * bars in the cell's corner (filled: strong 3, moderate 2, weak 1) and said in the cell's title.
   */
  evidence?: readonly (readonly CellEvidence[])[];
}

const PAD = 6;
const LANE_LABEL_W = 120;
const HEADER_H = 40;
const LEGEND_H = 26;
const BAR_H = 14;
const CHIP_H = 16;

/** Draw the valence mix of `v` as one stacked bar: colour plus a glyph in every segment wide enough for it. */
export function valenceBar(v: ValenceCounts, x: number, y: number, w: number, h: number, theme: Theme, labels: Record<Valence, string>): Primitive[] {
  const rated = v.positive + v.mixed + v.negative;
  const out: Primitive[] = [];
  if (rated === 0) return out;
  let cx = x;
  for (const k of VALENCES) {
    const sw = (v[k] / rated) * w;
    if (sw <= 0) continue;
    out.push({ type: 'rect', x: cx, y, w: sw, h, fill: theme.valence[k], stroke: theme.background, role: `bar-${k}`, title: `${labels[k]}: ${v[k]}`, data: { valence: k, n: v[k] } });
    if (sw >= h * 0.9) out.push({ type: 'text', x: cx + sw / 2, y: y + h / 2, text: theme.glyph[k], size: h * 0.8, weight: 'bold', anchor: 'middle', baseline: 'middle', fill: theme.onValence[k], role: `glyph-${k}` });
    cx += sw;
  }
  return out;
}

/** Legend of the three valences: swatch with glyph, then the study's label. */
export function valenceLegend(x: number, y: number, theme: Theme, labels: Record<Valence, string>, size = 11): Primitive[] {
  const out: Primitive[] = [];
  let cx = x;
  for (const k of VALENCES) {
    out.push({ type: 'rect', x: cx, y: y - size, w: size + 3, h: size + 3, fill: theme.valence[k], stroke: theme.border, role: `legend-${k}` });
    out.push({ type: 'text', x: cx + (size + 3) / 2, y: y - size + (size + 3) / 2, text: theme.glyph[k], size: size * 0.9, weight: 'bold', anchor: 'middle', baseline: 'middle', fill: theme.onValence[k] });
    out.push({ type: 'text', x: cx + size + 8, y: y, text: labels[k], size, anchor: 'start', fill: theme.text });
    cx += size + 8 + labels[k].length * 0.55 * size + 18;
  }
  return out;
}

function countText(s: CellStats, st: ChartStrings): string {
  return `n = ${s.segments} ${st.segmentsShort} · ${s.informants} ${st.informantsShort}`;
}

function cellSummary(c: JourneyCell | CellStats, suppress: boolean, smallCell: number, st: ChartStrings, codeName?: (id: string) => string): string {
  if (suppress && c.suppressed) return hiddenLabel(c, st, smallCell);
  const v = c.valence;
  // The table alternative names the top codes in full (the chips may shorten them).
  const codes = codeName && 'topCodes' in c && c.topCodes.length > 0 ? `; ${c.topCodes.map((tc) => `${codeName(tc.codeId)} ${tc.n}`).join(', ')}` : '';
  return `${countText(c, st)}; + ${v.positive}, ~ ${v.mixed}, − ${v.negative}${c.suppressed ? ` (${st.smallCellNote})` : ''}${codes}`;
}

/**
 * The journey map: stages as columns, situations as lanes. Each cell shows n (segments and
 * informants), a valence mix bar (colour + glyph) and the top codes as chips.
 */
export function journeyMapLayout(matrix: JourneyMatrix, study: { study: Pick<Study, 'valenceLabels'>; codes: readonly Code[] }, opts: JourneyMapOptions): Layout {
  const theme = opts.theme ?? lightTheme;
  const st = opts.strings ?? CHART_STRINGS_NB;
  const labels = study.study.valenceLabels;
  const codeById = new Map(study.codes.map((c) => [c.id, c] as const));
  const { width, height } = opts;
  const nCols = Math.max(1, matrix.stages.length);
  const nRows = Math.max(1, matrix.situations.length);
  const colW = (width - LANE_LABEL_W - PAD) / nCols;
  const rowH = (height - HEADER_H - LEGEND_H - PAD) / nRows;
  const p: Primitive[] = [];

  matrix.stages.forEach((stage, c) => {
    const x = LANE_LABEL_W + c * colW;
    p.push({ type: 'text', x: x + colW / 2, y: 16, text: stage.short ?? stage.label, size: 13, weight: 'bold', anchor: 'middle', fill: theme.text, role: 'stage-label' });
    const tot = matrix.columnTotals[c];
    if (tot) {
      const t = opts.suppress && tot.suppressed ? hiddenLabel(tot, st, matrix.smallCell) : `n = ${tot.segments} · ${tot.informants} ${st.informantsShort}`;
      p.push({ type: 'text', x: x + colW / 2, y: 32, text: t, size: 10, anchor: 'middle', fill: theme.mutedText, role: 'column-total' });
    }
  });

  matrix.situations.forEach((sit, r) => {
    const y = HEADER_H + r * rowH;
    const lines = wrapText(sit.short ?? sit.label, charsFor(LANE_LABEL_W - 2 * PAD, 12), 3);
    lines.forEach((line, i) => p.push({ type: 'text', x: PAD, y: y + 18 + i * 15, text: line, size: 12, weight: 'bold', anchor: 'start', fill: theme.text, role: 'lane-label' }));
    const tot = matrix.rowTotals[r];
    if (tot) {
      const t = opts.suppress && tot.suppressed ? hiddenLabel(tot, st, matrix.smallCell) : `n = ${tot.segments} · ${tot.informants} ${st.informantsShort}`;
      p.push({ type: 'text', x: PAD, y: y + 18 + lines.length * 15 + 2, text: t, size: 10, anchor: 'start', fill: theme.mutedText, role: 'row-total' });
    }
    matrix.stages.forEach((_stage, c) => {
      const cell = matrix.cells[r]?.[c];
      if (!cell) return;
      const x = LANE_LABEL_W + c * colW;
      const cw = colW - PAD;
      const ch = rowH - PAD;
      const hidden = opts.suppress && cell.suppressed;
      const ev = opts.evidence?.[r]?.[c];
      const evText = ev ? `; ${evidenceStringsFor(st.locale).describe(ev, hidden, matrix.smallCell)}` : '';
      p.push({
        type: 'rect', x, y, w: cw, h: ch, rx: 4,
        fill: cell.suppressed ? theme.suppressed : theme.cell, stroke: theme.border,
        role: hidden ? 'cell-suppressed' : 'cell',
        title: cellSummary(cell, opts.suppress, matrix.smallCell, st) + evText,
        data: hidden ? { stageId: cell.stageId, situationId: cell.situationId, suppressed: true } : { stageId: cell.stageId, situationId: cell.situationId, suppressed: cell.suppressed, segments: cell.segments, informants: cell.informants },
      });
      if (ev && ev.level !== 'none') p.push(...evidenceBars(ev.level, x + cw - PAD - 16, y + PAD + 1, theme, evText.slice(2)));
      if (hidden) {
        wrapText(hiddenLabel(cell, st, matrix.smallCell), charsFor(cw - 2 * PAD, 10), 3).forEach((line, i) =>
          p.push({ type: 'text', x: x + cw / 2, y: y + ch / 2 + (i - 0.5) * 12, text: line, size: 10, anchor: 'middle', fill: theme.mutedText, italic: true, role: 'suppressed-note' }),
        );
        return;
      }
      if (cell.segments === 0) {
        p.push({ type: 'text', x: x + cw / 2, y: y + ch / 2, text: '–', size: 12, anchor: 'middle', baseline: 'middle', fill: theme.mutedText, role: 'empty' });
        return;
      }
      const muted = cell.suppressed;
      // "(få informanter)" only where it fits the cell: a narrow cell (small multiples) ran it into
      // the next one. The grey cell says it too, and the cell's title and table carry the words.
      const nText = `n = ${cell.segments} · ${cell.informants} ${st.informantsShort}`;
      const withNote = muted ? `${nText} (${st.smallCellNote})` : nText;
      const fitsNote = withNote.length <= charsFor(cw - 2 * PAD, 10 * 1.12);
      p.push({ type: 'text', x: x + PAD, y: y + PAD + 10, text: fitsNote ? withNote : nText, ...(fitsNote ? {} : { title: withNote }), size: 10, weight: 'bold', anchor: 'start', fill: muted ? theme.mutedText : theme.text, role: 'cell-n' });
      p.push(...valenceBar(cell.valence, x + PAD, y + PAD + 16, cw - 2 * PAD, BAR_H, theme, labels));
      let cy = y + PAD + 16 + BAR_H + 6;
      for (const tc of cell.topCodes) {
        const code = codeById.get(tc.codeId);
        const name = code?.name ?? tc.codeId;
        // A code name too long for one line wraps onto a second (smaller) line rather than being
        // cut mid-word ("Nyttig informas…", issue 22); the whole name stays in the chip's title.
        // Room for the name: the chip less its dot (16) and its bold count on the right; DejaVu Sans
        // runs about 8 % wider than the 0.55·size average, so count it so (the name ran into the count).
        const room = cw - 2 * PAD - 16 - 6 - String(tc.n).length * 0.62 * 9 - 6;
        // One line at 9 px, else two lines at 8 px, else one line at 7 px; else whole words and "…"
        // (the title and the table alternative name the code in full).
        const tries = [{ size: 9, fit: fitText(name, charsFor(room, 9 * 1.08), 1) }, { size: 8, fit: fitText(name, charsFor(room, 8 * 1.08), 2) }, { size: 7, fit: fitText(name, charsFor(room, 7 * 1.08), 1) }];
        const chosen = tries.find((c) => !c.fit.cut) ?? (tries[1] as (typeof tries)[number]);
        const lines = chosen.fit.lines;
        const size = chosen.size;
        const two = chosen.fit;
        const h = lines.length > 1 ? CHIP_H + 9 : CHIP_H;
        if (cy + h > y + ch - PAD) break;
        p.push({ type: 'rect', x: x + PAD, y: cy, w: cw - 2 * PAD, h, rx: 8, fill: theme.chip, stroke: theme.border, role: 'code-chip', title: `${name}: ${tc.n}`, data: { codeId: tc.codeId, n: tc.n } });
        p.push({ type: 'circle', cx: x + PAD + 8, cy: cy + h / 2, r: 4, fill: code?.color ?? theme.grid, stroke: theme.border });
        lines.forEach((line, i) => p.push({
          type: 'text', x: x + PAD + 16, y: cy + h / 2 + (i - (lines.length - 1) / 2) * 9, text: line, size, anchor: 'start', baseline: 'middle', fill: theme.chipText, role: 'chip-label',
          ...(two.cut ? { title: name } : {}),
        }));
        p.push({ type: 'text', x: x + cw - PAD - 6, y: cy + h / 2, text: String(tc.n), size: 9, weight: 'bold', anchor: 'end', baseline: 'middle', fill: theme.chipText });
        cy += h + 3;
      }
    });
  });

  p.push(...valenceLegend(LANE_LABEL_W, height - 8, theme, labels));

  const table = {
    header: [st.situation, ...matrix.stages.map((s) => s.short ?? s.label)],
    rows: matrix.situations.map((sit, r) => [sit.label, ...matrix.stages.map((_s, c) => {
      const cell = matrix.cells[r]?.[c];
      const ev = opts.evidence?.[r]?.[c];
      const evText = ev && cell ? `; ${evidenceStringsFor(st.locale).describe(ev, opts.suppress && cell.suppressed, matrix.smallCell)}` : '';
      return cell ? cellSummary(cell, opts.suppress, matrix.smallCell, st, (id) => codeById.get(id)?.name ?? id) + evText : '';
    })]),
  };
  const t = matrix.total;
  const desc = `${matrix.stages.length} × ${matrix.situations.length}; ${opts.suppress && t.suppressed ? hiddenLabel(t, st, matrix.smallCell) : countText(t, st)}`;
  return finishLayout({ width, height, primitives: p, title: st.journeyTitle, desc, table });
}
