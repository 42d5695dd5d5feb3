import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pseudonymise, type AcceptedHit } from '../../shared/anonymise';

fc.configureGlobal({ seed: 20210603, numRuns: 200 });

const NAMES = ['Ahmed', 'Hodan', 'Sara', 'Ola', 'Małgorzata', 'Žygimantas', 'Åse', 'Øystein', 'Yonas', 'Kim'];
const FILLER = ['og', 'sa', 'at', 'det', 'var', 'fint', 'på', 'skolen', 'i', 'går', '😀', 'rådgiver', 'Olav', 'Sarah', '41234567'];
const TAGS = ['NAVN', 'SKOLE', 'STED', 'TLF', 'FNR'];

/** A text of words with known positions; some name positions are accepted hits. */
const scenario = fc
  .array(fc.record({ name: fc.boolean(), pick: fc.nat(), accept: fc.boolean(), tag: fc.constantFrom(...TAGS) }), { minLength: 1, maxLength: 40 })
  .map((words) => {
    let text = '';
    const hits: AcceptedHit[] = [];
    for (const w of words) {
      if (text) text += w.pick % 5 === 0 ? '.\n' : ' ';
      const word = w.name ? (NAMES[w.pick % NAMES.length] as string) : (FILLER[w.pick % FILLER.length] as string);
      const start = text.length;
      text += word;
      if (w.name && w.accept) hits.push({ start, end: text.length, text: word, suggestedTag: w.tag });
    }
    return { text, hits };
  });

function wholeWordOccurs(haystack: string, needle: string): boolean {
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'u');
  return re.test(haystack);
}

describe('pseudonymise properties', () => {
  it('never leaves an accepted value in the output, and mapOffset is monotone', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ text, hits }) => {
        const r = await pseudonymise(text, hits, [], { studyId: 's', salt: 'salt' });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        for (const h of hits) expect(wholeWordOccurs(r.text, h.text)).toBe(false);
        let previous = -1;
        for (let o = 0; o <= text.length; o++) {
          const n = r.mapOffset(o);
          expect(n).toBeGreaterThanOrEqual(previous);
          expect(r.mapOffset(o, 'start')).toBeLessThanOrEqual(n);
          previous = n;
        }
        expect(r.mapOffset(text.length)).toBe(r.text.length);
      }),
    );
  });
});
