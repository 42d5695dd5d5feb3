/**
 * Single-record writes. Each one parses with the zod schema of shared/model first (never a
 * cast), checks that the study exists, writes and bumps the study's `updatedAt` in one
 * transaction, and returns expected failures as values (results.ts).
 */
import { Dexie, type Table } from 'dexie';
import type { z } from 'zod';
import { stampRevision, tombstoneOf, type RevisionAuthor } from '../../shared/exchange/revision';
import {
  AuditEntry,
  Benchmark,
  Code,
  CounsellorOverride,
  Interview,
  PseudonymEntry,
  RevisedEntity,
  Segment,
  Study,
  StudyTerm,
  Transcript,
  type Revision,
  type Tombstone,
} from '../../shared/model';
import type { ReisekartDb, StoreChange, UndoEntry } from './database';
import { guarded, issuesFromZod, parseList, parseRecord, WriteAbort, type FieldIssue, type WriteFailure, type WriteResult } from './results';

// ------------------------------------------------------------------------------ chunked bulk work
// Real IndexedDB structured-clones every record of a bulkPut synchronously, and zod parses
// synchronously: at 50,000 segments either one is a task of seconds (docs/bench.md). So large
// writes parse in chunks with a macrotask between them (before the transaction: a transaction
// must not wait on timers, or IndexedDB commits it), then write in chunks inside ONE readwrite
// transaction, awaiting each bulkPut — each chunk runs in its own task, and a failure in any
// chunk still aborts the whole transaction (all-or-nothing).

/**
 * Records per bulkPut and per parse step. 1,000, not 2,000: in Chromium a chunk of 2,000 segments
 * was itself a task of 100–350 ms (clone + zod), 1,000 keeps chunks near 50–150 ms at the same
 * total time (docs/bench.md, "Imports and large writes").
 */
export const WRITE_CHUNK = 1000;

/** `done` of `total` units; called after every chunk (and once with 0 at the start). */
export type ProgressFn = (done: number, total: number) => void;

export interface BulkWriteOptions {
  onProgress?: ProgressFn;
  /** Records per chunk; default WRITE_CHUNK. */
  chunkSize?: number;
}

/**
 * Let the event loop run (input, paint) before the next chunk: a MessageChannel hop is a
 * macrotask without setTimeout's 4 ms clamp for nested timers.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/**
 * parseList in chunks, yielding between them (never inside a transaction); issues located as
 * `prefix[index].field`. `step(n)` is told how many were parsed after each chunk.
 */
export async function parseListChunked<S extends z.ZodType>(
  schema: S,
  inputs: readonly unknown[],
  prefix: string,
  step: (n: number) => void = () => undefined,
  chunkSize = WRITE_CHUNK,
): Promise<{ ok: true; value: z.output<S>[] } | WriteFailure> {
  const out: z.output<S>[] = [];
  const issues: FieldIssue[] = [];
  for (let from = 0; from < inputs.length; from += chunkSize) {
    if (from > 0) await yieldToEventLoop();
    const to = Math.min(inputs.length, from + chunkSize);
    for (let i = from; i < to; i++) {
      const r = schema.safeParse(inputs[i]);
      if (r.success) out.push(r.data);
      else issues.push(...issuesFromZod(r.error, `${prefix}[${i}]`));
    }
    step(to - from);
  }
  return issues.length ? { ok: false, reason: 'invalid', issues } : { ok: true, value: out };
}

/** bulkPut in chunks, each awaited, inside the caller's transaction. */
export async function bulkPutChunked(table: Table, rows: readonly unknown[], step: (n: number) => void = () => undefined, chunkSize = WRITE_CHUNK): Promise<void> {
  for (let from = 0; from < rows.length; from += chunkSize) {
    const chunk = rows.slice(from, from + chunkSize);
    await table.bulkPut(chunk);
    step(chunk.length);
  }
}

/** A progress counter over `total` units that reports to `onProgress` (if any). */
export function progressCounter(total: number, onProgress?: ProgressFn): (n: number) => void {
  let done = 0;
  onProgress?.(0, total);
  return (n) => {
    done += n;
    onProgress?.(done, total);
  };
}

function notFound(message: string): WriteAbort {
  return new WriteAbort({ ok: false, reason: 'not-found', message });
}

/**
 * Write inside a transaction that also holds `studies` (and `tombstones` and `meta`, for
 * revisions): the study must exist, and its `updatedAt` moves so the study list shows recent
 * work first. `write` gets the study and the author of the revisions it stamps.
 */
export async function writeInStudy<T>(
  db: ReisekartDb,
  studyId: string,
  tables: Table[],
  write: (who: RevisionAuthor) => Promise<T>,
): Promise<WriteResult<T>> {
  return guarded(() =>
    db.transaction('rw', [db.studies, db.tombstones, db.meta, ...tables], async () => {
      const study = await db.studies.get(studyId);
      if (!study) throw notFound(`study ${studyId} not found`);
      const coder = (await db.meta.get(`coding.currentCoder.${studyId}`))?.value;
      const now = db.env.now();
      const value = await write({ by: typeof coder === 'string' ? coder : '', site: study.site, at: now });
      await db.studies.update(studyId, { updatedAt: now });
      return value;
    }),
  );
}

// ---- revisions and tombstones (docs/exchange.md) ---------------------------------------------

type RevisedRow = { studyId: string; rev?: Revision } & Record<string, unknown>;

function isRevised(name: string): name is RevisedEntity {
  return RevisedEntity.safeParse(name).success;
}

const keyOf = (entity: RevisedEntity, r: Record<string, unknown>): string => String(entity === 'transcripts' ? r.interviewId : r.id);

/**
 * Put records of a revised table inside the caller's transaction: each gets its next revision
 * (unchanged content keeps its own), and a tombstone of a record that comes back is lifted.
 */
export async function putRevised<T extends object>(db: ReisekartDb, entity: RevisedEntity, rows: readonly T[], who: RevisionAuthor): Promise<T[]> {
  if (rows.length === 0) return [];
  const keys = rows.map((r) => keyOf(entity, r as unknown as RevisedRow));
  const [prevs, tombs] = await Promise.all([db.table(entity).bulkGet(keys) as Promise<(RevisedRow | undefined)[]>, db.tombstones.bulkGet(keys.map((k) => `${entity}:${k}`))]);
  const out = rows.map((r, i) => {
    const row = r as unknown as RevisedRow;
    const by = who.by || (typeof row.coderId === 'string' ? row.coderId : '');
    return stampRevision(entity, prevs[i], row, { ...who, by }, tombs[i]) as unknown as T;
  });
  const lifted = tombs.filter((t): t is Tombstone => t !== undefined).map((t) => t.id);
  if (lifted.length) await db.tombstones.bulkDelete(lifted);
  await db.table(entity).bulkPut(out);
  return out;
}

/** Delete records of a revised table inside the caller's transaction, leaving tombstones that travel. */
export async function buryRevised(db: ReisekartDb, entity: RevisedEntity, ids: readonly string[], who: RevisionAuthor, into: Readonly<Record<string, string>> = {}): Promise<void> {
  if (ids.length === 0) return;
  const prevs = (await db.table(entity).bulkGet([...ids])) as (RevisedRow | undefined)[];
  const tombs = prevs.filter((p): p is RevisedRow => p !== undefined).map((p) => tombstoneOf(entity, p, who, into[keyOf(entity, p)] ?? null));
  await db.tombstones.bulkPut(tombs);
  await db.table(entity).bulkDelete([...ids]);
}

/** Parse one record and put it into its table. */
async function saveOne<S extends z.ZodType<{ studyId: string }>>(
  db: ReisekartDb,
  schema: S,
  table: Table<z.output<S>, string>,
  input: z.input<S>,
): Promise<WriteResult<z.output<S>>> {
  const parsed = parseRecord(schema, input);
  if (!parsed.ok) return parsed;
  const record = parsed.value;
  return writeInStudy(db, record.studyId, [table], async (who) => {
    if (isRevised(table.name)) return (await putRevised(db, table.name, [record], who))[0] as z.output<S>;
    await table.put(record);
    return record;
  });
}

async function deleteOne(db: ReisekartDb, table: Table<{ studyId: string }, string>, id: string): Promise<WriteResult> {
  const existing = await table.get(id);
  if (!existing) return { ok: false, reason: 'not-found', message: `${table.name} ${id} not found` };
  return writeInStudy(db, existing.studyId, [table], async (who) => {
    if (isRevised(table.name)) await buryRevised(db, table.name, [id], who);
    else await table.delete(id);
    return undefined;
  });
}

/** Study settings (frames, codebook colours live in codes). Touches `updatedAt`. */
export async function saveStudy(db: ReisekartDb, input: z.input<typeof Study>): Promise<WriteResult<Study>> {
  const parsed = parseRecord(Study, input);
  if (!parsed.ok) return parsed;
  const study = { ...parsed.value, updatedAt: db.env.now() };
  return guarded(async () => {
    await db.studies.put(study);
    return study;
  });
}

export const saveInterview = (db: ReisekartDb, iv: z.input<typeof Interview>) => saveOne(db, Interview, db.interviews, iv);
export const saveTranscript = (db: ReisekartDb, t: z.input<typeof Transcript>) => saveOne(db, Transcript, db.transcripts, t);
export const saveSegment = (db: ReisekartDb, s: z.input<typeof Segment>) => saveOne(db, Segment, db.segments, s);
export const saveCode = (db: ReisekartDb, c: z.input<typeof Code>) => saveOne(db, Code, db.codes, c);
export const saveOverride = (db: ReisekartDb, o: z.input<typeof CounsellorOverride>) =>
  saveOne(db, CounsellorOverride, db.overrides, o);
export const saveBenchmark = (db: ReisekartDb, b: z.input<typeof Benchmark>) => saveOne(db, Benchmark, db.benchmarks, b);
export const saveTerm = (db: ReisekartDb, t: z.input<typeof StudyTerm>) => saveOne(db, StudyTerm, db.terms, t);
export const savePseudonym = (db: ReisekartDb, p: z.input<typeof PseudonymEntry>) =>
  saveOne(db, PseudonymEntry, db.pseudonyms, p);

export const deleteSegment = (db: ReisekartDb, id: string) => deleteOne(db, db.segments, id);
export const deleteOverride = (db: ReisekartDb, id: string) => deleteOne(db, db.overrides, id);
export const deleteBenchmark = (db: ReisekartDb, id: string) => deleteOne(db, db.benchmarks, id);
export const deleteTerm = (db: ReisekartDb, id: string) => deleteOne(db, db.terms, id);

/**
 * Many segments of one study at once (auto-coding, paste, CSV import): parsed in chunks, then one
 * transaction that writes them in chunks of WRITE_CHUNK (all-or-nothing). Progress counts
 * segments parsed, then segments written: `total` is twice the number of segments.
 */
export async function saveSegments(
  db: ReisekartDb,
  inputs: readonly z.input<typeof Segment>[],
  opts: BulkWriteOptions = {},
): Promise<WriteResult<Segment[]>> {
  const size = opts.chunkSize ?? WRITE_CHUNK;
  const step = progressCounter(inputs.length * 2, opts.onProgress);
  const parsed = await parseListChunked(Segment, inputs, 'segments', step, size);
  if (!parsed.ok) return parsed;
  return writeSegments(db, parsed.value, step, size);
}

/**
 * Save segments that already came out of the Segment schema — the CSV import worker parses every
 * record with it, and structured cloning hands them over unchanged — so they are not parsed a
 * second time (at 100,000 rows that second pass was ~1.5 s of the import: docs/bench.md).
 */
export async function saveParsedSegments(db: ReisekartDb, segments: readonly Segment[], opts: BulkWriteOptions = {}): Promise<WriteResult<Segment[]>> {
  const size = opts.chunkSize ?? WRITE_CHUNK;
  return writeSegments(db, [...segments], progressCounter(segments.length, opts.onProgress), size);
}

async function writeSegments(db: ReisekartDb, segments: Segment[], step: (n: number) => void, size: number): Promise<WriteResult<Segment[]>> {
  const first = segments[0];
  if (!first) return { ok: true, value: [] };
  const other = segments.findIndex((s) => s.studyId !== first.studyId);
  if (other >= 0) {
    return {
      ok: false,
      reason: 'invalid',
      issues: [{ path: `segments[${other}].studyId`, field: 'studyId', message: 'all segments must belong to one study' }],
    };
  }
  return writeInStudy(db, first.studyId, [db.segments], async (who) => {
    const out: Segment[] = [];
    for (let i = 0; i < segments.length; i += size) {
      const chunk = segments.slice(i, i + size);
      out.push(...(await putRevised(db, 'segments', chunk, who)));
      step(chunk.length);
    }
    return out;
  });
}

/**
 * Remove a code: its children move up to its parent, and segments lose the code id, in one
 * transaction (so no segment ever points at a missing code).
 */
export async function deleteCode(db: ReisekartDb, id: string): Promise<WriteResult> {
  const code = await db.codes.get(id);
  if (!code) return { ok: false, reason: 'not-found', message: `code ${id} not found` };
  return writeInStudy(db, code.studyId, [db.codes, db.segments], async (who) => {
    const children = await db.codes.where('studyId').equals(code.studyId).filter((c) => c.parentId === id).toArray();
    await putRevised(db, 'codes', children.map((c) => ({ ...c, parentId: code.parentId })), who);
    const using = await db.segments.where('studyId').equals(code.studyId).filter((s) => s.codeIds.includes(id)).toArray();
    await putRevised(db, 'segments', using.map((s) => ({ ...s, codeIds: s.codeIds.filter((c) => c !== id) })), who);
    await buryRevised(db, 'codes', [id], who);
    return undefined;
  });
}

/** Everything `deleteInterview` removed: enough for `restoreInterview` to undo it exactly. */
export interface DeletedInterview {
  interview: Interview;
  transcript: Transcript | null;
  segments: Segment[];
  overrides: CounsellorOverride[];
}

/** Removes interview, transcript, segments and overrides in one transaction; returns them for undo. */
export async function deleteInterview(db: ReisekartDb, id: string): Promise<WriteResult<DeletedInterview>> {
  const interview = await db.interviews.get(id);
  if (!interview) return { ok: false, reason: 'not-found', message: `interview ${id} not found` };
  return writeInStudy(db, interview.studyId, [db.interviews, db.transcripts, db.segments, db.overrides], async (who) => {
    const current = await db.interviews.get(id);
    if (!current) throw notFound(`interview ${id} not found`);
    const [transcript, segments, overrides] = await Promise.all([
      db.transcripts.get(id),
      db.segments.where('interviewId').equals(id).toArray(),
      db.overrides.where('interviewId').equals(id).toArray(),
    ]);
    await buryRevised(db, 'interviews', [id], who);
    if (transcript) await buryRevised(db, 'transcripts', [id], who);
    await buryRevised(db, 'segments', segments.map((s) => s.id), who);
    await buryRevised(db, 'overrides', overrides.map((o) => o.id), who);
    return { interview: current, transcript: transcript ?? null, segments, overrides };
  });
}

/** Undo of `deleteInterview`: parses everything again (the value may have sat in UI state). */
export async function restoreInterview(db: ReisekartDb, deleted: DeletedInterview): Promise<WriteResult> {
  const interview = parseRecord(Interview, deleted.interview, 'interview');
  if (!interview.ok) return interview;
  const transcript = deleted.transcript ? parseRecord(Transcript, deleted.transcript, 'transcript') : null;
  if (transcript && !transcript.ok) return transcript;
  const segments = parseList(Segment, deleted.segments, 'segments');
  if (!segments.ok) return segments;
  const overrides = parseList(CounsellorOverride, deleted.overrides, 'overrides');
  if (!overrides.ok) return overrides;
  const iv = interview.value;
  return writeInStudy(db, iv.studyId, [db.interviews, db.transcripts, db.segments, db.overrides], async (who) => {
    await putRevised(db, 'interviews', [iv], who);
    if (transcript) await putRevised(db, 'transcripts', [transcript.value], who);
    await putRevised(db, 'segments', segments.value, who);
    await putRevised(db, 'overrides', overrides.value, who);
    return undefined;
  });
}

/** Append to the audit log: who did what, never the removed identifier values. */
export async function writeAudit(
  db: ReisekartDb,
  entry: Omit<z.input<typeof AuditEntry>, 'id' | 'at'>,
): Promise<WriteResult<AuditEntry>> {
  const parsed = parseRecord(AuditEntry, { ...entry, id: db.env.newId(), at: db.env.now() });
  if (!parsed.ok) return parsed;
  const record = parsed.value;
  return guarded(async () => {
    await db.audit.add(record);
    return record;
  });
}

// ---- meta ----------------------------------------------------------------------------------

export async function getMeta(db: ReisekartDb, key: string): Promise<unknown> {
  return (await db.meta.get(key))?.value;
}

export async function setMeta(db: ReisekartDb, key: string, value: unknown): Promise<WriteResult> {
  return guarded(async () => {
    await db.meta.put({ key, value });
    return undefined;
  });
}

// ---- undo log ------------------------------------------------------------------------------

/** Oldest entries beyond this many per (study, scope) are dropped: the log is a convenience, not history. */
export const UNDO_LIMIT = 200;

function scopeRange(db: ReisekartDb, studyId: string, scope: string) {
  return db.undo.where('[studyId+scope]').equals([studyId, scope]);
}

/** Append an entry; returns its id. */
export async function pushUndo(db: ReisekartDb, entry: Omit<UndoEntry, 'id' | 'at'>): Promise<WriteResult<number>> {
  return guarded(() =>
    db.transaction('rw', db.undo, async () => {
      const id = await db.undo.add({ ...entry, at: db.env.now() });
      const keys = await scopeRange(db, entry.studyId, entry.scope).primaryKeys();
      if (keys.length > UNDO_LIMIT) await db.undo.bulkDelete(keys.sort((a, b) => a - b).slice(0, keys.length - UNDO_LIMIT));
      return id;
    }),
  );
}

/** The log of one scope, oldest first. */
export async function listUndo(db: ReisekartDb, studyId: string, scope: string): Promise<UndoEntry[]> {
  const entries = await scopeRange(db, studyId, scope).toArray();
  return entries.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
}

export async function deleteUndo(db: ReisekartDb, ids: readonly number[]): Promise<WriteResult> {
  return guarded(async () => {
    await db.undo.bulkDelete([...ids]);
    return undefined;
  });
}

/** Clear one scope, or every scope of the study. */
export async function clearUndo(db: ReisekartDb, studyId: string, scope?: string): Promise<WriteResult> {
  return guarded(async () => {
    if (scope !== undefined) await scopeRange(db, studyId, scope).delete();
    else await db.undo.where('[studyId+scope]').between([studyId, Dexie.minKey], [studyId, Dexie.maxKey]).delete();
    return undefined;
  });
}

/** Apply an undo entry's `forward` or `backward` change: parsed, then one transaction. */
export async function applyChange(db: ReisekartDb, studyId: string, change: StoreChange): Promise<WriteResult> {
  const puts = change.puts ?? {};
  const parsed = {
    interviews: parseList(Interview, puts.interviews ?? [], 'puts.interviews'),
    transcripts: parseList(Transcript, puts.transcripts ?? [], 'puts.transcripts'),
    segments: parseList(Segment, puts.segments ?? [], 'puts.segments'),
    codes: parseList(Code, puts.codes ?? [], 'puts.codes'),
    overrides: parseList(CounsellorOverride, puts.overrides ?? [], 'puts.overrides'),
  };
  const failed = Object.values(parsed).find((p): p is WriteFailure => !p.ok);
  if (failed) return failed;
  // An undo entry may only touch its own study: a stale entry must not write into another.
  for (const [table, result] of Object.entries(parsed)) {
    if (!result.ok) continue;
    const i = result.value.findIndex((r) => r.studyId !== studyId);
    if (i >= 0) {
      return {
        ok: false,
        reason: 'invalid',
        issues: [{ path: `puts.${table}[${i}].studyId`, field: 'studyId', message: `does not belong to study ${studyId}` }],
      };
    }
  }
  const dels = change.deletes ?? {};
  const tables = [db.interviews, db.transcripts, db.segments, db.codes, db.overrides];
  return writeInStudy(db, studyId, tables, async (who) => {
    await buryRevised(db, 'interviews', dels.interviews ?? [], who);
    await buryRevised(db, 'transcripts', dels.transcripts ?? [], who);
    await buryRevised(db, 'segments', dels.segments ?? [], who);
    await buryRevised(db, 'codes', dels.codes ?? [], who, change.codesMergedInto);
    await buryRevised(db, 'overrides', dels.overrides ?? [], who);
    if (parsed.interviews.ok) await putRevised(db, 'interviews', parsed.interviews.value, who);
    if (parsed.transcripts.ok) await putRevised(db, 'transcripts', parsed.transcripts.value, who);
    if (parsed.segments.ok) await putRevised(db, 'segments', parsed.segments.value, who);
    if (parsed.codes.ok) await putRevised(db, 'codes', parsed.codes.value, who);
    if (parsed.overrides.ok) await putRevised(db, 'overrides', parsed.overrides.value, who);
    return undefined;
  });
}
