/**
 * Secondary suppression in the journey views as shared (shared/analysis/sharing.ts), on tables
 * worked by hand: in each, primary suppression alone lets the small cell be recovered from a total.
 */
import { describe, expect, it } from 'vitest';
import type { CellStats, CodeFrequency, EmotionPoint, JourneyCell, JourneyMatrix } from '../../shared/analysis/journey';
import { feasibleRanges, gridTable } from '../../shared/analysis/suppress';
import { isSecondary, suppressCodeFrequencies, suppressJourney, suppressPersona } from '../../shared/analysis/sharing';
import { journeyMapLayout } from '../../shared/charts/journeyMap';
import { codeFrequencyLayout } from '../../shared/charts/codeFrequency';
import { emotionCurveLayout } from '../../shared/charts/emotionCurve';
import { withHeldBackNote } from '../../shared/charts/withheld';
import type { Code } from '../../shared/model';

const stats = (segments: number, informants: number): CellStats => ({ segments, informants, valence: { positive: segments, mixed: 0, negative: 0, none: 0 }, suppressed: informants < 5 });

/** 2 situations × 3 stages; segments and informants per cell, totals' informants given. */
function matrix(seg: number[][], inf: number[][], totals: { rows: number[]; cols: number[]; all: number }): JourneyMatrix {
  const stages = [0, 1, 2].map((i) => ({ id: `st${i}`, label: `Trinn ${i}` }));
  const situations = [0, 1].map((i) => ({ id: `si${i}`, label: `Situasjon ${i}` }));
  const cells: JourneyCell[][] = seg.map((row, r) => row.map((n, c) => ({ ...stats(n, inf[r]![c]!), stageId: stages[c]!.id, situationId: situations[r]!.id, topCodes: [{ codeId: 'k1', n }], quotes: [] })));
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  return {
    stages,
    situations,
    cells,
    rowTotals: seg.map((row, r) => stats(sum(row), totals.rows[r]!)),
    columnTotals: [0, 1, 2].map((c) => stats(sum(seg.map((row) => row[c]!)), totals.cols[c]!)),
    total: stats(sum(seg.flat()), totals.all),
    unplaced: 0,
    filtered: sum(seg.flat()),
    smallCell: 5,
  };
}

//            stage 0  1   2  | total
//  sit 0:       10   3   8   |  21     (the 3 segments come from 2 informants: small)
//  sit 1:        7   9  12   |  28
//  total:       17  12  20   |  49
// Primary alone: 21 − 10 − 8 = 3 gives the small cell back.
const SEG = [[10, 3, 8], [7, 9, 12]];
const INF = [[6, 2, 5], [5, 6, 7]];
const TOT = { rows: [11, 14], cols: [9, 8, 10], all: 20 };

describe('suppressJourney: the journey map as shared', () => {
  it('hides a second cell in the small cell’s lane and stage, and a fourth to close the rectangle', () => {
    const r = suppressJourney(matrix(SEG, INF, TOT));
    // By hand: lane 0 has one hidden cell → its smallest other cell (8 at stage 2); stage 1 → 9
    // (sit 1); stage 2 now has one hidden → 12 (sit 1). Lane 1 then holds two: done.
    expect([...r.sdc.primary].sort()).toEqual(['r0c1']);
    expect([...r.sdc.secondary].sort()).toEqual(['r0c2', 'r1c1', 'r1c2']);
    expect(r.hiddenCells).toBe(4);
    // x = the small cell: the others are 11 − x, 12 − x, 9 + x, so x can be anything in 0 … 11.
    expect(r.sdc.ranges.get('r0c1')).toEqual([0, 11]);
    const cells = r.matrix.cells;
    expect(cells[0]![1]!.suppressed).toBe(true);
    expect(isSecondary(cells[0]![1]!)).toBe(false);
    expect(cells[0]![2]!.suppressed && isSecondary(cells[0]![2]!)).toBe(true);
    expect(cells[1]![0]!.suppressed).toBe(false);
    // A hidden cell carries no codes or quotes; totals stay published (each hides two cells).
    expect(cells[1]![1]!.topCodes).toEqual([]);
    expect(r.matrix.rowTotals.map((t) => t.suppressed)).toEqual([false, false]);
    expect(r.matrix.columnTotals.map((t) => t.suppressed)).toEqual([false, false, false]);
  });

  it('the exported map prints neither the small cell nor the one that would give it back', () => {
    const r = suppressJourney(matrix(SEG, INF, TOT));
    const layout = withHeldBackNote(journeyMapLayout(r.matrix, { study: { valenceLabels: { positive: 'Positiv', mixed: 'Ok', negative: 'Negativ' } }, codes: [] }, { width: 1100, height: 400, suppress: true }), { cells: r.hiddenCells, quotes: 2 });
    const texts = layout.primitives.flatMap((p) => (p.type === 'text' ? [p.text] : []));
    const hiddenRects = layout.primitives.filter((p) => p.type === 'rect' && p.role === 'cell-suppressed');
    expect(hiddenRects).toHaveLength(4);
    expect(texts.filter((t) => t === 'Færre enn 5 informanter')).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith('Skjult'))).toHaveLength(3);
    // The shown cells' counts are printed, the hidden ones' (3, 8, 9, 12 segments) are not.
    expect(texts).toContain('n = 10 · 6 inf.');
    expect(texts).toContain('n = 7 · 5 inf.');
    for (const n of ['3 · 2', '8 · 5', '9 · 6', '12 · 7']) expect(texts).not.toContain(`n = ${n} inf.`);
    expect(texts).toContain('Holdt tilbake: 4 celler med små tall, 2 sitater som ikke er gjennomgått');
    expect(layout.desc).toContain('Holdt tilbake: 4 celler');
  });

  it('with primary suppression only the small cell could be recovered (the reason for all this)', () => {
    const ranges = feasibleRanges(gridTable({ rows: SEG }), new Set(['r0c1']));
    expect(ranges.get('r0c1')).toEqual([3, 3]);
  });

  it('a stage whose curve point is small hides the stage total too, and the curve point with it', () => {
    const curve: EmotionPoint[] = [0, 1, 2].map((c) => ({ stageId: `st${c}`, label: `Trinn ${c}`, n: SEG[0]![c]! + SEG[1]![c]!, informants: c === 2 ? 4 : 8, mean: 0.5, lo: 0.1, hi: 0.9, suppressed: c === 2 }));
    const r = suppressJourney(matrix(SEG, INF, TOT), curve);
    expect(r.sdc.primary.has('c2t')).toBe(true);
    expect(r.matrix.columnTotals[2]!.suppressed).toBe(true);
    expect(r.curve?.[2]?.suppressed).toBe(true);
    // Worked by hand (a = stage-0 cell of lane 0, b = the small cell): b can be anything in 0 … 20.
    expect(r.sdc.ranges.get('r0c1')).toEqual([0, 20]);
    for (const [id, [lo, hi]] of r.sdc.ranges) expect(hi - lo, id).toBeGreaterThanOrEqual(1);
    // Every curve point hidden is one whose stage total is hidden, and only those.
    r.curve?.forEach((p, c) => expect(p.suppressed, p.stageId).toBe(r.sdc.hidden.has(`c${c}t`)));
    const curveLayout = emotionCurveLayout(r.curve ?? [], { width: 800, height: 280, suppress: true, smallCell: 5 });
    const texts = curveLayout.primitives.flatMap((p) => (p.type === 'text' ? [p.text] : []));
    expect(texts.some((t) => t.startsWith(`n = ${SEG[0]![2]! + SEG[1]![2]!} ·`))).toBe(false);
  });

  it('a true 0 stays shown and hides nothing', () => {
    const r = suppressJourney(matrix([[10, 0, 8], [7, 9, 12]], [[6, 0, 5], [5, 6, 7]], TOT));
    expect(r.sdc.hidden.size).toBe(0);
    expect(r.matrix.cells[0]![1]!.suppressed).toBe(false);
  });
});

const freq = (codeId: string, parentId: string | null, own: number, rolled: number, informants: number): CodeFrequency => ({ codeId, parentId, depth: parentId === null ? 0 : 1, segments: own, informants, segmentsRolled: rolled, informantsRolled: informants });

describe('suppressCodeFrequencies: the code chart as shared', () => {
  // Parent P (never coded itself) = A + B + C = 3 + 10 + 7 = 20. A has 2 informants: small.
  it('hides the smallest sibling when the parent total would give the small code back', () => {
    const freqs = [freq('P', null, 0, 20, 12), freq('A', 'P', 3, 3, 2), freq('B', 'P', 10, 10, 6), freq('C', 'P', 7, 7, 5)];
    const r = suppressCodeFrequencies(freqs, 5);
    expect([...r.hidden].sort()).toEqual(['A', 'C']);
    expect([...r.secondary]).toEqual(['C']);
    // A + C = 10: A anywhere in 0 … 10.
    expect(r.sdc.ranges.get('A')).toEqual([0, 10]);
    const codes: Code[] = ['P', 'A', 'B', 'C'].map((id, i) => ({ id, studyId: 's', parentId: id === 'P' ? null : 'P', name: `Kode ${id}`, color: '#336699', definition: '', examples: [], order: i }));
    const layout = codeFrequencyLayout(freqs, codes, { width: 600, smallCell: 5, suppress: true, hidden: r.hidden, secondary: r.secondary });
    const texts = layout.primitives.flatMap((p) => (p.type === 'text' ? [p.text] : []));
    expect(texts).toContain('Færre enn 5 informanter');
    expect(texts.filter((t) => t.startsWith('Skjult'))).toHaveLength(1);
    expect(texts.some((t) => t.startsWith('5 (7 '))).toBe(false);
  });

  it('a parent coded itself is its children plus an unknown: the small code alone is hidden', () => {
    const r = suppressCodeFrequencies([freq('P', null, 2, 22, 12), freq('A', 'P', 3, 3, 2), freq('B', 'P', 10, 10, 6), freq('C', 'P', 7, 7, 5)], 5);
    expect([...r.hidden]).toEqual(['A']);
  });
});

describe('suppressPersona', () => {
  it('leaves out items of 1 … k−1 informants and counts them', () => {
    const item = (codeId: string, informants: number) => ({ codeId, n: informants * 2, informants, quote: null });
    const r = suppressPersona([{ stageId: 's', label: 'S', pains: [item('a', 6), item('b', 2)], helps: [item('c', 4)], wishes: [item('d', 5)] }], 5);
    expect(r.hidden).toBe(2);
    expect(r.persona[0]!.pains.map((i) => i.codeId)).toEqual(['a']);
    expect(r.persona[0]!.helps).toEqual([]);
  });
});
