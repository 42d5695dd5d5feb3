/**
 * Small statistics for the bench suite: percentiles of timing samples and the verdict of a row
 * (its limit and/or its ratio to a peer measured in the same run). Pure: runs in Node and in the
 * bench page alike.
 */

export interface Timing {
  n: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/**
 * Nearest-rank percentile (no interpolation): the smallest sample with at least p % of the
 * samples at or below it, so p95 of 50 samples is the 48th smallest — a value that was measured.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1] as number;
}

export function summarise(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.length > 0 ? sum / sorted.length : Number.NaN,
  };
}

export function median(samples: readonly number[]): number {
  return percentile([...samples].sort((a, b) => a - b), 50);
}

export type Unit = 'ms' | 's' | 'MB/s' | 'MB' | 'KB' | 'count';

/** "value op limit" must hold for a PASS: '<' for times and sizes, '>=' for throughput. */
export interface Limit {
  op: '<' | '<=' | '>=';
  value: number;
}

/** A peer measured in the same run; the row's ratio is value / peer.value. */
export interface Peer {
  label: string;
  value: number;
  /** When set, the ratio must stay at or below it (e.g. 1.5 for "within 1.5×"). */
  maxRatio?: number;
}

export type Verdict = 'PASS' | 'FAIL' | 'INFO';

export interface BenchRow {
  id: string;
  env: 'node' | 'chromium';
  label: string;
  value: number;
  unit: Unit;
  /** Scale and statistic, e.g. "p95 of 60 filter changes, 500 interviews / 50,000 segments". */
  detail: string;
  limit?: Limit;
  peer?: Peer;
  ratio?: number;
  verdict: Verdict;
  /** The run's scale ('tiny' | 'full' | 'large'), set by the runner on every row. */
  scale?: string;
}

export function meetsLimit(value: number, limit: Limit): boolean {
  if (!Number.isFinite(value)) return false;
  if (limit.op === '<') return value < limit.value;
  if (limit.op === '<=') return value <= limit.value;
  return value >= limit.value;
}

/** A row with its ratio and verdict: PASS when every given check holds, INFO when there is none. */
export function row(r: Omit<BenchRow, 'ratio' | 'verdict'>): BenchRow {
  const ratio = r.peer && r.peer.value > 0 ? r.value / r.peer.value : undefined;
  const checks: boolean[] = [];
  if (r.limit) checks.push(meetsLimit(r.value, r.limit));
  if (r.peer?.maxRatio !== undefined) checks.push(ratio !== undefined && Number.isFinite(ratio) && ratio <= r.peer.maxRatio);
  const verdict: Verdict = checks.length === 0 ? 'INFO' : checks.every(Boolean) ? 'PASS' : 'FAIL';
  return { ...r, ...(ratio !== undefined ? { ratio } : {}), verdict };
}

/** A deterministic LCG (Numerical Recipes constants) for choosing filters: same seed, same sequence. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
