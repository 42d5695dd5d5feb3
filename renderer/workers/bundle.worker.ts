/// <reference lib="webworker" />
/**
 * Bundle and REFI-QDA work off the main thread (shared/exchange/bundle-job.ts): open a bundle
 * (decrypt, unzip, parse, check), read a .qdpx/.qdc, pack a snapshot or export. Holds nothing
 * between messages and writes nothing: the page commits.
 */
import { runBundleJob, type BundleJobRequest } from '../../shared/exchange/bundle-job';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<BundleJobRequest>) => {
  void runBundleJob(e.data, (m) => scope.postMessage(m, m.type === 'packed' ? [m.bytes.buffer as ArrayBuffer] : []));
};
