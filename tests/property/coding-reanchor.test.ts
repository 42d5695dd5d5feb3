import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { occurrences, reanchor, reanchorAll } from '../../shared/coding/reanchor';

fc.configureGlobal({ seed: 20210601, numRuns: 400 });

const word = fc.constantFrom('jeg', 'fikk', 'hjelp', 'av', 'rådgiver', 'valg', 'skole', 'P1:', 'ikke', 'så', 'mye', '.', '\n');
const textArb = fc.array(word, { minLength: 8, maxLength: 60 }).map((ws) => ws.join(' '));
const insertArb = fc.array(fc.constantFrom('x', 'y', 'å', ' ', 'ø', '\n', 'Æ'), { minLength: 0, maxLength: 12 }).map((c) => c.join(''));

/** A text, a span in it, and an edit [from, to) → insert that does not touch the span. */
const scenario = textArb.chain((text) =>
  fc.record({
    text: fc.constant(text),
    a: fc.nat(text.length - 1),
    len: fc.integer({ min: 3, max: 25 }),
    editFrom: fc.nat(text.length),
    editLen: fc.nat(10),
    insert: insertArb,
  }),
);

function seg(text: string, a: number, len: number) {
  const start = a;
  const end = Math.min(text.length, a + len);
  return { id: 's', start, end, quote: text.slice(start, end), anchor: 'ok' as const };
}

describe('reanchor (property, seeded)', () => {
  it('an edit elsewhere never moves a segment off its quote; a unique quote is always found at its shifted place', () => {
    fc.assert(
      fc.property(scenario, ({ text, a, len, editFrom, editLen, insert }) => {
        const s = seg(text, a, len);
        fc.pre(s.quote.trim().length > 0);
        let from = editFrom;
        let to = Math.min(text.length, editFrom + editLen);
        // Keep the edit strictly outside the span: before it or after it.
        if (to > s.start && from < s.end) {
          if (from < s.start) to = s.start;
          else {
            from = Math.max(from, s.end);
            to = Math.max(to, from);
          }
        }
        const newText = text.slice(0, from) + insert + text.slice(to);
        const shift = to <= s.start ? insert.length - (to - from) : 0;
        const r = reanchor(s, newText);
        if (r.anchor === 'ok') expect(newText.slice(r.start, r.end)).toBe(s.quote);
        if (occurrences(newText, s.quote).length === 1) {
          expect(r.anchor).toBe('ok');
          expect(r.start).toBe(s.start + shift);
        }
      }),
    );
  });

  it('deleting the quote flags the segment lost and keeps it in the text bounds', () => {
    fc.assert(
      fc.property(scenario, ({ text, a, len, insert }) => {
        const s = seg(text, a, len);
        fc.pre(s.quote.trim().length > 0);
        const newText = text.slice(0, s.start) + insert + text.slice(s.end);
        fc.pre(!newText.includes(s.quote));
        const r = reanchor(s, newText);
        expect(r.anchor).toBe('lost');
        expect(r.start).toBeGreaterThanOrEqual(0);
        expect(r.end).toBeLessThanOrEqual(newText.length);
        expect(r.start).toBeLessThanOrEqual(r.end);
      }),
    );
  });
});

describe('reanchor (examples)', () => {
  it('an ambiguous quote with two equally near copies is lost, not guessed', () => {
    const s = { start: 4, end: 7, quote: 'abc', anchor: 'ok' as const };
    const r = reanchor(s, 'abc abc');
    // old start 4 is 'abc' exactly → stays. Now make it ambiguous: equal distance both ways.
    expect(r).toBe(s);
    const t = reanchor({ start: 4, end: 7, quote: 'abc', anchor: 'ok' }, 'abcXXXXXabc');
    expect(t.anchor).toBe('lost');
  });

  it('picks the nearest of several copies when it is clearly nearer', () => {
    const r = reanchor({ start: 10, end: 13, quote: 'abc', anchor: 'ok' }, 'abc-------zabc');
    expect(r).toMatchObject({ start: 11, end: 14, anchor: 'ok' });
  });

  it('a lost segment whose quote reappears is found again; reanchorAll reports only changes', () => {
    const text = 'hei på deg. jeg fikk hjelp.';
    const ok = { id: 'a', start: 0, end: 3, quote: 'hei', anchor: 'ok' as const };
    const lost = { id: 'b', start: 0, end: 0, quote: 'fikk hjelp', anchor: 'lost' as const };
    const r = reanchorAll([ok, lost], text);
    expect(r.changed.map((c) => c.id)).toEqual(['b']);
    expect(r.segments[1]).toMatchObject({ start: 16, end: 26, anchor: 'ok' });
  });
});
