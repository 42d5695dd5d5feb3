import { scaleLinear } from 'd3';
import type { Study } from '../model/schema';
import type { BenchmarkComparison, BreakdownRow, CounsellorBreakdown, RatedCategory } from '../analysis/counsellor';
import { RATED_CATEGORIES } from '../analysis/counsellor';
import { CHART_STRINGS_NB, fmtPercent, type ChartStrings } from './strings';
import { lightTheme, type Theme } from './theme';
import { valenceLegend } from './journeyMap';
import { charsFor, finishLayout, fitText, wrapText, type Layout, type Primitive } from './types';

export interface SatisfactionBarsOptions {
  width: number;
  theme?: Theme;
  /** true for presentations and exports: rows with n below the threshold show no counts. */
  suppress: boolean;
  strings?: ChartStrings;
  valenceLabels: Study['valenceLabels'];
  /** Which rows: the combined row (if any) then these group ids; default: combined, then every group. */
  groupIds?: readonly string[];
}

const LABEL_W = 150;
const RIGHT = 20;
const TOP = 40;
const BAR_H = 24;
const WHISKER_STEP = 7;
const ROW_GAP = 16;
/** Width of a bold glyph relative to the 0.55·size average (DejaVu Sans Bold runs about 12 % wider). */
const BOLD = 1.12;

function pct(k: number, n: number): number {
  return n > 0 ? (k / n) * 100 : 0;
}

/**
 * Stacked horizontal bars per group (positive / ok-but / negative) with counts and percent, each
 * category's Wilson 95 % interval as a whisker on the shared 0–100 % axis under the bar (whiskers
 * on stacked segments would hang off the other categories' shares), and the benchmark beside:
 * dashed, lighter, in its own wording, with source, year and n, and its notes. Never merged.
 * Height follows from the number of rows.
 */
export function satisfactionBarsLayout(breakdown: CounsellorBreakdown, benchmark: BenchmarkComparison | null, opts: SatisfactionBarsOptions): Layout {
  const theme = opts.theme ?? lightTheme;
  const st = opts.strings ?? CHART_STRINGS_NB;
  const { width } = opts;
  const x = scaleLinear().domain([0, 100]).range([LABEL_W, width - RIGHT]);
  const rows: BreakdownRow[] = [];
  if (breakdown.combined) rows.push(breakdown.combined);
  for (const g of breakdown.groups) if (!opts.groupIds || opts.groupIds.includes(g.id)) rows.push(g);
  const p: Primitive[] = [];

  for (const t of [0, 25, 50, 75, 100]) {
    p.push({ type: 'text', x: x(t), y: TOP - 10, text: fmtPercent(t, st.locale), size: 10, anchor: 'middle', fill: theme.mutedText, role: 'x-label' });
  }

  let y = TOP;
  const rowH = BAR_H + 4 + WHISKER_STEP * 3 + ROW_GAP;
  const table = { header: ['', 'n', ...RATED_CATEGORIES.map((c) => opts.valenceLabels[c]), st.notDiscussed], rows: [] as string[][] };
  for (const row of rows) {
    // Bold glyphs run wider than the 0.55·size average: count them at 0.62·size so a label never runs into its bar.
    const rowLabel = fitText(row.label, charsFor(LABEL_W - 12, 12 * BOLD), 1);
    p.push({ type: 'text', x: 6, y: y + BAR_H / 2 - 2, text: rowLabel.lines[0] ?? '', ...(rowLabel.cut ? { title: row.label } : {}), size: 12, weight: 'bold', anchor: 'start', baseline: 'middle', fill: theme.text, role: 'row-label' });
    const hidden = opts.suppress && row.suppressed;
    const sub = hidden ? st.suppressed(breakdown.smallCell) : `n = ${row.n}${row.notDiscussed > 0 ? ` (+${row.notDiscussed} ${st.notDiscussed})` : ''}`;
    p.push({ type: 'text', x: 6, y: y + BAR_H / 2 + 12, text: sub, size: 10, anchor: 'start', baseline: 'middle', fill: theme.mutedText, role: 'row-n' });
    if (hidden || row.n === 0) {
      p.push({ type: 'rect', x: x(0), y, w: x(100) - x(0), h: BAR_H, fill: theme.suppressed, stroke: theme.border, role: hidden ? 'row-suppressed' : 'row-empty' });
      p.push({ type: 'text', x: x(50), y: y + BAR_H / 2, text: hidden ? st.suppressed(breakdown.smallCell) : st.noData, size: 10, italic: true, anchor: 'middle', baseline: 'middle', fill: theme.mutedText });
      table.rows.push([row.label, hidden ? '' : String(row.n), ...RATED_CATEGORIES.map(() => (hidden ? st.suppressed(breakdown.smallCell) : '')), hidden ? '' : String(row.notDiscussed)]);
      y += rowH;
      continue;
    }
    let acc = 0;
    for (const c of RATED_CATEGORIES) {
      const k = row.counts[c];
      const share = pct(k, row.n);
      const x0 = x(acc);
      const w = x(acc + share) - x0;
      if (w > 0) {
        const label = `${theme.glyph[c]} ${k} (${fmtPercent(row.percents[c], st.locale)})`;
        p.push({ type: 'rect', x: x0, y, w, h: BAR_H, fill: theme.valence[c], stroke: theme.background, role: `bar-${c}`, title: `${opts.valenceLabels[c]}: ${k} / ${row.n}`, data: { group: row.id, category: c, k, n: row.n } });
        const fits = label.length * 0.55 * 11 <= w - 4;
        p.push({ type: 'text', x: x0 + w / 2, y: y + BAR_H / 2, text: fits ? label : theme.glyph[c], size: 11, weight: 'bold', anchor: 'middle', baseline: 'middle', fill: theme.onValence[c], role: `bar-label-${c}` });
      }
      acc += share;
    }
    RATED_CATEGORIES.forEach((c, i) => {
      const ci = row.intervals[c];
      if (!ci) return;
      const wy = y + BAR_H + 4 + i * WHISKER_STEP + 3;
      p.push(...whisker(x(ci.lo * 100), x(ci.hi * 100), x(ci.p * 100), wy, theme, c));
    });
    table.rows.push([row.label, String(row.n), ...RATED_CATEGORIES.map((c) => cellText(row, c, st)), String(row.notDiscussed)]);
    y += rowH;
  }

  if (benchmark) {
    p.push({ type: 'line', x1: 6, y1: y - ROW_GAP / 2, x2: width - RIGHT, y2: y - ROW_GAP / 2, stroke: theme.grid, width: 1, role: 'separator' });
    const source = st.benchmarkSource(benchmark.source, benchmark.year, benchmark.n, benchmark.nApprox);
    // The benchmark's name wraps (up to three lines) inside the label column: "Ungdata Telemark 2018" ran into its bar.
    const name = fitText(benchmark.name, charsFor(LABEL_W - 12, 11 * BOLD), 3);
    name.lines.forEach((l, i) => p.push({ type: 'text', x: 6, y: y + 10 + i * 13, text: l, ...(name.cut ? { title: benchmark.name } : {}), size: 11, weight: 'bold', anchor: 'start', fill: theme.text, role: 'benchmark-label' }));
    let acc = 0;
    let categoryLines = 0;
    for (const c of benchmark.categories) {
      const x0 = x(Math.min(100, acc));
      const w = Math.max(0, x(Math.min(100, acc + c.percent)) - x0);
      const rated = c.mapsTo !== null && c.mapsTo !== 'not-discussed' ? (c.mapsTo as RatedCategory) : null;
      p.push({ type: 'rect', x: x0, y, w, h: BAR_H, fill: rated ? theme.valence[rated] : theme.suppressed, opacity: theme.benchmarkOpacity, stroke: theme.benchmarkStroke, dash: [4, 3], role: 'benchmark', title: `${c.label}: ${fmtPercent(c.percent, st.locale)}` });
      const label = `${rated ? `${theme.glyph[rated]} ` : ''}${fmtPercent(c.percent, st.locale)}`;
      if (label.length * 0.55 * 11 <= w - 4) p.push({ type: 'text', x: x0 + w / 2, y: y + BAR_H / 2, text: label, size: 11, weight: 'bold', anchor: 'middle', baseline: 'middle', fill: theme.text, role: 'benchmark-value' });
      // The source's wording under its bar, whole words on up to three lines; the table beside the chart has it in full.
      const words = fitText(c.label, Math.max(6, charsFor(w, 9)), 3);
      categoryLines = Math.max(categoryLines, words.lines.length);
      words.lines.forEach((l, i) => p.push({ type: 'text', x: x0 + w / 2, y: y + BAR_H + 11 + i * 11, text: l, ...(words.cut ? { title: c.label } : {}), size: 9, anchor: 'middle', fill: theme.mutedText, italic: true, role: 'benchmark-category' }));
      acc += c.percent;
    }
    y += BAR_H + 12 + Math.max(2, categoryLines) * 11;
    const notes = [source];
    if (benchmark.categoriesDiffer) notes.push(st.categoriesDiffer);
    if (benchmark.roundingNote) notes.push(st.rounding(benchmark.sum));
    for (const note of notes) {
      for (const l of wrapText(note, charsFor(width - 12 - RIGHT, 10))) {
        p.push({ type: 'text', x: 6, y, text: l, size: 10, anchor: 'start', fill: theme.mutedText, role: 'benchmark-note' });
        y += 13;
      }
    }
    table.rows.push([`${benchmark.name} (${source})`, '', ...benchmark.categories.map((c) => `${c.label}: ${fmtPercent(c.percent, st.locale)}`), '']);
    y += 6;
  }

  y += 8;
  p.push(...valenceLegend(6, y + 12, theme, opts.valenceLabels, 10));
  p.push({ type: 'line', x1: 6, y1: y + 26, x2: 26, y2: y + 26, stroke: theme.text, width: 1, role: 'legend-whisker' });
  p.push({ type: 'text', x: 32, y: y + 26, text: st.interval, size: 10, anchor: 'start', baseline: 'middle', fill: theme.mutedText });
  const height = y + 40;

  const shown = rows.map((r) => (opts.suppress && r.suppressed ? `${r.label}: ${st.suppressed(breakdown.smallCell)}` : `${r.label}: n = ${r.n}, ${RATED_CATEGORIES.map((c) => `${theme.glyph[c]} ${r.counts[c]}`).join(' ')}`));
  return finishLayout({ width, height, primitives: p, title: st.satisfactionTitle, desc: shown.join('; '), table });
}

function cellText(row: BreakdownRow, c: RatedCategory, st: ChartStrings): string {
  const ci = row.intervals[c];
  const range = ci ? ` [${fmtPercent(ci.lo * 100, st.locale)} – ${fmtPercent(ci.hi * 100, st.locale)}]` : '';
  return `${row.counts[c]} (${fmtPercent(row.percents[c], st.locale)})${range}`;
}

/** An interval whisker: line from lo to hi, end ticks, a dot at the estimate, coloured by category. */
function whisker(lo: number, hi: number, mid: number, y: number, theme: Theme, c: RatedCategory): Primitive[] {
  const stroke = c === 'mixed' ? theme.text : theme.valence[c];
  return [
    { type: 'line', x1: lo, y1: y, x2: hi, y2: y, stroke, width: 1.5, role: `whisker-${c}` },
    { type: 'line', x1: lo, y1: y - 2.5, x2: lo, y2: y + 2.5, stroke, width: 1.5, role: `whisker-${c}` },
    { type: 'line', x1: hi, y1: y - 2.5, x2: hi, y2: y + 2.5, stroke, width: 1.5, role: `whisker-${c}` },
    { type: 'circle', cx: mid, cy: y, r: 2.5, fill: theme.valence[c], stroke: theme.text, role: `whisker-${c}` },
  ];
}
