/// <reference lib="webworker" />
/**
 * Bundle and REFI-QDA work off the main thread (shared/exchange/bundle-job.ts): open a bundle
 * (decrypt, unzip, parse, check), read a .qdpx/.qdc, pack a snapshot or export. Holds nothing
 * between messages and writes nothing: the page commits. Snapshots (`snapshot`) read the study
 * database themselves (renderer/workers/snapshotJob.ts).
 */
import { runBundleJob, type BundleJobRequest } from '../../shared/exchange/bundle-job';
import { openDatabase, type ReisekartDb } from '../db/database';
import { buildSnapshot } from './snapshotJob';
import type { SnapshotRequest } from './bundleClient';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const dbs = new Map<string, ReisekartDb>();

scope.onmessage = (e: MessageEvent<BundleJobRequest | SnapshotRequest>) => {
  const req = e.data;
  if (req.type === 'snapshot') {
    // Snapshots read the study database here, so a large study never loads on the page.
    let db = dbs.get(req.dbName);
    if (!db) {
      db = openDatabase(req.dbName);
      dbs.set(req.dbName, db);
    }
    void buildSnapshot(db, req.studyId, req.now).then(
      (r) => scope.postMessage({ id: req.id, type: 'snapshot', ...r }, r.bytes ? [r.bytes.buffer as ArrayBuffer] : []),
      (err: unknown) => scope.postMessage({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return;
  }
  void runBundleJob(req, (m) => scope.postMessage(m, m.type === 'packed' ? [m.bytes.buffer as ArrayBuffer] : []));
};
