/**
 * pickQuotes was made linear (best quote per informant, then the k best of those) so a filter
 * change on a 50,000-segment study stays fast. This checks it against the original full-sort
 * definition on random cells: same quotes, same order.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildIndex, nearDuplicate, pickQuotes } from '../../shared/analysis';
import type { Segment, Valence } from '../../shared/model';
import { buildDemoStudy } from '../../fixtures/demo/demo';

/**
 * The original definition: sort every candidate, take one per informant, then fill; a candidate
 * that nearly repeats one already chosen (issue 22) is passed over in both rounds.
 */
function referencePick(segs: readonly Segment[], k: number, prefer: Valence | null): string[] {
  const c = segs.filter((s) => s.quote.trim().length > 0).map((s) => ({ s, len: s.quote.trim().length }));
  c.sort((a, b) => {
    const pa = prefer !== null && a.s.valence === prefer ? 0 : 1;
    const pb = prefer !== null && b.s.valence === prefer ? 0 : 1;
    if (pa !== pb) return pa - pb;
    const ra = a.len >= 40 && a.len <= 220 ? 0 : 1;
    const rb = b.len >= 40 && b.len <= 220 ? 0 : 1;
    if (ra !== rb) return ra - rb;
    if (a.len !== b.len) return a.len - b.len;
    return a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0;
  });
  const chosen: Segment[] = [];
  const used = new Set<string>();
  for (const { s } of c) {
    if (chosen.length >= k) break;
    const key = `${s.interviewId}:${s.participantId}`;
    if (used.has(key)) continue;
    used.add(key);
    if (chosen.some((o) => nearDuplicate(o.quote, s.quote))) continue;
    chosen.push(s);
  }
  for (const { s } of c) {
    if (chosen.length >= k) break;
    if (!chosen.includes(s) && !chosen.some((o) => nearDuplicate(o.quote, s.quote))) chosen.push(s);
  }
  return chosen.map((s) => s.id);
}

describe('pickQuotes', () => {
  const demo = buildDemoStudy();
  const base = demo.segments[0]!;
  const ivs = demo.interviews.slice(0, 4);

  it('agrees with the full-sort definition on random cells', () => {
    const seg = fc.record({
      iv: fc.integer({ min: 0, max: ivs.length - 1 }),
      p: fc.constantFrom('P1', 'P2', 'P3'),
      len: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 200, max: 260 })),
      pad: fc.boolean(),
      valence: fc.constantFrom<Valence | null>('positive', 'mixed', 'negative', null),
    });
    fc.assert(
      fc.property(fc.array(seg, { maxLength: 40 }), fc.integer({ min: 0, max: 5 }), fc.constantFrom<Valence | null>('positive', 'negative', null), (rows, k, prefer) => {
        const segments: Segment[] = rows.map((r, i) => ({
          ...base,
          id: `s-${String((i * 7919) % 1000).padStart(3, '0')}-${i}`,
          interviewId: ivs[r.iv]!.id,
          participantId: r.p,
          quote: `${r.pad ? '  ' : ''}${'x'.repeat(r.len)}`,
          valence: r.valence,
        }));
        const index = buildIndex({ study: demo.study, codes: demo.codes, interviews: demo.interviews, segments });
        const got = pickQuotes(index, segments.map((_s, i) => i), k, prefer).map((q) => q.segmentId);
        expect(got).toEqual(referencePick(segments, k, prefer));
      }),
      { seed: 20210401, numRuns: 300 },
    );
  });

  it('agrees with it when near-duplicates are most of a large cell (the window is not enough)', () => {
    // Quotes from a vocabulary of a few words: most pairs are near-duplicates, so the best few
    // rarely hold k distinct quotes and pickQuotes must go on through the whole cell in order.
    const words = ['skole', 'rådgiver', 'valg', 'besøksdag', 'linje', 'venner'];
    const seg = fc.record({
      iv: fc.integer({ min: 0, max: ivs.length - 1 }),
      p: fc.constantFrom('P1', 'P2', 'P3'),
      text: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }),
      valence: fc.constantFrom<Valence | null>('positive', 'mixed', 'negative', null),
    });
    fc.assert(
      fc.property(fc.array(seg, { minLength: 20, maxLength: 150 }), fc.integer({ min: 1, max: 5 }), fc.constantFrom<Valence | null>('positive', 'negative', null), (rows, k, prefer) => {
        const segments: Segment[] = rows.map((r, i) => ({
          ...base,
          id: `s-${String((i * 7919) % 1000).padStart(3, '0')}-${i}`,
          interviewId: ivs[r.iv]!.id,
          participantId: r.p,
          quote: r.text.join(' '),
          valence: r.valence,
        }));
        const index = buildIndex({ study: demo.study, codes: demo.codes, interviews: demo.interviews, segments });
        const got = pickQuotes(index, segments.map((_s, i) => i), k, prefer).map((q) => q.segmentId);
        expect(got).toEqual(referencePick(segments, k, prefer));
      }),
      { seed: 20261202, numRuns: 200 },
    );
  });
});
