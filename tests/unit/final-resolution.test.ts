import { describe, expect, it } from 'vitest';
import type { Segment } from '../../shared/model';
import { asCoded, planResolution, readMarks, withMark, type ResolutionMark } from '../../renderer/features/agreement/resolution';

const NOW = '2021-05-01T10:00:00.000Z';
const LATER = '2021-05-02T10:00:00.000Z';

function seg(id: string, coderId: string, init: Partial<Segment> = {}): Segment {
  return {
    id, studyId: 's', interviewId: 'iv1', participantId: 'P1', start: 0, end: 10, quote: 'q', stageId: 'st7', situationId: 'info', actorIds: ['radgiver'], valence: 'positive',
    kind: 'experience', codeIds: ['c1'], note: 'A note', coderId, anchor: 'ok', createdAt: NOW, updatedAt: NOW, ...init,
  };
}

const A = seg('a1', 'lead');
const B = seg('b1', 'second', { stageId: 'vg2', situationId: 'help', actorIds: [], valence: 'negative', kind: 'wish', codeIds: ['c2'], note: '' });

function ctx(marks: ResolutionMark[], stored: Segment[]) {
  const byId = new Map(stored.map((s) => [s.id, s]));
  return { marks, current: (id: string) => byId.get(id), now: LATER, by: 'lead' };
}

describe('planResolution (lead is coder A)', () => {
  it('"Velg B" writes B\'s dimensions into the lead\'s segment, keeping its id, span, quote and coder', () => {
    const plan = planResolution({ a: A, b: B }, 'b', true, { coderId: 'lead' }, ctx([], [A, B]))!;
    expect(plan.remove).toBeNull();
    expect(plan.put).toEqual({ ...A, stageId: 'vg2', situationId: 'help', actorIds: [], valence: 'negative', kind: 'wish', codeIds: ['c2'], note: '', updatedAt: LATER });
    expect(plan.mark).toMatchObject({ aId: 'a1', bId: 'b1', choice: 'b', at: LATER, by: 'lead', leadSegmentId: 'a1', createdId: null });
    expect(plan.mark.before).toMatchObject({ stageId: 'st7', valence: 'positive', note: 'A note' });
  });

  it('then "Velg A" puts the lead\'s own coding back from the mark, not from the overwritten segment', () => {
    const first = planResolution({ a: A, b: B }, 'b', true, { coderId: 'lead' }, ctx([], [A, B]))!;
    const storedNow = first.put!;
    const marks = withMark([], first.mark);
    // The screen shows the unit as coded.
    const [a] = asCoded([storedNow], marks);
    expect(a!.valence).toBe('positive');
    const again = planResolution({ a: a!, b: B }, 'a', true, { coderId: 'lead' }, ctx(marks, [storedNow, B]))!;
    expect(again.put).toEqual({ ...A, updatedAt: LATER });
    expect(again.mark.before).toEqual(first.mark.before);
    expect(withMark(marks, again.mark)).toHaveLength(1);
  });

  it('a unit only B coded: "Velg B" copies B\'s segment for the lead; "Velg A" afterwards removes the copy', () => {
    const plan = planResolution({ a: null, b: B }, 'b', true, { coderId: 'lead' }, ctx([], [B]))!;
    expect(plan.put).toEqual({ ...B, id: 'resolved-b1', coderId: 'lead', createdAt: LATER, updatedAt: LATER });
    expect(plan.mark).toMatchObject({ aId: null, bId: 'b1', createdId: 'resolved-b1', leadSegmentId: null, before: null });
    const marks = withMark([], plan.mark);
    const back = planResolution({ a: null, b: B }, 'a', true, { coderId: 'lead' }, ctx(marks, [B, plan.put!]))!;
    expect(back.put).toBeNull();
    expect(back.remove).toBe('resolved-b1');
  });

  it('a unit only the lead coded cannot be resolved away (that is an edit in the workbench)', () => {
    expect(planResolution({ a: A, b: null }, 'b', true, { coderId: 'lead' }, ctx([], [A]))).toBeNull();
  });
});

describe('planResolution (lead is coder B)', () => {
  it('"Velg A" writes A\'s dimensions into B\'s (the lead\'s) segment', () => {
    const lead = seg('L', 'lead', { valence: 'mixed' });
    const other = seg('O', 'second', { valence: 'negative' });
    const plan = planResolution({ a: other, b: lead }, 'a', false, { coderId: 'lead' }, ctx([], [lead, other]))!;
    expect(plan.put).toMatchObject({ id: 'L', coderId: 'lead', valence: 'negative' });
    expect(plan.mark.leadSegmentId).toBe('L');
  });
});

describe('asCoded and readMarks', () => {
  it('restores the lead\'s dimensions and drops copies made by resolutions', () => {
    const resolvedA = { ...A, valence: 'negative' as const };
    const copy = seg('resolved-b2', 'lead');
    const marks: ResolutionMark[] = [
      { aId: 'a1', bId: 'b1', choice: 'b', at: LATER, by: 'lead', leadSegmentId: 'a1', before: { stageId: 'st7', situationId: 'info', actorIds: ['radgiver'], valence: 'positive', kind: 'experience', codeIds: ['c1'], note: 'A note' }, createdId: null },
      { aId: null, bId: 'b2', choice: 'b', at: LATER, by: 'lead', leadSegmentId: null, before: null, createdId: 'resolved-b2' },
    ];
    expect(asCoded([resolvedA, copy, B], marks)).toEqual([A, B]);
  });

  it('drops malformed marks from meta', () => {
    const good: ResolutionMark = { aId: 'a', bId: 'b', choice: 'a', at: NOW, by: 'k', leadSegmentId: 'a', before: null, createdId: null };
    for (const bad of [null, 3, 'x', {}, { ...good, choice: 'c' }, { ...good, aId: 5 }, { ...good, at: undefined }]) expect(readMarks([bad])).toEqual([]);
    expect(readMarks('nope')).toEqual([]);
    expect(readMarks([good])).toEqual([good]);
  });
});
