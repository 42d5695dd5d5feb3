/**
 * Snapshots in `<userData>/backups`, kept per study (shared/backups/snapshots.ts): scheduled and
 * before-operation snapshots are rotated apart, and the newest before-delete snapshot of each
 * study stays until the user removes it. Every snapshot is created EXCLUSIVELY: written to a
 * temporary file, fsynced, then hard-linked to its final name, which fails rather than replace an
 * existing snapshot (two in the same millisecond get the next free millisecond). A backup id is
 * the file name, checked against `BackupId` on the way in, so backup:read and backup:remove
 * cannot be pointed outside the folder.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { BackupId, MAX_FILE_BYTES, type BackupEntry, type HandlerResultOf, type backupList, type backupRead, type backupRemove, type backupWrite } from '../shared/bridge';
import { parseSnapshotName, snapshotFileName, snapshotsToRemove, studyKey } from '../shared/backups/snapshots';
import { describeFsError, nodeIo, readFileLimited, writeFileAtomic, type AtomicIo } from './files';

/** `2025-03-04T10:11:12.345Z` + `before-import` (+ study) → `2025-03-04T10-11-12-345Z_before-import[_k…].bak`. */
export function backupFileName(now: Date, reason: string, studyId?: string): string {
  return snapshotFileName(now, reason, studyId === undefined ? undefined : studyKey(studyId));
}

/** The inverse of backupFileName, or null for any file that is not ours. */
export function parseBackupFileName(name: string): { createdAt: string; reason: string; studyKey: string | null } | null {
  const p = parseSnapshotName(name);
  return p ? { createdAt: p.createdAt, reason: p.reason, studyKey: p.key } : null;
}

async function ourBackups(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: unknown) => {
    if (describeFsError(error).code === 'ENOENT') return [] as string[];
    throw error;
  });
  // ISO timestamps sort lexically in time order; newest first.
  return names.filter((n) => parseBackupFileName(n) !== null).sort().reverse();
}

/** What an exclusive create needs besides an atomic write: a link that fails on an existing name. */
export interface ExclusiveIo extends AtomicIo {
  link(from: string, to: string): Promise<void>;
}
export const exclusiveIo: ExclusiveIo = { ...nodeIo, link: (from, to) => link(from, to) };

/** How many later milliseconds a snapshot may move to when its name is taken. */
const MAX_TRIES = 1000;

/**
 * Create a new snapshot file; never replaces one. The bytes go to a temporary name atomically
 * (files.ts), then get their final name by link(2) — EEXIST means another snapshot has it, so the
 * next millisecond is tried. The temporary name is removed in every case.
 */
export async function createSnapshotFile(dir: string, bytes: Uint8Array, reason: string, studyId: string, now: Date, io: ExclusiveIo = exclusiveIo): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  const temp = path.join(dir, `.snapshot.${randomBytes(6).toString('hex')}.tmp`);
  const written = await writeFileAtomic(temp, bytes, io);
  if (!written.ok) return { ok: false, message: written.message };
  try {
    for (let i = 0; i < MAX_TRIES; i++) {
      const id = backupFileName(new Date(now.getTime() + i), reason, studyId);
      try {
        await io.link(temp, path.join(dir, id));
        return { ok: true, id };
      } catch (error) {
        if (describeFsError(error).code !== 'EEXIST') return { ok: false, message: describeFsError(error).message };
      }
    }
    return { ok: false, message: 'Fant ikke et ledig navn for sikkerhetskopien.' };
  } finally {
    await io.rm(temp).catch(() => undefined);
  }
}

export async function writeBackup(dir: string, bytes: Uint8Array, reason: string, studyId: string, now: Date, io: ExclusiveIo = exclusiveIo): Promise<HandlerResultOf<typeof backupWrite>> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    return { ok: false, reason: 'write-failed', message: describeFsError(error).message };
  }
  const created = await createSnapshotFile(dir, bytes, reason, studyId, now, io);
  if (!created.ok) return { ok: false, reason: 'write-failed', message: created.message };
  // Rotation failing must not turn a good backup into a reported failure.
  try {
    const remove = snapshotsToRemove(await ourBackups(dir));
    await Promise.all(remove.map((old) => rm(path.join(dir, old), { force: true })));
  } catch {
    /* the snapshot is written; rotation is retried on the next write */
  }
  return { ok: true, id: created.id };
}

export async function listBackups(dir: string): Promise<HandlerResultOf<typeof backupList>> {
  try {
    const backups: BackupEntry[] = [];
    for (const id of await ourBackups(dir)) {
      const parsed = parseBackupFileName(id);
      if (!parsed) continue;
      const info = await stat(path.join(dir, id));
      backups.push({ id, reason: parsed.reason, createdAt: parsed.createdAt, size: info.size, studyKey: parsed.studyKey });
    }
    return { ok: true, backups };
  } catch (error) {
    return { ok: false, reason: 'read-failed', message: describeFsError(error).message };
  }
}

export async function readBackup(dir: string, id: string): Promise<HandlerResultOf<typeof backupRead>> {
  if (!BackupId.safeParse(id).success) return { ok: false, reason: 'not-found', message: 'Ukjent sikkerhetskopi.' };
  const file = path.join(dir, id);
  const read = await readFileLimited(file, MAX_FILE_BYTES);
  if (read.ok) return { ok: true, id, bytes: read.bytes };
  const missing = await stat(file).then(() => false, () => true);
  if (missing) return { ok: false, reason: 'not-found', message: 'Sikkerhetskopien finnes ikke.' };
  return { ok: false, reason: 'read-failed', message: read.message };
}

/** The user removes one snapshot (the only way a study's last before-delete snapshot goes). */
export async function removeBackup(dir: string, id: string): Promise<HandlerResultOf<typeof backupRemove>> {
  if (!BackupId.safeParse(id).success) return { ok: false, reason: 'not-found', message: 'Ukjent sikkerhetskopi.' };
  const file = path.join(dir, id);
  const exists = await stat(file).then(() => true, () => false);
  if (!exists) return { ok: false, reason: 'not-found', message: 'Sikkerhetskopien finnes ikke.' };
  try {
    await rm(file);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: 'remove-failed', message: describeFsError(error).message };
  }
}
