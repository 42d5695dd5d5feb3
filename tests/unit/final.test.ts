import { describe, expect, it } from 'vitest';
import { newStudy, type Coder, type Segment, type StudyData, type Valence } from '../../shared/model';
import { buildIndex, counsellorBreakdown, filterSegments, finalCoders, finalCoding, journeyMatrix, studyAssessments } from '../../shared/analysis';
import { buildDemoStudy } from '../../fixtures/demo/demo';

const NOW = '2021-05-01T10:00:00.000Z';
const K1: Coder = { id: 'k1', name: 'Koder 1', initials: 'K1' };
const K2: Coder = { id: 'k2', name: 'Koder 2', initials: 'K2' };
const K3: Coder = { id: 'k3', name: 'Koder 3', initials: 'K3' };

function seg(id: string, interviewId: string, coderId: string): Segment {
  return {
    id, studyId: 's', interviewId, participantId: 'P1', start: 0, end: 10, quote: '', stageId: null, situationId: null, actorIds: [], valence: null,
    kind: 'experience', codeIds: [], note: '', coderId, anchor: 'ok', createdAt: NOW, updatedAt: NOW,
  };
}
const ids = (segs: readonly Segment[]): string[] => segs.map((s) => s.id);

describe('finalCoding', () => {
  it('one coder: every segment counts, in order', () => {
    const segs = [seg('a', 'iv1', 'k1'), seg('b', 'iv2', 'k1'), seg('c', 'iv1', 'k1')];
    expect(ids(finalCoding(segs, [K1]))).toEqual(['a', 'b', 'c']);
  });

  it('two coders who split the interviews: both count', () => {
    const segs = [seg('a', 'iv1', 'k1'), seg('b', 'iv2', 'k2'), seg('c', 'iv2', 'k2'), seg('d', 'iv3', 'k1')];
    expect(ids(finalCoding(segs, [K1, K2]))).toEqual(['a', 'b', 'c', 'd']);
    expect([...finalCoders(segs, [K1, K2])]).toEqual([['iv1', 'k1'], ['iv2', 'k2'], ['iv3', 'k1']]);
  });

  it('two coders on the same interview: only the lead (first coder by default) counts', () => {
    // The second coder's segments come first in the table: order of the table must not decide.
    const segs = [seg('b1', 'iv1', 'k2'), seg('a1', 'iv1', 'k1'), seg('b2', 'iv1', 'k2'), seg('a2', 'iv1', 'k1')];
    expect(ids(finalCoding(segs, [K1, K2]))).toEqual(['a1', 'a2']);
    // An explicit lead wins over coder order.
    expect(ids(finalCoding(segs, [K1, K2], 'k2'))).toEqual(['b1', 'b2']);
  });

  it('lead absent from an interview: the first coder in study order who coded it counts', () => {
    const segs = [seg('x', 'iv1', 'k1'), seg('y3', 'iv2', 'k3'), seg('y2', 'iv2', 'k2'), seg('z', 'iv3', 'k3')];
    // Lead k1 did not code iv2: k2 comes before k3 in the study's coder list.
    expect(ids(finalCoding(segs, [K1, K2, K3]))).toEqual(['x', 'y2', 'z']);
    // With k3 listed before k2, k3 counts in iv2.
    expect(ids(finalCoding(segs, [K1, K3, K2]))).toEqual(['x', 'y3', 'z']);
    // Lead k3: k3 counts wherever it coded; iv1 still has only k1.
    expect(ids(finalCoding(segs, [K1, K2, K3], 'k3'))).toEqual(['x', 'y3', 'z']);
  });

  it('unknown coder ids come after every listed coder, and count where they are alone', () => {
    const segs = [seg('u1', 'iv1', 'ghost'), seg('k', 'iv1', 'k2'), seg('u2', 'iv2', 'ghost'), seg('v', 'iv2', 'other')];
    expect(ids(finalCoding(segs, [K1, K2]))).toEqual(['k', 'u2']);
  });

  it('no coders in the study: the first unknown coder seen per interview counts', () => {
    const segs = [seg('a', 'iv1', 'p'), seg('b', 'iv1', 'q'), seg('c', 'iv1', 'p')];
    expect(ids(finalCoding(segs, []))).toEqual(['a', 'c']);
  });
});

describe('buildIndex applies the final coding', () => {
  const study = { ...newStudy('s', 'Test', NOW), coders: [K1, K2] };
  const data = {
    study, codes: [],
    interviews: [],
    segments: [seg('a1', 'iv1', 'k1'), seg('b1', 'iv1', 'k2'), seg('b2', 'iv2', 'k2')],
  };

  it('counts the final coding by default, one coder with an explicit coderId, everything with final: false', () => {
    const index = buildIndex(data);
    expect(ids(filterSegments(index))).toEqual(['a1', 'b2']);
    expect(ids(filterSegments(index, { coderId: 'k2' }))).toEqual(['b1', 'b2']);
    expect(ids(filterSegments(buildIndex(data, { leadCoderId: 'k2' })))).toEqual(['b1', 'b2']);
    expect(ids(filterSegments(buildIndex(data, { final: false })))).toEqual(['a1', 'b1', 'b2']);
  });
});

describe('demo study with a blind second coder on five Vg2 interviews', () => {
  const demo = buildDemoStudy();
  const SECOND: Coder = { id: 'coder-blind', name: 'Koder B', initials: 'KB' };
  const FLIP: Record<Valence, Valence> = { positive: 'negative', mixed: 'negative', negative: 'positive' };

  function withBlindCopy(): StudyData {
    const vg2 = demo.interviews.filter((iv) => iv.groupId === 'yf-vg2' || iv.groupId === 'sf-vg2').slice(0, 5);
    const chosen = new Set(vg2.map((iv) => iv.id));
    // The second coder's copy disagrees on every valence, so counting it would move the numbers.
    const copy = demo.segments
      .filter((s) => chosen.has(s.interviewId))
      .map((s) => ({ ...s, id: `blind-${s.id}`, coderId: SECOND.id, valence: s.valence === null ? 'negative' : FLIP[s.valence] }));
    expect(vg2).toHaveLength(5);
    expect(copy.length).toBeGreaterThan(0);
    return { ...demo, study: { ...demo.study, coders: [...demo.study.coders, SECOND] }, segments: [...copy, ...demo.segments] };
  }

  const breakdown = (d: StudyData) =>
    counsellorBreakdown(studyAssessments(d), d.study.groups, { groupIds: ['yf-vg2', 'sf-vg2'], smallCell: d.study.smallCellThreshold }).combined!;

  it('still gives 5 / 9 / 7 of 21 on the Vg2 breakdown', () => {
    const data = withBlindCopy();
    const vg2 = breakdown(data);
    expect(vg2.counts).toEqual({ positive: 5, mixed: 9, negative: 7 });
    expect(vg2.n).toBe(21);
  });

  it('would not without the final rule (the copy really differs), and the journey total is the lead\'s', () => {
    const data = withBlindCopy();
    const lead = breakdown({ ...data, study: { ...data.study, coders: [SECOND, ...demo.study.coders] } });
    expect(lead.counts).not.toEqual({ positive: 5, mixed: 9, negative: 7 });
    const plain = journeyMatrix(buildIndex(demo), {}, { smallCell: 1 }).total.segments;
    expect(journeyMatrix(buildIndex(data), {}, { smallCell: 1 }).total.segments).toBe(plain);
    expect(journeyMatrix(buildIndex(data, { final: false }), {}, { smallCell: 1 }).total.segments).toBeGreaterThan(plain);
  });

  it('narrowing evidence with keep runs after the final rule', () => {
    const data = withBlindCopy();
    const stage = demo.study.stages.at(-1)!.id;
    const got = studyAssessments(data, { keep: (s) => s.stageId === stage });
    for (const a of got) for (const s of a.evidence) expect(s.coderId).toBe('coder-1');
  });
});
