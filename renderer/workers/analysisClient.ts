/**
 * Promise API over the analysis worker (analysis.worker.ts). One worker per app, created on
 * first use. Each request has an id; a newer request on the same channel (e.g. the journey map
 * while the filter changes quickly) cancels the older one, whose promise then resolves to null.
 * Where module workers are unavailable (jsdom tests) `analysisWorkerAvailable()` is false and
 * the screens compute on the main thread from their own index (analysisCache.ts).
 */
import Dexie from 'dexie';
import { DB_NAME } from '../db/database';
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
  watchWrites();
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(e.message || 'analysis worker error'));
    pending.clear();
    latestOnChannel.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/** Tables the analysis reads: a write to one of them makes the worker's copy stale. */
const ANALYSIS_TABLES = new Set(['studies', 'interviews', 'codes', 'segments', 'attributes']);
const changeListeners = new Set<() => void>();
let watching = false;

/**
 * From the worker's creation on, for the app's lifetime (not only while a screen is mounted, so
 * a visit to the coding screen cannot leave the worker's copy stale): a write to a table the
 * analysis reads — this page's, or another context's, which Dexie relays — drops the worker's
 * copy at once (it reloads on the next request), then tells the mounted screens to ask again.
 */
function watchWrites(): void {
  if (watching) return;
  watching = true;
  const prefix = `idb://${DB_NAME}/`;
  Dexie.on('storagemutated', (parts: Record<string, unknown>) => {
    const hit = Object.keys(parts).some((k) => k.startsWith(prefix) && ANALYSIS_TABLES.has(k.slice(prefix.length).split('/')[0] ?? ''));
    if (!hit) return;
    post({ type: 'studyChanged', studyId: null });
    for (const l of changeListeners) l();
  });
}

/** `listener` runs after each write the analysis depends on; returns the unsubscribe. */
export function onAnalysisDataChanged(listener: () => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
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
