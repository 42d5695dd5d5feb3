/**
 * Promise API over the anonymise worker (workerClient.ts). Detection runs in one shared worker
 * (created on first use); decoding a picked file — a file we did not write — runs in a worker of
 * its own that a cancel signal or a silence of IMPORT_FILE_SILENCE_MS stops. When module workers
 * are unavailable (jsdom tests) the same job runs on the main thread.
 */
import type { DetectOptions, Hit } from '../../shared/anonymise';
import type { ImportResult } from '../import/importFile';
import { runAnonymiseJob, type JobResult, type Phase, type WorkerRequest, type WorkerResponse } from './anonymiseJob';
import { createWorkerClient, type RunOptions } from './workerClient';

export type Progress = (phase: Phase, fraction: number) => void;
export type { Phase };

/** A transcript file (≤ 50 MB) decodes in seconds; a minute of silence means it is stuck. */
export const IMPORT_FILE_SILENCE_MS = 60_000;

const create = () => new Worker(new URL('./anonymise.worker.ts', import.meta.url), { type: 'module' });
const fallback = async (req: WorkerRequest, post: (m: WorkerResponse) => void) => {
  const result = await runAnonymiseJob(req, (phase, fraction) => post({ id: req.id, type: 'progress', phase, fraction }));
  post({ id: req.id, type: 'done', result });
};

const detector = createWorkerClient<WorkerRequest, WorkerResponse>({ name: 'anonymise', create, fallback });
const importer = createWorkerClient<WorkerRequest, WorkerResponse>({ name: 'transcript-import', create, fallback, perRequest: true, silenceMs: IMPORT_FILE_SILENCE_MS });

type Client = typeof detector;
type Body = Parameters<Client['run']>[0];

function run(client: Client, req: Body, progress: Progress, opts: RunOptions = {}): Promise<JobResult> {
  return client.run<JobResult>(
    req,
    (m, finish) => {
      if (m.type === 'progress') progress(m.phase, m.fraction);
      else if (m.type === 'done') finish(m.result);
    },
    opts,
  );
}

/** Decode a picked file in a worker of its own. The bytes are transferred (the caller's copy empties). */
export async function importInWorker(fileName: string, bytes: Uint8Array, progress: Progress = () => undefined, opts: Pick<RunOptions, 'signal' | 'silenceMs'> = {}): Promise<ImportResult> {
  const r = await run(importer, { type: 'import', fileName, bytes }, progress, { ...opts, transfer: [bytes.buffer] });
  if (r.type !== 'import') throw new Error('unexpected worker answer');
  return r.result;
}

export async function detectInWorker(text: string, options: DetectOptions, progress: Progress = () => undefined): Promise<Hit[]> {
  const r = await run(detector, { type: 'detect', text, options }, progress);
  if (r.type !== 'detect') throw new Error('unexpected worker answer');
  return r.hits;
}
