/**
 * Results kept per (index, view, filter): pure (no React, no database), so the analysis worker
 * (renderer/workers/analysis.worker.ts) and the main-thread fallback share it.
 */
import type { AnalysisFilter, StudyIndex } from '../../../shared/analysis';

const results = new WeakMap<StudyIndex, Map<string, unknown>>();
/** Results kept per index: a few dozen filters, each a matrix of 18 cells, is a few hundred KB at most. */
const MAX_RESULTS = 64;

/** A stable key for a filter: key order and list order do not change what it selects. */
export function filterKey(filter: AnalysisFilter): string {
  const entries = Object.entries(filter)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => [k, Array.isArray(v) ? [...(v as string[])].sort() : v] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(entries);
}

/** `compute(index)` once per (index, view, filter); oldest results dropped first. */
export function cached<T>(index: StudyIndex, view: string, filter: AnalysisFilter, compute: () => T): T {
  let map = results.get(index);
  if (!map) {
    map = new Map();
    results.set(index, map);
  }
  const key = `${view}\u0000${filterKey(filter)}`;
  if (map.has(key)) return map.get(key) as T;
  const value = compute();
  map.set(key, value);
  if (map.size > MAX_RESULTS) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  return value;
}
