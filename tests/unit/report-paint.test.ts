/**
 * The PDF painter's path parser (SVG path data → move / line / cubic) and the painter over real
 * chart layouts: nothing skipped, and the text of other scripts survives the embedded font.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jsPDF } from 'jspdf';
import { describe, expect, it } from 'vitest';
import { buildIndex, emotionCurve } from '../../shared/analysis';
import { emotionCurveLayout } from '../../shared/charts';
import { StudyData } from '../../shared/model';
import { paintLayout, parsePath, registerFonts, REPORT_FONT, type PathOp } from '../../shared/report';

const ROOT = resolve(import.meta.dirname, '../..');
const fonts = {
  regular: new Uint8Array(readFileSync(join(ROOT, 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))),
  bold: new Uint8Array(readFileSync(join(ROOT, 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))),
};

const ops = (d: string): PathOp[] => {
  const r = parsePath(d);
  if (!r.ok) throw new Error(r.message);
  return r.ops;
};
const round = (o: PathOp): PathOp => JSON.parse(JSON.stringify(o, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v))) as PathOp;

describe('parsePath', () => {
  it('turns relative, implicit and H/V commands into absolute moves and lines', () => {
    expect(ops('M10,10 l5 0 5 5 h-10 v-5 z m1 1 2 2')).toEqual([
      { op: 'M', x: 10, y: 10 },
      { op: 'L', x: 15, y: 10 },
      { op: 'L', x: 20, y: 15 },
      { op: 'L', x: 10, y: 15 },
      { op: 'L', x: 10, y: 10 },
      { op: 'Z' },
      { op: 'M', x: 11, y: 11 },
      { op: 'L', x: 13, y: 13 },
    ]);
  });

  it('keeps cubics (d3 curveMonotoneX), reflects S, raises Q and T to cubics', () => {
    expect(ops('M0,0C1,2,3,4,5,6S9,10,11,12')).toEqual([
      { op: 'M', x: 0, y: 0 },
      { op: 'C', x1: 1, y1: 2, x2: 3, y2: 4, x: 5, y: 6 },
      { op: 'C', x1: 7, y1: 8, x2: 9, y2: 10, x: 11, y: 12 },
    ]);
    expect(ops('M0 0Q3 3 6 0').map(round)).toEqual([{ op: 'M', x: 0, y: 0 }, { op: 'C', x1: 2, y1: 2, x2: 4, y2: 2, x: 6, y: 0 }]);
    const t = ops('M0 0Q3 3 6 0T12 0');
    // T reflects the previous control (3,3) about (6,0) → (9,-3).
    expect(round(t[2] as PathOp)).toEqual({ op: 'C', x1: 8, y1: -2, x2: 10, y2: -2, x: 12, y: 0 });
    expect(ops('M1e1,-2.5E0L.5-.5')).toEqual([{ op: 'M', x: 10, y: -2.5 }, { op: 'L', x: 0.5, y: -0.5 }]);
  });

  it('splits arcs into ≤ 90° cubics that end exactly at the end point and stay on the circle', () => {
    const half = ops('M0,0 A10,10 0 0 1 20,0');
    expect(half.length).toBe(3);
    const last = half[2];
    expect(last?.op === 'C' && [last.x, last.y]).toEqual([20, 0]);
    const q = half[1];
    // The midpoint of the first quarter lies on the circle of radius 10 around (10, 0).
    if (q?.op !== 'C') throw new Error('expected a cubic');
    const mid = { x: (q.x + 3 * q.x1 + 3 * q.x2 + 0) / 8, y: (q.y + 3 * q.y1 + 3 * q.y2 + 0) / 8 };
    expect(Math.hypot(mid.x - 10, mid.y)).toBeCloseTo(10, 1);
    // Radii too small are scaled up (SVG F.6.6), zero radii become a line.
    expect(ops('M0,0 A1,1 0 0 0 20,0').at(-1)).toMatchObject({ x: 20, y: 0 });
    expect(ops('M0,0 A0,5 0 0 0 20,0')).toEqual([{ op: 'M', x: 0, y: 0 }, { op: 'L', x: 20, y: 0 }]);
  });

  it('reports where bad path data goes wrong instead of throwing', () => {
    for (const d of ['M0,0 L5', '10,10', 'M0,0 X5,5', 'M0 0 C1 2 3']) {
      const r = parsePath(d);
      expect(r.ok, d).toBe(false);
    }
  });
});

describe('paintLayout', () => {
  it('paints a real emotion-curve layout without skipping a primitive, as vectors', () => {
    const data = StudyData.parse(JSON.parse(readFileSync(join(ROOT, 'fixtures/demo/demo-study.json'), 'utf8')));
    const layout = emotionCurveLayout(emotionCurve(buildIndex(data), {}), { width: 600, height: 300, suppress: true });
    expect(layout.primitives.some((p) => p.type === 'path' && /C/.test(p.d))).toBe(true);
    const doc = new jsPDF({ unit: 'pt', format: 'a4', putOnlyUsedFonts: true, compress: false });
    registerFonts(doc, fonts);
    const r = paintLayout(doc, layout, { x: 40, y: 40, scale: 0.8, font: REPORT_FONT });
    expect(r.skipped).toBe(0);
    expect(r.drawn).toBe(layout.primitives.length);
    const raw = new TextDecoder('latin1').decode(new Uint8Array(doc.output('arraybuffer')));
    // Cubic Bézier operators in the content stream: the curve is a vector, not an image.
    expect(raw).toMatch(/ c\n/);
    expect(raw).not.toMatch(/\/Subtype \/Image/);
  });

  it('keeps Polish, Cyrillic and Norwegian letters readable (embedded DejaVu Sans)', () => {
    const doc = new jsPDF({ unit: 'pt', format: 'a4', putOnlyUsedFonts: true });
    registerFonts(doc, fonts);
    const text = 'Łódź była daleko · Привет · æøå ÆØÅ · «sitat» −1';
    paintLayout(doc, { width: 100, height: 20, title: '', desc: '', table: { header: [], rows: [] }, primitives: [{ type: 'text', x: 0, y: 10, text, size: 10, anchor: 'start', fill: '#000000' }] }, { x: 40, y: 40, scale: 1, font: REPORT_FONT });
    const dir = mkdtempSync(join(tmpdir(), 'reisekart-paint-'));
    try {
      const file = join(dir, 't.pdf');
      writeFileSync(file, new Uint8Array(doc.output('arraybuffer')));
      expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain(text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
