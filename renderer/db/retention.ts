/**
 * Retention (issue #19): a study's end date and rule (shared/model/retention.ts), and the deletion
 * itself. Unlike every other bulk operation, retention keeps NO before-snapshot (a snapshot would
 * hold exactly what must be gone); the screen says so before it runs. What it covers is removed
 * from every table, from the persistent undo log (whose entries hold copies of records), and
 * travels to partners as a deletion: transcripts are buried (tombstones), emptied quotes, notes and
 * attributes are new revisions. Backups holding the study are removed by the caller
 * (renderer/features/retention: `removeStudyBackups`), since the backup store is not this database.
 */
import { Dexie } from 'dexie';
import { attributeText, RetentionPlan, textReviewed, type InformantAttributes, type Segment, type StudyVariable } from '../../shared/model';
import type { ReisekartDb } from './database';
import { appDb } from './database';
import { useKeyedLiveQuery } from './hooks';
import { buryRevised, putRevised, writeInStudy } from './records';
import { parseRecord, type WriteResult } from './results';

export async function getRetentionPlan(db: ReisekartDb, studyId: string): Promise<RetentionPlan | null> {
  return (await db.retention.get(studyId)) ?? null;
}

export async function saveRetentionPlan(db: ReisekartDb, input: Omit<RetentionPlan, 'id' | 'updatedAt' | 'executedAt'> & { executedAt?: string | null }): Promise<WriteResult<RetentionPlan>> {
  const parsed = parseRecord(RetentionPlan, { ...input, id: input.studyId, updatedAt: db.env.now(), executedAt: input.executedAt ?? null });
  if (!parsed.ok) return parsed;
  return writeInStudy(db, parsed.value.studyId, [db.retention], async () => {
    await db.retention.put(parsed.value);
    return parsed.value;
  });
}

export function useRetentionPlan(studyId: string | null | undefined, db: ReisekartDb = appDb()): RetentionPlan | null | undefined {
  return useKeyedLiveQuery(studyId ?? '', () => (studyId ? getRetentionPlan(db, studyId) : Promise.resolve(null)), [db]);
}

/** What the deletion removed, in counts (the audit entry keeps these, never values). */
export interface RetentionCounts {
  transcripts: number;
  pseudonyms: number;
  terms: number;
  quotes: number;
  notes: number;
  attributes: number;
  undo: number;
}

/**
 * Run the study's retention rule now, in one transaction, and record it in the audit log. No
 * before-snapshot is taken. Refuses without a plan or when it already ran.
 */
export async function executeRetention(db: ReisekartDb, studyId: string, who: string): Promise<WriteResult<RetentionCounts>> {
  const plan = await getRetentionPlan(db, studyId);
  if (!plan) return { ok: false, reason: 'not-found', message: 'retention.no-plan' };
  if (plan.executedAt) return { ok: false, reason: 'invalid', issues: [{ path: 'executedAt', field: 'executedAt', message: 'retention.already-done' }] };
  const rule = plan.rule;
  const tables = [db.transcripts, db.segments, db.interviews, db.pseudonyms, db.terms, db.attributes, db.variables, db.undo, db.audit, db.retention];
  return writeInStudy(db, studyId, tables, async (author) => {
    const counts: RetentionCounts = { transcripts: 0, pseudonyms: 0, terms: 0, quotes: 0, notes: 0, attributes: 0, undo: 0 };
    if (rule.transcripts) {
      const ids = await db.transcripts.where('studyId').equals(studyId).primaryKeys();
      await buryRevised(db, 'transcripts', ids, author);
      counts.transcripts = ids.length;
    }
    if (rule.pseudonyms) {
      counts.pseudonyms = await db.pseudonyms.where('studyId').equals(studyId).delete();
      counts.terms = await db.terms.where('studyId').equals(studyId).delete();
    }
    const segments = await db.segments.where('studyId').equals(studyId).toArray();
    const changed: Segment[] = [];
    for (const s of segments) {
      const dropQuote = s.quote !== '' && (rule.allQuotes || (rule.unreviewedQuotes && !textReviewed(s)));
      const dropNote = s.note !== '' && (rule.notes || dropQuote);
      if (!dropQuote && !dropNote) continue;
      if (dropQuote) counts.quotes++;
      if (dropNote) counts.notes++;
      // A quote without its transcript cannot be re-anchored: it is kept as it was cut (or emptied).
      changed.push({ ...s, quote: dropQuote ? '' : s.quote, note: dropNote ? '' : s.note, updatedAt: author.at });
    }
    await putRevised(db, 'segments', changed, author);
    if (rule.notes) {
      const ivs = (await db.interviews.where('studyId').equals(studyId).toArray()).filter((iv) => iv.notes !== '');
      await putRevised(db, 'interviews', ivs.map((iv) => ({ ...iv, notes: '', updatedAt: author.at })), author);
      counts.notes += ivs.length;
    }
    if (rule.textAttributes) {
      const variables: StudyVariable[] = await db.variables.where('studyId').equals(studyId).toArray();
      const textIds = new Set(variables.filter((v) => v.type === 'text').map((v) => v.id));
      const attrs = (await db.attributes.where('studyId').equals(studyId).toArray()).filter((a) => attributeText(variables, a) !== '');
      const stripped: InformantAttributes[] = attrs.map((a) => {
        const values = Object.fromEntries(Object.entries(a.values).filter(([id]) => !textIds.has(id)));
        const { review: _r, ...rest } = a;
        return { ...rest, values, updatedAt: author.at };
      });
      await putRevised(db, 'attributes', stripped, author);
      counts.attributes = stripped.length;
    }
    // The undo log holds copies of records (before and after each edit): all of the study's go.
    counts.undo = await db.undo.where('[studyId+scope]').between([studyId, Dexie.minKey], [studyId, Dexie.maxKey]).delete();
    const at = author.at;
    await db.audit.add({ id: db.env.newId(), studyId, at, who: who.slice(0, 100), action: 'retention.execute', subject: plan.endDate, counts: { ...counts }, note: 'ingen sikkerhetskopi før sletting (retensjon)' });
    await db.retention.put({ ...plan, executedAt: at, updatedAt: at });
    return counts;
  });
}
