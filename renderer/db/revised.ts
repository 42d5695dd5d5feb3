/**
 * Writes of revised records that live in tables of their own (memos, the interview guide): the
 * same rules as records.ts (parsed first, the study must exist, its `updatedAt` moves, every put
 * stamps the next revision, every delete leaves a tombstone that travels), kept apart from
 * records.ts so that file is not grown (docs/store.md).
 */
import type { Table } from 'dexie';
import { stampRevision, tombstoneOf, type RevisionAuthor } from '../../shared/exchange/revision';
import type { AuditEntry, RevisedEntity, Revision, Tombstone } from '../../shared/model';
import type { ReisekartDb } from './database';
import { guarded, WriteAbort, type WriteResult } from './results';

type RevisedRow = { id: string; studyId: string; rev?: Revision } & Record<string, unknown>;

/** The coder id the workbench has chosen for this study; else, as the workbench shows it, the study's first coder ('' when none). */
export async function currentCoder(db: ReisekartDb, studyId: string): Promise<string> {
  const v = (await db.meta.get(`coding.currentCoder.${studyId}`))?.value;
  if (typeof v === 'string' && v !== '') return v;
  return (await db.studies.get(studyId))?.coders[0]?.id ?? '';
}

/**
 * One transaction over the study, its tombstones, meta, the audit log and `tables`: the study must
 * exist; `write` gets the author of the revisions it stamps and an `audit` function that appends
 * an entry in the same transaction (so a change and its audit line commit together).
 */
export async function writeRevisedInStudy<T>(
  db: ReisekartDb,
  studyId: string,
  tables: Table[],
  write: (who: RevisionAuthor, audit: (e: Pick<AuditEntry, 'action'> & Partial<Pick<AuditEntry, 'subject' | 'counts' | 'note'>>) => Promise<void>) => Promise<T>,
): Promise<WriteResult<T>> {
  return guarded(() =>
    db.transaction('rw', [db.studies, db.tombstones, db.meta, db.audit, ...tables], async () => {
      const study = await db.studies.get(studyId);
      if (!study) throw new WriteAbort({ ok: false, reason: 'not-found', message: `study ${studyId} not found` });
      const now = db.env.now();
      const by = await currentCoder(db, studyId);
      const audit = async (e: Pick<AuditEntry, 'action'> & Partial<Pick<AuditEntry, 'subject' | 'counts' | 'note'>>) => {
        await db.audit.add({ id: db.env.newId(), studyId, at: now, who: by, action: e.action, subject: (e.subject ?? '').slice(0, 200), counts: e.counts ?? {}, note: (e.note ?? '').slice(0, 2000) });
      };
      const value = await write({ by, site: study.site, at: now }, audit);
      await db.studies.update(studyId, { updatedAt: now });
      return value;
    }),
  );
}

/** Put rows of a revised table (inside the caller's transaction), stamping revisions and lifting tombstones. */
export async function putRevisedRows<T extends RevisedRow>(db: ReisekartDb, entity: RevisedEntity, rows: readonly T[], who: RevisionAuthor): Promise<T[]> {
  if (rows.length === 0) return [];
  const table = db.table(entity) as Table<T, string>;
  const [prevs, tombs] = await Promise.all([table.bulkGet(rows.map((r) => r.id)), db.tombstones.bulkGet(rows.map((r) => `${entity}:${r.id}`))]);
  const out = rows.map((r, i) => stampRevision(entity, prevs[i], r, who, tombs[i]));
  const lifted = tombs.filter((t): t is Tombstone => t !== undefined).map((t) => t.id);
  if (lifted.length) await db.tombstones.bulkDelete(lifted);
  await table.bulkPut(out);
  return out;
}

/** Delete rows of a revised table (inside the caller's transaction), leaving tombstones; returns what was deleted. */
export async function buryRevisedRows<T extends RevisedRow>(db: ReisekartDb, entity: RevisedEntity, ids: readonly string[], who: RevisionAuthor): Promise<T[]> {
  if (ids.length === 0) return [];
  const table = db.table(entity) as Table<T, string>;
  const prevs = (await table.bulkGet([...ids])).filter((p): p is T => p !== undefined);
  await db.tombstones.bulkPut(prevs.map((p) => tombstoneOf(entity, p, who)));
  await table.bulkDelete(prevs.map((p) => p.id));
  return prevs;
}
