/** Typed text on records that hold other text: segment notes and override reasons (shared/model/typed-fields.ts). */
import { describe, expect, it } from 'vitest';
import { outboundView } from '../../shared/exchange/outbound';
import { gateIncoming } from '../../shared/exchange/gate-in';
import { reasonMayLeave, segmentReviewWithNote, WITHHELD_REASON } from '../../shared/model/typed-fields';
import { StudyData, type CounsellorOverride, type TextReview } from '../../shared/model';
import { typedTextReview } from '../../shared/model/typed-text';
import { readFileSync } from 'node:fs';

const AT = '2026-12-02T09:00:00Z';
const reviewed: TextReview = { state: 'reviewed', record: { reviewer: 'R1', at: AT, counts: { NAVN: 2 } }, reason: null, hits: {} };

describe('segmentReviewWithNote', () => {
  it('a clean note keeps the quote’s own review record', () => {
    expect(segmentReviewWithNote(reviewed, 'Rådgiveren hadde lite tid.', 'K1', AT)).toEqual(reviewed);
  });
  it('a note with a phone number holds the segment back (reason typed, counts only)', () => {
    const r = segmentReviewWithNote(reviewed, 'Ring 912 34 567', 'K1', AT);
    expect(r.state).toBe('needs-review');
    expect(r.reason).toBe('typed');
    expect(r.hits).toEqual({ TLF: 1 });
    expect(JSON.stringify(r)).not.toContain('912');
  });
  it('a hit its author confirmed no longer holds it back', () => {
    expect(segmentReviewWithNote(reviewed, 'Snakket med Tsegay', 'K1', AT, { confirmed: ['Tsegay'] })).toEqual(reviewed);
  });
  it('a quote not reviewed stays not reviewed, whatever the note', () => {
    const needs: TextReview = { state: 'needs-review', record: null, reason: 'import', hits: {} };
    expect(segmentReviewWithNote(needs, 'ren tekst', 'K1', AT)).toEqual(needs);
  });
});

const demo = StudyData.parse(JSON.parse(readFileSync('fixtures/demo/demo-study.json', 'utf8')));
function withOverride(o: Partial<CounsellorOverride>): StudyData {
  const iv = demo.interviews[0]!;
  return { ...demo, overrides: [{ id: 'ov1', studyId: demo.study.id, interviewId: iv.id, participantId: 'P1', category: 'positive', reason: 'x', by: 'K1', at: AT, ...o }] };
}

describe('override reasons at the door out and in', () => {
  it('an unresolved reason is withheld from both views; the override still counts', () => {
    const reason = 'Avtalt på telefon 912 34 567';
    const v = outboundView(withOverride({ reason, review: typedTextReview(reason, 'K1', AT) }));
    expect(v.exchange.overrides.map((o) => o.reason)).toEqual([WITHHELD_REASON]);
    expect(v.sharing.overrides[0]?.category).toBe('positive');
    expect(v.heldBack.reasons).toBe(1);
    expect(JSON.stringify(v.exchange)).not.toContain('912 34 567');
  });
  it('a resolved reason leaves; an old reason without a review leaves only if a scan now is clean', () => {
    expect(reasonMayLeave({ reason: 'Snakket med Tsegay', review: typedTextReview('Snakket med Tsegay', 'K1', AT, { confirmed: ['Tsegay'] }) })).toBe(true);
    expect(reasonMayLeave({ reason: 'Eleven var fornøyd likevel' })).toBe(true);
    expect(reasonMayLeave({ reason: 'Mor ringte fra 912 34 567' })).toBe(false);
  });
  it('a bundle’s "reviewed" reason with a phone number is sent back to review on import', () => {
    const claimed: TextReview = { state: 'reviewed', record: { reviewer: 'X', at: AT, counts: {} }, reason: null, hits: {} };
    const g = gateIncoming(withOverride({ reason: 'Ring 912 34 567', review: claimed }), 'bundle');
    expect(g.data.overrides[0]?.review?.state).toBe('needs-review');
    expect(g.data.overrides[0]?.review?.reason).toBe('rescan');
    const clean = gateIncoming(withOverride({ reason: 'Fornøyd likevel', review: claimed }), 'bundle');
    expect(clean.data.overrides[0]?.review?.state).toBe('reviewed');
  });
});
