import { max, scaleLinear } from 'd3';
import type { Code } from '../model/schema';
import type { CodeFrequency } from '../analysis/journey';
import { CHART_STRINGS_NB, type ChartStrings } from './strings';
import { lightTheme, type Theme } from './theme';
import { charsFor, finishLayout, fitText, type Layout, type Primitive } from './types';

export interface CodeFrequencyOptions {
  width: number;
  theme?: Theme;
  strings?: ChartStrings;
  /** Bar length: informants (default; people, not talkativeness) or segments. */
  measure?: 'informants' | 'segments';
  /** Use counts rolled up to parents (default true). */
  rolled?: boolean;
  /** Hide codes with zero counts (default true). */
  hideEmpty?: boolean;
  /** Codes with fewer informants are drawn without counts when suppress is on. */
  smallCell?: number;
  suppress?: boolean;
  /**
   * With suppress: the codes to hide, as shared/analysis/sharing.ts decided (small ones and those a
   * parent's total would give back); `secondary` of them are labelled "hidden". Default: by informants.
   */
  hidden?: ReadonlySet<string>;
  secondary?: ReadonlySet<string>;
}

const ROW_H = 20;
const LABEL_W = 200;
const TOP = 10;

/** Horizontal bars per code in codebook tree order, children indented under their parents. */
export function codeFrequencyLayout(freqs: readonly CodeFrequency[], codes: readonly Code[], opts: CodeFrequencyOptions): Layout {
  const theme = opts.theme ?? lightTheme;
  const st = opts.strings ?? CHART_STRINGS_NB;
  const measure = opts.measure ?? 'informants';
  const rolled = opts.rolled ?? true;
  const smallCell = opts.smallCell ?? 5;
  const codeById = new Map(codes.map((c) => [c.id, c] as const));
  const segs = (f: CodeFrequency): number => (rolled ? f.segmentsRolled : f.segments);
  const infs = (f: CodeFrequency): number => (rolled ? f.informantsRolled : f.informants);
  const value = (f: CodeFrequency): number => (measure === 'informants' ? infs(f) : segs(f));
  const rows = freqs.filter((f) => !(opts.hideEmpty ?? true) || segs(f) > 0);
  const { width } = opts;
  const x = scaleLinear().domain([0, Math.max(1, max(rows, value) ?? 1)]).range([LABEL_W, width - 90]);
  const p: Primitive[] = [];
  const table = { header: ['', st.segmentsShort, st.informantsShort], rows: [] as string[][] };
  rows.forEach((f, i) => {
    const y = TOP + i * ROW_H;
    const code = codeById.get(f.codeId);
    const name = code?.name ?? f.codeId;
    const indent = 6 + f.depth * 12;
    const maxChars = charsFor(LABEL_W - indent - 22, 11);
    p.push({ type: 'circle', cx: indent + 5, cy: y + ROW_H / 2, r: 5, fill: code?.color ?? theme.grid, stroke: theme.border });
    const fitted = fitText(name, maxChars, 1);
    p.push({ type: 'text', x: indent + 14, y: y + ROW_H / 2, text: fitted.lines[0] ?? '', ...(fitted.cut ? { title: name } : {}), size: 11, weight: f.depth === 0 ? 'bold' : 'normal', anchor: 'start', baseline: 'middle', fill: theme.text, role: 'code-label' });
    const hidden = (opts.suppress ?? false) && (opts.hidden ? opts.hidden.has(f.codeId) : infs(f) < smallCell);
    if (hidden) {
      p.push({ type: 'text', x: LABEL_W, y: y + ROW_H / 2, text: opts.secondary?.has(f.codeId) ? st.hidden : st.suppressed(smallCell), size: 10, italic: true, anchor: 'start', baseline: 'middle', fill: theme.mutedText, role: 'suppressed-note' });
      table.rows.push([name, '', '']);
      return;
    }
    const w = x(value(f)) - LABEL_W;
    p.push({ type: 'rect', x: LABEL_W, y: y + 3, w, h: ROW_H - 6, fill: code?.color ?? theme.line, stroke: theme.border, role: 'code-bar', title: `${name}: ${segs(f)} ${st.segmentsShort}, ${infs(f)} ${st.informantsShort}`, data: { codeId: f.codeId, segments: segs(f), informants: infs(f) } });
    p.push({ type: 'text', x: LABEL_W + w + 6, y: y + ROW_H / 2, text: `${value(f)} (${measure === 'informants' ? `${segs(f)} ${st.segmentsShort}` : `${infs(f)} ${st.informantsShort}`})`, size: 10, anchor: 'start', baseline: 'middle', fill: theme.text, role: 'code-count' });
    table.rows.push([name, String(segs(f)), String(infs(f))]);
  });
  const height = TOP * 2 + rows.length * ROW_H;
  return finishLayout({ width, height, primitives: p, title: st.codeFrequencyTitle, desc: `${rows.length} codes`, table });
}
