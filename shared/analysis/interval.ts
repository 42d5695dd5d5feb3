/**
 * Honest uncertainty for the emotion curve: the informant, not the statement, is the unit.
 *
 * The band used to be a normal interval over statements (stats.ts `meanInterval` on every
 * segment's score), as if each statement were an independent informant: one talkative informant
 * with twenty statements narrowed the band and pulled the mean towards their own. Statements of one
 * informant are a cluster; the simplest honest estimate (and the cheapest) is the two-stage one:
 * each informant's mean score at the stage, then the mean of those means with a 95 % normal
 * interval over informants (mean ± 1.96·s/√m, s the n − 1 standard deviation of the m informant
 * means), clipped to −1…+1. Deterministic (no resampling), one pass over the segments plus one over
 * the (stage, informant) pairs, so it fits the 50 ms redraw budget at any size the bench runs.
 *
 * Method id `informant-means` is what the screen and the PDF name under the chart.
 */
import { VALENCES, VALENCE_SCORE } from '../model/schema';
import { KIND_EXPERIENCE, NO_VALENCE, VALENCE_CODE } from './columns';
import { filterIndices, segmentColumns, type AnalysisFilter, type StudyIndex } from './filter';
import type { EmotionPoint } from './curve';
import { meanInterval, type MeanInterval } from './stats';

export const CURVE_INTERVAL_METHOD = 'informant-means' as const;
export type CurveIntervalMethod = typeof CURVE_INTERVAL_METHOD;

/**
 * Sums and counts of scores per (row, informant), row-major in flat typed arrays: `add` once per
 * statement, then `interval(row)` per row. No Map or Set per statement (a filter change at
 * 500,000 segments must stay a plain loop).
 */
export class InformantScores {
  readonly sum: Float64Array;
  readonly count: Int32Array;
  constructor(readonly rows: number, readonly informants: number) {
    this.sum = new Float64Array(rows * informants);
    this.count = new Int32Array(rows * informants);
  }

  add(row: number, informant: number, score: number): void {
    const k = row * this.informants + informant;
    this.sum[k]! += score;
    this.count[k]! += 1;
  }

  /** Each informant's mean score in `row` (informants without a statement there are left out), in informant order. */
  means(row: number): number[] {
    const out: number[] = [];
    const base = row * this.informants;
    for (let j = 0; j < this.informants; j++) {
      const n = this.count[base + j] as number;
      if (n > 0) out.push((this.sum[base + j] as number) / n);
    }
    return out;
  }

  /** Statements in `row`. */
  statements(row: number): number {
    let n = 0;
    const base = row * this.informants;
    for (let j = 0; j < this.informants; j++) n += this.count[base + j] as number;
    return n;
  }

  /** The mean of informant means with its 95 % interval over informants; `n` is the number of informants. */
  interval(row: number, range: readonly [number, number] = [-1, 1]): MeanInterval {
    return meanInterval(this.means(row), range);
  }
}

/**
 * The same for a plain list: `scores[i]` belongs to informant `clusters[i]` (any ids). The mean of
 * the informants' means with a 95 % interval over informants. For tests and small callers.
 */
export function informantMeanInterval(scores: readonly number[], clusters: readonly (string | number)[], range: readonly [number, number] = [-1, 1]): MeanInterval {
  const sums = new Map<string | number, { s: number; n: number }>();
  scores.forEach((v, i) => {
    const key = clusters[i] as string | number;
    const acc = sums.get(key);
    if (acc) {
      acc.s += v;
      acc.n += 1;
    } else sums.set(key, { s: v, n: 1 });
  });
  return meanInterval([...sums.values()].map((a) => a.s / a.n), range);
}

/**
 * The emotion curve (journey.ts `emotionCurve` delegates here): per stage, the mean of the
 * informants' mean valence scores (positive +1, mixed 0, negative −1) with the 95 % interval over
 * informants. Only experiences with a valence count: a wish has no as-is feeling. `n` stays the
 * number of statements (shown beside the informants), `informants` is the interval's unit.
 */
export function informantEmotionCurve(index: StudyIndex, filter: AnalysisFilter, opts: { smallCell?: number } = {}): EmotionPoint[] {
  const smallCell = opts.smallCell ?? index.study.smallCellThreshold;
  const stages = index.study.stages;
  const col = new Map(stages.map((s, i) => [s.id, i] as const));
  const cols = segmentColumns(index);
  const colOf = Int32Array.from(cols.stage.ids, (id) => col.get(id) ?? -1);
  const score = [0, 0, 0, 0];
  for (const v of VALENCES) score[VALENCE_CODE[v]] = VALENCE_SCORE[v];
  const acc = new InformantScores(stages.length, index.informantKeys.length);
  for (const i of filterIndices(index, filter)) {
    const v = cols.valence[i] as number;
    const sp = cols.stage.col[i] as number;
    if (cols.kind[i] !== KIND_EXPERIENCE || v === NO_VALENCE || sp < 0) continue;
    const c = colOf[sp] as number;
    if (c < 0) continue;
    acc.add(c, index.segInformant[i] as number, score[v] as number);
  }
  return stages.map((st, c) => {
    const m = acc.interval(c);
    return { stageId: st.id, label: st.short ?? st.label, n: acc.statements(c), informants: m.n, mean: m.mean, lo: m.lo, hi: m.hi, suppressed: m.n < smallCell, method: CURVE_INTERVAL_METHOD };
  });
}
