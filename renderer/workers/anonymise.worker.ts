/// <reference lib="webworker" />
/**
 * Decode + detect off the main thread, so a 5 MB transcript imports with a progress bar while the
 * UI stays responsive. The worker holds nothing between messages and writes nothing: the
 * original text only ever lives in this message and in the review screen's React state.
 */
import { runAnonymiseJob, type WorkerRequest, type WorkerResponse } from './anonymiseJob';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  const post = (m: WorkerResponse) => scope.postMessage(m);
  void runAnonymiseJob(req, (phase, fraction) => post({ id: req.id, type: 'progress', phase, fraction })).then(
    (result) => post({ id: req.id, type: 'done', result }),
    (error: unknown) => post({ id: req.id, type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};
