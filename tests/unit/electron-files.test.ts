import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupFileName, listBackups, parseBackupFileName, readBackup, writeBackup } from '../../electron/backups';
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

  it('names snapshots by time and reason, and parses only its own names', () => {
    const name = backupFileName(new Date(t0), 'before-import');
    expect(name).toBe('2025-03-04T10-11-12-345Z_before-import.bak');
    expect(parseBackupFileName(name)).toEqual({ createdAt: '2025-03-04T10:11:12.345Z', reason: 'before-import' });
    for (const other of ['notes.txt', '.2025-03-04T10-11-12-345Z_a.bak.abc.tmp', 'x_2025.bak']) expect(parseBackupFileName(other)).toBeNull();
  });

  it('writes, lists newest first, reads back, and keeps only the newest N', async () => {
    const backupDir = path.join(dir, 'backups');
    for (let i = 0; i < 25; i += 1) {
      const r = await writeBackup(backupDir, enc(`snapshot ${i}`), i % 2 ? 'auto' : 'before-import', new Date(t0 + i * 60_000));
      expect(r.ok).toBe(true);
    }
    writeFileSync(path.join(backupDir, 'user-note.txt'), 'not ours');
    const list = await listBackups(backupDir);
    if (!list.ok) throw new Error(list.message);
    expect(list.backups).toHaveLength(20);
    expect(list.backups[0]?.createdAt).toBe(new Date(t0 + 24 * 60_000).toISOString());
    expect(list.backups.at(-1)?.createdAt).toBe(new Date(t0 + 5 * 60_000).toISOString());
    // Rotation touches only our files.
    expect(readdirSync(backupDir)).toContain('user-note.txt');
    const newest = list.backups[0];
    if (!newest) throw new Error('no backup');
    const read = await readBackup(backupDir, newest.id);
    expect(read.ok && new TextDecoder().decode(read.bytes)).toBe('snapshot 24');
    expect(newest.size).toBe(enc('snapshot 24').byteLength);
  });

  it('an empty or missing folder lists nothing; unknown ids are not found', async () => {
    expect(await listBackups(path.join(dir, 'none'))).toEqual({ ok: true, backups: [] });
    expect(await readBackup(dir, '2025-03-04T10-11-12-345Z_auto.bak')).toMatchObject({ ok: false, reason: 'not-found' });
    expect(await readBackup(dir, '../../etc/passwd')).toMatchObject({ ok: false, reason: 'not-found' });
  });
});
