/**
 * Atomic file writes and bounded reads for the main process. Plain functions over node:fs.
 *
 * Atomic = write a temp file in the SAME directory (rename is only atomic within one file
 * system), fsync it so the bytes are on disk before the name points at them, then rename over
 * the target. A crash or a full disk mid-way leaves the old file intact and no half file.
 * (The pattern of write-file-atomic and of SQLite's rollback journal; rename(2) is atomic
 * per POSIX, MoveFileEx with MOVEFILE_REPLACE_EXISTING on Windows.)
 */
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import path from 'node:path';

export type FsResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** The few fs operations an atomic write needs; tests pass a wrapper that fails on purpose. */
export interface AtomicIo {
  open(file: string, flags: string, mode?: number): Promise<WritableHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string): Promise<void>;
  /** The target's own entry (a symlink is not followed); defaults to node:fs. */
  lstat?(file: string): Promise<{ mode: number; isFile(): boolean; isSymbolicLink(): boolean }>;
  chmod?(file: string, mode: number): Promise<void>;
  /** fsync a directory so the rename itself is durable; defaults to node:fs (a no-op where directories cannot be opened). */
  syncDir?(dir: string): Promise<void>;
}
export interface WritableHandle {
  write(bytes: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

async function syncDirectory(dir: string): Promise<void> {
  let h: fsp.FileHandle | undefined;
  try {
    h = await fsp.open(dir, 'r');
    await h.sync();
  } catch (e) {
    // Windows cannot open a directory (EISDIR/EPERM), and some file systems refuse fsync on one
    // (EINVAL): the rename is as durable as that platform makes it.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw e;
  } finally {
    await h?.close().catch(() => undefined);
  }
}

export const nodeIo: AtomicIo = {
  open: (file, flags, mode) => fsp.open(file, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  rm: (file) => fsp.rm(file, { force: true }),
  lstat: (file) => fsp.lstat(file),
  chmod: (file, mode) => fsp.chmod(file, mode),
  syncDir: syncDirectory,
};

/** Mode for a new file: owner-only, as the data is about minors. */
const NEW_FILE_MODE = 0o600;

/** A user-facing message (nb, the app's first language) for the errors a user can act on. */
export function describeFsError(error: unknown): { code: string; message: string } {
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'UNKNOWN';
  const messages: Record<string, string> = {
    ENOSPC: 'Disken er full. Frigjør plass eller velg en annen plassering, og prøv igjen.',
    EDQUOT: 'Diskkvoten er brukt opp. Frigjør plass eller velg en annen plassering.',
    EACCES: 'Du har ikke tilgang til å skrive her. Velg en annen mappe.',
    EPERM: 'Operasjonen ble ikke tillatt av systemet. Velg en annen mappe, eller lukk programmer som bruker filen.',
    EROFS: 'Plasseringen er skrivebeskyttet. Velg en annen mappe.',
    ENOENT: 'Mappen eller filen finnes ikke.',
    EISDIR: 'Det valgte navnet er en mappe, ikke en fil.',
    EBUSY: 'Filen er i bruk av et annet program.',
  };
  const detail = error instanceof Error ? error.message : String(error);
  return { code, message: messages[code] ?? `Filen kunne ikke skrives eller leses (${code}): ${detail}` };
}

/**
 * Write `bytes` to `target` atomically. Never leaves a temp file behind; never throws.
 * An existing regular file keeps its permission bits (a new file gets 0600). A symlink at the
 * target is replaced by the new file; the file it pointed at is left untouched (rename(2) replaces
 * the link itself, never what it points to). After the rename the directory is fsynced, so the new
 * name survives a power cut.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array, io: AtomicIo = nodeIo): Promise<FsResult<void>> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const lstat = io.lstat ?? ((f: string) => fsp.lstat(f));
  const chmod = io.chmod ?? ((f: string, m: number) => fsp.chmod(f, m));
  const syncDir = io.syncDir ?? syncDirectory;
  let handle: WritableHandle | undefined;
  try {
    let mode = NEW_FILE_MODE;
    try {
      const st = await lstat(target);
      if (st.isFile() && !st.isSymbolicLink()) mode = st.mode & 0o7777;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    // 'wx': fail rather than follow a pre-planted file or symlink at the temp name.
    handle = await io.open(temp, 'wx', NEW_FILE_MODE);
    let written = 0;
    while (written < bytes.byteLength) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.byteLength - written, written);
      if (bytesWritten <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
      written += bytesWritten;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    // After the data is written, so the file is never more open than owner-only while it fills.
    if (mode !== NEW_FILE_MODE) await chmod(temp, mode);
    await io.rename(temp, target);
    await syncDir(dir);
    return { ok: true, value: undefined };
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    await io.rm(temp).catch(() => undefined);
    return { ok: false, ...describeFsError(error) };
  }
}

/** Read a file of at most `maxBytes`; larger files are refused before reading. */
export async function readFileLimited(
  file: string,
  maxBytes: number,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | 'read-failed'; message: string }> {
  try {
    const stat = await fsp.stat(file);
    if (!stat.isFile()) return { ok: false, reason: 'read-failed', message: 'Det valgte er ikke en fil.' };
    if (stat.size > maxBytes) {
      return { ok: false, reason: 'too-large', message: `Filen er for stor (${stat.size} byte; grensen er ${maxBytes} byte).` };
    }
    const buffer = await fsp.readFile(file);
    // Guard again: the file may have grown between stat and read.
    if (buffer.byteLength > maxBytes) return { ok: false, reason: 'too-large', message: 'Filen er for stor.' };
    return { ok: true, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
  } catch (error) {
    return { ok: false, reason: 'read-failed', message: describeFsError(error).message };
  }
}
