/**
 * Case- and diacritic-insensitive search: both sides are folded to lower case without combining
 * marks (NFD, then marks removed), so "Radgiver" finds "Rådgiver" and "ELEV" finds "elev". ø and æ
 * are letters of their own in Norwegian, not a base letter with a mark, so they stay (ø ≠ o).
 * Folding can change length (NFD), so hits are found on a per-character map back to the original.
 */

const MARKS = /\p{M}/u;

/** Folded text and, for each folded code unit, the offset of the original code unit it came from. */
export function foldWithMap(s: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    for (const part of ch.normalize('NFD')) {
      if (MARKS.test(part)) continue;
      const low = part.toLowerCase();
      for (let k = 0; k < low.length; k++) map.push(i);
      folded += low;
    }
    i += ch.length;
  }
  return { folded, map };
}

export function fold(s: string): string {
  return foldWithMap(s).folded;
}

/** Every match of `query` in `text` as original [start, end) offsets. */
export function findAll(text: string, query: string, limit = 1000): { start: number; end: number }[] {
  const q = fold(query.trim());
  if (!q) return [];
  const { folded, map } = foldWithMap(text);
  const out: { start: number; end: number }[] = [];
  let i = folded.indexOf(q);
  while (i >= 0 && out.length < limit) {
    const start = map[i] as number;
    const lastOrig = map[i + q.length - 1] as number;
    const end = lastOrig + (text.codePointAt(lastOrig)! > 0xffff ? 2 : 1);
    out.push({ start, end });
    i = folded.indexOf(q, i + q.length);
  }
  return out;
}

/** True when `text` contains `query` (folded). `foldedText` may be passed when precomputed. */
export function matches(text: string, query: string, foldedText?: string): boolean {
  const q = fold(query.trim());
  if (!q) return true;
  return (foldedText ?? fold(text)).includes(q);
}
