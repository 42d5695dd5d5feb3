/**
 * Snapshot names and which snapshots are kept — the same rules for the desktop store
 * (electron/backups.ts) and the browser store (renderer/backup/store.ts). Pure.
 *
 * A snapshot id is `<ISO time with - for : and .>_<reason>_<study key>.bak`: the study key makes
 * retention per study possible from the name alone (the main process never opens a snapshot).
 * Ids without a study key (written before this rule) are read as one group of their own.
 *
 * Kept, per study: the newest KEEP_SCHEDULED scheduled/manual snapshots and, apart from them, the
 * newest KEEP_OPERATIONS snapshots taken before an operation (import, merge, restore, delete), so
 * ten-minute snapshots of one study never rotate away another study's — or its own —
 * before-operation snapshots. The newest before-delete snapshot of every study is never removed
 * by rotation: only the user removes it (backup:remove).
 */

export const KEEP_SCHEDULED = 10;
export const KEEP_OPERATIONS = 10;

/** A short, stable key for a study id (53-bit cyrb53, hex): grouping only, never an identity. */
export function studyKey(studyId: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < studyId.length; i++) {
    const ch = studyId.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `k${n.toString(16).padStart(14, '0')}`;
}

export const SNAPSHOT_ID_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z_([a-z0-9][a-z0-9-]{0,39})(?:_(k[0-9a-f]{14}))?\.bak$/;

/** `2025-03-04T10:11:12.345Z`, `before-import`, key → `2025-03-04T10-11-12-345Z_before-import_k….bak`. */
export function snapshotFileName(now: Date, reason: string, key?: string): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}_${reason}${key ? `_${key}` : ''}.bak`;
}

export interface SnapshotName {
  createdAt: string;
  reason: string;
  /** null for names written before snapshots carried their study. */
  key: string | null;
}

export function parseSnapshotName(name: string): SnapshotName | null {
  const m = SNAPSHOT_ID_RE.exec(name);
  if (!m) return null;
  return { createdAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`, reason: m[6] as string, key: m[7] ?? null };
}

export type SnapshotClass = 'scheduled' | 'operation';

export function snapshotClass(reason: string): SnapshotClass {
  return reason === 'scheduled' || reason === 'manual' ? 'scheduled' : 'operation';
}

/** The ids rotation removes from `ids` (any order in, any order out). Unknown names are never touched. */
export function snapshotsToRemove(ids: readonly string[], keep: { scheduled: number; operations: number } = { scheduled: KEEP_SCHEDULED, operations: KEEP_OPERATIONS }): string[] {
  const groups = new Map<string, { id: string; name: SnapshotName }[]>();
  for (const id of ids) {
    const name = parseSnapshotName(id);
    if (!name) continue;
    const g = `${name.key ?? 'legacy'}\u0000${snapshotClass(name.reason)}`;
    const list = groups.get(g) ?? [];
    list.push({ id, name });
    groups.set(g, list);
  }
  const out: string[] = [];
  for (const [g, list] of groups) {
    const cls = g.endsWith('scheduled') ? 'scheduled' : 'operation';
    // Newest first: the ISO stamp sorts in time order, the id breaks ties.
    list.sort((a, b) => (a.name.createdAt === b.name.createdAt ? (a.id < b.id ? 1 : -1) : a.name.createdAt < b.name.createdAt ? 1 : -1));
    const pinned = cls === 'operation' ? list.find((x) => x.name.reason === 'before-delete')?.id : undefined;
    const limit = cls === 'scheduled' ? keep.scheduled : keep.operations;
    let kept = 0;
    for (const x of list) {
      if (x.id === pinned || kept < limit) {
        if (x.id !== pinned) kept++;
        continue;
      }
      out.push(x.id);
    }
  }
  return out;
}
