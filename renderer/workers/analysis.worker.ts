/// <reference lib="webworker" />
/**
 * The journey analysis off the main thread: loads the study from IndexedDB itself (the same
 * database as the page, openDatabase()), builds the index and its columns once, and answers the
 * page's filter requests with small results (analysisJob.ts). The page posts `studyChanged` when
 * its live queries or Dexie's `storagemutated` see a write; the next request then reloads.
 * Messages are handled one after another; a request cancelled (superseded) before its turn is
 * answered with `null` without computing.
 */
import { buildIndex, type StudyIndex } from '../../shared/analysis';
import { openDatabase } from '../db/database';
import { answer, loadAnalysisInput, type AnalysisMessage, type AnalysisReply, type AnalysisRequest } from './analysisJob';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const db = openDatabase();
let loaded: { studyId: string; index: Promise<StudyIndex | null> } | null = null;
const cancelled = new Set<number>();
let queue: Promise<void> = Promise.resolve();

function indexOf(studyId: string): Promise<StudyIndex | null> {
  if (loaded?.studyId !== studyId) {
    const index = loadAnalysisInput(db, studyId).then((input) => {
      if (!input) return null;
      return buildIndex(input);
    });
    loaded = { studyId, index };
  }
  return loaded.index;
}

async function handle(id: number, studyId: string, request: AnalysisRequest): Promise<AnalysisReply> {
  if (cancelled.delete(id)) return { id, ok: true, answer: null };
  const index = await indexOf(studyId);
  if (cancelled.delete(id)) return { id, ok: true, answer: null };
  if (!index) return { id, ok: false, message: `no study ${studyId}` };
  return { id, ok: true, answer: answer(index, request) };
}

scope.onmessage = (e: MessageEvent<AnalysisMessage>) => {
  const m = e.data;
  if (m.type === 'cancel') cancelled.add(m.id);
  else if (m.type === 'studyChanged') {
    if (m.studyId === null || loaded?.studyId === m.studyId) loaded = null;
  } else {
    queue = queue.then(async () => {
      let reply: AnalysisReply;
      try {
        reply = await handle(m.id, m.studyId, m.request);
      } catch (err) {
        // A failed load must not stick: the next request tries again.
        if (loaded?.studyId === m.studyId) loaded = null;
        reply = { id: m.id, ok: false, message: err instanceof Error ? err.message : String(err) };
      }
      scope.postMessage(reply);
    });
  }
};
