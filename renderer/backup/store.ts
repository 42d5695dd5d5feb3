/**
 * Where snapshots go. In the desktop app: the main process's folder in the user data directory
 * (electron/backups.ts); which study a file holds is in its name as a key, and its title is
 * remembered in a small label table here. In a plain browser (tests, facilitators without install
 * rights) there is no preload: snapshots live in a separate IndexedDB database,
 * `reisekart-backups`, so a problem in the study database cannot take its backups with it.
 * Both keep snapshots per study by the same rule (shared/backups/snapshots.ts) and create them
 * exclusively: a snapshot never replaces another, even in the same millisecond.
 */
import { Dexie, type Table } from 'dexie';
import { snapshotFileName, snapshotsToRemove, studyKey } from '../../shared/backups/snapshots';
import type { Platform } from '../platform';

export const BACKUP_DB_NAME = 'reisekart-backups';
/** Kept per study, in both stores (shared/backups/snapshots.ts). */
export { KEEP_OPERATIONS, KEEP_SCHEDULED } from '../../shared/backups/snapshots';

export interface SnapshotLabel {
  studyId: string;
  studyTitle: string;
}

export interface SnapshotInfo extends Partial<SnapshotLabel> {
  id: string;
  createdAt: string;
  reason: string;
  size: number;
}

export type StoreResult<T> = ({ ok: true } & T) | { ok: false; message: string };

export interface BackupStore {
  readonly kind: 'desktop' | 'browser';
  write(bytes: Uint8Array, reason: string, label: SnapshotLabel, now: Date): Promise<StoreResult<{ id: string }>>;
  /** Newest first. */
  list(): Promise<StoreResult<{ snapshots: SnapshotInfo[] }>>;
  read(id: string): Promise<StoreResult<{ bytes: Uint8Array }>>;
  /** The user removes a snapshot (rotation never removes a study's last before-delete snapshot). */
  remove(id: string): Promise<StoreResult<object>>;
}

interface StoredSnapshot extends SnapshotInfo {
  bytes: Uint8Array;
}

interface LabelRow extends SnapshotLabel {
  id: string;
}

class BackupDb extends Dexie {
  declare snapshots: Table<StoredSnapshot, string>;
  declare labels: Table<LabelRow, string>;
  constructor(name: string) {
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({ snapshots: 'id, createdAt', labels: 'id' });
  }
}

let backupDb: BackupDb | null = null;
export function openBackupDb(): BackupDb {
  backupDb ??= new BackupDb(BACKUP_DB_NAME);
  return backupDb;
}

/** The same id shape as the desktop's file names (shared/backups/snapshots.ts). */
export function snapshotId(now: Date, reason: string, studyId: string): string {
  return snapshotFileName(now, reason, studyKey(studyId));
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function browserStore(open: () => BackupDb = openBackupDb): BackupStore {
  return {
    kind: 'browser',
    async write(bytes, reason, label, now) {
      try {
        const bdb = open();
        const id = await bdb.transaction('rw', bdb.snapshots, async () => {
          // Exclusive: a taken id moves to the next free millisecond, and `add` (not `put`)
          // fails rather than replace a snapshot.
          let t = now.getTime();
          while (await bdb.snapshots.get(snapshotId(new Date(t), reason, label.studyId))) t++;
          const at = new Date(t);
          const sid = snapshotId(at, reason, label.studyId);
          await bdb.snapshots.add({ id: sid, createdAt: at.toISOString(), reason, size: bytes.byteLength, bytes, ...label });
          // Rotation per study from the ids alone (no snapshot bytes are read).
          const ids = (await bdb.snapshots.toCollection().primaryKeys()) as string[];
          const old = snapshotsToRemove(ids);
          if (old.length) await bdb.snapshots.bulkDelete(old);
          return sid;
        });
        return { ok: true, id };
      } catch (e) {
        return { ok: false, message: message(e) };
      }
    },
    async list() {
      try {
        const rows = await open().snapshots.orderBy('createdAt').reverse().toArray();
        return { ok: true, snapshots: rows.map(({ bytes: _bytes, ...info }) => info) };
      } catch (e) {
        return { ok: false, message: message(e) };
      }
    },
    async read(id) {
      try {
        const row = await open().snapshots.get(id);
        return row ? { ok: true, bytes: row.bytes } : { ok: false, message: 'Sikkerhetskopien finnes ikke.' };
      } catch (e) {
        return { ok: false, message: message(e) };
      }
    },
    async remove(id) {
      try {
        const bdb = open();
        if (!(await bdb.snapshots.get(id))) return { ok: false, message: 'Sikkerhetskopien finnes ikke.' };
        await bdb.snapshots.delete(id);
        return { ok: true };
      } catch (e) {
        return { ok: false, message: message(e) };
      }
    },
  };
}

export function desktopStore(platform: Platform, open: () => BackupDb = openBackupDb): BackupStore {
  return {
    kind: 'desktop',
    async write(bytes, reason, label) {
      const r = await platform.writeBackup(bytes, reason, label.studyId);
      if (!r.ok) return { ok: false, message: r.message };
      // A lost label only blanks the study column; the snapshot itself is safe.
      await open().labels.put({ id: r.id, ...label }).catch(() => undefined);
      return { ok: true, id: r.id };
    },
    async list() {
      const r = await platform.listBackups();
      if (!r.ok) return { ok: false, message: r.message };
      const labels = await open().labels.bulkGet(r.backups.map((b) => b.id)).catch(() => [] as (LabelRow | undefined)[]);
      return {
        ok: true,
        snapshots: r.backups.map((b, i) => {
          const l = labels[i];
          return { ...b, ...(l ? { studyId: l.studyId, studyTitle: l.studyTitle } : {}) };
        }),
      };
    },
    async read(id) {
      const r = await platform.readBackup(id);
      return r.ok ? { ok: true, bytes: r.bytes } : { ok: false, message: r.message };
    },
    async remove(id) {
      const r = await platform.removeBackup(id);
      if (!r.ok) return { ok: false, message: r.message };
      await open().labels.delete(id).catch(() => undefined);
      return { ok: true };
    },
  };
}
