/**
 * When two quotes say the same thing: a projector card or a report cell has no room for
 * "Vi var på besøksdag …" and "Vi var på besøksdag …, altså." side by side. Words, not characters:
 * lower-cased, punctuation dropped; two quotes are near-duplicates when their word sets overlap by
 * at least half of their union (Jaccard ≥ 0.5) — the demo's variants of one sentence score
 * 0.58–0.9, two different experiences sharing "og", "jeg", "på" score below 0.3.
 */
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

export function wordSet(text: string): Set<string> {
  return new Set(text.toLocaleLowerCase('nb').match(WORD) ?? []);
}

export const NEAR_DUPLICATE = 0.5;

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let both = 0;
  for (const w of a) if (b.has(w)) both += 1;
  return both / (a.size + b.size - both);
}

export function nearDuplicate(a: string, b: string): boolean {
  return jaccard(wordSet(a), wordSet(b)) >= NEAR_DUPLICATE;
}

/** The texts in order, leaving out each one that nearly repeats one kept before it. */
export function distinctBy<T>(items: readonly T[], text: (t: T) => string, limit = Infinity): T[] {
  const kept: { item: T; words: Set<string> }[] = [];
  // A text seen before is passed over without splitting it into words: it was kept (and repeats
  // itself) or it repeated a kept one (and the kept set only grows). In large studies the same
  // sentence recurs thousands of times in a cell; splitting each (locale lower-casing) dominated.
  const seen = new Set<string>();
  for (const item of items) {
    if (kept.length >= limit) break;
    const t = text(item);
    if (seen.has(t)) continue;
    seen.add(t);
    const words = wordSet(t);
    if (kept.some((k) => jaccard(k.words, words) >= NEAR_DUPLICATE)) continue;
    kept.push({ item, words });
  }
  return kept.map((k) => k.item);
}
