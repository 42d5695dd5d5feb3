/**
 * The emotion curve's band over informants, not statements (shared/analysis/interval.ts), on a
 * hand-worked case where one informant says most. Every expected number is worked out below by
 * hand (and written as a literal), never computed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { buildIndex, emotionCurve, informantMeanInterval, meanInterval, CURVE_INTERVAL_METHOD } from '../../shared/analysis';
import { newStudy, type Interview, type Segment, type StudyData, type Valence } from '../../shared/model';

const NOW = '2021-05-01T10:00:00.000Z';

function interview(id: string, code: string): Interview {
  return { id, studyId: 's', code, groupId: 'yf-vg2', format: 'individual', mode: 'digital', date: '2021-03-01', interviewer: 'AB', site: '', consent: true, notes: '', status: 'coded', participants: [{ id: 'P1', note: '' }], createdAt: NOW, updatedAt: NOW };
}
let n = 0;
function seg(interviewId: string, valence: Valence, stageId = 'vg1'): Segment {
  n += 1;
  return { id: `s${n}`, studyId: 's', interviewId, participantId: 'P1', start: 0, end: 10, quote: '', stageId, situationId: 'help', actorIds: [], valence, kind: 'experience', codeIds: [], note: '', coderId: 'coder-1', anchor: 'ok', createdAt: NOW, updatedAt: NOW };
}

/**
 * Stage vg1, four informants, twelve statements:
 *   A (iv-a): 6 × positive (+1), 2 × mixed (0)  → 8 statements, mean 6/8 = 0.75
 *   B (iv-b): negative (−1), mixed (0)           → mean −0.5
 *   C (iv-c): mixed (0)                          → mean 0
 *   D (iv-d): positive (+1)                      → mean 1
 */
function talkative(): StudyData {
  const study = newStudy('s', 'Test', NOW);
  const segments = [
    ...Array.from({ length: 6 }, () => seg('iv-a', 'positive')),
    seg('iv-a', 'mixed'),
    seg('iv-a', 'mixed'),
    seg('iv-b', 'negative'),
    seg('iv-b', 'mixed'),
    seg('iv-c', 'mixed'),
    seg('iv-d', 'positive'),
  ];
  return { study, codes: [], interviews: ['a', 'b', 'c', 'd'].map((x) => interview(`iv-${x}`, `YF-0${x}`)), transcripts: [], segments, overrides: [], benchmarks: [], audit: [], terms: [], pseudonyms: [] };
}

describe('emotion curve over informants', () => {
  /*
   * By hand, informant means m = 0.75, −0.5, 0, 1 (four informants):
   *   mean   = (0.75 − 0.5 + 0 + 1) / 4 = 1.25 / 4 = 0.3125
   *   deviations 0.4375, −0.8125, −0.3125, 0.6875; squares 0.19140625, 0.66015625, 0.09765625, 0.47265625
   *   sum of squares = 1.421875; s² = 1.421875 / 3 = 0.473958…; s = 0.688446…
   *   SE = s / √4 = 0.344223…; half width = 1.959964 × 0.344223… = 0.674665…
   *   band = 0.3125 ± 0.674665 = −0.362165 … 0.987165 (inside −1…+1, nothing clipped)
   * The old band over the twelve statements (for contrast):
   *   mean 6/12 = 0.5; squares: seven +1 → 7 × 0.25 = 1.75, four 0 → 4 × 0.25 = 1, one −1 → 2.25; sum 5
   *   s² = 5 / 11; SE = √(5/11) / √12 = 0.194625; half = 0.381457 → 0.118543 … 0.881457
   */
  it('weighs each informant once: the talkative one neither moves the mean nor narrows the band', () => {
    const curve = emotionCurve(buildIndex(talkative()), {}, { smallCell: 1 });
    const vg1 = curve.find((c) => c.stageId === 'vg1')!;
    expect(vg1.n).toBe(12);
    expect(vg1.informants).toBe(4);
    expect(vg1.mean).toBeCloseTo(0.3125, 12);
    expect(vg1.lo).toBeCloseTo(-0.362165, 5);
    expect(vg1.hi).toBeCloseTo(0.987165, 5);
    expect(vg1.method).toBe(CURVE_INTERVAL_METHOD);
    expect(CURVE_INTERVAL_METHOD).toBe('informant-means');
  });

  it('the statement-level band was narrower and centred on the talkative informant (the bug this fixes)', () => {
    const old = meanInterval([1, 1, 1, 1, 1, 1, 0, 0, -1, 0, 0, 1]);
    expect(old.mean).toBeCloseTo(0.5, 12);
    expect(old.lo).toBeCloseTo(0.118543, 5);
    expect(old.hi).toBeCloseTo(0.881457, 5);
    const curve = emotionCurve(buildIndex(talkative()), {}, { smallCell: 1 });
    const vg1 = curve.find((c) => c.stageId === 'vg1')!;
    // Width 1.349330 over informants against 0.762915 over statements.
    expect(vg1.hi! - vg1.lo!).toBeCloseTo(1.34933, 4);
  });

  it('informantMeanInterval agrees on a plain list and one informant gives no band', () => {
    const m = informantMeanInterval([1, 1, 1, 1, 1, 1, 0, 0, -1, 0, 0, 1], ['A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'B', 'B', 'C', 'D']);
    expect(m).toMatchObject({ n: 4 });
    expect(m.mean).toBeCloseTo(0.3125, 12);
    expect(m.lo).toBeCloseTo(-0.362165, 5);
    // Eight statements from one informant: one mean, no spread to estimate.
    expect(informantMeanInterval([1, 1, 1, 0, 0, 0, 1, 1], Array(8).fill('A'))).toEqual({ n: 1, mean: 0.625, lo: null, hi: null });
  });

  it('clips to the scale: two informants at −1 and +1', () => {
    // means −1 and +1: mean 0, s = √2, SE = 1, half 1.959964 → clipped to −1 … +1
    expect(informantMeanInterval([-1, -1, -1, 1], ['A', 'A', 'A', 'B'])).toEqual({ n: 2, mean: 0, lo: -1, hi: 1 });
  });
});
