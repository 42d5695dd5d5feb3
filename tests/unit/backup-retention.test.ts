/**
 * Which snapshots rotation removes (shared/backups/snapshots.ts), for the desktop and browser
 * stores alike: per study, scheduled and before-operation snapshots apart, and a study's newest
 * before-delete snapshot kept until the user removes it.
 */
import { describe, expect, it } from 'vitest';
import { parseSnapshotName, snapshotFileName, snapshotsToRemove, studyKey } from '../../shared/backups/snapshots';

const T0 = Date.UTC(2026, 0, 1, 8, 0, 0, 0);
const at = (min: number) => new Date(T0 + min * 60_000);
const id = (min: number, reason: string, study: string | null) => snapshotFileName(at(min), reason, study === null ? undefined : studyKey(study));

describe('snapshot names', () => {
  it('round-trip time, reason and study key; older names have no key', () => {
    expect(parseSnapshotName(id(3, 'before-merge', 'a'))).toEqual({ createdAt: at(3).toISOString(), reason: 'before-merge', key: studyKey('a') });
    expect(parseSnapshotName(id(3, 'scheduled', null))).toEqual({ createdAt: at(3).toISOString(), reason: 'scheduled', key: null });
    expect(parseSnapshotName('../x.bak')).toBeNull();
  });
});

describe('snapshotsToRemove', () => {
  it('keeps the newest N scheduled and, apart from them, the newest N before-operation snapshots per study', () => {
    const ids = [
      ...Array.from({ length: 5 }, (_, i) => id(i, 'scheduled', 'a')),
      ...Array.from({ length: 4 }, (_, i) => id(100 + i, 'before-import', 'a')),
      ...Array.from({ length: 3 }, (_, i) => id(200 + i, 'manual', 'b')),
    ];
    const removed = snapshotsToRemove(ids, { scheduled: 2, operations: 3 });
    expect(removed.sort()).toEqual([id(0, 'scheduled', 'a'), id(1, 'scheduled', 'a'), id(2, 'scheduled', 'a'), id(100, 'before-import', 'a'), id(200, 'manual', 'b')].sort());
  });

  it('never rotates away the newest before-delete snapshot of a study, however many operations follow', () => {
    const ids = [id(0, 'before-delete', 'gone'), id(1, 'before-delete', 'gone'), ...Array.from({ length: 6 }, (_, i) => id(10 + i, 'before-restore', 'gone'))];
    const removed = snapshotsToRemove(ids, { scheduled: 2, operations: 2 });
    expect(removed).not.toContain(id(1, 'before-delete', 'gone'));
    expect(removed).toContain(id(0, 'before-delete', 'gone'));
    expect(ids.filter((x) => !removed.includes(x)).sort()).toEqual([id(1, 'before-delete', 'gone'), id(14, 'before-restore', 'gone'), id(15, 'before-restore', 'gone')].sort());
  });

  it('one study\'s busy schedule never touches another study, nor names it does not know', () => {
    const other = [id(0, 'before-delete', 'b'), id(1, 'before-import', 'b'), id(2, 'scheduled', 'b')];
    const busy = Array.from({ length: 50 }, (_, i) => id(10 + i, 'scheduled', 'a'));
    const removed = snapshotsToRemove([...other, ...busy, 'notes.txt'], { scheduled: 3, operations: 3 });
    expect(removed).toHaveLength(47);
    for (const x of [...other, 'notes.txt']) expect(removed).not.toContain(x);
  });
});
