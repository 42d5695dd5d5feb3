/**
 * The Dexie database of the renderer: typed tables over the zod records of shared/model.
 * Records are parsed before every write (see records.ts), so reads trust what is stored.
 */
import { Dexie, type Table } from 'dexie';
import type {
  AuditEntry,
  InformantAttributes,
  RetentionPlan,
  StudyVariable,
  Benchmark,
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
  Study,
  StudyTerm,
  Tombstone,
  Transcript,
} from '../../shared/model';
import { SCHEMA_VERSIONS } from './schema';
import { auditTrailMiddleware } from './audit-trail';

export const DB_NAME = 'reisekart';

/** What an undo entry may change: puts and deletes by table, applied in one transaction. */
export interface StoreChange {
  puts?: {
    interviews?: Interview[];
    transcripts?: Transcript[];
    segments?: Segment[];
    codes?: Code[];
    overrides?: CounsellorOverride[];
    variables?: StudyVariable[];
    attributes?: InformantAttributes[];
  };
  deletes?: {
    interviews?: string[];
    /** Transcripts are keyed by interviewId. */
    transcripts?: string[];
    segments?: string[];
    codes?: string[];
    overrides?: string[];
    variables?: string[];
    attributes?: string[];
  };
  /** Codes deleted by merging them into another (deleted id → target id): their tombstones say so. */
  codesMergedInto?: Record<string, string>;
}

/** One step of the coding workbench's undo/redo log, per study and scope (e.g. an interview id). */
export interface UndoEntry {
  /** Auto-incremented: order of the log. */
  id?: number;
  studyId: string;
  scope: string;
  at: string;
  /** Human-readable label for the menu ("Kode lagt til"), optional. */
  label?: string;
  forward: StoreChange;
  backward: StoreChange;
}

/** Key/value settings and flags: 'demoSeeded', 'lastStudyId', settings. */
export interface MetaEntry {
  key: string;
  value: unknown;
}

/** Clock and id source: injectable so tests are deterministic. */
export interface DbEnv {
  now: () => string;
  newId: () => string;
}

export interface OpenOptions extends Partial<DbEnv> {
  /** Another IDBFactory (tests); default: the global `indexedDB`. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export class ReisekartDb extends Dexie {
  declare studies: Table<Study, string>;
  declare interviews: Table<Interview, string>;
  declare transcripts: Table<Transcript, string>;
  declare segments: Table<Segment, string>;
  declare codes: Table<Code, string>;
  declare overrides: Table<CounsellorOverride, string>;
  declare benchmarks: Table<Benchmark, string>;
  declare audit: Table<AuditEntry, string>;
  declare terms: Table<StudyTerm, string>;
  declare pseudonyms: Table<PseudonymEntry, string>;
  declare tombstones: Table<Tombstone, string>;
  declare mergeBases: Table<MergeBase, string>;
  declare conflicts: Table<PendingConflict, string>;
  declare memos: Table<Memo, string>;
  declare guide: Table<GuideItem, string>;
  declare guideTicks: Table<GuideTick, string>;
  declare riskDecisions: Table<RiskDecision, string>;
  declare insights: Table<Insight, string>;
  declare undo: Table<UndoEntry, number>;
  declare meta: Table<MetaEntry, string>;
  declare variables: Table<StudyVariable, string>;
  declare attributes: Table<InformantAttributes, string>;
  declare retention: Table<RetentionPlan, string>;
  readonly env: DbEnv;

  constructor(name: string, options: OpenOptions = {}) {
    super(name, {
      // 'strict' makes Chromium flush to disk before a readwrite transaction reports
      // complete (its default 'relaxed' may lose the last writes on power loss). Coding
      // sessions are long and hand-made, so durability beats the few ms per commit.
      // https://developer.chrome.com/blog/indexeddb-durability-mode-now-defaults-to-relaxed
      chromeTransactionDurability: 'strict',
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    for (const v of SCHEMA_VERSIONS) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
    this.env = {
      now: options.now ?? (() => new Date().toISOString()),
      newId: options.newId ?? (() => crypto.randomUUID()),
    };
    // The audit trail (audit-trail.ts): every change to an audited table is logged in its own transaction.
    this.use(auditTrailMiddleware({ now: () => this.env.now(), newId: () => this.env.newId() }));
  }
}

export function openDatabase(name: string = DB_NAME, options: OpenOptions = {}): ReisekartDb {
  return new ReisekartDb(name, options);
}

let defaultDb: ReisekartDb | null = null;

/** The app's database; created on first use (Dexie opens lazily on the first query too). */
export function appDb(): ReisekartDb {
  defaultDb ??= openDatabase(DB_NAME);
  return defaultDb;
}

/** The app's default instance. Constructing does not touch IndexedDB; the first query opens it. */
export const db: ReisekartDb = appDb();
