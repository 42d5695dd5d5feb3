/** The actor lane (shared/analysis/actors.ts) on a hand-built story; expected values read off the table. */
import { describe, expect, it } from 'vitest';
import { actorLane, buildIndex } from '../../shared/analysis';
import { newStudy, type Interview, type Segment } from '../../shared/model';

const NOW = '2021-05-01T10:00:00.000Z';
const iv = (id: string, groupId = 'yf-vg2'): Interview => ({ id, studyId: 's', code: id, groupId, format: 'individual', mode: 'digital', date: null, interviewer: '', site: '', consent: true, notes: '', status: 'coded', participants: [{ id: 'P1', note: '' }], createdAt: NOW, updatedAt: NOW });
const seg = (id: string, interviewId: string, stageId: string, start: number, actor: string, valence: Segment['valence']): Segment => ({ id, studyId: 's', interviewId, participantId: 'P1', start, end: start + 5, quote: id, stageId, situationId: 'help', actorIds: [actor], valence, kind: 'experience', codeIds: [], note: '', coderId: 'coder-1', anchor: 'ok', createdAt: NOW, updatedAt: NOW });

/**
 * Informant a: st10 rådgiver + (pos 0), then vg1 ot − (pos 50), then vg1 nav − (pos 10 — earlier in
 * the transcript but the same stage, so ordered by position: ot at 50 comes after nav at 10).
 *   order: st10 radgiver(0) → vg1 nav(10) → vg1 ot(50)
 *   handovers: radgiver→nav at vg1 (bad: nav −), nav→ot at vg1 (bad: ot −)
 * Informant b (group ot): st10 radgiver ~ → vg1 nav + : radgiver→nav at vg1, not bad.
 */
const data = () => ({
  study: newStudy('s', 'T', NOW), codes: [], interviews: [iv('a'), iv('b', 'ot')],
  segments: [seg('a1', 'a', 'st10', 0, 'radgiver', 'positive'), seg('a2', 'a', 'vg1', 50, 'ot', 'negative'), seg('a3', 'a', 'vg1', 10, 'nav', 'negative'), seg('b1', 'b', 'st10', 0, 'radgiver', 'mixed'), seg('b2', 'b', 'vg1', 5, 'nav', 'positive')],
});

describe('actorLane', () => {
  it('counts actors per stage and the handovers between consecutive segments', () => {
    const lane = actorLane(buildIndex(data()), {}, { smallCell: 1 });
    const vg1 = lane.stages.find((s) => s.stageId === 'vg1')!;
    expect(vg1.actors).toEqual([
      { actorId: 'nav', informants: 2, segments: 2, valence: { positive: 1, mixed: 0, negative: 1 } },
      { actorId: 'ot', informants: 1, segments: 1, valence: { positive: 0, mixed: 0, negative: 1 } },
    ]);
    expect(lane.handovers).toEqual([
      { from: 'radgiver', to: 'nav', stageId: 'vg1', n: 2, bad: 1, informants: 2, badSegmentIds: ['a3'] },
      { from: 'nav', to: 'ot', stageId: 'vg1', n: 1, bad: 1, informants: 1, badSegmentIds: ['a2'] },
    ]);
  });

  it('a group filter keeps that group only', () => {
    const lane = actorLane(buildIndex(data()), { groupIds: ['ot'] }, { smallCell: 1 });
    expect(lane.handovers).toEqual([{ from: 'radgiver', to: 'nav', stageId: 'vg1', n: 1, bad: 0, informants: 1, badSegmentIds: [] }]);
  });
});
