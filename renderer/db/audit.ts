/**
 * Reading the audit log (the trail's screen, its CSV and the PDF's method appendix) and appending
 * an entry with who = the study's current coder (exports, and other events no table write shows).
 */
import type { AuditEntry } from '../../shared/model';
import { appDb, type ReisekartDb } from './database';
import { useKeyedLiveQuery } from './hooks';
import { writeAudit } from './records';
import type { WriteResult } from './results';
import { currentCoder } from './revised';

/** A study's audit entries, oldest first. */
export async function listAudit(db: ReisekartDb, studyId: string): Promise<AuditEntry[]> {
  const rows = await db.audit.where('studyId').equals(studyId).toArray();
  return rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id.localeCompare(b.id)));
}

export function useAudit(studyId: string | null | undefined, db: ReisekartDb = appDb()): AuditEntry[] | undefined {
  return useKeyedLiveQuery(studyId ?? '', () => (studyId ? listAudit(db, studyId) : Promise.resolve([])), [db]);
}

/** Append an entry by the study's current coder. */
export async function logAudit(db: ReisekartDb, studyId: string, entry: { action: string; subject?: string; counts?: Record<string, number>; note?: string }): Promise<WriteResult<AuditEntry>> {
  const who = await currentCoder(db, studyId);
  return writeAudit(db, { studyId, who, action: entry.action, subject: (entry.subject ?? '').slice(0, 200), counts: entry.counts ?? {}, note: (entry.note ?? '').slice(0, 2000) });
}
