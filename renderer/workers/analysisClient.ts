/**
 * Promise API over the analysis worker (analysis.worker.ts). One worker per app, created on
 * first use. Each request has an id; a newer request on the same channel (e.g. the journey map
 * while the filter changes quickly) cancels the older one, whose promise then resolves to null.
 * Where module workers are unavailable (jsdom tests) `analysisWorkerAvailable()` is false and
 * the screens compute on the main thread from their own index (analysisCache.ts).
 */
import type { AnalysisKind, AnalysisMessage, AnalysisReply, AnswerOf, RequestOf } from './analysisJob';

type Pending = { resolve: (a: unknown) => void; reject: (e: Error) => void; channel: string };

let worker: Worker | null = null;
let failed = false;
let nextId = 1;
const pending = new Map<number, Pending>();
const latestOnChannel = new Map<string, number>();

function getWorker(): Worker | null {
  if (worker || failed) return worker;
  if (typeof Worker === 'undefined') {
    failed = true;
    return null;
  }
  try {
    worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    failed = true;
    return null;
  }
  worker.onmessage = (e: MessageEvent<AnalysisReply>) => {
    const m = e.data;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (latestOnChannel.get(p.channel) === m.id) latestOnChannel.delete(p.channel);
    if (m.ok) p.resolve(m.answer);
    else p.reject(new Error(m.message));
  };
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(e.message || 'analysis worker error'));
    pending.clear();
    latestOnChannel.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/** True where the analysis can run in a module worker (browsers, Electron); false in jsdom. */
export function analysisWorkerAvailable(): boolean {
  return getWorker() !== null;
}

function post(m: AnalysisMessage): void {
  getWorker()?.postMessage(m);
}

/**
 * Ask the worker; resolves to null when a newer request on `channel` superseded this one.
 * Rejects when the study does not exist or the worker fails.
 */
export function askAnalysis<K extends AnalysisKind>(studyId: string, request: RequestOf<K>, channel: string = request.type): Promise<AnswerOf[K] | null> {
  const w = getWorker();
  if (!w) return Promise.reject(new Error('no analysis worker'));
  const id = nextId++;
  const older = latestOnChannel.get(channel);
  if (older !== undefined) {
    post({ type: 'cancel', id: older });
    const p = pending.get(older);
    pending.delete(older);
    p?.resolve(null);
  }
  latestOnChannel.set(channel, id);
  return new Promise<AnswerOf[K] | null>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (a: unknown) => void, reject, channel });
    w.postMessage({ type: 'ask', id, studyId, request } satisfies AnalysisMessage);
  });
}

/** The study was written to: the worker drops its copy and reloads on the next request. */
export function studyChangedForAnalysis(studyId: string): void {
  post({ type: 'studyChanged', studyId });
}
