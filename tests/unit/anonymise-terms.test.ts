import { describe, expect, it } from 'vitest';
import { detectTerms, MAX_TERM_LENGTH } from '../../shared/anonymise/patterns';
import type { TermSpec } from '../../shared/anonymise/types';
import { seededRandom } from '../fixtures/anonymise/corpus';

/** The matcher this replaced, kept as the reference: one `iu` alternation, longest first. */
function naiveTerms(text: string, terms: readonly TermSpec[]) {
  const kinds = new Map<string, string>();
  for (const t of terms) {
    const term = t.term.normalize('NFC').trim().replace(/\s+/g, ' ');
    if (term && term.length <= MAX_TERM_LENGTH) kinds.set(term.toLowerCase(), t.kind.toLocaleUpperCase('nb'));
  }
  if (kinds.size === 0) return [];
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const sources = [...kinds.keys()].sort((a, b) => b.length - a.length).map((t) => esc(t).replace(/ /g, '\\s+'));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${sources.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length, tag: kinds.get(m[0].replace(/\s+/g, ' ').toLowerCase()) ?? 'TERM' }));
}

/** Deterministic PRNG (mulberry32, fixtures/demo/random.ts). */
const rng = seededRandom;

const ALPHABET = ['a', 'b', 'A', 'B', 'ø', 'Ø', 'å', 'æ', '1', '-', '.', ' ', ' ', '  ', '\n', '\u00a0', ',', 'é', '𝐀'];

describe('detectTerms (trie) agrees with the alternation it replaced', () => {
  it('on 300 seeded random term lists and texts', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const word = (max: number) => Array.from({ length: 1 + Math.floor(r() * max) }, () => ALPHABET[Math.floor(r() * ALPHABET.length)]).join('');
      const terms: TermSpec[] = Array.from({ length: 1 + Math.floor(r() * 12) }, (_, i) => ({ term: word(5), kind: i % 2 ? 'skole' : 'navn' }));
      const text = Array.from({ length: 40 }, () => (r() < 0.4 ? (terms[Math.floor(r() * terms.length)] as TermSpec).term.toUpperCase() : word(4))).join(r() < 0.5 ? ' ' : '');
      const got = detectTerms(text, terms).map((h) => ({ start: h.start, end: h.end, tag: h.suggestedTag }));
      expect({ seed, got }).toEqual({ seed, got: naiveTerms(text, terms) });
    }
  });

  it('finds multi-word terms across any whitespace, whole words only, longest first', () => {
    const terms = [
      { term: 'Thor Heyerdahl', kind: 'navn' },
      { term: 'Thor Heyerdahl vgs', kind: 'skole' },
      { term: 'Kim', kind: 'navn' },
    ];
    const text = 'Hun gikk på thor  heyerdahl\nVGS, ikke Kimberly eller Kim.';
    const hits = detectTerms(text, terms);
    expect(hits.map((h) => [h.text, h.suggestedTag])).toEqual([
      ['thor  heyerdahl\nVGS', 'SKOLE'],
      ['Kim', 'NAVN'],
    ]);
    expect(hits.map((h) => [h.start, h.end])).toEqual(naiveTerms(text, terms).map((h) => [h.start, h.end]));
  });

  it('an empty list, and terms of only whitespace, find nothing', () => {
    expect(detectTerms('alt', [])).toEqual([]);
    expect(detectTerms('alt', [{ term: '   ', kind: 'navn' }])).toEqual([]);
  });
});
