/**
 * Anchoring a coding sheet's quote in its transcript (issue #17): a coding sheet has quotes, not
 * character offsets. In order:
 *  1. exact: the quote as written;
 *  2. loose: the same words with spacing, case and typographic quotes/dashes ignored;
 *  3. fuzzy: the window of the transcript's words most like the quote's words (Dice coefficient
 *     over word bigrams and words), accepted only at or above FUZZY_THRESHOLD and then listed for
 *     the user to confirm.
 * A quote that is found more than once takes the first occurrence no earlier quote has taken.
 */

/** Similarity (0–1) a fuzzy match needs to be offered at all. Stated in docs/import-formats.md. */
export const FUZZY_THRESHOLD = 0.75;

export type AnchorMethod = 'exact' | 'loose' | 'fuzzy';

export interface Anchor {
  start: number;
  end: number;
  method: AnchorMethod;
  /** 1 for exact and loose; the similarity for fuzzy. */
  score: number;
}

function fold(c: string): string {
  if (/[\u2018\u2019\u201a\u201b\u2032`´]/.test(c)) return "'";
  if (/[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]/.test(c)) return '"';
  if (/[\u2010-\u2015\u2212]/.test(c)) return '-';
  if (c === '\u2026') return '.';
  return c.toLowerCase();
}

/** The text with whitespace runs collapsed and case/quotes folded, and each folded char's source offset. */
function folded(text: string): { s: string; at: number[] } {
  let s = '';
  const at: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      if (!space && s !== '') {
        s += ' ';
        at.push(i);
      }
      space = true;
      continue;
    }
    space = false;
    s += fold(c);
    at.push(i);
  }
  if (s.endsWith(' ')) {
    s = s.slice(0, -1);
    at.pop();
  }
  return { s, at };
}

interface Word {
  w: string;
  start: number;
  end: number;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) out.push({ w: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return out;
}

/** Dice coefficient over the multiset of words and of word bigrams. */
function dice(a: readonly string[], b: readonly string[]): number {
  const grams = (xs: readonly string[]) => {
    const m = new Map<string, number>();
    for (let i = 0; i < xs.length; i++) {
      m.set(xs[i] as string, (m.get(xs[i] as string) ?? 0) + 1);
      if (i > 0) m.set(`${xs[i - 1]} ${xs[i]}`, (m.get(`${xs[i - 1]} ${xs[i]}`) ?? 0) + 1);
    }
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let both = 0;
  let total = 0;
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  for (const [g, n] of ga) both += Math.min(n, gb.get(g) ?? 0);
  return total === 0 ? 0 : (2 * both) / total;
}

/** The same span already taken by an earlier quote (overlapping codings are fine). */
const overlaps = (a: { start: number; end: number }, taken: readonly { start: number; end: number }[]) => taken.some((t) => a.start === t.start && a.end === t.end);

/** Per-transcript state: the folded text and words, computed once for all its quotes. */
export interface AnchorText {
  text: string;
  folded: { s: string; at: number[] };
  words: Word[];
  /** Spans earlier quotes took (a quote found twice takes the first one not taken). */
  taken: { start: number; end: number }[];
}

export function anchorText(text: string): AnchorText {
  return { text, folded: folded(text), words: words(text), taken: [] };
}

function firstFree(find: (from: number) => { start: number; end: number } | null, taken: AnchorText['taken']): { start: number; end: number } | null {
  let first: { start: number; end: number } | null = null;
  for (let from = 0; ; ) {
    const hit = find(from);
    if (!hit) return first;
    first ??= hit;
    if (!overlaps(hit, taken)) return hit;
    from = hit.start + 1;
  }
}

/** Finds `quote` in the transcript; marks the span taken. Null when nothing reaches the threshold. */
export function anchorQuote(t: AnchorText, quote: string, threshold = FUZZY_THRESHOLD): Anchor | null {
  const q = quote.trim();
  if (q === '') return null;
  const exact = firstFree((from) => {
    const i = t.text.indexOf(q, from);
    return i < 0 ? null : { start: i, end: i + q.length };
  }, t.taken);
  if (exact) {
    t.taken.push(exact);
    return { ...exact, method: 'exact', score: 1 };
  }
  const fq = folded(q).s;
  const loose = firstFree((from) => {
    // `from` is a source offset: find the first folded index at or after it.
    let fi = 0;
    while (fi < t.folded.at.length && (t.folded.at[fi] as number) < from) fi++;
    const i = t.folded.s.indexOf(fq, fi);
    if (i < 0) return null;
    const last = t.folded.at[i + fq.length - 1] as number;
    return { start: t.folded.at[i] as number, end: last + 1 };
  }, t.taken);
  if (loose) {
    t.taken.push(loose);
    return { ...loose, method: 'loose', score: 1 };
  }
  const qw = words(q).map((w) => w.w);
  if (qw.length < 3 || t.words.length === 0) return null;
  let best: { start: number; end: number; score: number } | null = null;
  // Windows of the quote's length ± 20 % of words, sliding over the transcript.
  const lens: number[] = [];
  for (let len = Math.max(1, Math.floor(qw.length * 0.8)); len <= Math.ceil(qw.length * 1.2); len++) lens.push(len);
  const qset = new Set(qw);
  for (let i = 0; i < t.words.length; i++) {
    if (!qset.has((t.words[i] as Word).w)) continue;
    for (const len of lens) {
      const win = t.words.slice(i, i + len);
      if (win.length < len) break;
      const score = dice(qw, win.map((w) => w.w));
      const span = { start: (win[0] as Word).start, end: (win[win.length - 1] as Word).end };
      if (score >= threshold && (!best || score > best.score) && !overlaps(span, t.taken)) best = { ...span, score };
    }
  }
  if (!best) return null;
  t.taken.push({ start: best.start, end: best.end });
  return { start: best.start, end: best.end, method: 'fuzzy', score: Math.round(best.score * 100) / 100 };
}
