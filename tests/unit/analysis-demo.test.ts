import { describe, expect, it } from 'vitest';
import { assessCounsellor } from '../../shared/model';
import { benchmarkComparison, counsellorBreakdown } from '../../shared/analysis';
import { buildDemoStudy } from '../../fixtures/demo/demo';

const pct1 = (x: number): string => (x * 100).toFixed(1);

describe('demo study', () => {
  const demo = buildDemoStudy();
  const assessments = assessCounsellor(demo.interviews, demo.segments, demo.overrides, demo.study.counsellorActorId);
  const b = counsellorBreakdown(assessments, demo.study.groups, { groupIds: ['yf-vg2', 'sf-vg2'], combinedLabel: 'Vg2', smallCell: demo.study.smallCellThreshold });

  it('reads the method\'s Vg2 counsellor result: 5 / 9 / 7 of 21, with its Wilson intervals', () => {
    const vg2 = b.combined!;
    expect(vg2.counts).toEqual({ positive: 5, mixed: 9, negative: 7 });
    expect(vg2.n).toBe(21);
    expect([pct1(vg2.intervals.positive!.lo), pct1(vg2.intervals.positive!.hi)]).toEqual(['10.6', '45.1']);
    expect([pct1(vg2.intervals.mixed!.lo), pct1(vg2.intervals.mixed!.hi)]).toEqual(['24.5', '63.5']);
    expect([pct1(vg2.intervals.negative!.lo), pct1(vg2.intervals.negative!.hi)]).toEqual(['17.2', '54.6']);
  });

  it('flags its Ungdata benchmark: categories differ, 54 + 39 + 8 sums to 101', () => {
    const bm = demo.benchmarks.find((x) => x.source.toLowerCase().includes('ungdata'));
    expect(bm).toBeDefined();
    const c = benchmarkComparison(bm!, demo.study.valenceLabels);
    expect(c.categoriesDiffer).toBe(true);
    expect(c.sum).toBe(101);
    expect(c.roundingNote).not.toBeNull();
  });
});
