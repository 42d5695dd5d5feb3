/**
 * Representative quotes for a set of segments (a cell, a persona item): deterministic, one voice
 * at a time, near-duplicates passed over.
 */
import type { Segment, Valence } from '../model/schema';
import { VALENCE_CODE } from './columns';
import type { StudyIndex } from './filter';
import { distinctBy } from './similar';

export interface QuoteRef {
  segmentId: string;
  interviewId: string;
  interviewCode: string;
  participantId: string;
  quote: string;
  valence: Valence | null;
}

const QUOTE_MIN = 40;
const QUOTE_MAX = 220;

/**
 * The order quotes are chosen in (see pickQuotes), on segment indices; a total order, ties end at
 * the segment id. Reads the index's columns (valence, trimmed length), not the Segment objects.
 */
function quoteOrder(index: StudyIndex, prefer: Valence | null): (a: number, b: number) => number {
  const cols = index.columns;
  const want = prefer === null ? -1 : VALENCE_CODE[prefer];
  return (a, b) => {
    const pa = cols.valence[a] === want ? 0 : 1;
    const pb = cols.valence[b] === want ? 0 : 1;
    if (pa !== pb) return pa - pb;
    const la = cols.quoteLen[a] as number;
    const lb = cols.quoteLen[b] as number;
    const ra = la >= QUOTE_MIN && la <= QUOTE_MAX ? 0 : 1;
    const rb = lb >= QUOTE_MIN && lb <= QUOTE_MAX ? 0 : 1;
    if (ra !== rb) return ra - rb;
    if (la !== lb) return la - lb;
    const ia = (index.segments[a] as Segment).id;
    const ib = (index.segments[b] as Segment).id;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
}

/** The k smallest items under cmp, in order: one pass with a bounded insertion (k is 1–3 here). */
function smallestK<T>(items: Iterable<T>, k: number, cmp: (a: T, b: T) => number): T[] {
  const out: T[] = [];
  if (k <= 0) return out;
  for (const it of items) {
    if (out.length === k && cmp(it, out[k - 1] as T) >= 0) continue;
    let j = Math.min(out.length, k - 1);
    if (out.length < k) out.push(it);
    while (j > 0 && cmp(it, out[j - 1] as T) < 0) {
      out[j] = out[j - 1] as T;
      j--;
    }
    out[j] = it;
  }
  return out;
}

/**
 * Representative quotes, chosen deterministically so two runs (and the PDF and the screen) agree:
 * segments of the preferred valence first, then quotes whose length is within 40–220 characters
 * (long enough to say something, short enough to print), then the shortest, then by segment id.
 * One quote per informant before a second from the same informant, so one voice does not fill the cell;
 * a quote that nearly repeats one already chosen (similar.ts) is passed over.
 *
 * Linear in the number of segments: walking the fully sorted list and taking each informant's
 * first quote is the same as taking the k best of the informants' best quotes, so no full sort
 * is needed (a cell of a 50,000-segment study holds thousands; a filter change must stay fast).
 */
export function pickQuotes(index: StudyIndex, segs: readonly number[], k: number, prefer: Valence | null): QuoteRef[] {
  if (k <= 0) return [];
  const cmp = quoteOrder(index, prefer);
  const quoteLen = index.columns.quoteLen;
  // Each informant's best quote, as segment indices (no object per candidate: a cell holds thousands).
  const bestOf = new Map<number, number>();
  for (const i of segs) {
    if (quoteLen[i] === 0) continue;
    const informant = index.segInformant[i] as number;
    const best = bestOf.get(informant);
    if (best === undefined || cmp(i, best) < 0) bestOf.set(informant, i);
  }
  // A quote that nearly repeats a better one is passed over (similar.ts): take the best few, and
  // widen the window only when near-duplicates leave fewer than k (rare; stays linear otherwise).
  const text = (i: number): string => (index.segments[i] as Segment).quote;
  // The answer is distinctBy over `first` then ALL items in order, stopping at k. A window of the
  // best few gives it when it holds k distinct quotes (the common case); otherwise the items are
  // sorted once. (Doubling the window instead re-ran smallestK, whose insertion is O(n × window):
  // at 500,000 segments, where a cell's near-duplicates are many, that was quadratic — a matrix
  // took 2 s instead of 0.1 s without quotes; docs/bench.md.)
  const distinctK = (items: readonly number[], first: readonly number[]): number[] => {
    const window = k * 4;
    if (window < items.length) {
      const got = distinctBy([...first, ...smallestK(items, window, cmp)], text, k);
      if (got.length >= k) return got;
    }
    return distinctBy([...first, ...[...items].sort(cmp)], text, k);
  };
  const bests = [...bestOf.values()];
  let chosen = distinctK(bests, []);
  if (chosen.length < k) {
    // Fewer informants than quotes wanted: fill with the next best, in the same order.
    const taken = new Set(chosen);
    chosen = distinctK(segs.filter((i) => quoteLen[i] !== 0 && !taken.has(i)), chosen);
  }
  return chosen.map((i) => {
    const s = index.segments[i] as Segment;
    return {
      segmentId: s.id,
      interviewId: s.interviewId,
      interviewCode: index.interviewById.get(s.interviewId)?.code ?? s.interviewId,
      participantId: s.participantId,
      quote: s.quote.trim(),
      valence: s.valence,
    };
  });
}
