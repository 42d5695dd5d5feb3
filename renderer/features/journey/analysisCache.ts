/**
 * Memoised analysis for the screens. `buildIndex` runs once per StudyData object (useStudyData
 * keeps the same object until a table changes), and each view's result is kept per filter, so
 * going back to a filter is free and only a new filter costs one pass over the segments.
 */
import { useEffect, useMemo, useState } from 'react';
import { buildIndex, type StudyIndex } from '../../../shared/analysis';
import { sharingSegments } from '../../../shared/exchange/outbound';
import type { StudyData } from '../../../shared/model';
import { appDb, useAnalysisInput } from '../../db';
import { useStudyDataInPages } from '../../db/hooks';
import { analysisWorkerAvailable, askAnalysis, onAnalysisDataChanged } from '../../workers/analysisClient';
import { answer, type AnalysisKind, type AnswerOf, type RequestOf } from '../../workers/analysisJob';
import { cached, filterKey } from './resultCache';

export { cached, filterKey };

const indexes = new WeakMap<StudyData, StudyIndex>();

export function indexFor(data: StudyData): StudyIndex {
  let index = indexes.get(data);
  if (!index) {
    index = buildIndex(data);
    indexes.set(data, index);
  }
  return index;
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
  // The analysis screens need no transcript text: leave the largest store out of the load.
  const loaded = useStudyDataInPages(studyId, appDb(), { transcripts: false });
  // The one door out's rule (shared/exchange/outbound.ts): every segment counts, unreviewed text is emptied.
  const data = useMemo(() => (loaded ? { ...loaded, segments: sharingSegments(loaded.segments) } : loaded), [loaded]);
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
      if (live) setReady({ data, index });
    })();
    return () => {
      live = false;
    };
  }, [data]);
  // A different study: never show the previous one's result.
  return ready && ready.data.study.id !== studyId ? undefined : ready;
}

/**
 * Where a screen's analysis answers come from. `now` answers at once where the full index is on
 * this thread (the fallback without module workers, and DOM tests); otherwise `ask` goes to the
 * analysis worker and resolves to null when a newer request on the same channel superseded it.
 */
export interface AnalysisSource {
  now?: <K extends AnalysisKind>(request: RequestOf<K>) => AnswerOf[K];
  ask: <K extends AnalysisKind>(request: RequestOf<K>, channel: string) => Promise<AnswerOf[K] | null>;
}

/** Answers from an index on this thread (memoised per filter in resultCache). */
export function localSource(index: StudyIndex): AnalysisSource {
  const now = <K extends AnalysisKind>(request: RequestOf<K>): AnswerOf[K] => answer<K>(index, request);
  return { now, ask: (request) => Promise.resolve(now(request)) };
}

/** Answers from the analysis worker, which holds the study `studyId`; `version` makes a new source after a write. */
export function workerSource(studyId: string, version: number): AnalysisSource {
  void version;
  return { ask: (request, channel) => askAnalysis(studyId, request, channel) };
}

/**
 * An answer for `request` from `source`: at once for a local source; from the worker otherwise,
 * keeping the previous answer on screen until the new one arrives (undefined before the first).
 */
export function useAnalysis<K extends AnalysisKind>(source: AnalysisSource, request: RequestOf<K>, channel: string = request.type): AnswerOf[K] | undefined {
  const key = JSON.stringify(request);
  // Keyed on the request's content, not its identity: callers build a new object each render.
  const stable = useMemo(() => JSON.parse(key) as RequestOf<K>, [key]);
  const local = useMemo(() => (source.now ? source.now<K>(stable) : undefined), [source, stable]);
  const [remote, setRemote] = useState<AnswerOf[K] | undefined>(undefined);
  useEffect(() => {
    if (source.now) return;
    let live = true;
    source.ask<K>(stable, channel).then(
      (a) => {
        if (live && a !== null) setRemote(a);
      },
      (err: unknown) => {
        if (live) console.warn('analysis failed', err);
      },
    );
    return () => {
      live = false;
    };
  }, [source, stable, channel]);
  return source.now ? local : remote;
}

/**
 * The journey screen's data: a light index on this thread (study, interviews, codes; no
 * segments, no transcripts) for labels and filter options, and a source for the numbers. With
 * a module worker the worker loads and indexes the segments, so opening a 50,000-segment study
 * clones only small answers into the page (docs/bench.md); without one (jsdom) the whole study
 * is loaded here (useStudyIndex) and answered locally.
 */
export function useJourneySource(studyId: string): { index: StudyIndex; source: AnalysisSource } | null | undefined {
  // Chosen once per page: whether module workers exist does not change while the page lives, so
  // every render of every screen calls the same hook (rules of hooks).
  const useSource = (journeySourceHook ??= analysisWorkerAvailable() ? useWorkerJourneySource : useLocalJourneySource);
  return useSource(studyId);
}
let journeySourceHook: ((studyId: string) => { index: StudyIndex; source: AnalysisSource } | null | undefined) | null = null;

function useLocalJourneySource(studyId: string): { index: StudyIndex; source: AnalysisSource } | null | undefined {
  const loaded = useStudyIndex(studyId);
  return useMemo(() => (loaded ? { index: loaded.index, source: localSource(loaded.index) } : loaded), [loaded]);
}

function useWorkerJourneySource(studyId: string): { index: StudyIndex; source: AnalysisSource } | null | undefined {
  const db = appDb();
  const input = useAnalysisInput(studyId, db);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    // The client drops the worker's copy on each write (analysisClient.watchWrites); writes come
    // in bursts (a coding session), so ask again once they pause.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onAnalysisDataChanged(() => {
      clearTimeout(timer);
      timer = setTimeout(() => setVersion((v) => v + 1), 150);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, []);
  const index = useMemo(() => (input ? buildIndex(input) : input), [input]);
  const source = useMemo(() => workerSource(studyId, version), [studyId, version]);
  return useMemo(() => (index ? { index, source } : index), [index, source]);
}
