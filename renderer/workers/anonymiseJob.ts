/**
 * The work the anonymise worker does, as a plain function so it also runs on the main thread
 * (jsdom tests, a browser without module workers) and can be tested without a Worker.
 */
import type { DetectOptions, Hit } from '../../shared/anonymise';
import { detectChunked } from '../import/detectChunked';
import { importFile, type ImportResult } from '../import/importFile';

export type Phase = 'decode' | 'detect';

export type WorkerRequest =
  | { id: number; type: 'import'; fileName: string; bytes: Uint8Array }
  | { id: number; type: 'detect'; text: string; options: DetectOptions };

export type JobResult = { type: 'import'; result: ImportResult } | { type: 'detect'; hits: Hit[] };

export type WorkerResponse =
  | { id: number; type: 'progress'; phase: Phase; fraction: number }
  | { id: number; type: 'done'; result: JobResult }
  | { id: number; type: 'error'; message: string };

export async function runAnonymiseJob(req: WorkerRequest, progress: (phase: Phase, fraction: number) => void): Promise<JobResult> {
  if (req.type === 'import') {
    progress('decode', 0);
    const result = await importFile(req.fileName, req.bytes);
    progress('decode', 1);
    return { type: 'import', result };
  }
  progress('detect', 0);
  const hits = detectChunked(req.text, req.options, (f) => progress('detect', f));
  return { type: 'detect', hits };
}
