/**
 * Rotating snapshots in `<userData>/backups`: every write is atomic (files.ts), the newest
 * MAX_BACKUPS are kept, older ones removed. A backup id is the file name, checked against
 * `BackupId` on the way in, so backup:read cannot be pointed outside the folder.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { BackupId, MAX_BACKUPS, MAX_FILE_BYTES, type BackupEntry, type HandlerResultOf, type backupList, type backupRead, type backupWrite } from '../shared/bridge';
import { describeFsError, readFileLimited, writeFileAtomic } from './files';

/** `2025-03-04T10:11:12.345Z` + `before-import` → `2025-03-04T10-11-12-345Z_before-import.bak`. */
export function backupFileName(now: Date, reason: string): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}_${reason}.bak`;
}

/** The inverse of backupFileName, or null for any file that is not ours. */
export function parseBackupFileName(name: string): { createdAt: string; reason: string } | null {
  if (!BackupId.safeParse(name).success) return null;
  const [stamp = '', rest = ''] = name.split('_');
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(stamp);
  if (!m) return null;
  return { createdAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`, reason: rest.replace(/\.bak$/, '') };
}

async function ourBackups(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: unknown) => {
    if (describeFsError(error).code === 'ENOENT') return [] as string[];
    throw error;
  });
  // ISO timestamps sort lexically in time order; newest first.
  return names.filter((n) => parseBackupFileName(n) !== null).sort().reverse();
}

export async function writeBackup(
  dir: string,
  bytes: Uint8Array,
  reason: string,
  now: Date,
  keep = MAX_BACKUPS,
): Promise<HandlerResultOf<typeof backupWrite>> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    return { ok: false, reason: 'write-failed', message: describeFsError(error).message };
  }
  const id = backupFileName(now, reason);
  const written = await writeFileAtomic(path.join(dir, id), bytes);
  if (!written.ok) return { ok: false, reason: 'write-failed', message: written.message };
  // Rotation failing must not turn a good backup into a reported failure.
  try {
    const all = await ourBackups(dir);
    await Promise.all(all.slice(keep).map((old) => rm(path.join(dir, old), { force: true })));
  } catch {
    /* the snapshot is written; rotation is retried on the next write */
  }
  return { ok: true, id };
}

export async function listBackups(dir: string): Promise<HandlerResultOf<typeof backupList>> {
  try {
    const backups: BackupEntry[] = [];
    for (const id of await ourBackups(dir)) {
      const parsed = parseBackupFileName(id);
      if (!parsed) continue;
      const info = await stat(path.join(dir, id));
      backups.push({ id, reason: parsed.reason, createdAt: parsed.createdAt, size: info.size });
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
