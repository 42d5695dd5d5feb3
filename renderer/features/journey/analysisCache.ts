/**
 * Memoised analysis for the screens. `buildIndex` runs once per StudyData object (useStudyData
 * keeps the same object until a table changes), and each view's result is kept per filter, so
 * going back to a filter is free and only a new filter costs one pass over the segments.
 */
import { useEffect, useState } from 'react';
import { buildIndex, segmentColumns, type AnalysisFilter, type StudyIndex } from '../../../shared/analysis';
import type { StudyData } from '../../../shared/model';
import { useStudyDataInPages } from '../../db/hooks';

const indexes = new WeakMap<StudyData, StudyIndex>();
const results = new WeakMap<StudyIndex, Map<string, unknown>>();
/** Results kept per index: a few dozen filters, each a matrix of 18 cells, is a few hundred KB at most. */
const MAX_RESULTS = 64;

export function indexFor(data: StudyData): StudyIndex {
  let index = indexes.get(data);
  if (!index) {
    index = buildIndex(data);
    indexes.set(data, index);
  }
  return index;
}

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

/** A macrotask boundary (MessageChannel: no 4 ms timer clamp), so the page can paint in between. */
const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });

/**
 * The study's data and its index; undefined while loading, null when there is no such study.
 * The data is read in pages (useStudyDataInPages); the index and its columns are built each in
 * its own task after the data arrives, and the first draw comes in a third, so opening a
 * 50,000-segment study has no task of hundreds of ms (docs/bench.md). While the index of changed
 * data is being built, the previous result stays on screen.
 */
export function useStudyIndex(studyId: string): { data: StudyData; index: StudyIndex } | null | undefined {
  const data = useStudyDataInPages(studyId);
  const [ready, setReady] = useState<{ data: StudyData; index: StudyIndex } | null | undefined>(undefined);
  useEffect(() => {
    if (!data) {
      setReady(data);
      return;
    }
    let live = true;
    void (async () => {
      await nextTask();
      if (!live) return;
      const index = indexFor(data);
      await nextTask();
      if (!live) return;
      segmentColumns(index);
      await nextTask();
      if (live) setReady({ data, index });
    })();
    return () => {
      live = false;
    };
  }, [data]);
  // A different study: never show the previous one's result.
  return ready && ready.data.study.id !== studyId ? undefined : ready;
}
