import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupFileName, exclusiveIo, listBackups, parseBackupFileName, readBackup, removeBackup, writeBackup } from '../../electron/backups';
import { studyKey } from '../../shared/backups/snapshots';
import { describeFsError, nodeIo, readFileLimited, writeFileAtomic, type AtomicIo } from '../../electron/files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'reisekart-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const enc = (s: string) => new TextEncoder().encode(s);
const fsError = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** The real file system, except that writes stop half-way with `code`. */
function failingMidWrite(code: string): AtomicIo {
  return {
    ...nodeIo,
    async open(file, flags, mode) {
      const handle = await fsp.open(file, flags, mode);
      return {
        async write(bytes, offset, length, position) {
          const half = Math.max(1, Math.floor(length / 2));
          await handle.write(bytes, offset, half, position);
          throw fsError(code);
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    },
  };
}

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temp file', async () => {
    const target = path.join(dir, 'rapport.pdf');
    expect(await writeFileAtomic(target, enc('%PDF-1.7 new'))).toEqual({ ok: true, value: undefined });
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 new');
    expect(readdirSync(dir)).toEqual(['rapport.pdf']);
  });

  it('replaces an existing file', async () => {
    const target = path.join(dir, 'a.csv');
    writeFileSync(target, 'old');
    expect((await writeFileAtomic(target, enc('new'))).ok).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new');
  });

  it('a failure mid-write leaves the old file intact and no partial file, with a clear ENOSPC message', async () => {
    const target = path.join(dir, 'studie.reisekart');
    writeFileSync(target, 'old content');
    const result = await writeFileAtomic(target, enc('x'.repeat(10_000)), failingMidWrite('ENOSPC'));
    expect(result).toEqual({ ok: false, code: 'ENOSPC', message: expect.stringContaining('Disken er full') });
    expect(readFileSync(target, 'utf8')).toBe('old content');
    expect(readdirSync(dir)).toEqual(['studie.reisekart']);
  });

  it('a failing rename leaves the old file intact and removes the temp file', async () => {
    const target = path.join(dir, 'b.txt');
    writeFileSync(target, 'old');
    const io: AtomicIo = { ...nodeIo, rename: async () => Promise.reject(fsError('EACCES')) };
    const result = await writeFileAtomic(target, enc('new'), io);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain('ikke tilgang');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['b.txt']);
  });

  it('keeps an existing file\'s permission bits; a new file is owner-only', async () => {
    const target = path.join(dir, 'delt.csv');
    writeFileSync(target, 'old');
    await fsp.chmod(target, 0o644);
    expect((await writeFileAtomic(target, enc('new'))).ok).toBe(true);
    expect((await fsp.stat(target)).mode & 0o777).toBe(0o644);
    const fresh = path.join(dir, 'ny.csv');
    expect((await writeFileAtomic(fresh, enc('x'))).ok).toBe(true);
    expect((await fsp.stat(fresh)).mode & 0o777).toBe(0o600);
  });

  it('a symlink at the target is replaced by the new file; the file it pointed at is untouched', async () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'reisekart-elsewhere-'));
    const victim = path.join(elsewhere, 'viktig.txt');
    writeFileSync(victim, 'ikke rør');
    const target = path.join(dir, 'rapport.pdf');
    await fsp.symlink(victim, target);
    expect((await writeFileAtomic(target, enc('%PDF new'))).ok).toBe(true);
    expect((await fsp.lstat(target)).isSymbolicLink()).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('%PDF new');
    expect(readFileSync(victim, 'utf8')).toBe('ikke rør');
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('fsyncs the directory after the rename', async () => {
    const calls: string[] = [];
    const io: AtomicIo = {
      ...nodeIo,
      rename: async (a, b) => {
        calls.push('rename');
        await fsp.rename(a, b);
      },
      syncDir: async (d) => {
        calls.push(`syncDir ${d === dir}`);
        await nodeIo.syncDir?.(d);
      },
    };
    expect((await writeFileAtomic(path.join(dir, 'c.txt'), enc('x'), io)).ok).toBe(true);
    expect(calls).toEqual(['rename', 'syncDir true']);
  });

  it('reports a missing directory as a value, not a throw', async () => {
    const result = await writeFileAtomic(path.join(dir, 'no', 'such', 'dir.txt'), enc('x'));
    expect(result).toMatchObject({ ok: false, code: 'ENOENT' });
  });
});

describe('describeFsError', () => {
  it.each([
    ['ENOSPC', 'Disken er full'],
    ['EACCES', 'ikke tilgang'],
    ['EROFS', 'skrivebeskyttet'],
  ])('%s has a message a user can act on', (code, text) => {
    expect(describeFsError(fsError(code))).toEqual({ code, message: expect.stringContaining(text) });
  });
  it('keeps the code of unknown errors', () => {
    expect(describeFsError(fsError('EWEIRD')).message).toContain('EWEIRD');
    expect(describeFsError('boom').code).toBe('UNKNOWN');
  });
});

describe('readFileLimited', () => {
  it('reads small files and refuses larger ones before reading', async () => {
    const file = path.join(dir, 'x.bin');
    writeFileSync(file, Buffer.alloc(101));
    expect(await readFileLimited(file, 101)).toMatchObject({ ok: true });
    expect(await readFileLimited(file, 100)).toMatchObject({ ok: false, reason: 'too-large' });
    expect(await readFileLimited(path.join(dir, 'missing'), 100)).toMatchObject({ ok: false, reason: 'read-failed' });
    expect(await readFileLimited(dir, 100)).toMatchObject({ ok: false, reason: 'read-failed' });
  });
});

describe('backups', () => {
  const t0 = Date.UTC(2025, 2, 4, 10, 11, 12, 345);

  it('names snapshots by time, reason and study key, and parses only its own names', () => {
    const name = backupFileName(new Date(t0), 'before-import', 'study-1');
    expect(name).toBe(`2025-03-04T10-11-12-345Z_before-import_${studyKey('study-1')}.bak`);
    expect(studyKey('study-1')).toMatch(/^k[0-9a-f]{14}$/);
    expect(studyKey('study-1')).not.toBe(studyKey('study-2'));
    expect(parseBackupFileName(name)).toEqual({ createdAt: '2025-03-04T10:11:12.345Z', reason: 'before-import', studyKey: studyKey('study-1') });
    // Names from before snapshots carried their study are still ours.
    expect(parseBackupFileName('2025-03-04T10-11-12-345Z_before-import.bak')).toEqual({ createdAt: '2025-03-04T10:11:12.345Z', reason: 'before-import', studyKey: null });
    for (const other of ['notes.txt', '.2025-03-04T10-11-12-345Z_a.bak.abc.tmp', 'x_2025.bak', '2025-03-04T10-11-12-345Z_a_../x.bak']) expect(parseBackupFileName(other)).toBeNull();
  });

  it('keeps snapshots per study: a busy study\'s scheduled snapshots never rotate away another study\'s before-delete', async () => {
    const backupDir = path.join(dir, 'per-study');
    expect((await writeBackup(backupDir, enc('b delete'), 'before-delete', 'study-b', new Date(t0))).ok).toBe(true);
    for (let i = 1; i <= 25; i += 1) {
      const r = await writeBackup(backupDir, enc(`a ${i}`), 'scheduled', 'study-a', new Date(t0 + i * 60_000));
      expect(r.ok).toBe(true);
    }
    for (let i = 1; i <= 12; i += 1) expect((await writeBackup(backupDir, enc(`a import ${i}`), 'before-import', 'study-a', new Date(t0 + i * 1000))).ok).toBe(true);
    writeFileSync(path.join(backupDir, 'user-note.txt'), 'not ours');
    const list = await listBackups(backupDir);
    if (!list.ok) throw new Error(list.message);
    const of = (key: string, reason: string) => list.backups.filter((b) => b.studyKey === studyKey(key) && b.reason === reason);
    expect(of('study-b', 'before-delete')).toHaveLength(1);
    expect(of('study-a', 'scheduled').map((b) => b.createdAt)).toEqual(Array.from({ length: 10 }, (_, k) => new Date(t0 + (25 - k) * 60_000).toISOString()));
    expect(of('study-a', 'before-import')).toHaveLength(10);
    expect(readdirSync(backupDir)).toContain('user-note.txt');
    const newest = list.backups[0];
    if (!newest) throw new Error('no backup');
    const read = await readBackup(backupDir, newest.id);
    expect(read.ok && new TextDecoder().decode(read.bytes)).toBe('a 25');
    expect(newest.size).toBe(enc('a 25').byteLength);
    // Only the user removes the last before-delete snapshot.
    const pinned = of('study-b', 'before-delete')[0];
    if (!pinned) throw new Error('no pinned');
    expect(await removeBackup(backupDir, pinned.id)).toEqual({ ok: true });
    expect(await removeBackup(backupDir, pinned.id)).toMatchObject({ ok: false, reason: 'not-found' });
    expect(await removeBackup(backupDir, '../../etc/passwd')).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('creates exclusively: two snapshots in the same millisecond both survive, each with its own bytes', async () => {
    const backupDir = path.join(dir, 'same-ms');
    const at = new Date(t0);
    const [a, b] = await Promise.all([writeBackup(backupDir, enc('first'), 'before-import', 's', at), writeBackup(backupDir, enc('second'), 'before-import', 's', at)]);
    if (!a.ok || !b.ok) throw new Error('write');
    expect(a.id).not.toBe(b.id);
    const texts = await Promise.all([a.id, b.id].map(async (id) => {
      const r = await readBackup(backupDir, id);
      return r.ok ? new TextDecoder().decode(r.bytes) : '';
    }));
    expect(texts.sort()).toEqual(['first', 'second']);
    // An existing name is never replaced: a third one at the same time goes to a later millisecond.
    const c = await writeBackup(backupDir, enc('third'), 'before-import', 's', at);
    expect(c.ok && parseBackupFileName(c.id)?.createdAt).toBe(new Date(t0 + 2).toISOString());
    expect(readdirSync(backupDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a failed write leaves no file and no temporary file, and is reported', async () => {
    const backupDir = path.join(dir, 'failing');
    mkdirSync(backupDir, { recursive: true });
    const failing = { ...exclusiveIo, link: async () => Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' })) };
    const r = await writeBackup(backupDir, enc('x'), 'before-delete', 's', new Date(t0), failing);
    expect(r).toMatchObject({ ok: false, reason: 'write-failed' });
    if (!r.ok) expect(r.message).toMatch(/Disken er full/);
    expect(readdirSync(backupDir)).toEqual([]);
  });

  it('an empty or missing folder lists nothing; unknown ids are not found', async () => {
    expect(await listBackups(path.join(dir, 'none'))).toEqual({ ok: true, backups: [] });
    expect(await readBackup(dir, '2025-03-04T10-11-12-345Z_auto.bak')).toMatchObject({ ok: false, reason: 'not-found' });
    expect(await readBackup(dir, '../../etc/passwd')).toMatchObject({ ok: false, reason: 'not-found' });
  });
});
