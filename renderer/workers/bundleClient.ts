/**
 * Promise API over the bundle worker (one per app, created on first use). Where module workers
 * are unavailable (jsdom tests) the same job runs on the main thread.
 */
import { strToU8 } from 'fflate';
import type { ExportBundleOptions, RestoreResult } from '../../shared/exchange/bundle';
import { studyCounts } from '../../shared/exchange/bundle';
import { runBundleJob, studyCollector, type BundleJobMessage, type BundleJobRequest } from '../../shared/exchange/bundle-job';
import type { IncomingSummary } from '../../shared/exchange/gate-in';
import type { Issue } from '../../shared/exchange/issues';
import type { StudyData } from '../../shared/model';
import type { ReisekartDb } from '../db/database';
import { buildSnapshot, type SnapshotBuilt } from './snapshotJob';

/** A snapshot built in the worker from the study database (renderer/workers/snapshotJob.ts). */
export interface SnapshotRequest {
  id: number;
  type: 'snapshot';
  dbName: string;
  studyId: string;
  now: string;
}
type SnapshotMessage = { id: number; type: 'snapshot' } & SnapshotBuilt;

type Listener = (m: BundleJobMessage | SnapshotMessage) => void;

let worker: Worker | null = null;
let nextId = 1;
const listeners = new Map<number, Listener>();

function getWorker(): Worker | null {
  if (worker) return worker;
  if (typeof Worker === 'undefined') return null;
  try {
    worker = new Worker(new URL('./bundle.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  worker.onmessage = (e: MessageEvent<BundleJobMessage | SnapshotMessage>) => listeners.get(e.data.id)?.(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    for (const [id, l] of listeners) l({ id, type: 'error', message: e.message || 'bundle worker failed' });
    listeners.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

type Body = BundleJobRequest extends infer R ? (R extends BundleJobRequest ? Omit<R, 'id'> : never) : never;

/** Send one request; `onMessage` sees every message for it until it calls `finish`. */
function run<T>(body: Body, transfer: Transferable[], onMessage: (m: BundleJobMessage, finish: (v: T) => void) => void): Promise<T> {
  const id = nextId++;
  const req = { ...body, id } as BundleJobRequest;
  return new Promise<T>((resolve, reject) => {
    listeners.set(id, (m) => {
      if (m.type === 'snapshot') return;
      if (m.type === 'error') {
        listeners.delete(id);
        reject(new Error(m.message));
      } else {
        onMessage(m, (v) => {
          listeners.delete(id);
          resolve(v);
        });
      }
    });
    const w = getWorker();
    if (w) w.postMessage(req, transfer);
    else void runBundleJob(req, (m) => listeners.get(m.id)?.(m));
  });
}

/** restoreBundle in the worker. The bytes are copied (a wrong passphrase lets the user try again with them). */
export function restoreBundleInWorker(bytes: Uint8Array, passphrase: string | undefined, fileName: string): Promise<RestoreResult> {
  const study = studyCollector();
  return run<RestoreResult>({ type: 'restore', bytes, passphrase, fileName }, [], (m, finish) => {
    study.take(m);
    if (m.type !== 'restored') return;
    const data = study.data();
    if (!m.result.ok) finish(m.result);
    else if (data) finish({ ...m.result, data });
    else finish({ ok: false, issues: [{ file: fileName, message: 'no study in the bundle' }] });
  });
}

export type RefiResult = { ok: true; data: StudyData; warnings: Issue[]; review: IncomingSummary } | { ok: false; issues: Issue[] };

/** A .qdpx project or a .qdc codebook (as a new study holding its codes), read in the worker. */
export function importRefiInWorker(bytes: Uint8Array, fileName: string, now: string): Promise<RefiResult> {
  const study = studyCollector();
  return run<RefiResult>({ type: 'refi', bytes, fileName, now }, [], (m, finish) => {
    study.take(m);
    if (m.type !== 'refi') return;
    const data = study.data();
    if (!m.result.ok) finish(m.result);
    else if (data) finish({ ok: true, data, warnings: m.result.warnings, review: m.result.review });
    else finish({ ok: false, issues: [{ file: fileName, message: 'no study in the file' }] });
  });
}

/**
 * exportBundle with the hashing, deflating and encryption in the worker: the page only
 * serialises the study to JSON bytes (which are transferred, not cloned).
 */
export function exportBundleInWorker(data: StudyData, opts: ExportBundleOptions): Promise<Uint8Array> {
  const study = strToU8(JSON.stringify(data));
  return run<Uint8Array>({ type: 'pack', study, counts: studyCounts(data), opts }, [study.buffer as ArrayBuffer], (m, finish) => {
    if (m.type === 'packed') finish(m.bytes);
  });
}

/**
 * A snapshot of `studyId` (terms and pseudonyms left out), built in the bundle worker, which
 * reads the study database itself: the page never loads the study. Without module workers
 * (jsdom) it is built here from `db`.
 */
export function snapshotInWorker(db: ReisekartDb, studyId: string, now: string): Promise<SnapshotBuilt> {
  const w = getWorker();
  if (!w) return buildSnapshot(db, studyId, now);
  const id = nextId++;
  return new Promise<SnapshotBuilt>((resolve, reject) => {
    listeners.set(id, (m) => {
      listeners.delete(id);
      if (m.type === 'snapshot') resolve(m.bytes ? { ok: true, bytes: m.bytes, title: m.title } : { ok: true, bytes: null, title: null });
      else if (m.type === 'error') reject(new Error(m.message));
      else reject(new Error(`unexpected message ${m.type}`));
    });
    const req: SnapshotRequest = { id, type: 'snapshot', dbName: db.name, studyId, now };
    w.postMessage(req);
  });
}
