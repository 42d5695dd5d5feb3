/**
 * Insight suggestions and hold-back (shared/analysis/insights.ts) and the PDF section, on a
 * hand-built study; expected values are read off the table below.
 */
import { describe, expect, it } from 'vitest';
import { buildIndex, sharingInsights, suggestInsights } from '../../shared/analysis';
import { composeReport } from '../../shared/report';
import { newStudy, type Insight, type Interview, type Segment, type StudyData } from '../../shared/model';

const NOW = '2021-05-01T10:00:00.000Z';
const reviewed = { state: 'reviewed' as const, record: { reviewer: 'K1', at: NOW, counts: {} }, reason: null, hits: {} };
const iv = (id: string): Interview => ({ id, studyId: 's', code: id.toUpperCase(), groupId: 'yf-vg2', format: 'individual', mode: 'digital', date: null, interviewer: '', site: '', consent: true, notes: '', status: 'coded', participants: [{ id: 'P1', note: '' }], createdAt: NOW, updatedAt: NOW });
const PHRASES: Record<string, string> = { s1: 'Rådgiveren hadde aldri tid når jeg trengte å snakke om valg', s2: 'Jeg fikk ikke svar på e-posten min før fristen var ute', s3: 'Kontaktlæreren min hjalp meg å finne riktig linje' };
const seg = (id: string, interviewId: string, valence: Segment['valence'], kind: Segment['kind'] = 'experience', codeIds: string[] = []): Segment => ({
  id, studyId: 's', interviewId, participantId: 'P1', start: 0, end: 10, quote: PHRASES[id] ?? `Sitat ${id}`, stageId: 'vg1', situationId: 'help', actorIds: [], valence, kind, codeIds, note: '', coderId: 'coder-1', anchor: 'ok', review: reviewed, createdAt: NOW, updatedAt: NOW,
});

/**
 * k = 2. vg1 × help: a negative, b negative, c positive → 2 of 3 negative, 3 informants → pain.
 * Wishes with code w1 from a and b (2 informants) → opportunity; code w2 from c only → none.
 */
function study(insights: Insight[] = []): StudyData {
  const st = { ...newStudy('s', 'T', NOW), smallCellThreshold: 2 };
  return {
    study: st, codes: [{ id: 'w1', studyId: 's', parentId: null, name: 'Mer tid', color: '#112233', definition: '', examples: [], order: 0 }], interviews: [iv('a'), iv('b'), iv('c')], transcripts: [],
    segments: [seg('s1', 'a', 'negative'), seg('s2', 'b', 'negative'), seg('s3', 'c', 'positive'), seg('w-a', 'a', null, 'wish', ['w1']), seg('w-b', 'b', null, 'wish', ['w1']), seg('w-c', 'c', null, 'wish', ['w2'])],
    overrides: [], benchmarks: [], audit: [], terms: [], pseudonyms: [], insights,
  };
}
const insight = (id: string, quoteIds: string[], over: Partial<Insight> = {}): Insight => ({ id, studyId: 's', kind: 'pain', stageId: 'vg1', situationId: 'help', text: `Innsikt ${id}`, quoteIds, origin: 'facilitator', suggestionKey: null, review: reviewed, createdBy: 'K1', createdAt: NOW, updatedAt: NOW, ...over });

describe('suggestInsights', () => {
  it('suggests the negative-dominated cell and the wish code with enough informants', () => {
    const got = suggestInsights(buildIndex(study()), {}, { smallCell: 2 });
    expect(got.map((g) => g.key)).toEqual(['pain:vg1:help', 'opportunity:vg1:help:w1']);
    expect(got[0]?.params).toEqual({ negative: 2, rated: 3, informants: 3, wishes: 0 });
    expect(got[0]?.quotes.map((q) => q.segmentId).sort()).toEqual(['s1', 's2']);
    expect(got[1]?.params).toMatchObject({ informants: 2, wishes: 2 });
    // With k = 4 nothing has enough informants.
    expect(suggestInsights(buildIndex(study()), {}, { smallCell: 4 })).toEqual([]);
  });
});

describe('sharingInsights', () => {
  it('holds back an insight whose quotes are all deleted, a small cell and unreviewed text', () => {
    const data = study();
    const ok = insight('ok', ['s1', 'gone']);
    const gone = insight('gone', ['gone-1', 'gone-2']);
    const small = insight('small', [], { stageId: 'st7', situationId: 'info' });
    const typed = insight('typed', ['s1'], { review: { state: 'needs-review', record: null, reason: 'typed', hits: { TLF: 1 } } });
    const { shown, held } = sharingInsights([ok, gone, small, typed], data.segments, 2);
    expect(shown.map((x) => x.insight.id)).toEqual(['ok']);
    expect(shown[0]?.evidence).toMatchObject({ quotes: 1, deleted: 1, shareable: 1, informants: 1, cellInformants: 3 });
    expect(held.map((h) => [h.insight.id, h.hold])).toEqual([['gone', 'quotes-deleted'], ['small', 'small-cell'], ['typed', 'text-unreviewed']]);
  });

  it('the PDF prints shown insights and only counts the held ones', () => {
    const r = composeReport(study([insight('ok', ['s1'], { text: 'Rådgiveren har for lite tid' }), insight('gone', ['x'], { text: 'Slettet grunnlag' })]), { title: 'T', date: '2021-06-03', sections: ['insights'] });
    if (!r.ok) throw new Error('compose failed');
    const sec = r.doc.sections[0]!;
    const text = JSON.stringify(sec.blocks);
    expect(sec.id).toBe('insights');
    expect(text).toContain('Rådgiveren har for lite tid');
    expect(text).not.toContain('Slettet grunnlag');
    expect(text).toContain('Innsikter holdt tilbake: 1 (');
  });
});
