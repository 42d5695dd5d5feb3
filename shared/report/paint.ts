/**
 * The jsPDF painter for the chart primitives of shared/charts: the same layout the screen draws
 * with React SVG, drawn here as PDF vectors (one layout, two painters — ARCHITECTURE.md).
 * Layout units are px; `scale` maps them to pt. Fonts must be registered (see fonts.ts).
 */
import { GState, type jsPDF } from 'jspdf';
import type { Layout, Primitive } from '../charts/types';
import { parsePath } from './path';

export interface PaintOptions {
  /** Top-left corner of the chart on the page, in pt. */
  x: number;
  y: number;
  /** pt per layout px. */
  scale: number;
  /** The registered font family (fonts.ts). */
  font: string;
}

export interface PaintResult {
  /** Primitives drawn. */
  drawn: number;
  /** Paths whose data could not be parsed (drawn as nothing, counted so tests can catch it). */
  skipped: number;
}

const isNone = (c: string | undefined): boolean => c === undefined || c === '' || c === 'none' || c === 'transparent';

function withOpacity(doc: jsPDF, opacity: number | undefined, draw: () => void): void {
  if (opacity === undefined || opacity >= 1) {
    draw();
    return;
  }
  doc.saveGraphicsState();
  doc.setGState(new GState({ opacity, 'stroke-opacity': opacity }));
  draw();
  doc.restoreGraphicsState();
}

function styleOf(fill: string | undefined, stroke: string | undefined): 'F' | 'S' | 'FD' | null {
  const f = !isNone(fill);
  const s = !isNone(stroke);
  if (f && s) return 'FD';
  if (f) return 'F';
  if (s) return 'S';
  return null;
}

function setColours(doc: jsPDF, fill: string | undefined, stroke: string | undefined): void {
  if (!isNone(fill)) doc.setFillColor(fill as string);
  if (!isNone(stroke)) doc.setDrawColor(stroke as string);
}

function setDash(doc: jsPDF, dash: number[] | undefined, scale: number): void {
  doc.setLineDashPattern(dash && dash.length > 0 ? dash.map((d) => d * scale) : [], 0);
}

function paintPrimitive(doc: jsPDF, p: Primitive, o: PaintOptions): boolean {
  const s = o.scale;
  const X = (v: number): number => o.x + v * s;
  const Y = (v: number): number => o.y + v * s;
  switch (p.type) {
    case 'rect': {
      const style = styleOf(p.fill, p.stroke);
      if (!style || p.w <= 0 || p.h <= 0) return true;
      withOpacity(doc, p.opacity, () => {
        setColours(doc, p.fill, p.stroke);
        doc.setLineWidth(0.75 * s);
        setDash(doc, p.dash, s);
        if (p.rx && p.rx > 0) {
          const r = Math.min(p.rx, p.w / 2, p.h / 2) * s;
          doc.roundedRect(X(p.x), Y(p.y), p.w * s, p.h * s, r, r, style);
        } else doc.rect(X(p.x), Y(p.y), p.w * s, p.h * s, style);
        setDash(doc, undefined, s);
      });
      return true;
    }
    case 'line': {
      doc.setDrawColor(p.stroke);
      doc.setLineWidth(p.width * s);
      setDash(doc, p.dash, s);
      doc.line(X(p.x1), Y(p.y1), X(p.x2), Y(p.y2));
      setDash(doc, undefined, s);
      return true;
    }
    case 'circle': {
      const style = styleOf(p.fill, p.stroke);
      if (!style) return true;
      setColours(doc, p.fill, p.stroke);
      doc.setLineWidth(0.75 * s);
      doc.circle(X(p.cx), Y(p.cy), p.r * s, style);
      return true;
    }
    case 'path': {
      const parsed = parsePath(p.d);
      if (!parsed.ok) return false;
      const style = styleOf(p.fill, p.stroke);
      if (!style || parsed.ops.length === 0) return true;
      withOpacity(doc, p.opacity, () => {
        setColours(doc, p.fill, p.stroke);
        doc.setLineWidth((p.width ?? 1) * s);
        doc.setLineDashPattern([], 0);
        for (const op of parsed.ops) {
          if (op.op === 'M') doc.moveTo(X(op.x), Y(op.y));
          else if (op.op === 'L') doc.lineTo(X(op.x), Y(op.y));
          else if (op.op === 'C') doc.curveTo(X(op.x1), Y(op.y1), X(op.x2), Y(op.y2), X(op.x), Y(op.y));
          else doc.close();
        }
        if (style === 'FD') doc.fillStroke();
        else if (style === 'F') doc.fill();
        else doc.stroke();
      });
      return true;
    }
    case 'text': {
      if (p.text === '') return true;
      doc.setFont(o.font, p.weight === 'bold' ? 'bold' : 'normal');
      doc.setFontSize(p.size * s);
      doc.setTextColor(p.fill);
      const align = p.anchor === 'middle' ? 'center' : p.anchor === 'end' ? 'right' : 'left';
      doc.text(p.text, X(p.x), Y(p.y), { align, baseline: p.baseline ?? 'alphabetic' });
      return true;
    }
  }
}

/** Draw every primitive of `layout` at (x, y) with `scale` pt per px. */
export function paintLayout(doc: jsPDF, layout: Layout, o: PaintOptions): PaintResult {
  let drawn = 0;
  let skipped = 0;
  for (const p of layout.primitives) {
    if (paintPrimitive(doc, p, o)) drawn += 1;
    else skipped += 1;
  }
  return { drawn, skipped };
}
