/**
 * Small, honest statistics for small samples. Pure; no formatting (the UI formats for its locale).
 */

export interface Proportion {
  /** Observed proportion k / n. */
  p: number;
  /** Lower bound of the interval, in [0, 1]. */
  lo: number;
  /** Upper bound of the interval, in [0, 1]. */
  hi: number;
}

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959964;

/**
 * Wilson score interval for a binomial proportion.
 * Wilson, not Wald: n is often below 30 here, and the Wald interval then has poor coverage and can
 * leave [0, 1] (Brown, Cai & DasGupta 2001, "Interval Estimation for a Binomial Proportion",
 * Statistical Science 16(2), recommend Wilson for small n).
 * n = 0 has no proportion: returns null rather than NaN so callers must say "no data".
 */
export function wilson(k: number, n: number, z: number = Z95): Proportion | null {
  if (!(n > 0) || !Number.isFinite(k) || k < 0 || k > n) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At k = 0 and k = n the exact bound is 0 or 1; floating point lands a hair off (1 − 1e−16).
  return { p, lo: k === 0 ? 0 : Math.max(0, centre - half), hi: k === n ? 1 : Math.min(1, centre + half) };
}

/**
 * The one rounding rule for a shown percentage, on screen and in the PDF: the exact share k / n,
 * rounded half up to a whole percent; null when n = 0 (no share to show). The count is always shown
 * beside it ("5 av 11 (45 %)"), so a reader can check it, and the CSV export keeps one decimal of the
 * same exact share (45,5). Shares of one whole may then sum to 99 or 101: each number is honest,
 * which largest-remainder rounding (the rule before) was not — it could show 46 % for 5 of 11.
 */
export function percentOf(k: number, n: number): number | null {
  if (!(n > 0) || !Number.isFinite(k)) return null;
  // Math.round on the exact share; the 1e-9 nudge keeps 2.5 % (1 of 40) from landing on 2 through
  // binary floating point (1/40·100 = 2.4999999999999996).
  return Math.round((k / n) * 100 + 1e-9);
}

/** percentOf for each count over their total; all 0 when the total is 0. */
export function roundPercentages(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => percentOf(c, total) ?? 0);
}

/** Sum of displayed percentages, to check whether a source's rounding adds up (e.g. 54 + 39 + 8 = 101). */
export function percentSum(percents: readonly number[]): number {
  // Round to 1e-9 so 33.3 + 33.3 + 33.4 reads as 100, not 99.99999999999999.
  return Math.round(percents.reduce((a, b) => a + b, 0) * 1e9) / 1e9;
}

/** True when the displayed percentages sum to 100 (within 1e-9). */
export function sumsTo100(percents: readonly number[]): boolean {
  return percentSum(percents) === 100;
}

export interface MeanInterval {
  n: number;
  /** null when n = 0. */
  mean: number | null;
  /** mean − 1.96·SE, clipped to [lo, hi] of the scale; null when n < 2 (no spread to estimate). */
  lo: number | null;
  hi: number | null;
}

/**
 * Mean with a normal-approximation 95 % interval (mean ± 1.96·SE, SE = s/√n with the n − 1
 * sample standard deviation), clipped to the scale's range. Deliberately simple and explainable:
 * no bootstrap (non-deterministic) and no t (the scores are bounded, −1…+1, and n is shown beside it).
 */
export function meanInterval(values: readonly number[], range: readonly [number, number] = [-1, 1]): MeanInterval {
  const n = values.length;
  if (n === 0) return { n, mean: null, lo: null, hi: null };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { n, mean, lo: null, hi: null };
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  const se = Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
  const half = Z95 * se;
  return { n, mean, lo: Math.max(range[0], mean - half), hi: Math.min(range[1], mean + half) };
}
