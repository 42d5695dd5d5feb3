import { area, curveMonotoneX, line, scaleLinear, scalePoint } from 'd3';
import type { EmotionPoint } from '../analysis/journey';
import { CHART_STRINGS_NB, fmtNumber, type ChartStrings } from './strings';
import { lightTheme, type Theme } from './theme';
import { hiddenLabel } from './withheld';
import { finishLayout, type Layout, type Primitive } from './types';

export interface EmotionCurveOptions {
  width: number;
  height: number;
  theme?: Theme;
  /** Hide points whose stage has fewer informants than the small-cell threshold. */
  suppress: boolean;
  /** The threshold the curve was computed with, for the note (default 5). */
  smallCell?: number;
  strings?: ChartStrings;
  /**
   * Room kept between the ±1 lines and the labels above and below (px), for a marker drawn on the
   * curve: the presentation's Kim (radius 17) at −1 must not cover the stage labels. Default 0.
   */
  inset?: number;
}

const M = { top: 24, right: 20, bottom: 52, left: 64 };

/**
 * The emotion curve: mean valence score per stage (monotone cubic so the curve never overshoots
 * between stages, Fritsch & Carlson 1980 via d3.curveMonotoneX), the 95 % band as an area, n under
 * each stage. Stages without data (or suppressed) break the line rather than being bridged.
 */
export function emotionCurveLayout(curve: readonly EmotionPoint[], opts: EmotionCurveOptions): Layout {
  const theme = opts.theme ?? lightTheme;
  const st = opts.strings ?? CHART_STRINGS_NB;
  const { width, height } = opts;
  const x = scalePoint<string>().domain(curve.map((c) => c.stageId)).range([M.left, width - M.right]).padding(0.5);
  const inset = opts.inset ?? 0;
  const y = scaleLinear().domain([-1, 1]).range([height - M.bottom - inset, M.top + inset]);
  const shown = (c: EmotionPoint): boolean => c.mean !== null && !(opts.suppress && c.suppressed);
  const px = (c: EmotionPoint): number => x(c.stageId) ?? 0;
  const p: Primitive[] = [];

  for (const [v, glyph] of [[1, theme.glyph.positive], [0, theme.glyph.mixed], [-1, theme.glyph.negative]] as const) {
    p.push({ type: 'line', x1: M.left, y1: y(v), x2: width - M.right, y2: y(v), stroke: theme.grid, width: v === 0 ? 1.5 : 1, dash: v === 0 ? undefined : [3, 3], role: 'grid' });
    p.push({ type: 'text', x: M.left - 8, y: y(v), text: `${v > 0 ? '+1' : v < 0 ? '−1' : '0'} ${glyph}`, size: 11, anchor: 'end', baseline: 'middle', fill: theme.mutedText, role: 'y-label' });
  }

  const band = area<EmotionPoint>()
    .defined((c) => shown(c) && c.lo !== null && c.hi !== null)
    .x(px)
    .y0((c) => y(c.lo ?? 0))
    .y1((c) => y(c.hi ?? 0))
    .curve(curveMonotoneX)
    .digits(2)(curve as EmotionPoint[]);
  if (band) p.push({ type: 'path', d: band, fill: theme.band, opacity: 0.35, role: 'interval-band' });
  const path = line<EmotionPoint>()
    .defined(shown)
    .x(px)
    .y((c) => y(c.mean ?? 0))
    .curve(curveMonotoneX)
    .digits(2)(curve as EmotionPoint[]);
  if (path) p.push({ type: 'path', d: path, stroke: theme.line, width: 2.5, role: 'curve' });

  for (const c of curve) {
    const cx = px(c);
    p.push({ type: 'text', x: cx, y: height - M.bottom + 18, text: c.label, size: 12, weight: 'bold', anchor: 'middle', fill: theme.text, role: 'stage-label' });
    const hidden = opts.suppress && c.suppressed;
    const nText = hidden ? hiddenLabel(c, st, opts.smallCell ?? 5) : `n = ${c.n} · ${c.informants} ${st.informantsShort}`;
    p.push({ type: 'text', x: cx, y: height - M.bottom + 34, text: nText, size: 10, anchor: 'middle', fill: theme.mutedText, role: 'stage-n' });
    if (shown(c)) {
      const title = `${c.label}: ${fmtNumber(c.mean ?? 0, st.locale)}${c.lo !== null && c.hi !== null ? ` (${fmtNumber(c.lo, st.locale)} – ${fmtNumber(c.hi, st.locale)})` : ''}, n = ${c.n}`;
      p.push({ type: 'circle', cx, cy: y(c.mean ?? 0), r: 4.5, fill: theme.line, stroke: theme.background, role: 'point', title });
    }
  }
  p.push({ type: 'text', x: M.left, y: 12, text: st.meanScore, size: 10, anchor: 'start', fill: theme.mutedText, role: 'axis-title' });

  const table = {
    header: [st.stage, 'n', st.informantsShort, 'mean', 'lo', 'hi'],
    rows: curve.map((c) => {
      if (opts.suppress && c.suppressed) return [c.label, '', '', '', '', ''];
      const f = (v: number | null): string => (v === null ? '' : fmtNumber(Math.round(v * 100) / 100, st.locale));
      return [c.label, String(c.n), String(c.informants), f(c.mean), f(c.lo), f(c.hi)];
    }),
  };
  const desc = curve.map((c) => (shown(c) ? `${c.label} ${fmtNumber(c.mean ?? 0, st.locale)}` : `${c.label} –`)).join(', ');
  return finishLayout({ width, height, primitives: p, title: st.emotionTitle, desc, table });
}

