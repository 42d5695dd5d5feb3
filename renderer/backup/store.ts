/**
 * Where snapshots go. In the desktop app: the main process's rotating folder in the user data
 * directory (electron/backups.ts, up to MAX_BACKUPS); which study a file holds is remembered in a
 * small label table here, since the main process names files by time and reason only. In a plain
 * browser (tests, facilitators without install rights) there is no preload: the last
 * BROWSER_KEEP snapshots live in a separate IndexedDB database, `reisekart-backups`, so a
 * problem in the study database cannot take its backups with it.
 */
import { Dexie, type Table } from 'dexie';
import type { Platform } from '../platform';

export const BACKUP_DB_NAME = 'reisekart-backups';
/** Browser snapshots kept (the desktop keeps MAX_BACKUPS files). */
export const BROWSER_KEEP = 5;

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

/** The same id shape as the desktop's file names (electron/backups.ts backupFileName). */
export function snapshotId(now: Date, reason: string): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}_${reason}.bak`;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function browserStore(keep = BROWSER_KEEP, open: () => BackupDb = openBackupDb): BackupStore {
  return {
    kind: 'browser',
    async write(bytes, reason, label, now) {
      try {
        const bdb = open();
        const id = await bdb.transaction('rw', bdb.snapshots, async () => {
          // Two snapshots in the same millisecond get the next free millisecond.
          let t = now.getTime();
          while (await bdb.snapshots.get(snapshotId(new Date(t), reason))) t++;
          const at = new Date(t);
          const sid = snapshotId(at, reason);
          await bdb.snapshots.put({ id: sid, createdAt: at.toISOString(), reason, size: bytes.byteLength, bytes, ...label });
          const old = await bdb.snapshots.orderBy('createdAt').reverse().offset(keep).primaryKeys();
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
  };
}

export function desktopStore(platform: Platform, open: () => BackupDb = openBackupDb): BackupStore {
  return {
    kind: 'desktop',
    async write(bytes, reason, label) {
      const r = await platform.writeBackup(bytes, reason);
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
  };
}
