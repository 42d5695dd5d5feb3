/**
 * Cell statistics shared by the journey matrix and the group comparison: segments, distinct
 * informants and valence counts, accumulated per cell / row / column / total.
 *
 * What n counts: `segments` is coded segments; `informants` is distinct participants
 * (interview + P-number) behind them. Suppression always goes by informants, because a small
 * number of people (not of quotes) is what makes someone recognisable.
 */
import type { Valence } from '../model/schema';
import { VALENCES } from '../model/schema';
import { NO_VALENCE, VALENCE_CODE } from './columns';

export interface ValenceCounts {
  positive: number;
  mixed: number;
  negative: number;
  /** Segments without a valence (uncoded on that dimension). */
  none: number;
}

export interface CellStats {
  segments: number;
  informants: number;
  valence: ValenceCounts;
  /** informants < smallCell: counts must be hidden in presentations and exports. */
  suppressed: boolean;
}

/**
 * One accumulator per cell, row, column and the total. Distinct informants are marked in a byte
 * array indexed by informant (not a Set): four Set.add per segment made a filter change over
 * 50,000 segments cost 70–130 ms, mostly hashing and GC (docs/bench.md, before/after). Segment
 * indices are kept for cells only (their codes and quotes); totals need only counts.
 */
export interface Acc {
  segs: number[] | null;
  segments: number;
  seen: Uint8Array;
  informants: number;
  /** Counts by valence code (columns.ts: positive, mixed, negative, none). */
  valence: Int32Array;
}
export const newAcc = (nInformants: number, keepSegs: boolean): Acc => ({
  segs: keepSegs ? [] : null,
  segments: 0,
  seen: new Uint8Array(nInformants),
  informants: 0,
  valence: new Int32Array(NO_VALENCE + 1),
});

/** `v` is the segment's valence code (VALENCE_CODE, or NO_VALENCE). */
export function addTo(acc: Acc, i: number, informant: number, v: number): void {
  acc.segs?.push(i);
  acc.segments += 1;
  if (acc.seen[informant] === 0) {
    acc.seen[informant] = 1;
    acc.informants += 1;
  }
  acc.valence[v]! += 1;
}

export function statsOf(acc: Acc, smallCell: number): CellStats {
  const v = acc.valence;
  return {
    segments: acc.segments,
    informants: acc.informants,
    valence: { positive: v[VALENCE_CODE.positive] as number, mixed: v[VALENCE_CODE.mixed] as number, negative: v[VALENCE_CODE.negative] as number, none: v[NO_VALENCE] as number },
    suppressed: acc.informants < smallCell,
  };
}

/** The valence with most segments; ties go to the order positive, mixed, negative. null when none has any. */
export function dominantValence(v: ValenceCounts): Valence | null {
  let best: Valence | null = null;
  let bestN = 0;
  for (const k of VALENCES) {
    if (v[k] > bestN) {
      best = k;
      bestN = v[k];
    }
  }
  return best;
}
