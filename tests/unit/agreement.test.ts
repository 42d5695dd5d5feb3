import { describe, expect, it } from 'vitest';
import type { Segment } from '../../shared/model';
import { agreementReport, cohensKappa, krippendorffAlphaNominal, pairSegments, percentAgreement, spanJaccard } from '../../shared/analysis';

const NOW = '2021-05-01T10:00:00.000Z';
type SegInit = Partial<Segment> & Pick<Segment, 'id' | 'start' | 'end'>;
const seg = (init: SegInit): Segment => ({
  studyId: 's', interviewId: 'iv1', participantId: 'P1', quote: '', stageId: null, situationId: null, actorIds: [], valence: null, kind: 'experience',
  codeIds: [], note: '', coderId: 'A', anchor: 'ok', createdAt: NOW, updatedAt: NOW, ...init,
});

/** Expand a 2×2 table (yes-yes, yes-no, no-yes, no-no) into two coders' value lists. */
function fromTable(yy: number, yn: number, ny: number, nn: number): [string[], string[]] {
  const a: string[] = [];
  const b: string[] = [];
  const push = (k: number, x: string, y: string): void => { for (let i = 0; i < k; i++) { a.push(x); b.push(y); } };
  push(yy, 'yes', 'yes'); push(yn, 'yes', 'no'); push(ny, 'no', 'yes'); push(nn, 'no', 'no');
  return [a, b];
}

describe("Cohen's kappa", () => {
  it('matches the worked example (Wikipedia "Cohen\'s kappa": 20/5/10/15 → κ = 0.4)', () => {
    // po = 35/50 = 0.7; pe = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5)/(1 − 0.5) = 0.4
    const [a, b] = fromTable(20, 5, 10, 15);
    const k = cohensKappa(a, b)!;
    expect(k.po).toBeCloseTo(0.7, 12);
    expect(k.pe).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
  });
  it('second example from the same page: 45/15/25/15 → κ ≈ 0.1304', () => {
    // po = 0.6; pe = 0.6·0.7 + 0.4·0.3 = 0.54; κ = 0.06/0.46 = 0.13043…
    expect(cohensKappa(...fromTable(45, 15, 25, 15))!.kappa).toBeCloseTo(0.06 / 0.46, 12);
  });
  it('skips missing values and is null when undefined', () => {
    expect(cohensKappa(['a', null, 'b'], ['a', 'b', undefined])!.n).toBe(1);
    expect(cohensKappa(['a', 'a'], ['a', 'a'])!.kappa).toBeNull(); // pe = 1
    expect(cohensKappa([], [])).toBeNull();
    expect(percentAgreement(['a', 'b', null], ['a', 'c', 'c'])).toEqual({ n: 2, agree: 1, p: 0.5 });
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it('reproduces Krippendorff (2011) section A: 2 coders, binary, no missing → α = 0.095', () => {
    // By hand: o00 = 10, o01 = o10 = 4, o11 = 2; n0 = 14, n1 = 6, n = 20; α = 1 − 19·4/(14·6) = 1 − 76/84 = 0.0952
    const A = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const B = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    const r = krippendorffAlphaNominal(A.map((x, i) => [x, B[i]]));
    expect(r.n).toBe(20);
    expect(r.alpha).toBeCloseTo(1 - 76 / 84, 12);
    expect(r.alpha!.toFixed(3)).toBe('0.095');
  });
  it('reproduces Krippendorff (2011) section C: 4 coders × 12 units with missing values → α = 0.743', () => {
    const _ = null;
    const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _];
    const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3];
    const C = [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _];
    const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _];
    const r = krippendorffAlphaNominal(A.map((_x, u) => [A[u], B[u], C[u], D[u]]));
    // The paper: n.. = 40 pairable values (unit 12 has one value and drops out); α = 1 − 39·(sum off-diagonal)/Σ n_c n_k = 0.743
    expect(r.n).toBe(40);
    expect(r.units).toBe(11);
    expect(r.alpha!.toFixed(3)).toBe('0.743');
  });
  it('is 1 for perfect agreement and null when there is no variation', () => {
    expect(krippendorffAlphaNominal([['a', 'a'], ['b', 'b', null]]).alpha).toBe(1);
    expect(krippendorffAlphaNominal([['a', 'a'], ['a', 'a']]).alpha).toBeNull();
  });
});

describe('pairSegments', () => {
  it('pairs spans with Jaccard ≥ 0.5 on the same informant, best first, each once', () => {
    expect(spanJaccard({ start: 0, end: 100 }, { start: 50, end: 150 })).toBeCloseTo(50 / 150, 12);
    const a = [seg({ id: 'a1', start: 0, end: 100 }), seg({ id: 'a2', start: 200, end: 300 }), seg({ id: 'a3', start: 400, end: 500 }), seg({ id: 'a4', start: 0, end: 100, participantId: 'P2' })];
    const b = [
      seg({ id: 'b1', start: 10, end: 100, coderId: 'B' }), // J(a1) = 0.9
      seg({ id: 'b2', start: 0, end: 60, coderId: 'B' }), // J(a1) = 0.6, loses to b1
      seg({ id: 'b3', start: 250, end: 350, coderId: 'B' }), // J(a2) = 50/150 < 0.5
      seg({ id: 'b4', start: 400, end: 480, coderId: 'B' }), // J(a3) = 0.8
    ];
    const r = pairSegments(a, b);
    expect(r.pairs.map((p) => [p.a.id, p.b.id])).toEqual([['a1', 'b1'], ['a3', 'b4']]);
    expect(r.onlyA.map((s) => s.id)).toEqual(['a2', 'a4']); // a4 is another participant
    expect(r.onlyB.map((s) => s.id)).toEqual(['b2', 'b3']);
  });
  it('reports agreement per dimension over the matched units', () => {
    const a = [
      seg({ id: 'a1', start: 0, end: 100, stageId: 'st7', valence: 'positive', codeIds: ['x'] }),
      seg({ id: 'a2', start: 200, end: 300, stageId: 'st8', valence: 'negative', codeIds: ['x', 'y'] }),
      seg({ id: 'a3', start: 900, end: 950 }),
    ];
    const b = [
      seg({ id: 'b1', start: 0, end: 90, stageId: 'st7', valence: 'mixed', codeIds: ['x'], coderId: 'B' }),
      seg({ id: 'b2', start: 210, end: 300, stageId: 'st8', valence: 'negative', codeIds: ['y'], coderId: 'B' }),
    ];
    const r = agreementReport(a, b, ['x', 'y']);
    expect([r.pairs, r.onlyA, r.onlyB]).toEqual([2, 1, 0]);
    expect(r.unitizing).toBeCloseTo(2 / 3, 12);
    const dim = (name: string) => r.dimensions.find((d) => d.dimension === name)!;
    expect(dim('stage').percent.p).toBe(1);
    expect(dim('stage').alpha.alpha).toBe(1);
    expect(dim('valence').percent).toEqual({ n: 2, agree: 1, p: 0.5 });
    expect(dim('situation').percent.n).toBe(0); // neither coded a situation: all missing
    expect(dim('code:x').percent.p).toBe(0.5);
    expect(dim('code:y').percent.p).toBe(1);
  });
});
