/**
 * Drawing primitives: what every chart layout returns and every painter (React SVG on screen,
 * jsPDF in reports, layoutToSvg for export and snapshots) draws. Coordinates in px from the top
 * left; numbers rounded to 0.01 by `finishLayout`.
 *
 * `role` names what a mark is (e.g. 'cell', 'bar-positive', 'whisker', 'benchmark', 'note') so
 * painters and tests can find marks; `title` becomes a tooltip / <title>; `data` is free metadata
 * (ids, counts) for interaction and is not drawn.
 */
export interface RectPrimitive {
  type: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  stroke?: string;
  /** Stroke dash pattern in px, e.g. [4, 2]; absent = solid. */
  dash?: number[];
  rx?: number;
  /** 0…1, absent = 1. */
  opacity?: number;
  role?: string;
  title?: string;
  data?: Record<string, string | number | boolean | null>;
}

export interface TextPrimitive {
  type: 'text';
  x: number;
  y: number;
  text: string;
  size: number;
  weight?: 'normal' | 'bold';
  anchor: 'start' | 'middle' | 'end';
  fill: string;
  /** Vertical alignment of y: 'alphabetic' (default), 'middle' or 'hanging'. */
  baseline?: 'alphabetic' | 'middle' | 'hanging';
  italic?: boolean;
  role?: string;
  /** The whole text when `text` is shortened: a tooltip on screen and in exported SVG. */
  title?: string;
}

export interface LinePrimitive {
  type: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  stroke: string;
  width: number;
  dash?: number[];
  role?: string;
}

export interface PathPrimitive {
  type: 'path';
  /** SVG path data with numbers already rounded to 0.01. */
  d: string;
  fill?: string;
  stroke?: string;
  width?: number;
  opacity?: number;
  role?: string;
}

export interface CirclePrimitive {
  type: 'circle';
  cx: number;
  cy: number;
  r: number;
  fill: string;
  stroke?: string;
  role?: string;
  title?: string;
}

export type Primitive = RectPrimitive | TextPrimitive | LinePrimitive | PathPrimitive | CirclePrimitive;

/** A text alternative of the chart: what a screen reader, the PDF's table and CSV can carry. */
export interface LayoutTable {
  header: string[];
  rows: string[][];
}

export interface Layout {
  width: number;
  height: number;
  primitives: Primitive[];
  title: string;
  desc: string;
  table: LayoutTable;
}

/** Round to 0.01, and never return −0 (it would print as "-0" in SVG). */
export function r2(x: number): number {
  const v = Math.round(x * 100) / 100;
  return Object.is(v, -0) ? 0 : v;
}

function roundNumbers<T extends object>(p: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (typeof v === 'number' && k !== 'data') out[k] = r2(v);
    else if (Array.isArray(v) && v.every((x) => typeof x === 'number')) out[k] = v.map(r2);
    else out[k] = v;
  }
  return out as T;
}

/** Round every coordinate to 0.01 so snapshots, SVG and PDF agree to the hundredth. */
export function finishLayout(layout: Layout): Layout {
  return { ...layout, width: r2(layout.width), height: r2(layout.height), primitives: layout.primitives.map(roundNumbers) };
}

/**
 * Wrap text to lines of at most `maxChars` characters on word boundaries (a word longer than the
 * line is cut). Character counts, not font metrics: shared/ has no fonts; 0.55·size per character
 * is a fair average for DejaVu Sans / Helvetica. More than `maxLines` lines: the last kept line
 * ends at a whole word with "…" (never mid-word, unless one word alone is wider than the line).
 */
export function wrapText(text: string, maxChars: number, maxLines = Infinity): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let w of words) {
    while (w.length > maxChars) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(w.slice(0, maxChars));
      w = w.slice(maxChars);
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= maxChars) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = withEllipsis(kept[maxLines - 1] ?? '', maxChars);
    return kept;
  }
  return lines;
}

/** `line` + "…" within maxChars, dropping whole words from the end; one word too long is cut. */
function withEllipsis(line: string, maxChars: number): string {
  const words = line.split(' ');
  while (words.length > 1 && words.join(' ').length + 1 > maxChars) words.pop();
  const kept = words.join(' ');
  return kept.length + 1 <= maxChars ? `${kept}…` : `${kept.slice(0, Math.max(1, maxChars - 1))}…`;
}

/** Lines of whole words, or null when a word is wider than the line or more than maxLines are needed. */
function wholeWordLines(text: string, maxChars: number, maxLines: number): string[] | null {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  if (words.some((w) => w.length > maxChars)) return null;
  const lines = wrapText(text, maxChars);
  return lines.length <= maxLines ? lines : null;
}

export interface FittedText {
  lines: string[];
  /** The lines say less than `text` (a short label or an ellipsis): show the whole text on hover and in the table. */
  cut: boolean;
}

/**
 * A label for a box of `maxLines` lines of `maxChars`, never clipped mid-word: the whole text
 * (wrapped) when it fits; else the study's own short label when that fits; else whole words up to
 * an ellipsis. `cut` says when the full text must be offered another way (title, table, tooltip).
 */
export function fitText(text: string, maxChars: number, maxLines: number, short?: string): FittedText {
  const whole = wholeWordLines(text, maxChars, maxLines);
  if (whole) return { lines: whole, cut: false };
  if (short && short.trim() && short.trim() !== text.trim()) {
    const s = wholeWordLines(short, maxChars, maxLines);
    if (s) return { lines: s, cut: true };
  }
  return { lines: wholeWordsThenEllipsis(short?.trim() ? short : text, maxChars, maxLines), cut: true };
}

/** Whole words line by line until the next does not fit, then "…"; only a first word wider than the line is cut. */
function wholeWordsThenEllipsis(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const first = words[0] ?? '';
  if (first.length + 1 > maxChars && (first.length > maxChars || words.length > 1)) return [`${first.slice(0, Math.max(1, maxChars - 1))}…`];
  const lines: string[] = [''];
  for (const w of words) {
    const cur = lines[lines.length - 1] as string;
    if (!cur && w.length <= maxChars) lines[lines.length - 1] = w;
    else if (cur && cur.length + 1 + w.length <= maxChars) lines[lines.length - 1] = `${cur} ${w}`;
    else if (lines.length < maxLines && w.length <= maxChars) lines.push(w);
    else break;
  }
  lines[lines.length - 1] = withEllipsis(lines[lines.length - 1] as string, maxChars);
  return lines;
}

/** Characters that fit in `width` px at font size `size` (average glyph 0.55·size). */
export function charsFor(width: number, size: number): number {
  return Math.max(1, Math.floor(width / (0.55 * size)));
}
