import { describe, expect, it } from 'vitest';
import { assessCounsellor, DEFAULT_GROUPS, type Benchmark, type Interview, type Segment, type Valence } from '../../shared/model';
import { benchmarkComparison, counsellorBreakdown } from '../../shared/analysis';

const NOW = '2021-05-01T10:00:00.000Z';
const interview = (id: string, groupId: string): Interview => ({
  id, studyId: 's', code: id.toUpperCase(), groupId, format: 'individual', mode: 'in-person', date: null, interviewer: '', site: '', consent: true, notes: '',
  status: 'coded', participants: [{ id: 'P1', note: '' }], createdAt: NOW, updatedAt: NOW,
});
let n = 0;
const seg = (interviewId: string, valence: Valence, stageId = 'vg2', actor = 'radgiver'): Segment => ({
  id: `seg${n++}`, studyId: 's', interviewId, participantId: 'P1', start: 0, end: 10, quote: '', stageId, situationId: 'help', actorIds: [actor], valence,
  kind: 'experience', codeIds: [], note: '', coderId: 'c', anchor: 'ok', createdAt: NOW, updatedAt: NOW,
});

/**
 * The method's Vg2 result: 21 informants who talked about the counsellor, 5 positive, 9 "ok, but …",
 * 7 negative. Built as yf-vg2: 2/5/4 (11) and sf-vg2: 3/4/3 (10) plus one sf informant who never
 * mentioned the counsellor, and one OT informant (not Vg2).
 */
function vg2(): { interviews: Interview[]; segments: Segment[] } {
  const interviews: Interview[] = [];
  const segments: Segment[] = [];
  const add = (group: string, i: number, valences: [Valence, string][]): void => {
    const id = `${group}-${i}`;
    interviews.push(interview(id, group));
    for (const [v, stage] of valences) segments.push(seg(id, v, stage));
  };
  const plan: [string, number, number, number][] = [['yf-vg2', 2, 5, 4], ['sf-vg2', 3, 4, 3]];
  for (const [g, pos, mix, neg] of plan) {
    let i = 0;
    for (let k = 0; k < pos; k++) add(g, i++, [['positive', 'vg2'], ['positive', 'vg1']]);
    for (let k = 0; k < mix; k++) add(g, i++, [['positive', 'vg2'], ['mixed', 'vg2']]);
    // One negative informant per group also had a good experience in 10. trinn.
    for (let k = 0; k < neg; k++) add(g, i++, k === 0 ? [['negative', 'vg2'], ['positive', 'st10']] : [['mixed', 'vg2'], ['negative', 'vg2']]);
  }
  interviews.push(interview('sf-vg2-silent', 'sf-vg2'));
  segments.push(seg('sf-vg2-silent', 'negative', 'vg2', 'kontaktlaerer')); // not about the counsellor
  add('ot', 0, [['negative', 'vg1']]);
  return { interviews, segments };
}

const pct1 = (x: number): string => (x * 100).toFixed(1);

describe('counsellorBreakdown', () => {
  const { interviews, segments } = vg2();
  const assessments = assessCounsellor(interviews, segments, [], 'radgiver');
  const b = counsellorBreakdown(assessments, DEFAULT_GROUPS, { groupIds: ['yf-vg2', 'sf-vg2'], combinedId: 'vg2', combinedLabel: 'Vg2', smallCell: 5, stageOrder: ['st10', 'vg1', 'vg2'] });

  it('reads 5 / 9 / 7 for Vg2 with the method\'s Wilson intervals', () => {
    const vg2Row = b.combined!;
    expect(vg2Row.counts).toEqual({ positive: 5, mixed: 9, negative: 7 });
    expect(vg2Row.n).toBe(21);
    expect(vg2Row.notDiscussed).toBe(1);
    expect([pct1(vg2Row.intervals.positive!.lo), pct1(vg2Row.intervals.positive!.hi)]).toEqual(['10.6', '45.1']);
    expect([pct1(vg2Row.intervals.mixed!.lo), pct1(vg2Row.intervals.mixed!.hi)]).toEqual(['24.5', '63.5']);
    expect([pct1(vg2Row.intervals.negative!.lo), pct1(vg2Row.intervals.negative!.hi)]).toEqual(['17.2', '54.6']);
    expect(vg2Row.percents).toEqual({ positive: 24, mixed: 43, negative: 33 });
    expect(vg2Row.suppressed).toBe(false);
  });
  it('breaks down per group, with suppression and empty groups', () => {
    const yf = b.groups.find((g) => g.id === 'yf-vg2')!;
    expect([yf.counts.positive, yf.counts.mixed, yf.counts.negative, yf.n]).toEqual([2, 5, 4, 11]);
    const ot = b.groups.find((g) => g.id === 'ot')!;
    expect([ot.n, ot.counts.negative, ot.suppressed]).toEqual([1, 1, true]);
    const adult = b.groups.find((g) => g.id === 'adult')!;
    expect(adult.n).toBe(0);
    expect(adult.intervals.positive).toBeNull();
  });
  it('breaks down by the stage of the counsellor segments', () => {
    const byStage = b.combined!.byStage;
    expect(byStage.map((s) => s.stageId)).toEqual(['st10', 'vg1', 'vg2']);
    expect(byStage[0]!.counts).toEqual({ positive: 2, mixed: 0, negative: 0 }); // the two "negative overall" informants' good 10. trinn
    expect(byStage[1]!.counts).toEqual({ positive: 5, mixed: 0, negative: 0 });
    // At vg2: the positives (5) were positive there; the mixed (9) mixed; negatives 7.
    expect(byStage[2]!.counts).toEqual({ positive: 5, mixed: 9, negative: 7 });
  });
  it('uses overrides from assessCounsellor', () => {
    const withOverride = assessCounsellor(interviews, segments, [
      { id: 'o1', studyId: 's', interviewId: 'sf-vg2-silent', participantId: 'P1', category: 'positive', reason: 'said in passing, not coded', by: 'AB', at: NOW },
    ], 'radgiver');
    const r = counsellorBreakdown(withOverride, DEFAULT_GROUPS, { groupIds: ['yf-vg2', 'sf-vg2'], smallCell: 5 }).combined!;
    expect([r.counts.positive, r.n, r.notDiscussed]).toEqual([6, 22, 0]);
    expect(r.id).toBe('yf-vg2+sf-vg2');
  });
});

describe('benchmarkComparison', () => {
  const ungdata: Benchmark = {
    id: 'b1', studyId: 's', name: 'Fornøydhet med rådgiver', source: 'Ungdata Telemark', year: 2018, n: 7000, nApprox: true, population: 'VGS', question: '',
    categories: [
      { label: 'Svært eller ganske fornøyd', percent: 54, mapsTo: 'positive' },
      { label: 'Litt fornøyd', percent: 39, mapsTo: 'mixed' },
      { label: 'Ikke fornøyd', percent: 8, mapsTo: 'negative' },
    ],
  };
  it('flags Ungdata: wording differs and 54 + 39 + 8 = 101', () => {
    const c = benchmarkComparison(ungdata);
    expect(c.categoriesDiffer).toBe(true);
    expect(c.differences).toContainEqual({ kind: 'wording', label: 'Litt fornøyd', ours: 'OK, men kunne vært bedre' });
    expect(c.sum).toBe(101);
    expect(c.roundingNote).toBe('sums to 101 % because of rounding in the source');
    expect(c.categories.map((x) => x.percent)).toEqual([54, 39, 8]); // as in the source, not re-rounded
  });
  it('does not flag a benchmark with our categories and a clean sum', () => {
    const same = benchmarkComparison({ ...ungdata, categories: [
      { label: 'Positiv', percent: 50, mapsTo: 'positive' },
      { label: 'ok, men kunne vært bedre', percent: 30, mapsTo: 'mixed' },
      { label: 'Negativ', percent: 20, mapsTo: 'negative' },
    ] });
    expect(same.categoriesDiffer).toBe(false);
    expect(same.roundingNote).toBeNull();
  });
  it('flags categories that do not map one to one', () => {
    const c = benchmarkComparison({ ...ungdata, categories: [
      { label: 'Positiv', percent: 30, mapsTo: 'positive' },
      { label: 'Positiv', percent: 30, mapsTo: 'positive' },
      { label: 'Vet ikke', percent: 40, mapsTo: null },
    ] });
    expect(c.differences.map((d) => d.kind).sort()).toEqual(['not-one-to-one', 'not-one-to-one', 'not-one-to-one', 'unmapped']);
  });
});
