import { describe, expect, it } from 'vitest';
import { newStudy, type Code, type Interview, type Segment, type StudyData } from '../../shared/model';
import {
  buildIndex,
  codeCooccurrence,
  codeFrequencies,
  emotionCurve,
  filterSegments,
  groupComparison,
  journeyMatrix,
  meanInterval,
  personaKim,
  presentJourney,
  percentOf,
  roundPercentages,
  sumsTo100,
  wilson,
} from '../../shared/analysis';

const NOW = '2021-05-01T10:00:00.000Z';

function interview(id: string, code: string, groupId: string, participants: number, format: Interview['format'], mode: Interview['mode']): Interview {
  return {
    id, studyId: 's', code, groupId, format, mode, date: '2021-03-01', interviewer: 'AB', site: '', consent: true, notes: '', status: 'coded',
    participants: Array.from({ length: participants }, (_, i) => ({ id: `P${i + 1}`, note: '' })), createdAt: NOW, updatedAt: NOW,
  };
}

type SegInit = Partial<Segment> & Pick<Segment, 'id' | 'interviewId' | 'participantId'>;
function seg(init: SegInit): Segment {
  return {
    studyId: 's', start: 0, end: 10, quote: '', stageId: null, situationId: null, actorIds: [], valence: null, kind: 'experience',
    codeIds: [], note: '', coderId: 'coder-1', anchor: 'ok', createdAt: NOW, updatedAt: NOW, ...init,
  };
}
const code = (id: string, parentId: string | null, order = 0): Code => ({ id, studyId: 's', parentId, name: `Code ${id}`, color: '#112233', definition: '', examples: [], order });

// A quote of exactly n characters (no surrounding spaces).
const q = (n: number, ch = 'a'): string => ch.repeat(n);

/**
 * The hand-built study. Answers in the tests below are worked out by hand from this table:
 *   s1 iv1 P1 st7 info   positive  [c1]      0–50
 *   s2 iv1 P1 st7 info   negative  [c2]     40–90  (overlaps s1)
 *   s3 iv2 P1 st7 info   negative  [c2]
 *   s4 iv2 P2 vg1 choice mixed     [c1a]
 *   s5 iv3 P1 vg1 choice negative  [c1a,c2]
 *   s6 iv3 P1 —   info   positive  []
 *   s7 iv2 P1 vg1 choice —   wish  [c3]
 * iv1 = YF-01 yf-vg2 individual digital; iv2 = YF-02 yf-vg2 group in-person (P1,P2); iv3 = SF-01 sf-vg2 individual in-person.
 */
function smallStudy(): StudyData {
  const study = newStudy('s', 'Test', NOW);
  return {
    study,
    codes: [code('c1', null, 0), code('c1a', 'c1', 0), code('c2', null, 1), code('c3', null, 2)],
    interviews: [
      interview('iv1', 'YF-01', 'yf-vg2', 1, 'individual', 'digital'),
      interview('iv2', 'YF-02', 'yf-vg2', 2, 'group', 'in-person'),
      interview('iv3', 'SF-01', 'sf-vg2', 1, 'individual', 'in-person'),
    ],
    transcripts: [],
    segments: [
      seg({ id: 's1', interviewId: 'iv1', participantId: 'P1', start: 0, end: 50, stageId: 'st7', situationId: 'info', valence: 'positive', codeIds: ['c1'], actorIds: ['radgiver'], quote: q(60, 'p') }),
      seg({ id: 's2', interviewId: 'iv1', participantId: 'P1', start: 40, end: 90, stageId: 'st7', situationId: 'info', valence: 'negative', codeIds: ['c2'], quote: q(50, 'n') }),
      seg({ id: 's3', interviewId: 'iv2', participantId: 'P1', start: 0, end: 30, stageId: 'st7', situationId: 'info', valence: 'negative', codeIds: ['c2'], quote: q(30, 'm') }),
      seg({ id: 's4', interviewId: 'iv2', participantId: 'P2', start: 100, end: 130, stageId: 'vg1', situationId: 'choice', valence: 'mixed', codeIds: ['c1a'], quote: q(45, 'x') }),
      seg({ id: 's5', interviewId: 'iv3', participantId: 'P1', start: 0, end: 20, stageId: 'vg1', situationId: 'choice', valence: 'negative', codeIds: ['c1a', 'c2'], quote: q(41, 'y') }),
      seg({ id: 's6', interviewId: 'iv3', participantId: 'P1', start: 200, end: 220, stageId: null, situationId: 'info', valence: 'positive', quote: q(44, 'z') }),
      seg({ id: 's7', interviewId: 'iv2', participantId: 'P1', start: 300, end: 320, stageId: 'vg1', situationId: 'choice', valence: null, kind: 'wish', codeIds: ['c3'], quote: q(48, 'w') }),
    ],
    overrides: [],
    benchmarks: [],
    audit: [],
    terms: [],
    pseudonyms: [],
  };
}

const ids = (segs: readonly Segment[]): string[] => segs.map((s) => s.id);
const pct1 = (x: number): string => (x * 100).toFixed(1);

describe('wilson', () => {
  // The method's Vg2 counsellor numbers (Brukerreisen Kim 2021), n = 21.
  it.each([
    [5, '10.6', '45.1'],
    [9, '24.5', '63.5'],
    [7, '17.2', '54.6'],
  ])('%i/21 gives %s–%s %%', (k, lo, hi) => {
    const ci = wilson(k, 21)!;
    expect(pct1(ci.lo)).toBe(lo);
    expect(pct1(ci.hi)).toBe(hi);
    expect(ci.p).toBeCloseTo(k / 21, 12);
  });
  it('stays inside [0, 1] at the edges and is safe for n = 0', () => {
    expect(wilson(0, 10)!.lo).toBe(0);
    expect(wilson(10, 10)!.hi).toBe(1);
    expect(wilson(0, 10)!.hi).toBeGreaterThan(0.2); // Wilson: 0/10 is not "certainly 0"
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(3, 2)).toBeNull();
  });
});

describe('roundPercentages', () => {
  it('shows each share rounded on its own, never bent to make 100 (issue 22: 5 of 11 is 45 %, not 46 %)', () => {
    // Worked by hand: 5/11 = 45.45 %, 6/11 = 54.55 %; 1/3 = 33.33 % three times (sums to 99, and says so honestly).
    expect(roundPercentages([5, 6])).toEqual([45, 55]);
    expect(roundPercentages([1, 1, 1])).toEqual([33, 33, 33]);
    expect(roundPercentages([5, 9, 7])).toEqual([24, 43, 33]); // 23.81, 42.86, 33.33
    expect(roundPercentages([0, 0])).toEqual([0, 0]);
    expect(roundPercentages([1, 39])).toEqual([3, 98]); // 2.5 rounds half up despite 1/40·100 = 2.4999…
    expect(percentOf(5, 11)).toBe(45);
    expect(percentOf(1, 0)).toBeNull();
  });
  it('sumsTo100 catches a source that does not add up', () => {
    expect(sumsTo100([54, 39, 8])).toBe(false);
    expect(sumsTo100([33.3, 33.3, 33.4])).toBe(true);
  });
});

describe('meanInterval', () => {
  it('is mean ± 1.96·SE, clipped to [−1, 1]', () => {
    // 1, −1, −1: mean −1/3, s² = (16/9 + 4/9 + 4/9)/2 = 4/3, SE = √(4/3)/√3 = 2/3
    const m = meanInterval([1, -1, -1]);
    expect(m.mean).toBeCloseTo(-1 / 3, 12);
    expect(m.lo).toBe(-1);
    expect(m.hi).toBeCloseTo(-1 / 3 + 1.959964 * (2 / 3), 9);
    expect(meanInterval([]).mean).toBeNull();
    expect(meanInterval([1]).lo).toBeNull();
  });
});

describe('filter', () => {
  const index = buildIndex(smallStudy());
  it('passes everything with an empty filter', () => {
    expect(ids(filterSegments(index, {}))).toEqual(['s1', 's2', 's3', 's4', 's5', 's6', 's7']);
  });
  it.each([
    [{ groupIds: ['sf-vg2'] }, ['s5', 's6']],
    [{ codeIds: ['c1'] }, ['s1', 's4', 's5']], // a parent selects its children
    [{ codeIds: ['c1a'] }, ['s4', 's5']],
    [{ valences: ['negative' as const] }, ['s2', 's3', 's5']],
    [{ kind: 'wish' as const }, ['s7']],
    [{ formats: ['group' as const] }, ['s3', 's4', 's7']],
    [{ modes: ['digital' as const] }, ['s1', 's2']],
    [{ actorIds: ['radgiver'] }, ['s1']],
    [{ stageIds: ['vg1'], situationIds: ['choice'], kind: 'experience' as const }, ['s4', 's5']],
    [{ coderId: 'someone-else' }, []],
    [{ groupIds: [] }, ['s1', 's2', 's3', 's4', 's5', 's6', 's7']], // [] means no constraint
  ])('%o', (filter, expected) => {
    expect(ids(filterSegments(index, filter))).toEqual(expected);
  });

  it('filters 50,000 segments in one pass with the same answer as a plain loop (speed: npm run bench)', () => {
    const base = smallStudy();
    let seed = 12345;
    const rnd = (): number => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const stages = base.study.stages.map((s) => s.id);
    const sits = base.study.situations.map((s) => s.id);
    const vals = ['positive', 'mixed', 'negative'] as const;
    const interviews = Array.from({ length: 200 }, (_, i) => interview(`iv${i}`, `X-${i}`, base.study.groups[i % 6]!.id, 1 + (i % 4), i % 2 ? 'group' : 'individual', 'digital'));
    const segments = Array.from({ length: 50_000 }, (_, i) => {
      const iv = interviews[Math.floor(rnd() * interviews.length)]!;
      return seg({ id: `g${i}`, interviewId: iv.id, participantId: `P${1 + Math.floor(rnd() * iv.participants.length)}`, stageId: stages[Math.floor(rnd() * stages.length)]!, situationId: sits[Math.floor(rnd() * sits.length)]!, valence: vals[Math.floor(rnd() * 3)]!, codeIds: [rnd() < 0.5 ? 'c1a' : 'c2'] });
    });
    const big = buildIndex({ ...base, interviews, segments });
    const filter = { groupIds: ['yf-vg2', 'ot'], codeIds: ['c1'], valences: ['negative' as const, 'mixed' as const] };
    const group = new Map(interviews.map((iv) => [iv.id, iv.groupId]));
    const expected = segments.filter((s) => ['yf-vg2', 'ot'].includes(group.get(s.interviewId)!) && s.codeIds.includes('c1a') && (s.valence === 'negative' || s.valence === 'mixed'));
    const got = filterSegments(big, filter);
    expect(got.length).toBeGreaterThan(0);
    expect(got.map((s) => s.id)).toEqual(expected.map((s) => s.id));
  });
});

describe('journeyMatrix', () => {
  const index = buildIndex(smallStudy());
  const infoRow = 0; // situations: info, choice, help
  const st7 = 0; // stages: st7 st8 st9 st10 vg1 vg2
  const vg1 = 4;
  it('counts segments and distinct informants per cell, with totals', () => {
    const m = journeyMatrix(index, {}, { smallCell: 2 });
    const cell = m.cells[infoRow]![st7]!;
    expect([cell.segments, cell.informants]).toEqual([3, 2]);
    expect(cell.valence).toEqual({ positive: 1, mixed: 0, negative: 2, none: 0 });
    expect(cell.topCodes).toEqual([{ codeId: 'c2', n: 2 }, { codeId: 'c1', n: 1 }]);
    expect(cell.suppressed).toBe(false);
    const choice = m.cells[1]![vg1]!;
    expect([choice.segments, choice.informants]).toEqual([3, 3]);
    expect(choice.valence).toEqual({ positive: 0, mixed: 1, negative: 1, none: 1 });
    expect(m.unplaced).toBe(1); // s6 has no stage
    expect(m.filtered).toBe(7);
    expect(m.rowTotals[infoRow]!.segments).toBe(3);
    expect(m.columnTotals[vg1]!.informants).toBe(3);
    expect(m.total.segments).toBe(6);
    expect(m.total.informants).toBe(4); // iv1 P1, iv2 P1, iv2 P2, iv3 P1
  });
  it('suppresses cells below the small-cell threshold, and the presented view hides their numbers', () => {
    const m = journeyMatrix(index, {}, { smallCell: 3 });
    expect(m.cells[infoRow]![st7]!.suppressed).toBe(true); // 2 informants < 3
    expect(m.cells[infoRow]![st7]!.segments).toBe(3); // the researcher's view keeps the count
    expect(m.cells[1]![vg1]!.suppressed).toBe(false);
    const shown = presentJourney(m);
    expect(shown.cells[infoRow]![st7]).toMatchObject({ suppressed: true, segments: null, informants: null, valence: null, quotes: [], topCodes: [] });
    expect(shown.cells[1]![vg1]!.segments).toBe(3);
    expect(shown.rowTotals[infoRow]).toBeNull();
  });
  it('chooses quotes deterministically: dominant valence, 40–220 chars, shortest, one per informant first', () => {
    const m = journeyMatrix(index, {}, { smallCell: 1, quotes: 3 });
    // dominant: negative (2). s2 (50 chars, in range) before s3 (30 chars, too short); s1 is positive and from iv1 P1 again.
    expect(m.cells[infoRow]![st7]!.quotes.map((x) => x.segmentId)).toEqual(['s2', 's3', 's1']);
    expect(m.cells[infoRow]![st7]!.quotes[0]!.interviewCode).toBe('YF-01');
    // choice/vg1: mixed and negative tie at 1 → mixed (order positive, mixed, negative): s4; then in-range shortest: s5 (41) before s7 (48).
    expect(m.cells[1]![vg1]!.quotes.map((x) => x.segmentId)).toEqual(['s4', 's5', 's7']);
  });
});

describe('emotionCurve', () => {
  it('averages experience valences per stage over informants (wishes excluded)', () => {
    const curve = emotionCurve(buildIndex(smallStudy()), {}, { smallCell: 1 });
    const st7 = curve.find((c) => c.stageId === 'st7')!;
    expect(st7.n).toBe(3);
    expect(st7.informants).toBe(2);
    // iv1 P1: s1 +1, s2 −1 → 0; iv2 P1: s3 −1 → −1; mean of the two informants' means −0.5.
    expect(st7.mean).toBeCloseTo(-0.5, 12);
    const vg1 = curve.find((c) => c.stageId === 'vg1')!;
    // s4 mixed (0), s5 negative (−1); s7 is a wish: mean −0.5, s = √0.5, SE = 0.5
    expect(vg1.n).toBe(2);
    expect(vg1.mean).toBeCloseTo(-0.5, 12);
    expect(vg1.hi).toBeCloseTo(-0.5 + 1.959964 * 0.5, 9);
    expect(vg1.lo).toBe(-1);
    expect(curve.find((c) => c.stageId === 'st8')).toMatchObject({ n: 0, mean: null });
  });
});

describe('personaKim', () => {
  it('lists pains, helps and wishes per stage by code with a quote', () => {
    const kim = personaKim(buildIndex(smallStudy()), {});
    const st7 = kim.find((k) => k.stageId === 'st7')!;
    expect(st7.pains).toHaveLength(1);
    expect(st7.pains[0]).toMatchObject({ codeId: 'c2', n: 2, informants: 2 });
    expect(st7.pains[0]!.quote!.segmentId).toBe('s2');
    expect(st7.helps[0]).toMatchObject({ codeId: 'c1', n: 1 });
    const vg1 = kim.find((k) => k.stageId === 'vg1')!;
    expect(vg1.pains.map((p) => p.codeId)).toEqual(['c1a', 'c2']);
    expect(vg1.wishes.map((w) => [w.codeId, w.n])).toEqual([['c3', 1]]);
    expect(vg1.helps).toEqual([]);
  });
});

describe('groupComparison', () => {
  it('gives valence counts and percentages per group', () => {
    const rows = groupComparison(buildIndex(smallStudy()), {}, { smallCell: 2 });
    const yf = rows.find((r) => r.groupId === 'yf-vg2')!;
    expect([yf.segments, yf.informants]).toEqual([5, 3]);
    expect(yf.valence).toEqual({ positive: 1, mixed: 1, negative: 2, none: 1 });
    expect(yf.percents).toEqual({ positive: 25, mixed: 25, negative: 50 });
    const sf = rows.find((r) => r.groupId === 'sf-vg2')!;
    expect([sf.segments, sf.informants, sf.suppressed]).toEqual([2, 1, true]);
    expect(rows.find((r) => r.groupId === 'ot')!.segments).toBe(0);
  });
});

describe('codeFrequencies and codeCooccurrence', () => {
  const index = buildIndex(smallStudy());
  it('counts per code and rolled up to parents, in tree order', () => {
    const f = codeFrequencies(index, {});
    expect(f.map((x) => [x.codeId, x.depth])).toEqual([['c1', 0], ['c1a', 1], ['c2', 0], ['c3', 0]]);
    expect(f[0]).toMatchObject({ segments: 1, informants: 1, segmentsRolled: 3, informantsRolled: 3 });
    expect(f[1]).toMatchObject({ segments: 2, segmentsRolled: 2 });
    expect(f[2]).toMatchObject({ segments: 3, informants: 3 });
  });
  it('counts pairs on the same segment and on overlapping segments of one informant', () => {
    const pairs = codeCooccurrence(index, {});
    expect(pairs).toContainEqual({ a: 'c1a', b: 'c2', sameSegment: 1, overlapping: 0 }); // s5
    expect(pairs).toContainEqual({ a: 'c1', b: 'c2', sameSegment: 0, overlapping: 1 }); // s1 (0–50) overlaps s2 (40–90)
    expect(pairs).toHaveLength(2);
  });
});
