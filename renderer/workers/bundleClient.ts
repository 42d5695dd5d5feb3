/**
 * Promise API over the bundle worker (shared/exchange/bundle-job.ts). Packing snapshots and
 * exports runs in one shared worker (created on first use). Opening a file we did not write
 * (a bundle, a .qdpx or .qdc) runs in a worker of its own, with a cancel signal and a silence
 * timeout, so a hostile file can be stopped without stalling backups (workerClient.ts).
 * Where module workers are unavailable (jsdom tests) the same job runs on the main thread.
 */
import { strToU8 } from 'fflate';
import type { ExportBundleOptions, RestoreResult } from '../../shared/exchange/bundle';
import { studyCounts } from '../../shared/exchange/bundle';
import { runBundleJob, studyCollector, type BundleJobMessage, type BundleJobRequest } from '../../shared/exchange/bundle-job';
import type { IncomingSummary } from '../../shared/exchange/gate-in';
import { issue, type Issue } from '../../shared/exchange/issues';
import type { StudyData } from '../../shared/model';
import type { ReisekartDb } from '../db/database';
import { buildSnapshot, type SnapshotBuilt } from './snapshotJob';
import { createWorkerClient } from './workerClient';

/** A snapshot built in the worker from the study database (renderer/workers/snapshotJob.ts). */
export interface SnapshotRequest {
  id: number;
  type: 'snapshot';
  dbName: string;
  studyId: string;
  now: string;
}
type SnapshotMessage = { id: number; type: 'snapshot' } & SnapshotBuilt;

const create = () => new Worker(new URL('./bundle.worker.ts', import.meta.url), { type: 'module' });
const fallback = (req: BundleJobRequest | SnapshotRequest, post: (m: BundleJobMessage) => void) => {
  // Snapshots never take the fallback: snapshotInWorker builds them here from the open database.
  if (req.type !== 'snapshot') return runBundleJob(req, post);
  return undefined;
};

/**
 * No message for this long stops an import. Each phase reports itself and each 5,000 rows are a
 * message, so the longest silence is one phase of the largest genuine study (JSON.parse or the
 * schema check of a ~350 MB study.json: tens of seconds on a slow laptop).
 */
export const IMPORT_SILENCE_MS = 120_000;

const packer = createWorkerClient<BundleJobRequest | SnapshotRequest, BundleJobMessage | SnapshotMessage>({ name: 'bundle', create, fallback });
const importer = createWorkerClient<BundleJobRequest, BundleJobMessage>({ name: 'import', create, fallback, perRequest: true, silenceMs: IMPORT_SILENCE_MS });

export type ImportPhaseReport = (phase: Extract<BundleJobMessage, { type: 'progress' }>['phase']) => void;

export interface ImportRunOptions {
  signal?: AbortSignal;
  onPhase?: ImportPhaseReport;
  silenceMs?: number;
}

/** restoreBundle in its own worker. The bytes are copied (a wrong passphrase lets the user try again with them). */
export function restoreBundleInWorker(bytes: Uint8Array, passphrase: string | undefined, fileName: string, opts: ImportRunOptions = {}): Promise<RestoreResult> {
  const study = studyCollector();
  return importer.run<RestoreResult>(
    { type: 'restore', bytes, passphrase, fileName },
    (m, finish) => {
      if (m.type === 'progress') return opts.onPhase?.(m.phase);
      study.take(m);
      if (m.type !== 'restored') return;
      const data = study.data();
      if (!m.result.ok) finish(m.result);
      else if (data) finish({ ...m.result, data });
      else finish({ ok: false, issues: [issue('bundle.noStudy', {}, { file: fileName })] });
    },
    opts,
  );
}

export type RefiResult = { ok: true; data: StudyData; warnings: Issue[]; review: IncomingSummary } | { ok: false; issues: Issue[] };

/** A .qdpx project or a .qdc codebook (as a new study holding its codes), read in its own worker. */
export function importRefiInWorker(bytes: Uint8Array, fileName: string, now: string, opts: ImportRunOptions = {}): Promise<RefiResult> {
  const study = studyCollector();
  return importer.run<RefiResult>(
    { type: 'refi', bytes, fileName, now },
    (m, finish) => {
      if (m.type === 'progress') return opts.onPhase?.(m.phase);
      study.take(m);
      if (m.type !== 'refi') return;
      const data = study.data();
      if (!m.result.ok) finish(m.result);
      else if (data) finish({ ok: true, data, warnings: m.result.warnings, review: m.result.review });
      else finish({ ok: false, issues: [{ file: fileName, message: 'no study in the file' }] });
    },
    opts,
  );
}

/**
 * exportBundle with the hashing, deflating and encryption in the shared worker: the page only
 * serialises the study to JSON bytes (which are transferred, not cloned).
 */
export function exportBundleInWorker(data: StudyData, opts: ExportBundleOptions): Promise<Uint8Array> {
  const study = strToU8(JSON.stringify(data));
  return packer.run<Uint8Array>(
    { type: 'pack', study, counts: studyCounts(data), opts },
    (m, finish) => {
      if (m.type === 'packed') finish(m.bytes);
    },
    { transfer: [study.buffer as ArrayBuffer] },
  );
}

/**
 * A snapshot of `studyId` (terms and pseudonyms left out), built in the shared bundle worker, which
 * reads the study database itself: the page never loads the study. Without module workers (jsdom)
 * it is built here from `db`.
 */
export function snapshotInWorker(db: ReisekartDb, studyId: string, now: string): Promise<SnapshotBuilt> {
  if (typeof Worker === 'undefined') return buildSnapshot(db, studyId, now);
  return packer.run<SnapshotBuilt>({ type: 'snapshot', dbName: db.name, studyId, now }, (m, finish) => {
    if (m.type === 'snapshot') finish(m.bytes ? { ok: true, bytes: m.bytes, title: m.title } : { ok: true, bytes: null, title: null });
  });
}
