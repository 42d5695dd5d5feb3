/**
 * Re-anchoring: when a transcript is edited after coding, each segment finds its quote again.
 *
 * Rule (docs/coding.md): a segment keeps its place when the text at its old offsets is still its
 * quote. Otherwise we look for the quote as an exact substring of the new text. One occurrence →
 * move there. Several → take the one nearest the old start, but only when it is clearly nearer than
 * the next best (otherwise the choice would be a guess). None, or an unresolved tie → `anchor: 'lost'`
 * with the old offsets kept (clamped), so the segment is shown as lost and never silently moved.
 */

export interface Anchored {
  start: number;
  end: number;
  quote: string;
  anchor: 'ok' | 'lost';
}

/** All start indices of `needle` in `hay` (overlapping occurrences included). */
export function occurrences(hay: string, needle: string): number[] {
  const out: number[] = [];
  if (needle.length === 0) return out;
  let i = hay.indexOf(needle);
  while (i >= 0) {
    out.push(i);
    i = hay.indexOf(needle, i + 1);
  }
  return out;
}

/**
 * The new place of one span in `newText`. `maxShift` (default: the whole text) bounds how far from
 * the old start a unique-nearest occurrence may be when the quote is not unique in the text.
 */
export function reanchor<T extends Anchored>(seg: T, newText: string, opts: { maxShift?: number } = {}): T {
  const { quote } = seg;
  if (quote.length > 0 && newText.slice(seg.start, seg.end) === quote) {
    return seg.anchor === 'ok' ? seg : { ...seg, anchor: 'ok' };
  }
  const found = occurrences(newText, quote);
  if (found.length === 1) {
    const at = found[0] as number;
    return { ...seg, start: at, end: at + quote.length, anchor: 'ok' };
  }
  if (found.length > 1) {
    const byDistance = found.map((at) => ({ at, d: Math.abs(at - seg.start) })).sort((a, b) => a.d - b.d || a.at - b.at);
    const best = byDistance[0] as { at: number; d: number };
    const next = byDistance[1] as { at: number; d: number };
    const maxShift = opts.maxShift ?? newText.length;
    // Unique nearest only: an equal-distance tie, or a best match far away, is ambiguous.
    if (best.d < next.d && best.d <= maxShift) {
      return { ...seg, start: best.at, end: best.at + quote.length, anchor: 'ok' };
    }
  }
  const start = Math.min(seg.start, newText.length);
  const end = Math.min(Math.max(seg.end, start), newText.length);
  return { ...seg, start, end, anchor: 'lost' };
}

/** Re-anchor every segment; returns the new list and only those that changed (to write). */
export function reanchorAll<T extends Anchored>(segments: readonly T[], newText: string): { segments: T[]; changed: T[] } {
  const out: T[] = [];
  const changed: T[] = [];
  for (const s of segments) {
    const r = reanchor(s, newText);
    out.push(r);
    if (r !== s) changed.push(r);
  }
  return { segments: out, changed };
}
