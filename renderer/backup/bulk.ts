/**
 * Bulk operations on whole studies, each preceded by a snapshot of the study at risk: stage,
 * validate, then one transaction (replaceStudyData), so a failure — a full disk included —
 * leaves the live study as it was.
 */
import { reidStudy } from '../../shared/exchange/outbound';
import type { Segment, StudyData } from '../../shared/model';
import { db as appDb, deleteStudy, replaceStudyData, resetDemoStudy, saveParsedSegments, type ReisekartDb, type WriteFailure } from '../db';
import type { BulkWriteOptions } from '../db/records';
import { snapshotStudy, type BackupReason } from './index';

export type BulkResult = { ok: true; studyId: string } | WriteFailure | { ok: false; reason: 'backup'; message: string };

/**
 * Record ids are primary keys across every study: is any of these already used (by a study
 * other than `exceptStudyId`)?
 */
async function idsTaken(database: ReisekartDb, data: StudyData, exceptStudyId?: string): Promise<boolean> {
  if (data.study.id !== exceptStudyId && (await database.studies.get(data.study.id))) return true;
  const checks: [string, string[]][] = [
    ['interviews', data.interviews.map((r) => r.id)],
    ['transcripts', data.transcripts.map((r) => r.interviewId)],
    ['segments', data.segments.map((r) => r.id)],
    ['codes', data.codes.map((r) => r.id)],
    ['overrides', data.overrides.map((r) => r.id)],
    ['benchmarks', data.benchmarks.map((r) => r.id)],
    ['audit', data.audit.map((r) => r.id)],
    ['terms', data.terms.map((r) => r.id)],
    ['pseudonyms', data.pseudonyms.map((r) => r.id)],
  ];
  for (const [table, ids] of checks) {
    if (ids.length === 0) continue;
    const found = (await database.table(table).bulkGet(ids)) as ({ studyId: string } | undefined)[];
    if (found.some((x) => x !== undefined && x.studyId !== exceptStudyId)) return true;
  }
  return false;
}

export interface BulkOptions {
  db?: ReisekartDb;
  newId?: () => string;
  /** Progress of the write (replaceStudyData / saveSegments: records parsed, then written). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Add a study as a NEW study: its own ids when none is taken, else fresh ids throughout (a
 * second copy of a study must not take over the first one's records). Never the demo.
 * `before` is the study open now: it is snapshotted first.
 */
export async function commitAsNewStudy(data: StudyData, before: { studyId: string | null; reason: BackupReason }, opts: BulkOptions = {}): Promise<BulkResult> {
  const database = opts.db ?? appDb;
  const newId = opts.newId ?? (() => crypto.randomUUID());
  if (before.studyId) {
    const b = await snapshotStudy(before.studyId, before.reason, { db: database });
    if (!b.ok) return { ok: false, reason: 'backup', message: b.message };
  }
  const staged = (await idsTaken(database, data)) ? reidStudy(data, newId(), newId) : data;
  const now = new Date().toISOString();
  const final: StudyData = { ...staged, study: { ...staged.study, demo: false, updatedAt: now } };
  const r = await replaceStudyData(database, final, { onProgress: opts.onProgress, audit: { action: 'study.import' } });
  return r.ok ? { ok: true, studyId: final.study.id } : r;
}

/**
 * Before merging a bundle into `baseStudyId`: when its records use ids that another study in
 * this database holds (a bundle made from the demo, say), give the incoming study fresh ids, so
 * the merge cannot take that study's records over. Ids shared with the base stay: the merge
 * matches on them.
 */
export async function stageIncoming(data: StudyData, baseStudyId: string, opts: BulkOptions = {}): Promise<StudyData> {
  const database = opts.db ?? appDb;
  const newId = opts.newId ?? (() => crypto.randomUUID());
  const probe = { ...data, study: { ...data.study, id: baseStudyId } };
  return (await idsTaken(database, probe, baseStudyId)) ? reidStudy(data, data.study.id, newId) : data;
}

/**
 * Replace an existing study with `data` (a merge result, a CSV import, a restored snapshot),
 * after a snapshot of its current state. `data` is re-targeted to `studyId` when it came from
 * another study (fresh record ids, see commitAsNewStudy).
 */
export async function commitReplace(studyId: string, data: StudyData, reason: BackupReason, opts: BulkOptions = {}): Promise<BulkResult> {
  const database = opts.db ?? appDb;
  const newId = opts.newId ?? (() => crypto.randomUUID());
  const b = await snapshotStudy(studyId, reason, { db: database });
  if (!b.ok) return { ok: false, reason: 'backup', message: b.message };
  const foreign = data.study.id !== studyId;
  const staged = foreign ? reidStudy(data, studyId, newId) : data;
  // Another study's content under this study's id is never the demo (a second "demo" could be reset).
  const final: StudyData = { ...staged, study: { ...staged.study, ...(foreign ? { demo: false } : {}), updatedAt: new Date().toISOString() } };
  const r = await replaceStudyData(database, final, { onProgress: opts.onProgress, audit: { action: `study.${reason.replace(/^before-/, '')}` } });
  return r.ok ? { ok: true, studyId } : r;
}


/**
 * Add segments to an existing study (a CSV import) after a snapshot of it: one transaction that
 * writes them in chunks (saveSegments), so 100,000 rows never freeze the page and a failure
 * leaves the study as it was. Cheaper than commitReplace, which rewrites the whole study.
 */
export async function commitAppendSegments(
  studyId: string,
  segments: readonly Segment[],
  reason: BackupReason,
  opts: BulkOptions & Pick<BulkWriteOptions, 'chunkSize'> = {},
): Promise<BulkResult> {
  const database = opts.db ?? appDb;
  const b = await snapshotStudy(studyId, reason, { db: database });
  if (!b.ok) return { ok: false, reason: 'backup', message: b.message };
  const foreign = segments.findIndex((s) => s.studyId !== studyId);
  if (foreign >= 0) return { ok: false, reason: 'invalid', issues: [{ path: `segments[${foreign}].studyId`, field: 'studyId', message: `belongs to study ${segments[foreign]?.studyId ?? ''}, not ${studyId}` }] };
  // The segments come from the import worker, already parsed by the Segment schema there.
  const r = await saveParsedSegments(database, segments, { onProgress: opts.onProgress, chunkSize: opts.chunkSize });
  return r.ok ? { ok: true, studyId } : r;
}

/**
 * Delete a study, after a snapshot of it: when the snapshot fails the study stays and the failure
 * comes back as `reason: 'backup'` (never logged and carried on).
 */
export async function deleteStudyWithSnapshot(studyId: string, opts: Pick<BulkOptions, 'db'> = {}): Promise<BulkResult> {
  const database = opts.db ?? appDb;
  const b = await snapshotStudy(studyId, 'before-delete', { db: database });
  if (!b.ok) return { ok: false, reason: 'backup', message: b.message };
  const r = await deleteStudy(database, studyId);
  return r.ok ? { ok: true, studyId } : r;
}

/** Put the demo study back as shipped, after a snapshot of the current one (as deleteStudyWithSnapshot). */
export async function resetDemoWithSnapshot(studyId: string, demo: unknown, opts: Pick<BulkOptions, 'db'> = {}): Promise<BulkResult> {
  const database = opts.db ?? appDb;
  const b = await snapshotStudy(studyId, 'before-reset', { db: database });
  if (!b.ok) return { ok: false, reason: 'backup', message: b.message };
  const r = await resetDemoStudy(database, demo);
  return r.ok ? { ok: true, studyId: r.value.studyId } : r;
}
