/**
 * Promise API over the anonymise worker. One worker per app, created on first use; when module
 * workers are unavailable (jsdom tests) the same job runs on the main thread.
 */
import type { DetectOptions, Hit } from '../../shared/anonymise';
import type { ImportResult } from '../import/importFile';
import { runAnonymiseJob, type JobResult, type Phase, type WorkerRequest, type WorkerResponse } from './anonymiseJob';

export type Progress = (phase: Phase, fraction: number) => void;
export type { Phase };

type Pending = { resolve: (r: JobResult) => void; reject: (e: Error) => void; progress: Progress };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker | null {
  if (worker) return worker;
  if (typeof Worker === 'undefined') return null;
  try {
    worker = new Worker(new URL('./anonymise.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
    const m = e.data;
    const p = pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') p.progress(m.phase, m.fraction);
    else {
      pending.delete(m.id);
      if (m.type === 'done') p.resolve(m.result);
      else p.reject(new Error(m.message));
    }
  };
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(e.message || 'worker error'));
    pending.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

function run(req: RequestBody, progress: Progress, transfer: Transferable[] = []): Promise<JobResult> {
  const id = nextId++;
  const full = { ...req, id } as WorkerRequest;
  const w = getWorker();
  if (!w) return runAnonymiseJob(full, progress);
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, progress });
    w.postMessage(full, transfer);
  });
}

/** Decode a picked file off the main thread. The bytes are transferred (the caller's copy empties). */
export async function importInWorker(fileName: string, bytes: Uint8Array, progress: Progress = () => undefined): Promise<ImportResult> {
  const r = await run({ type: 'import', fileName, bytes }, progress, [bytes.buffer]);
  if (r.type !== 'import') throw new Error('unexpected worker answer');
  return r.result;
}

export async function detectInWorker(text: string, options: DetectOptions, progress: Progress = () => undefined): Promise<Hit[]> {
  const r = await run({ type: 'detect', text, options }, progress);
  if (r.type !== 'detect') throw new Error('unexpected worker answer');
  return r.hits;
}
