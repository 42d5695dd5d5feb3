/**
 * The gate reads each text's own review state (never the interview status, never what a file
 * says), the one door out (outboundView) and the gate at every door in (gateIncoming).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pseudonymise } from '../../shared/anonymise';
import { applyReplacements, rewriteSegment } from '../../shared/anonymise/rewrite';
import { exportBundle, restoreBundle } from '../../shared/exchange/bundle';
import { gateIncoming } from '../../shared/exchange/gate-in';
import { outboundView } from '../../shared/exchange/outbound';
import { importQdpx } from '../../shared/exchange/refi/import';
import { exportQdpx } from '../../shared/exchange/refi/export';
import { INTERVIEW_STATUSES, StudyData, type TextReview } from '../../shared/model';
import { canCode, canExport, gateState, textReviewed } from '../../shared/model/gate';
import { exchangeStudy, REVIEWED } from '../fixtures/exchange/study';

const NOW = '2026-01-01T00:00:00.000Z';
const needs: TextReview = { state: 'needs-review', record: null, reason: 'import', hits: {} };
const demo = (): StudyData => StudyData.parse(JSON.parse(readFileSync('fixtures/demo/demo-study.json', 'utf8')));

describe('the gate reads the text, not the interview', () => {
  it('opens only for reviewed text with a record, whatever the interview status', () => {
    expect(canCode({ review: REVIEWED })).toBe(true);
    expect(canCode({ review: needs })).toBe(false);
    expect(canCode({})).toBe(false);
    expect(canCode(null)).toBe(false);
    // "reviewed" without its record is not believed.
    expect(textReviewed({ review: { state: 'reviewed', record: null, reason: null, hits: {} } })).toBe(false);
    // A segment is exported only when its transcript (if known) is reviewed too.
    expect(canExport({ review: REVIEWED }, { review: needs })).toBe(false);
    expect(canExport({ review: REVIEWED }, { review: REVIEWED })).toBe(true);
    expect(canExport({ review: REVIEWED })).toBe(true);
    // No workflow status opens it: the gate functions do not even take one.
    for (const status of INTERVIEW_STATUSES) expect(canCode({ status } as never), status).toBe(false);
  });

  it('tells the transcript screen what to show', () => {
    expect(gateState(null)).toBe('no-transcript');
    expect(gateState(undefined)).toBe('no-transcript');
    expect(gateState({ text: 'x' })).toBe('needs-review');
    expect(gateState({ text: 'x', review: REVIEWED })).toBe('open');
  });
});

describe('outboundView: the one door out', () => {
  it('holds back unreviewed text, keeps every coded segment for counts, never terms or pseudonyms', () => {
    const data = exchangeStudy();
    data.terms = [{ id: 't1', studyId: data.study.id, term: 'Skien vgs', kind: 'SKOLE' }];
    data.pseudonyms = [{ id: 'p1', studyId: data.study.id, kind: 'NAVN', tag: '[NAVN-1]', hash: 'a'.repeat(64) }];
    // s4 is a quote that never went through review; transcript iv-a needs review as a whole.
    data.segments = data.segments.map((s) => (s.id === 's4' ? { ...s, review: needs } : s));
    data.transcripts = data.transcripts.map((t) => (t.interviewId === 'iv-a' ? { ...t, review: needs } : t));
    const v = outboundView(data);
    expect(v.exchange.transcripts.map((t) => t.interviewId)).toEqual(['iv-b']);
    expect(v.exchange.segments.map((s) => s.id)).toEqual(['s5']);
    expect(v.sharing.segments.map((s) => s.id)).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(v.sharing.segments.filter((s) => s.quote !== '').map((s) => s.id)).toEqual(['s5']);
    expect(v.sharing.segments.filter((s) => s.note !== '').map((s) => s.id)).toEqual([]);
    expect(v.heldBack).toEqual({ transcripts: 1, quotes: 4, interviews: ['YF-01', 'OT-02'], reasons: 0 });
    for (const out of [v.exchange, v.sharing]) {
      expect(out.terms).toEqual([]);
      expect(out.pseudonyms).toEqual([]);
    }
  });

  it('lets the demo out whole (every text reviewed)', () => {
    const d = demo();
    const v = outboundView(d);
    expect(v.heldBack).toEqual({ transcripts: 0, quotes: 0, interviews: [], reasons: 0 });
    expect(v.exchange.segments).toHaveLength(537);
  });
});

describe('gateIncoming: no import marks text as reviewed', () => {
  it('the demo carries full review records and round-trips through a bundle as reviewed', async () => {
    const d = demo();
    for (const t of d.transcripts) {
      expect(t.review?.record?.reviewer).toBe('Koder 1');
      expect(t.review?.record?.at).toMatch(/^2\d{3}-/);
    }
    // Counts per kind, as the review screen writes them (the demo's tags: [NAVN-3] …).
    const counted = d.transcripts.filter((t) => Object.keys(t.review?.record?.counts ?? {}).length > 0);
    expect(counted.length).toBeGreaterThan(10);
    for (const t of counted) for (const [kind, n] of Object.entries(t.review?.record?.counts ?? {})) expect(t.text.split(`[${kind}`).length - 1).toBe(n);
    const r = await restoreBundle(await exportBundle(outboundView(d).exchange, { now: NOW }));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.review).toMatchObject({ transcripts: 0, quotes: 0, keptReviewed: 30 + 537 });
    expect(outboundView(r.data).heldBack.quotes).toBe(0);
  });

  it('a bundle hit sends only that transcript (and its quotes) or that quote to needs review, hits counted per kind', async () => {
    const data = exchangeStudy();
    const tb = data.transcripts[1];
    if (!tb) throw new Error('fixture');
    // An identifier planted in transcript iv-b (after its segments' spans) and in quote s1's note.
    data.transcripts[1] = { ...tb, text: `${tb.text}\nP2: Ring meg på 912 34 567.` };
    data.segments = data.segments.map((s) => (s.id === 's3' ? { ...s, note: 'skriv til ola.nordmann@skole.no' } : s));
    const r = await restoreBundle(await exportBundle(data, { now: NOW }));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const state = (id: string) => r.data.segments.find((s) => s.id === id)?.review?.state;
    expect(r.data.transcripts.map((t) => [t.interviewId, t.review?.state])).toEqual([
      ['iv-a', 'reviewed'],
      ['iv-b', 'needs-review'],
    ]);
    // s2's note holds a handle (@andre): the re-scan finds it too.
    expect([state('s1'), state('s2'), state('s3'), state('s4'), state('s5')]).toEqual(['reviewed', 'needs-review', 'needs-review', 'needs-review', 'needs-review']);
    expect(r.review.needs.find((n) => n.field === 'segments[1]')).toMatchObject({ reason: 'rescan', hits: { URL: 1 } });
    expect(r.review.needs.find((n) => n.item === 'transcript')).toEqual({ item: 'transcript', field: 'transcripts[1]', interview: 'OT-02', reason: 'rescan', hits: { TLF: 1 } });
    expect(r.review.needs.find((n) => n.field === 'segments[2]')).toMatchObject({ reason: 'rescan', hits: { EPOST: 1 } });
    expect(JSON.stringify(r.review)).not.toContain('912');
  });

  it('a bundle that says "reviewed" without a record, or a status "coded", is not believed', async () => {
    const data = exchangeStudy();
    data.transcripts = data.transcripts.map((t) => ({ ...t, review: { state: 'reviewed', record: null, reason: null, hits: {} } }));
    data.segments = data.segments.map(({ review: _r, ...s }) => s);
    expect(data.interviews.map((iv) => iv.status)).toEqual(['coded', 'reviewed']);
    const r = await restoreBundle(await exportBundle(data, { now: NOW }));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.review).toMatchObject({ transcripts: 2, quotes: 5, keptReviewed: 0, byReason: { 'no-record': 7 } });
    expect(outboundView(r.data).exchange.segments).toEqual([]);
  });

  it('every .qdpx source and quote arrives as needs review, even from a fully reviewed study', () => {
    const bytes = exportQdpx(exchangeStudy(), { now: NOW });
    const r = importQdpx(bytes, { now: NOW, fileName: 'p.qdpx' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.data.transcripts.every((t) => t.review?.state === 'needs-review')).toBe(true);
    expect(r.data.segments.every((s) => s.review?.state === 'needs-review')).toBe(true);
    expect(r.review).toMatchObject({ transcripts: 2, quotes: 5, keptReviewed: 0, byReason: { import: 7 } });
    expect(outboundView(r.data).exchange.transcripts).toEqual([]);
  });

  it('CSV text is needs review even when its rows claim otherwise', () => {
    const data = exchangeStudy();
    const g = gateIncoming(data, 'csv');
    expect(g.summary.byReason).toEqual({ import: 7 });
    expect(g.data.segments.every((s) => !textReviewed(s))).toBe(true);
  });
});

describe('review rewrites the quotes and notes of the transcript segments', () => {
  const old = 'P1: Ola Nordmann sa at Ola likte Skien vgs.';
  const hit = (value: string, tag: string, from = 0) => {
    const start = old.indexOf(value, from);
    return { start, end: start + value.length, text: value, suggestedTag: tag };
  };

  it('a quote that was its span becomes the new span; other quotes and notes get the same replacements', async () => {
    const r = await pseudonymise(old, [hit('Ola Nordmann', 'NAVN'), hit('Ola', 'NAVN', 10), hit('Skien vgs', 'SKOLE')], [], { studyId: 's', salt: '0123456789abcdef' });
    if (!r.ok) throw new Error('pseudonymise');
    expect(r.text).toBe('P1: [NAVN-1] sa at [NAVN-2] likte [SKOLE-1].');
    const seg = { start: 4, end: 26, quote: 'Ola Nordmann sa at Ola', note: 'Ola Nordmann nevner skien VGS', anchor: 'ok' as const };
    expect(rewriteSegment(seg, old, r.text, r.mapOffset, r.replacements)).toEqual({ start: 4, end: 27, quote: '[NAVN-1] sa at [NAVN-2]', note: '[NAVN-1] nevner [SKOLE-1]', anchor: 'ok' });
    // A quote that was not its span (an import's free quote): same replacements, found again.
    const free = rewriteSegment({ start: 0, end: 3, quote: 'likte Skien vgs', note: '', anchor: 'ok' as const }, old, r.text, r.mapOffset, r.replacements);
    expect(free.quote).toBe('likte [SKOLE-1]');
    expect(free.anchor).toBe('ok');
    expect(r.text.slice(free.start, free.end)).toBe('likte [SKOLE-1]');
  });

  it('never replaces inside a longer word', () => {
    expect(applyReplacements('Olav og Ola', [{ value: 'Ola', tag: '[NAVN-1]' }])).toBe('Olav og [NAVN-1]');
  });
});
