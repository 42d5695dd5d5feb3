/**
 * Bench scenarios that run unchanged in Node (fake-indexeddb) and in the Chromium bench page (real
 * IndexedDB): each measures one operation of the app and, in the same run, a peer that bounds it
 * from below (a bare loop, a raw getAll, PapaParse alone plus a raw bulk write). The runner
 * (tests/bench/run.ts) turns the results into rows with limits and ratios.
 */
import Papa from 'papaparse';
import { buildIndex, emotionCurve, journeyMatrix, type AnalysisFilter, type StudyIndex } from '../../../shared/analysis';
import { anonymiserThroughput } from './throughput';
import { CHART_STRINGS_NB, emotionCurveLayout, journeyMapLayout } from '../../../shared/charts';
import { exportCsv } from '../../../shared/exchange/csv-export';
import { importCsv, parseCsv, suggestMapping } from '../../../shared/exchange/csv-import';
import { importBase } from '../../../shared/exchange/csv-job';
import type { InterviewFormat, InterviewMode, Segment, SegmentKind, StudyData } from '../../../shared/model';
import { loadStudyData, openDatabase, replaceStudyData, saveParsedSegments, saveSegment, type ReisekartDb } from '../../../renderer/db';
import { SCHEMA_VERSIONS } from '../../../renderer/db/schema';
import { openCsvImport } from '../../../renderer/workers/csvImportClient';
import { lcg, median, summarise, type Timing } from './stats';

export type Now = () => number;
/** Lets the event loop run between iterations (a macrotask in the page, so each step is its own task). */
export type Yield = () => Promise<void>;

export interface IdbEnv {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

const FORMATS: readonly InterviewFormat[] = ['individual', 'group'];
const MODES: readonly InterviewMode[] = ['digital', 'in-person', 'drawing-workshop'];
const KINDS: readonly (SegmentKind | 'all')[] = ['experience', 'wish', 'all'];

/**
 * `count` distinct filters of the kinds the journey screen offers (one group, format, mode, actor,
 * code, kind), chosen by a seeded LCG: every change is a new filter, so no cache can answer it.
 */
export function filterSequence(index: StudyIndex, count: number, seed = 42): AnalysisFilter[] {
  const rand = lcg(seed);
  const pick = <T>(xs: readonly T[]): T | undefined => (rand() < 0.5 ? undefined : xs[Math.floor(rand() * xs.length)]);
  const study = index.study;
  const seen = new Set<string>();
  const out: AnalysisFilter[] = [];
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    const group = pick(study.groups.map((g) => g.id));
    const format = pick(FORMATS);
    const mode = pick(MODES);
    const actor = pick(study.actors.map((a) => a.id));
    const code = pick(index.codes.map((c) => c.id));
    const kind = KINDS[Math.floor(rand() * KINDS.length)] ?? 'experience';
    const f: AnalysisFilter = {
      groupIds: group ? [group] : [],
      formats: format ? [format] : [],
      modes: mode ? [mode] : [],
      actorIds: actor ? [actor] : [],
      codeIds: code ? [code] : [],
      kind,
    };
    const key = JSON.stringify(f);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

/** What the journey screen computes per filter change: matrix, curve and both layouts. */
export function journeyRedrawWork(index: StudyIndex, filter: AnalysisFilter): number {
  const smallCell = index.study.smallCellThreshold;
  const matrix = journeyMatrix(index, filter, { smallCell });
  const curve = emotionCurve(index, filter, { smallCell });
  const map = journeyMapLayout(matrix, index, { width: 1100, height: 40 + 26 + 6 + index.study.situations.length * 130, suppress: false, strings: CHART_STRINGS_NB });
  const curveLayout = emotionCurveLayout(curve, { width: 1100, height: 280, suppress: false, smallCell, strings: CHART_STRINGS_NB });
  return map.primitives.length + curveLayout.primitives.length;
}

/**
 * The floor for a filter change: one plain loop over the same segments testing the same filter
 * with the joins already done, counting into a stage × situation × valence array. Any journey
 * analysis has to do at least this much.
 */
export function bareLoop(index: StudyIndex, filter: AnalysisFilter): number {
  const stageIdx = new Map(index.study.stages.map((s, i) => [s.id, i] as const));
  const sitIdx = new Map(index.study.situations.map((s, i) => [s.id, i] as const));
  const counts = new Int32Array(stageIdx.size * sitIdx.size * 4);
  const groups = filter.groupIds?.length ? new Set(filter.groupIds) : null;
  const formats = filter.formats?.length ? new Set<string>(filter.formats) : null;
  const modes = filter.modes?.length ? new Set<string>(filter.modes) : null;
  const actors = filter.actorIds?.length ? new Set(filter.actorIds) : null;
  const codes = filter.codeIds?.length ? new Set(filter.codeIds.flatMap((c) => [c, ...(index.codeDescendants.get(c) ?? [])])) : null;
  const kind = filter.kind && filter.kind !== 'all' ? filter.kind : null;
  const segs = index.segments;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i] as Segment;
    if (kind !== null && s.kind !== kind) continue;
    if (groups && !groups.has(index.segGroup[i] as string)) continue;
    if (formats && !formats.has(index.segFormat[i] ?? '')) continue;
    if (modes && !modes.has(index.segMode[i] ?? '')) continue;
    if (actors && !s.actorIds.some((a) => actors.has(a))) continue;
    if (codes && !s.codeIds.some((c) => codes.has(c))) continue;
    const st = s.stageId === null ? undefined : stageIdx.get(s.stageId);
    const si = s.situationId === null ? undefined : sitIdx.get(s.situationId);
    if (st === undefined || si === undefined) continue;
    const v = s.valence === 'positive' ? 0 : s.valence === 'mixed' ? 1 : s.valence === 'negative' ? 2 : 3;
    counts[(st * sitIdx.size + si) * 4 + v] = (counts[(st * sitIdx.size + si) * 4 + v] ?? 0) + 1;
  }
  return counts.reduce((a, b) => a + b, 0);
}

export interface JourneyResult {
  segments: number;
  interviews: number;
  buildIndexMs: number;
  analysis: Timing;
  bare: Timing;
}

/** `changes` filter changes, each timed for the screen's work and for the bare loop, alternately. */
export async function benchJourney(data: StudyData, changes: number, now: Now, yieldNow: Yield): Promise<JourneyResult> {
  const t0 = now();
  const index = buildIndex(data);
  const buildIndexMs = now() - t0;
  const filters = filterSequence(index, changes);
  // One warm-up of each, so the JIT has seen both before anything is timed.
  journeyRedrawWork(index, {});
  bareLoop(index, {});
  const analysis: number[] = [];
  const bare: number[] = [];
  let sink = 0;
  for (const f of filters) {
    await yieldNow();
    const a = now();
    sink += journeyRedrawWork(index, f);
    analysis.push(now() - a);
    await yieldNow();
    const b = now();
    sink += bareLoop(index, f);
    bare.push(now() - b);
  }
  if (sink < 0) throw new Error('unreachable');
  return { segments: data.segments.length, interviews: data.interviews.length, buildIndexMs, analysis: summarise(analysis), bare: summarise(bare) };
}

export function transcriptText(data: StudyData): string {
  return data.transcripts.map((t) => t.text).join('\n\n');
}

export interface AnonymiserResult {
  mb: number;
  mbPerSecond: number;
  hits: number;
}

/** Median of `rounds` runs of detectIdentifiers over the study's transcripts. */
export function benchAnonymiser(text: string, rounds: number, now: Now): AnonymiserResult {
  const runs = Array.from({ length: rounds }, () => anonymiserThroughput(text, now));
  return { mb: text.length / (1024 * 1024), mbPerSecond: median(runs.map((r) => r.mbPerSecond)), hits: runs[0]?.hits ?? 0 };
}

// ---------------------------------------------------------------- raw IndexedDB (the limits)

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}

/** A plain IndexedDB database with the segments store of the app's current schema (same key and indexes). */
export async function openRawSegments(env: IdbEnv, name: string): Promise<IDBDatabase> {
  await req(env.indexedDB.deleteDatabase(name) as unknown as IDBRequest<unknown>);
  const spec = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.stores.segments ?? 'id, studyId, interviewId';
  const [key = 'id', ...indexes] = spec.split(',').map((s) => s.trim());
  const open = env.indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const store = open.result.createObjectStore('segments', { keyPath: key });
    for (const ix of indexes) store.createIndex(ix, ix);
  };
  return req(open);
}

/** One readwrite transaction, one put per record: what Dexie's bulkPut does underneath. */
export async function rawBulkPut(db: IDBDatabase, records: readonly unknown[]): Promise<void> {
  // Same durability as the app's database (renderer/db/database.ts), so the limit pays the same flush.
  const tx = db.transaction('segments', 'readwrite', { durability: 'strict' });
  const store = tx.objectStore('segments');
  for (const r of records) store.put(r);
  await done(tx);
}

/** getAll of every store in one read transaction: the least a whole-study load can cost. */
export async function rawGetAllEveryStore(db: IDBDatabase): Promise<number> {
  const names = Array.from(db.objectStoreNames);
  const tx = db.transaction(names, 'readonly');
  const all = await Promise.all(names.map((n) => req(tx.objectStore(n).getAll())));
  return all.reduce((a, rows) => a + rows.length, 0);
}

async function freshAppDb(env: IdbEnv, name: string): Promise<ReisekartDb> {
  await req(env.indexedDB.deleteDatabase(name) as unknown as IDBRequest<unknown>);
  let n = 0;
  return openDatabase(name, { indexedDB: env.indexedDB, IDBKeyRange: env.IDBKeyRange, now: () => '2021-04-01T12:00:00.000Z', newId: () => `bench-${++n}` });
}

export interface LoadResult {
  segments: number;
  writeMs: number;
  load: number;
  raw: number;
  rounds: number;
  /** Longest main-thread task during the app's own work (replaceStudyData, loadStudyData), the raw peer's reads excluded; null where long tasks cannot be observed. */
  appLongestTaskMs: number | null;
  appLongestByPhase: { write: number; load: number } | null;
}

/**
 * Write the study once (replaceStudyData), then `rounds` interleaved reads: loadStudyData against a
 * raw getAll of every store of the same database, which holds this study only (so both read the
 * same records). Medians.
 */
export async function benchLoad(env: IdbEnv, data: StudyData, rounds: number, now: Now, yieldNow: Yield): Promise<LoadResult> {
  const db = await freshAppDb(env, 'reisekart-bench-load');
  const phases = { write: 0, load: 0 };
  let observed = false;
  const watchApp = async <T>(phase: keyof typeof phases, work: () => Promise<T>): Promise<T> => {
    const w = await watchLongTasks(work);
    if (w.longest !== null) {
      observed = true;
      phases[phase] = Math.max(phases[phase], w.longest);
    }
    return w.value;
  };
  const w0 = now();
  const put = await watchApp('write', () => replaceStudyData(db, data));
  const writeMs = now() - w0;
  if (!put.ok) throw new Error(`replaceStudyData failed: ${JSON.stringify(put).slice(0, 300)}`);
  const native = db.backendDB();
  const load: number[] = [];
  const raw: number[] = [];
  const timeLoad = async () => {
    const a = now();
    const loaded = await watchApp('load', () => loadStudyData(db, data.study.id));
    load.push(now() - a);
    if (loaded?.segments.length !== data.segments.length) throw new Error('loadStudyData lost segments');
  };
  const timeRaw = async () => {
    const b = now();
    await rawGetAllEveryStore(native);
    raw.push(now() - b);
  };
  // Alternate which goes first: the garbage of one read is collected during the next.
  for (let r = 0; r < rounds; r++) {
    for (const work of r % 2 === 0 ? [timeLoad, timeRaw] : [timeRaw, timeLoad]) {
      await yieldNow();
      await work();
    }
  }
  db.close();
  await req(env.indexedDB.deleteDatabase('reisekart-bench-load') as unknown as IDBRequest<unknown>);
  return {
    segments: data.segments.length,
    writeMs,
    load: median(load),
    raw: median(raw),
    rounds,
    appLongestTaskMs: observed ? Math.max(phases.write, phases.load) : null,
    appLongestByPhase: observed ? phases : null,
  };
}

export interface CsvResult {
  rows: number;
  bytes: number;
  /** The app's path: worker decode + parse, worker map + zod, chunked saveSegments (medians over the rounds). */
  importMs: number;
  parseMs: number;
  toRecordsMs: number;
  writeMs: number;
  /** PapaParse alone + a raw bulk write of the same records into a store with the same indexes. */
  papaMs: number;
  rawWriteMs: number;
  rounds: number;
  /** Longest main-thread task while the app's path ran (null where long tasks cannot be observed, e.g. Node). */
  appLongestTaskMs: number | null;
  appLongTasks: number;
  /** The longest task of the app's path by phase (where it started), for finding what still blocks. */
  appLongestByPhase: { parse: number; records: number; write: number } | null;
}

/** Long tasks while `work` runs, where the platform reports them (Chromium), else null. */
async function watchLongTasks<T>(work: () => Promise<T>): Promise<{ value: T; longest: number | null; count: number; entries: PerformanceEntry[] }> {
  const PO = (globalThis as { PerformanceObserver?: typeof PerformanceObserver }).PerformanceObserver;
  if (!PO?.supportedEntryTypes?.includes('longtask')) return { value: await work(), longest: null, count: 0, entries: [] };
  const seen: PerformanceEntry[] = [];
  const obs = new PO((list) => seen.push(...list.getEntries()));
  obs.observe({ type: 'longtask' });
  const value = await work();
  // Entries arrive asynchronously: let the observer report before it is disconnected.
  await new Promise((r) => setTimeout(r, 50));
  seen.push(...obs.takeRecords());
  obs.disconnect();
  return { value, longest: seen.reduce((m, e) => Math.max(m, e.duration), 0), count: seen.length, entries: seen };
}

/** One CSV file along the app's path (worker parse → records → saveParsedSegments), with the time of each step. */
async function importCsvChunk(db: ReisekartDb, picked: Uint8Array, target: StudyData, now: () => number): Promise<{ t0: number; t1: number; t2: number; t3: number; records: Segment[]; delimiter: string }> {
  const session = openCsvImport();
  try {
    const t0 = now();
    const parsed = await session.parse('segments.csv', picked);
    if (!parsed.ok) throw new Error(`parse failed: ${JSON.stringify(parsed.issues.slice(0, 2))}`);
    const t1 = now();
    const mapping = { ...suggestMapping('segments', parsed.table.headers), id: null };
    const r = await session.records('segments', mapping, importBase(target), '2021-04-01T12:00:00.000Z');
    if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.issues.slice(0, 2))}`);
    const t2 = now();
    const records = r.records as Segment[];
    const saved = await saveParsedSegments(db, records);
    if (!saved.ok) throw new Error('saveSegments failed');
    const t3 = now();
    return { t0, t1, t2, t3, records, delimiter: parsed.table.delimiter };
  } finally {
    session.close();
  }
}

/**
 * CSV import of the segments table: the file is the app's own export of `data` (so every row maps),
 * imported into the study without its segments, along the app's own path (CsvImport.tsx):
 * openCsvImport (the module worker in Chromium, the same job in-thread in Node) → parse → records →
 * saveSegments in chunks. (The app also snapshots the study first: not timed here, the target has
 * no segments.) The peer: PapaParse alone on the same text plus a raw IndexedDB write of the
 * records the import produced. `rounds` alternate which goes first (app, peer; peer, app; …): the
 * second of a pair runs on a warmer JIT and on the first one's garbage.
 */
export async function benchCsvImport(env: IdbEnv, data: StudyData, now: Now, yieldNow: Yield, rounds = 2): Promise<CsvResult> {
  const bytes = exportCsv('segments', data, 'excel-nb');
  const target: StudyData = { ...data, segments: [] };
  const app = { total: [] as number[], parse: [] as number[], records: [] as number[], write: [] as number[] };
  const peer = { papa: [] as number[], write: [] as number[] };
  let records: unknown[] = [];
  let delimiter = ';';
  let longest: number | null = null;
  let longCount = 0;
  let byPhase: CsvResult['appLongestByPhase'] = null;

  const runApp = async () => {
    const db = await freshAppDb(env, 'reisekart-bench-csv');
    const seeded = await replaceStudyData(db, target);
    if (!seeded.ok) throw new Error('seeding the CSV target failed');
    // The app transfers the picked file's bytes to the worker: the bench gives it its own copy,
    // made before the watched window (allocating 28 MB can trigger a GC the app would not pay here).
    const picked = bytes.slice();
    await yieldNow();
    const watched = await watchLongTasks(async () => {
      return importCsvChunk(db, picked, target, now);
    });
    const w = watched.value;
    app.total.push(w.t3 - w.t0);
    app.parse.push(w.t1 - w.t0);
    app.records.push(w.t2 - w.t1);
    app.write.push(w.t3 - w.t2);
    records = w.records;
    delimiter = w.delimiter;
    if (watched.longest !== null) {
      longest = Math.max(longest ?? 0, watched.longest);
      const phases = byPhase ?? { parse: 0, records: 0, write: 0 };
      for (const e of watched.entries) {
        const k = e.startTime < w.t1 ? 'parse' : e.startTime < w.t2 ? 'records' : 'write';
        phases[k] = Math.max(phases[k], e.duration);
      }
      byPhase = phases;
    }
    longCount += watched.count;
    db.close();
    await req(env.indexedDB.deleteDatabase('reisekart-bench-csv') as unknown as IDBRequest<unknown>);
  };

  const runPeer = async () => {
    const raw = await openRawSegments(env, 'reisekart-bench-csv-raw');
    // Decoded here, not held for the whole scenario: a 28 MB file is 56 MB of string on the heap.
    const text = new TextDecoder().decode(bytes);
    const p0 = now();
    const papa = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy' });
    const p1 = now();
    if (papa.data.length < data.segments.length) throw new Error('PapaParse found fewer rows');
    // The first round may run the peer first: it then writes the records the import will produce.
    const rows = records.length ? records : importedRecords(text, target);
    await rawBulkPut(raw, rows);
    const p2 = now();
    peer.papa.push(p1 - p0);
    peer.write.push(p2 - p1);
    raw.close();
    await req(env.indexedDB.deleteDatabase('reisekart-bench-csv-raw') as unknown as IDBRequest<unknown>);
  };

  for (let r = 0; r < rounds; r++) {
    for (const work of r % 2 === 0 ? [runApp, runPeer] : [runPeer, runApp]) {
      await yieldNow();
      await work();
    }
  }
  return {
    rows: records.length,
    bytes: bytes.length,
    importMs: median(app.total),
    parseMs: median(app.parse),
    toRecordsMs: median(app.records),
    writeMs: median(app.write),
    papaMs: median(peer.papa),
    rawWriteMs: median(peer.write),
    rounds,
    appLongestTaskMs: longest,
    appLongTasks: longCount,
    appLongestByPhase: byPhase,
  };
}

/**
 * The CSV import of a file too large for one Node heap (1,000,000 rows at the large scale): the
 * file arrives as consecutive CSV files of `chunks` (each with the header), imported one after the
 * other into ONE database along the app's path (parse → records → saveParsedSegments), so the
 * store grows as it would; then the peer, PapaParse + raw bulk write of the same records per chunk
 * into one raw store. Only one chunk's text, table and records are alive at a time; the peer
 * recomputes a chunk's records outside its timing. Totals are sums over the chunks.
 */
export async function benchCsvImportChunked(env: IdbEnv, target: StudyData, chunks: readonly Uint8Array[], now: Now, yieldNow: Yield): Promise<CsvResult> {
  const app = { parse: 0, records: 0, write: 0 };
  const peer = { papa: 0, write: 0 };
  let rows = 0;
  let bytes = 0;
  let delimiter = ';';
  const db = await freshAppDb(env, 'reisekart-bench-csv');
  const seeded = await replaceStudyData(db, target);
  if (!seeded.ok) throw new Error('seeding the CSV target failed');
  for (const chunk of chunks) {
    bytes += chunk.length;
    const picked = chunk.slice();
    await yieldNow();
    const { t0, t1, t2, t3, records, delimiter: d } = await importCsvChunk(db, picked, target, now);
    app.parse += t1 - t0;
    app.records += t2 - t1;
    app.write += t3 - t2;
    rows += records.length;
    delimiter = d;
  }
  db.close();
  await req(env.indexedDB.deleteDatabase('reisekart-bench-csv') as unknown as IDBRequest<unknown>);

  const raw = await openRawSegments(env, 'reisekart-bench-csv-raw');
  for (const chunk of chunks) {
    await yieldNow();
    const text = new TextDecoder().decode(chunk);
    const records = importedRecords(text, target);
    const p0 = now();
    const papa = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy' });
    const p1 = now();
    if (papa.data.length <= records.length) throw new Error('PapaParse found fewer rows');
    await rawBulkPut(raw, records);
    const p2 = now();
    peer.papa += p1 - p0;
    peer.write += p2 - p1;
  }
  raw.close();
  await req(env.indexedDB.deleteDatabase('reisekart-bench-csv-raw') as unknown as IDBRequest<unknown>);
  return {
    rows,
    bytes,
    importMs: app.parse + app.records + app.write,
    parseMs: app.parse,
    toRecordsMs: app.records,
    writeMs: app.write,
    papaMs: peer.papa,
    rawWriteMs: peer.write,
    rounds: 1,
    appLongestTaskMs: null,
    appLongTasks: 0,
    appLongestByPhase: null,
  };
}

/** The records of the segments CSV, computed directly (only when the peer runs before any import). */
function importedRecords(text: string, target: StudyData): unknown[] {
  const parsed = parseCsv(text, 'segments.csv');
  if (!parsed.ok) throw new Error('parse failed');
  const r = importCsv('segments', parsed.table, { ...suggestMapping('segments', parsed.table.headers), id: null }, target, { now: '2021-04-01T12:00:00.000Z', newId: () => crypto.randomUUID() });
  if (!r.ok) throw new Error('import failed');
  return r.records;
}

export interface SaveResult {
  save: Timing;
  raw: Timing;
}

/**
 * Coding a segment: `n` saveSegment calls (parse + one put in one transaction) on a store that
 * already holds the study, against a raw put of the same record in its own transaction.
 */
export async function benchSaveSegment(env: IdbEnv, data: StudyData, n: number, now: Now, yieldNow: Yield): Promise<SaveResult> {
  const db = await freshAppDb(env, 'reisekart-bench-save');
  const put = await replaceStudyData(db, data);
  if (!put.ok) throw new Error('seeding failed');
  const native = db.backendDB();
  const codes = data.codes.map((c) => c.id);
  const save: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < n; i++) {
    const seg = data.segments[(i * 7919) % data.segments.length] as Segment;
    const next: Segment = { ...seg, codeIds: [codes[i % codes.length] as string], note: `bench ${i}` };
    await yieldNow();
    const a = now();
    const r = await saveSegment(db, next);
    save.push(now() - a);
    if (!r.ok) throw new Error('saveSegment failed');
    await yieldNow();
    const b = now();
    const tx = native.transaction('segments', 'readwrite', { durability: 'strict' });
    tx.objectStore('segments').put({ ...r.value, note: `raw ${i}` });
    await done(tx);
    raw.push(now() - b);
  }
  db.close();
  await req(env.indexedDB.deleteDatabase('reisekart-bench-save') as unknown as IDBRequest<unknown>);
  return { save: summarise(save), raw: summarise(raw) };
}
