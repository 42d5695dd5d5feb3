/**
 * The renderer side of backups: bundle snapshots of a study written to the backup store
 * (store.ts) before every bulk operation and, on a schedule, while there are changes.
 * docs/backups.md describes the rules.
 */
import { Dexie } from 'dexie';
import type { Issue } from '../../shared/exchange/issues';
import type { StudyData } from '../../shared/model';
import { DB_NAME, db as appDb, type ReisekartDb } from '../db';
import { platform } from '../platform';
import { restoreBundleInWorker, snapshotInWorker } from '../workers/bundleClient';
import { browserStore, desktopStore, type BackupStore, type SnapshotInfo } from './store';

export type { BackupStore, SnapshotInfo, SnapshotLabel } from './store';
export { BACKUP_DB_NAME, KEEP_OPERATIONS, KEEP_SCHEDULED, browserStore, desktopStore } from './store';

/** Why a snapshot was taken (a slug: it becomes part of the desktop file name). */
export type BackupReason = 'before-import' | 'before-merge' | 'before-delete' | 'before-restore' | 'before-reset' | 'scheduled' | 'manual';

/** Scheduled snapshots: every 10 minutes while there are changes. */
export const SCHEDULE_MS = 10 * 60 * 1000;

let store: BackupStore | null = null;

/** The desktop folder when the preload is there, else the browser's own backup database. */
export function backupStore(): BackupStore {
  store ??= platform.kind === 'electron' ? desktopStore(platform) : browserStore();
  return store;
}

/** Tests swap the store (or reset it with null). */
export function setBackupStore(s: BackupStore | null): void {
  store = s;
}

export type SnapshotResult = { ok: true; id: string } | { ok: false; message: string };

/** Write a snapshot of one study now. A study that does not exist is nothing to back up: ok, no id. */
export async function snapshotStudy(studyId: string, reason: BackupReason, opts: { db?: ReisekartDb; now?: Date } = {}): Promise<SnapshotResult> {
  const database = opts.db ?? appDb;
  const now = opts.now ?? new Date();
  try {
    // Loaded, stripped of terms and pseudonyms, hashed and deflated in the bundle worker: the
    // page never holds the whole study (renderer/workers/snapshotJob.ts).
    const built = await snapshotInWorker(database, studyId, now.toISOString());
    if (!built.bytes) return { ok: true, id: '' };
    const r = await backupStore().write(built.bytes, reason, { studyId, studyTitle: built.title }, now);
    if (r.ok) clean.add(studyId);
    return r.ok ? { ok: true, id: r.id } : r;
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** The user removes one snapshot (the only way a study's last before-delete snapshot goes). */
export async function removeSnapshot(id: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const r = await backupStore().remove(id);
  return r.ok ? { ok: true } : r;
}

export async function listSnapshots(): Promise<{ ok: true; snapshots: SnapshotInfo[] } | { ok: false; message: string }> {
  return backupStore().list();
}

export type ReadSnapshotResult = { ok: true; data: StudyData } | { ok: false; issues: Issue[] };

export async function readSnapshot(id: string): Promise<ReadSnapshotResult> {
  const r = await backupStore().read(id);
  if (!r.ok) return { ok: false, issues: [{ file: id, message: r.message }] };
  const restored = await restoreBundleInWorker(r.bytes, undefined, id);
  return restored.ok ? { ok: true, data: restored.data } : { ok: false, issues: restored.issues };
}

// ---------------------------------------------------------------------------------------------
// Schedule: a dirty flag from Dexie's storage-mutation event (the one liveQuery uses), checked
// every SCHEDULE_MS; only the study open in the window is snapshotted.

const clean = new Set<string>();
let dirty = false;
let installed: (() => void) | null = null;

export function markDirty(): void {
  dirty = true;
  clean.clear();
}

function touchesStudyDb(parts: Record<string, unknown>): boolean {
  const prefix = `idb://${DB_NAME}/`;
  return Object.keys(parts).some((k) => k.startsWith(prefix) && !k.startsWith(`${prefix}undo/`) && !k.startsWith(`${prefix}meta/`));
}

/** One tick of the schedule (exported for tests): snapshot the open study if anything changed. */
export async function scheduledTick(currentStudyId: string | null): Promise<SnapshotResult | null> {
  if (!dirty || !currentStudyId || clean.has(currentStudyId)) return null;
  dirty = false;
  const r = await snapshotStudy(currentStudyId, 'scheduled');
  if (!r.ok) dirty = true;
  return r;
}

/**
 * Start watching for changes and snapshotting on a timer. Idempotent; returns the stop
 * function. `currentStudyId` reads the route (the study open in this window).
 */
export function installBackupSchedule(currentStudyId: () => string | null, intervalMs = SCHEDULE_MS): () => void {
  if (installed) return installed;
  const listener = (parts: Record<string, unknown>) => {
    if (touchesStudyDb(parts)) markDirty();
  };
  Dexie.on('storagemutated', listener);
  const timer = setInterval(() => void scheduledTick(currentStudyId()), intervalMs);
  installed = () => {
    clearInterval(timer);
    Dexie.on('storagemutated').unsubscribe(listener);
    installed = null;
  };
  return installed;
}
