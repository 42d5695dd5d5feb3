/**
 * Evidence strength per journey cell (shared/analysis/evidence.ts) on a hand-built study; the
 * expected counts and levels are read off the table in the comment, not computed by the code.
 */
import { describe, expect, it } from 'vitest';
import { buildIndex, cellEvidence, evidenceLevel } from '../../shared/analysis';
import { evidenceStringsFor } from '../../shared/charts';
import { newStudy, type Interview, type Segment, type StudyData } from '../../shared/model';

const NOW = '2021-05-01T10:00:00.000Z';
const iv = (id: string, groupId: string, participants = 1): Interview => ({
  id, studyId: 's', code: id.toUpperCase(), groupId, format: participants > 1 ? 'group' : 'individual', mode: 'digital', date: null, interviewer: '', site: '', consent: true, notes: '', status: 'coded',
  participants: Array.from({ length: participants }, (_, i) => ({ id: `P${i + 1}`, note: '' })), createdAt: NOW, updatedAt: NOW,
});
let n = 0;
const seg = (interviewId: string, participantId: string, stageId: string, situationId: string, valence: Segment['valence'], coderId = 'coder-1', start = 0): Segment => ({
  id: `s${++n}`, studyId: 's', interviewId, participantId, start, end: start + 20, quote: '', stageId, situationId, actorIds: [], valence, kind: 'experience', codeIds: [], note: '', coderId, anchor: 'ok', createdAt: NOW, updatedAt: NOW,
});

/**
 * smallCell k = 2.
 *   vg1 × help: a (yf, P1), b (yf, P1), c (sf, P1 and P2), d (ot, P1) → 5 informants, 4 interviews, 3 groups
 *               coder-2 also coded interview a: same cell and valence → 1 of 1 pair agrees
 *   vg1 × info: e (yf) P1 twice, coder-2 coded e too and put it in vg1 × choice → 0 of 1 agrees
 *   st7 × help: a P1 once → 1 informant
 */
function study(): StudyData {
  const st = { ...newStudy('s', 'T', NOW), smallCellThreshold: 2, coders: [{ id: 'coder-1', name: 'A', initials: 'A' }, { id: 'coder-2', name: 'B', initials: 'B' }] };
  const segments = [
    seg('a', 'P1', 'vg1', 'help', 'negative'),
    seg('b', 'P1', 'vg1', 'help', 'negative'),
    seg('c', 'P1', 'vg1', 'help', 'mixed'),
    seg('c', 'P2', 'vg1', 'help', 'negative'),
    seg('d', 'P1', 'vg1', 'help', 'positive'),
    seg('a', 'P1', 'vg1', 'help', 'negative', 'coder-2'),
    seg('e', 'P1', 'vg1', 'info', 'negative', 'coder-1', 0),
    seg('e', 'P1', 'vg1', 'info', 'negative', 'coder-1', 100),
    seg('e', 'P1', 'vg1', 'choice', 'negative', 'coder-2', 0),
    seg('a', 'P1', 'st7', 'help', 'positive', 'coder-1', 200),
  ];
  return { study: st, codes: [], interviews: [iv('a', 'yf-vg2'), iv('b', 'yf-vg2'), iv('c', 'sf-vg2', 2), iv('d', 'ot'), iv('e', 'yf-vg2')], transcripts: [], segments, overrides: [], benchmarks: [], audit: [], terms: [], pseudonyms: [] };
}

const at = (ev: ReturnType<typeof cellEvidence>, stageId: string, situationId: string) => ev.flat().find((e) => e.stageId === stageId && e.situationId === situationId)!;

describe('cellEvidence', () => {
  it('counts informants, interviews and groups behind a cell, and second-coder agreement', () => {
    const ev = cellEvidence(buildIndex(study()), {}, { smallCell: 2 });
    expect(at(ev, 'vg1', 'help')).toMatchObject({ segments: 5, informants: 5, interviews: 4, groups: 3, agreement: { pairs: 1, agree: 1, p: 1 }, suppressed: false });
    // 5 informants ≥ 2k = 4, 4 interviews ≥ k = 2, 3 groups ≥ 2, agreement 100 % → strong
    expect(at(ev, 'vg1', 'help').level).toBe('strong');
    // e: one informant, one interview; the second coder's passage (0–20) pairs with the first (0–20) and disagrees on the situation.
    expect(at(ev, 'vg1', 'info')).toMatchObject({ segments: 2, informants: 1, interviews: 1, groups: 1, agreement: { pairs: 1, agree: 0, p: 0 }, level: 'weak', suppressed: true });
    expect(at(ev, 'st7', 'help')).toMatchObject({ informants: 1, level: 'weak', agreement: null });
    expect(at(ev, 'st8', 'help')).toMatchObject({ segments: 0, level: 'none' });
  });

  it('a group filter narrows the evidence', () => {
    const ev = cellEvidence(buildIndex(study()), { groupIds: ['yf-vg2'] }, { smallCell: 2 });
    // a and b only: 2 informants ≥ k, 2 interviews, 1 group → moderate (not strong: one group, 2 < 2k)
    expect(at(ev, 'vg1', 'help')).toMatchObject({ informants: 2, interviews: 2, groups: 1, level: 'moderate' });
  });

  it('levels follow the stated rule at the edges', () => {
    const base = { segments: 10, informants: 10, interviews: 5, groups: 2, agreement: null };
    expect(evidenceLevel(base, 5)).toBe('strong');
    expect(evidenceLevel({ ...base, groups: 1 }, 5)).toBe('moderate');
    expect(evidenceLevel({ ...base, agreement: { pairs: 10, agree: 7, p: 0.7 } }, 5)).toBe('moderate');
    expect(evidenceLevel({ ...base, agreement: { pairs: 10, agree: 5, p: 0.5 } }, 5)).toBe('weak');
    expect(evidenceLevel({ ...base, informants: 4 }, 5)).toBe('weak');
  });

  it('says it in words, without counts when the cell is hidden', () => {
    const ev = cellEvidence(buildIndex(study()), {}, { smallCell: 2 });
    expect(evidenceStringsFor('nb').describe(at(ev, 'vg1', 'help'), false, 2)).toBe('Evidens: sterk – 5 informanter, 4 intervjuer, 3 grupper; kodere enige om 1 av 1 (100 %)');
    expect(evidenceStringsFor('en').describe(at(ev, 'vg1', 'info'), true, 2)).toBe('Evidence: weak (fewer than 2 informants)');
  });
});
