/**
 * What a shared chart says about what it holds back (shared/analysis/sharing.ts decides what is
 * hidden; charts only read it): the label of a hidden cell — "fewer than k informants" for a small
 * one, "hidden" for one hidden only so that no sum gives a small one back — and the "n held back"
 * line every exported chart file carries under its picture.
 */
import { CHART_STRINGS_NB, type ChartStrings } from './strings';
import { lightTheme, type Theme } from './theme';
import { finishLayout, wrapText, charsFor, type Layout, type Primitive } from './types';

/** The words a hidden mark shows: secondary → "hidden", otherwise "fewer than k informants". */
export function hiddenLabel(x: object, st: ChartStrings, k: number): string {
  return (x as { secondary?: boolean }).secondary === true ? st.hidden : st.suppressed(k);
}

export interface HeldBackCounts {
  /** Cells (or items) hidden for small numbers, primary and secondary. */
  cells: number;
  /** Quotes the gate held back (text not reviewed). */
  quotes: number;
}

const NOTE_SIZE = 10;
const LINE_H = 13;

/**
 * The layout with "Held back: …" under it (role `held-back`), in the title, description and text
 * table too, so the SVG, the PNG and a screen reader all say it.
 */
export function withHeldBackNote(layout: Layout, counts: HeldBackCounts, opts: { strings?: ChartStrings; theme?: Theme } = {}): Layout {
  const st = opts.strings ?? CHART_STRINGS_NB;
  const theme = opts.theme ?? lightTheme;
  const text = st.heldBack(counts.cells, counts.quotes);
  const lines = wrapText(text, charsFor(Math.max(120, layout.width - 16), NOTE_SIZE));
  const extra = lines.length * LINE_H + 8;
  const notes: Primitive[] = lines.map((line, i) => ({ type: 'text', x: 8, y: layout.height + 4 + (i + 1) * LINE_H - 3, text: line, size: NOTE_SIZE, anchor: 'start', fill: theme.mutedText, role: 'held-back', ...(i === 0 ? { title: text } : {}) }));
  return finishLayout({
    ...layout,
    height: layout.height + extra,
    primitives: [...layout.primitives, ...notes],
    desc: `${layout.desc}. ${text}`,
    table: { header: layout.table.header, rows: [...layout.table.rows, [text, ...layout.table.header.slice(1).map(() => '')]] },
  });
}
