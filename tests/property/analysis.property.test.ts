import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newStudy, type Interview, type Segment } from '../../shared/model';
import { buildIndex, filterIndices, journeyMatrix, type AnalysisFilter } from '../../shared/analysis';

fc.configureGlobal({ seed: 20210501, numRuns: 150 });

const NOW = '2021-05-01T10:00:00.000Z';
const study = newStudy('s', 'Property', NOW);
const stageIds = [...study.stages.map((s) => s.id), 'unknown-stage'];
const situationIds = study.situations.map((s) => s.id);
const groupIds = study.groups.map((g) => g.id);
const codes = ['c1', 'c1a', 'c2'].map((id) => ({ id, studyId: 's', parentId: id === 'c1a' ? 'c1' : null, name: id, color: '#000000', definition: '', examples: [], order: 0 }));

const interviews: Interview[] = Array.from({ length: 8 }, (_, i) => ({
  id: `iv${i}`, studyId: 's', code: `X-${i}`, groupId: groupIds[i % groupIds.length]!, format: i % 3 === 0 ? 'group' : 'individual', mode: i % 2 ? 'digital' : 'in-person',
  date: null, interviewer: '', site: '', consent: true, notes: '', status: 'coded', createdAt: NOW, updatedAt: NOW,
  participants: Array.from({ length: i % 3 === 0 ? 3 : 1 }, (_p, k) => ({ id: `P${k + 1}`, note: '' })),
}));

const segmentArb = fc.record({
  iv: fc.integer({ min: 0, max: interviews.length - 1 }),
  p: fc.integer({ min: 1, max: 3 }),
  stageId: fc.option(fc.constantFrom(...stageIds), { nil: null }),
  situationId: fc.option(fc.constantFrom(...situationIds), { nil: null }),
  valence: fc.option(fc.constantFrom('positive' as const, 'mixed' as const, 'negative' as const), { nil: null }),
  kind: fc.constantFrom('experience' as const, 'wish' as const),
  codeIds: fc.uniqueArray(fc.constantFrom('c1', 'c1a', 'c2'), { maxLength: 2 }),
  actorIds: fc.uniqueArray(fc.constantFrom('radgiver', 'familie'), { maxLength: 2 }),
});

type RawSegment = typeof segmentArb extends fc.Arbitrary<infer T> ? T : never;
const toSegments = (raw: RawSegment[]): Segment[] =>
  raw.map((r, i) => {
    const iv = interviews[r.iv]!;
    return {
      id: `s${i}`, studyId: 's', interviewId: iv.id, participantId: `P${Math.min(r.p, iv.participants.length)}`, start: i, end: i + 5, quote: 'q'.repeat(10 + (i % 50)),
      stageId: r.stageId, situationId: r.situationId, actorIds: r.actorIds, valence: r.valence, kind: r.kind, codeIds: r.codeIds, note: '', coderId: 'k', anchor: 'ok', createdAt: NOW, updatedAt: NOW,
    };
  });

const subset = <T,>(xs: readonly T[]) => fc.option(fc.subarray([...xs], { minLength: 1 }), { nil: undefined });
const filterArb: fc.Arbitrary<AnalysisFilter> = fc.record({
  groupIds: subset(groupIds),
  stageIds: subset(stageIds),
  situationIds: subset(situationIds),
  valences: subset(['positive', 'mixed', 'negative'] as const),
  codeIds: subset(['c1', 'c1a', 'c2']),
  actorIds: subset(['radgiver', 'familie']),
  formats: subset(['individual', 'group'] as const),
  modes: subset(['digital', 'in-person'] as const),
  kind: fc.constantFrom('all' as const, 'experience' as const, 'wish' as const),
});

/** Add one constraint to a filter: either set an unset dimension, or narrow a set one to a non-empty subset. */
const KEYS = ['groupIds', 'stageIds', 'situationIds', 'valences', 'codeIds', 'actorIds', 'formats', 'modes'] as const;
const ALL: Record<(typeof KEYS)[number], readonly string[]> = {
  groupIds, stageIds, situationIds, valences: ['positive', 'mixed', 'negative'], codeIds: ['c1', 'c1a', 'c2'], actorIds: ['radgiver', 'familie'], formats: ['individual', 'group'], modes: ['digital', 'in-person'],
};
function narrow(f: AnalysisFilter, key: (typeof KEYS)[number], keepMask: number): AnalysisFilter {
  const current = (f[key] as readonly string[] | undefined) ?? ALL[key];
  let kept = current.filter((_, i) => (keepMask >> i) & 1);
  if (kept.length === 0) kept = current.slice(0, 1);
  return { ...f, [key]: kept };
}

describe('journey matrix and filter properties', () => {
  it('cell counts sum to the filtered segment count (minus the unplaced)', () => {
    fc.assert(
      fc.property(fc.array(segmentArb, { maxLength: 120 }), filterArb, (raw, filter) => {
        const index = buildIndex({ study, codes, interviews, segments: toSegments(raw) });
        const m = journeyMatrix(index, filter, { smallCell: 3 });
        const cellSum = m.cells.flat().reduce((a, c) => a + c.segments, 0);
        expect(m.filtered).toBe(filterIndices(index, filter).length);
        expect(cellSum + m.unplaced).toBe(m.filtered);
        expect(m.rowTotals.reduce((a, r) => a + r.segments, 0)).toBe(cellSum);
        expect(m.columnTotals.reduce((a, r) => a + r.segments, 0)).toBe(cellSum);
        for (const c of m.cells.flat()) {
          const v = c.valence;
          expect(v.positive + v.mixed + v.negative + v.none).toBe(c.segments);
          expect(c.informants).toBeLessThanOrEqual(c.segments);
          expect(c.suppressed).toBe(c.informants < 3);
        }
      }),
    );
  });

  it('filtering is monotone: adding a constraint never increases any count', () => {
    fc.assert(
      fc.property(fc.array(segmentArb, { maxLength: 120 }), filterArb, fc.constantFrom(...KEYS), fc.nat(255), (raw, filter, key, mask) => {
        const index = buildIndex({ study, codes, interviews, segments: toSegments(raw) });
        const tighter = narrow(filter, key, mask);
        const loose = journeyMatrix(index, filter, { smallCell: 1 });
        const tight = journeyMatrix(index, tighter, { smallCell: 1 });
        expect(tight.filtered).toBeLessThanOrEqual(loose.filtered);
        // The tighter result is a subset of the looser one, not just smaller.
        const looseSet = new Set(filterIndices(index, filter));
        for (const i of filterIndices(index, tighter)) expect(looseSet.has(i)).toBe(true);
        loose.cells.flat().forEach((a, k) => {
          const b = tight.cells.flat()[k]!;
          expect(b.segments).toBeLessThanOrEqual(a.segments);
          expect(b.informants).toBeLessThanOrEqual(a.informants);
        });
      }),
    );
  });
});
