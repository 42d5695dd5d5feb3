/**
 * Retention reaches the backups too: every snapshot of the study holds the transcripts and quotes
 * retention deletes, so all of the study's snapshots are removed (newer ones are written only
 * after the deletion, without the deleted data).
 */
import type { BackupStore } from '../../backup';

export async function removeStudyBackups(store: BackupStore, studyId: string): Promise<{ ok: true; removed: number } | { ok: false; message: string }> {
  const listed = await store.list();
  if (!listed.ok) return listed;
  let removed = 0;
  for (const s of listed.snapshots) {
    if (s.studyId !== studyId) continue;
    const r = await store.remove(s.id);
    if (!r.ok) return r;
    removed++;
  }
  return { ok: true, removed };
}
