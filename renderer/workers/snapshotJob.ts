/**
 * A snapshot of one study, built where it runs: in the bundle worker (renderer/workers/
 * bundle.worker.ts), which opens the study database itself, so a large study is never loaded
 * on the page; on the main thread only where module workers are unavailable (jsdom tests).
 *
 * A snapshot holds the whole local study EXCEPT the term list and the pseudonym table: those are
 * lists of identifiers (and hashes that a known salt makes guessable), so they are left out and
 * the restore screen says so; restoring over the same study keeps the study's current ones.
 */
import { exportBundle } from '../../shared/exchange/bundle';
import type { ReisekartDb } from '../db/database';
import { loadStudyData } from '../db/study';

export type SnapshotBuilt = { ok: true; bytes: Uint8Array; title: string } | { ok: true; bytes: null; title: null };

export async function buildSnapshot(db: ReisekartDb, studyId: string, now: string): Promise<SnapshotBuilt> {
  const data = await loadStudyData(db, studyId);
  if (!data) return { ok: true, bytes: null, title: null };
  const bytes = await exportBundle({ ...data, terms: [], pseudonyms: [] }, { now });
  return { ok: true, bytes, title: data.study.title };
}
