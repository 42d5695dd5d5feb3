/**
 * Whole-study operations: demo seeding, load, list, create, all-or-nothing replace, delete.
 */
import { Dexie, type Table } from 'dexie';
import { z } from 'zod';
import {
  AuditEntry,
  Benchmark,
  InformantAttributes,
  RetentionPlan,
  StudyVariable,
  Code,
  CounsellorOverride,
  GuideItem,
  GuideTick,
  Insight,
  Interview,
  Memo,
  MergeBase,
  PendingConflict,
  PseudonymEntry,
  RiskDecision,
  Segment,
  Tombstone,
  Study,
  StudyData,
  StudyTerm,
  Transcript,
  newStudy,
} from '../../shared/model';
import type { ReisekartDb } from './database';
import { bulkPutChunked, parseListChunked, progressCounter, type BulkWriteOptions } from './records';
import { guarded, parseRecord, WriteAbort, type FieldIssue, type WriteResult } from './results';
import { TABLE_NAMES, type TableName } from './schema';

/** Tables whose records carry a studyId: every table of the schema but studies, undo and meta. */
type StudyTable = Exclude<TableName, 'studies' | 'undo' | 'meta'>;
const NOT_STUDY_TABLES: readonly TableName[] = ['studies', 'undo', 'meta'];
const STUDY_TABLES: readonly StudyTable[] = TABLE_NAMES.filter((t): t is StudyTable => !NOT_STUDY_TABLES.includes(t));

export const META_DEMO_SEEDED = 'demoSeeded';
export const META_LAST_STUDY = 'lastStudyId';

export interface StudySummary {
  id: string;
  title: string;
  demo: boolean;
  counts: { interviews: number; informants: number; segments: number };
  updatedAt: string;
}

/** Parse a whole study and check that every record belongs to it (located issues). */
export function parseStudyData(input: unknown): WriteResult<StudyData> {
  const parsed = parseRecord(StudyData, input);
  if (!parsed.ok) return parsed;
  return ownedByStudy(parsed.value);
}

/** Every record's studyId must be the study's own. */
function ownedByStudy(data: StudyData): WriteResult<StudyData> {
  const issues: FieldIssue[] = [];
  for (const table of STUDY_TABLES) {
    (data[table] ?? []).forEach((r: { studyId: string }, i: number) => {
      if (r.studyId !== data.study.id) {
        issues.push({
          path: `${table}[${i}].studyId`,
          field: 'studyId',
          message: `belongs to study ${r.studyId}, not ${data.study.id}`,
        });
      }
    });
  }
  return issues.length ? { ok: false, reason: 'invalid', issues } : { ok: true, value: data };
}

/** The record schema of each study table (the element schemas of StudyData). */
export const TABLE_SCHEMAS: Record<StudyTable, z.ZodType<{ studyId: string }>> = {
  interviews: Interview,
  transcripts: Transcript,
  segments: Segment,
  codes: Code,
  overrides: CounsellorOverride,
  benchmarks: Benchmark,
  audit: AuditEntry,
  terms: StudyTerm,
  pseudonyms: PseudonymEntry,
  tombstones: Tombstone,
  mergeBases: MergeBase,
  conflicts: PendingConflict,
  memos: Memo,
  guide: GuideItem,
  guideTicks: GuideTick,
  variables: StudyVariable,
  attributes: InformantAttributes,
  retention: RetentionPlan,
  riskDecisions: RiskDecision,
  insights: Insight,
};

/** StudyData's shape with the record lists left unparsed (they are parsed in chunks). */
const StudyShell = z.object({
  study: Study,
  codes: z.array(z.unknown()),
  interviews: z.array(z.unknown()),
  transcripts: z.array(z.unknown()),
  segments: z.array(z.unknown()),
  overrides: z.array(z.unknown()),
  benchmarks: z.array(z.unknown()),
  audit: z.array(z.unknown()).default([]),
  terms: z.array(z.unknown()).default([]),
  pseudonyms: z.array(z.unknown()).default([]),
  tombstones: z.array(z.unknown()).optional(),
  mergeBases: z.array(z.unknown()).optional(),
  conflicts: z.array(z.unknown()).optional(),
  memos: z.array(z.unknown()).optional(),
  guide: z.array(z.unknown()).optional(),
  guideTicks: z.array(z.unknown()).optional(),
  variables: z.array(z.unknown()).optional(),
  attributes: z.array(z.unknown()).optional(),
  retention: z.array(z.unknown()).optional(),
  riskDecisions: z.array(z.unknown()).optional(),
  insights: z.array(z.unknown()).optional(),
});

/** Records in a study-shaped input (for progress totals); 0 for anything else. */
function recordCount(input: unknown): number {
  if (typeof input !== 'object' || input === null) return 0;
  const o = input as Record<string, unknown>;
  return STUDY_TABLES.reduce((n, t) => n + (Array.isArray(o[t]) ? (o[t] as unknown[]).length : 0), 0);
}

/**
 * parseStudyData in chunks of WRITE_CHUNK records with a macrotask between them, so a study of
 * 50,000 segments never parses as one long task (same result and located issues as
 * parseStudyData). `step(n)` is told how many records were parsed after each chunk.
 */
export async function parseStudyDataChunked(input: unknown, step: (n: number) => void = () => undefined, chunkSize?: number): Promise<WriteResult<StudyData>> {
  const shell = parseRecord(StudyShell, input);
  if (!shell.ok) return shell;
  const out: Record<string, unknown> = { study: shell.value.study };
  const issues: FieldIssue[] = [];
  // Tables in StudyData's key order, so issues come out in the order parseStudyData gives them.
  for (const table of ['codes', 'interviews', 'transcripts', 'segments', 'overrides', 'benchmarks', 'audit', 'terms', 'pseudonyms', 'tombstones', 'mergeBases', 'conflicts', 'memos', 'guide', 'guideTicks', 'variables', 'attributes', 'retention', 'riskDecisions', 'insights'] as const) {
    const rows = shell.value[table];
    if (rows === undefined) continue;
    const r = await parseListChunked(TABLE_SCHEMAS[table], rows, table, step, chunkSize);
    if (r.ok) out[table] = r.value;
    else if (r.reason === 'invalid') issues.push(...r.issues);
  }
  if (issues.length) return { ok: false, reason: 'invalid', issues };
  return ownedByStudy(out as StudyData);
}

/** Delete every record of a study, inside the caller's transaction (`keepAudit`: the audit log stays, append-only). */
async function clearStudy(db: ReisekartDb, studyId: string, keepAudit = false): Promise<void> {
  await Promise.all([
    db.studies.delete(studyId),
    ...STUDY_TABLES.filter((t) => !(keepAudit && t === 'audit')).map((t) => db.table(t).where('studyId').equals(studyId).delete()),
    db.undo.where('[studyId+scope]').between([studyId, Dexie.minKey], [studyId, Dexie.maxKey]).delete(),
  ]);
}

/**
 * Write a parsed study inside the caller's transaction: per table, bulkPut in chunks of
 * WRITE_CHUNK, each awaited, so no single structured clone of a large table blocks the page.
 */
async function putStudyData(db: ReisekartDb, data: StudyData, step: (n: number) => void = () => undefined, chunkSize?: number): Promise<void> {
  await db.studies.put(data.study);
  // `db.table(name)` is the untyped handle; the records were parsed by parseStudyData.
  for (const t of STUDY_TABLES) await bulkPutChunked(db.table(t), data[t] ?? [], step, chunkSize);
}

/**
 * First run: load the demo study in one transaction and remember that it was seeded, so a
 * user who deletes it does not get it back on the next start (`resetDemoStudy` does that on
 * request). The check and the write share one readwrite transaction, so two windows starting
 * at once seed it once.
 */
export async function ensureDemoStudy(
  db: ReisekartDb,
  demo: unknown,
): Promise<WriteResult<{ seeded: boolean; studyId: string }>> {
  const parsed = parseStudyData(demo);
  if (!parsed.ok) return parsed;
  const data = { ...parsed.value, study: { ...parsed.value.study, demo: true } };
  const studyId = data.study.id;
  return guarded(() =>
    db.transaction('rw', db.tables, async () => {
      const flag = await db.meta.get(META_DEMO_SEEDED);
      if (flag) return { seeded: false, studyId };
      const existing = await db.studies.get(studyId);
      if (!existing) await putStudyData(db, data);
      await db.meta.put({ key: META_DEMO_SEEDED, value: { studyId, at: db.env.now() } });
      return { seeded: !existing, studyId };
    }),
  );
}

/** Restore the demo study as shipped (replacing any edits to it). */
export async function resetDemoStudy(db: ReisekartDb, demo: unknown): Promise<WriteResult<{ studyId: string }>> {
  const parsed = parseStudyData(demo);
  if (!parsed.ok) return parsed;
  const data = { ...parsed.value, study: { ...parsed.value.study, demo: true } };
  return guarded(() =>
    db.transaction('rw', db.tables, async () => {
      await clearStudy(db, data.study.id);
      await putStudyData(db, data);
      await db.meta.put({ key: META_DEMO_SEEDED, value: { studyId: data.study.id, at: db.env.now() } });
      return { studyId: data.study.id };
    }),
  );
}

/**
 * Above this share of a table's rows, one getAll of the whole table plus an in-memory filter is
 * cheaper than the index: an index getAll pays a primary-key lookup per row on top of the
 * clone. Measured with fake-indexeddb at 50,000 segments (docs/store.md), the index path costs
 * 1.3–1.7× the store getAll per row, so the store wins once the study holds more than about
 * 2/3 of the rows — the usual case of one real study beside the small demo.
 */
export const STORE_SCAN_SHARE = 2 / 3;

/**
 * The rows of one study: two counts (keys only, no values) decide between the index and a
 * store getAll. Either way one getAll request, no cursor; order is by primary key both ways.
 */
async function rowsOfStudy<T extends { studyId: string }>(table: Table<T, string>, studyId: string): Promise<T[]> {
  const byStudy = table.where('studyId').equals(studyId);
  const [mine, all] = await Promise.all([byStudy.count(), table.count()]);
  if (mine === 0) return [];
  if (mine < all * STORE_SCAN_SHARE) return byStudy.toArray();
  const rows = await table.toArray();
  return mine === all ? rows : rows.filter((r) => r.studyId === studyId);
}

/** Rows per read when a large table is loaded in pages. */
export const LOAD_PAGE = 5000;

/**
 * The rows of one study in primary-key order, read in pages of `page` rows by primary-key range
 * (`above(last).limit(page)`). Each read's result is structured-cloned into the page in its own
 * task, so 50,000 segments are ten tasks of ~20 ms instead of one of several hundred
 * (docs/bench.md, "Opening the large study"). Key ranges, not the studyId index: on an index
 * query Dexie's live-query tracking inserts every returned primary key into a range tree
 * (~130 ms for 50,000 keys in a CPU profile); a key range is tracked as one range.
 * When the study is a small share of the store (as in rowsOfStudy, STORE_SCAN_SHARE), one index
 * read is cheaper than scanning every study's rows.
 */
export async function rowsOfStudyInPages<T extends { studyId: string }>(table: Table<T, string>, studyId: string, keyOf: (row: T) => string, page = LOAD_PAGE): Promise<T[]> {
  const byStudy = table.where('studyId').equals(studyId);
  const [mine, all] = await Promise.all([byStudy.count(), table.count()]);
  if (mine === 0) return [];
  if (mine < all * STORE_SCAN_SHARE || mine <= page) return byStudy.toArray();
  const out: T[] = [];
  let last: string | null = null;
  for (;;) {
    const rows: T[] = await (last === null ? table.orderBy(':id') : table.where(':id').above(last)).limit(page).toArray();
    if (rows.length === 0) break;
    // Another study's rows share the key space: keep this study's only.
    for (const r of rows) if (r.studyId === studyId) out.push(r);
    last = keyOf(rows[rows.length - 1] as T);
    if (rows.length < page) break;
  }
  return out;
}

/** `transcripts: false` leaves transcripts out (an analysis screen needs no transcript text). */
export interface LoadOptions {
  transcripts?: boolean;
  page?: number;
}

/**
 * The whole study, for analysis and export, in one read transaction (a consistent snapshot).
 * The two large tables (segments, transcripts) are read in pages, so no single structured clone
 * blocks the page on a large study; the small ones in one read each.
 * Within ~1.5× of a raw getAll of the same rows (docs/store.md, tests/dom/db-perf.test.ts).
 * Records are not re-parsed: every write parsed them and migrations are tested.
 * Order: by primary key within each table.
 */
export async function loadStudyData(db: ReisekartDb, studyId: string, opts: LoadOptions = {}): Promise<StudyData | null> {
  const page = opts.page ?? LOAD_PAGE;
  return db.transaction('r', db.tables, async () => {
    const study = await db.studies.get(studyId);
    if (!study) return null;
    const [interviews, transcripts, segments, codes, overrides, benchmarks, audit, terms, pseudonyms, tombstones, mergeBases, conflicts, memos, guide, guideTicks, variables, attributes, retention, riskDecisions, insights] =
      await Promise.all([
        rowsOfStudy(db.interviews, studyId),
        opts.transcripts === false ? Promise.resolve([]) : rowsOfStudyInPages(db.transcripts, studyId, (t) => t.interviewId, page),
        rowsOfStudyInPages(db.segments, studyId, (s) => s.id, page),
        rowsOfStudy(db.codes, studyId),
        rowsOfStudy(db.overrides, studyId),
        rowsOfStudy(db.benchmarks, studyId),
        rowsOfStudy(db.audit, studyId),
        rowsOfStudy(db.terms, studyId),
        rowsOfStudy(db.pseudonyms, studyId),
        rowsOfStudy(db.tombstones, studyId),
        rowsOfStudy(db.mergeBases, studyId),
        rowsOfStudy(db.conflicts, studyId),
        rowsOfStudy(db.memos, studyId),
        rowsOfStudy(db.guide, studyId),
        rowsOfStudy(db.guideTicks, studyId),
        rowsOfStudy(db.variables, studyId),
        rowsOfStudy(db.attributes, studyId),
        rowsOfStudy(db.retention, studyId),
        rowsOfStudy(db.riskDecisions, studyId),
        rowsOfStudy(db.insights, studyId),
      ]);
    // The optional arrays of later versions only when the study has any (a study without them reads as before).
    const later = { ...(variables.length ? { variables } : {}), ...(attributes.length ? { attributes } : {}), ...(retention.length ? { retention } : {}), ...(riskDecisions.length > 0 ? { riskDecisions } : {}), ...(insights.length > 0 ? { insights } : {}) };
    return { study, interviews, transcripts, segments, codes, overrides, benchmarks, audit, terms, pseudonyms, tombstones, mergeBases, conflicts, memos, guide, guideTicks, ...later };
  });
}

/** Studies with counts, most recently changed first. Segments are counted on the index, not loaded. */
export async function listStudies(db: ReisekartDb): Promise<StudySummary[]> {
  return db.transaction('r', [db.studies, db.interviews, db.segments], async () => {
    const studies = await db.studies.toArray();
    const out = await Promise.all(
      studies.map(async (s): Promise<StudySummary> => {
        const [interviews, segments] = await Promise.all([
          db.interviews.where('studyId').equals(s.id).toArray(),
          db.segments.where('studyId').equals(s.id).count(),
        ]);
        const informants = interviews.reduce((n, iv) => n + iv.participants.length, 0);
        return {
          id: s.id,
          title: s.title,
          demo: s.demo,
          counts: { interviews: interviews.length, informants, segments },
          updatedAt: s.updatedAt,
        };
      }),
    );
    return out.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id.localeCompare(b.id)));
  });
}

/** A new, empty study with the method's default frames. */
export async function createStudy(db: ReisekartDb, title: string): Promise<WriteResult<Study>> {
  const parsed = parseRecord(Study, newStudy(db.env.newId(), title.trim(), db.env.now()));
  if (!parsed.ok) return parsed;
  const study = parsed.value;
  return guarded(async () => {
    await db.studies.add(study);
    return study;
  });
}

/**
 * All-or-nothing import: parse everything first (in chunks, yielding between them), then one
 * readwrite transaction over every table clears the study's old records and writes the new ones
 * in chunks. Any failure (including a full disk) aborts the transaction and leaves the previous
 * state untouched. `onProgress(done, total)` counts records parsed, then records written (total
 * = twice the records).
 */
export async function replaceStudyData(db: ReisekartDb, input: unknown, opts: BulkWriteOptions & { audit?: { action: string; subject?: string; note?: string } } = {}): Promise<WriteResult> {
  const step = progressCounter(recordCount(input) * 2, opts.onProgress);
  const parsed = await parseStudyDataChunked(input, step, opts.chunkSize);
  if (!parsed.ok) return parsed;
  const data = parsed.value;
  return guarded(() =>
    db.transaction('rw', db.tables, async () => {
      // The audit log is append-only: a replace (import, merge, restore) keeps the entries it has
      // and adds the incoming ones (by id), plus one entry saying what replaced the study.
      await clearStudy(db, data.study.id, true);
      await putStudyData(db, data, step, opts.chunkSize);
      if (opts.audit) {
        const coder = (await db.meta.get(`coding.currentCoder.${data.study.id}`))?.value;
        const counts: Record<string, number> = { interviews: data.interviews.length, segments: data.segments.length, codes: data.codes.length, memos: data.memos?.length ?? 0 };
        await db.audit.add({ id: db.env.newId(), studyId: data.study.id, at: db.env.now(), who: typeof coder === 'string' ? coder : (data.study.coders[0]?.id ?? ''), action: opts.audit.action.slice(0, 100), subject: (opts.audit.subject ?? '').slice(0, 200), counts, note: (opts.audit.note ?? '').slice(0, 2000) });
      }
      return undefined;
    }),
  );
}

/** Remove a study and everything in it. The demo flag stays set: a deleted demo is not re-seeded. */
export async function deleteStudy(db: ReisekartDb, studyId: string): Promise<WriteResult> {
  return guarded(() =>
    db.transaction('rw', db.tables, async () => {
      if (!(await db.studies.get(studyId))) {
        throw new WriteAbort({ ok: false, reason: 'not-found', message: `study ${studyId} not found` });
      }
      await clearStudy(db, studyId);
      const last = await db.meta.get(META_LAST_STUDY);
      if (last?.value === studyId) await db.meta.delete(META_LAST_STUDY);
      return undefined;
    }),
  );
}

export type { StudyTable };

/**
 * Write what changed between two versions of one study (a conflict resolution: a few records,
 * tombstones, merge bases, conflicts and one audit entry) in one transaction, without rewriting
 * the study. Rows are compared as stored; `after` must come from `before` (resolveConflicts).
 */
export async function writeStudyDiff(db: ReisekartDb, before: StudyData, after: StudyData): Promise<WriteResult> {
  const parsed = parseStudyData(after);
  if (!parsed.ok) return parsed;
  const next = parsed.value;
  return guarded(() =>
    db.transaction('rw', db.tables, async () => {
      if (!(await db.studies.get(next.study.id))) throw new WriteAbort({ ok: false, reason: 'not-found', message: `study ${next.study.id} not found` });
      for (const t of STUDY_TABLES) {
        const key = (r: Record<string, unknown>) => String(t === 'transcripts' ? r.interviewId : r.id);
        const old = new Map(((before[t] ?? []) as unknown as Record<string, unknown>[]).map((r) => [key(r), JSON.stringify(r)]));
        const rows = (next[t] ?? []) as unknown as Record<string, unknown>[];
        const puts = rows.filter((r) => old.get(key(r)) !== JSON.stringify(r));
        const keep = new Set(rows.map(key));
        const dels = [...old.keys()].filter((k) => !keep.has(k));
        if (dels.length) await db.table(t).bulkDelete(dels);
        if (puts.length) await db.table(t).bulkPut(puts);
      }
      await db.studies.update(next.study.id, { updatedAt: db.env.now() });
      return undefined;
    }),
  );
}
