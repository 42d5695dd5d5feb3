/**
 * Every version of the study database, in one place (STYLE.md §7, after Actual Budget's
 * schema guard). Versions are applied in order by `openDatabase`; a committed snapshot
 * (tests/dom/db-migrations.test.ts) fails on any accidental change, and the migration harness
 * (tests/dom/db-migrations.test.ts) opens each past version with seed data and upgrades it.
 *
 * Rules for a new version: append, never edit a shipped entry; declare the FULL store layout
 * (so the harness can recreate exactly that version); add a seed for the previous version to
 * the harness; re-run with `-u` only after reading the snapshot diff.
 *
 * Indexes are few on purpose: real IndexedDB writes are the bottleneck (STACK.md: 50,000 rows
 * with 7 indexes take 11–12 s to bulkPut in Chromium). Every per-study table needs `studyId`
 * (load, delete, replace a whole study); segments and overrides also need `interviewId`
 * (delete/restore an interview). Everything else is filtered in memory after a studyId load.
 */
import type { Transaction } from 'dexie';

export const TABLE_NAMES = [
  'studies',
  'interviews',
  'transcripts',
  'segments',
  'codes',
  'overrides',
  'benchmarks',
  'audit',
  'terms',
  'pseudonyms',
  'undo',
  'meta',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export interface SchemaVersion {
  version: number;
  /** Why this version exists (kept in the snapshot, read by whoever adds the next one). */
  why: string;
  /** Dexie store syntax: primary key first, then indexes. Full layout, not a delta. */
  stores: Readonly<Record<TableName, string>>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

const V1_STORES: Record<TableName, string> = {
  studies: 'id',
  interviews: 'id, studyId',
  // One transcript per interview: keyed by it, so a put replaces and a delete needs no lookup.
  transcripts: 'interviewId, studyId',
  segments: 'id, studyId, interviewId',
  codes: 'id, studyId',
  overrides: 'id, studyId, interviewId',
  benchmarks: 'id, studyId',
  audit: 'id, studyId',
  terms: 'id, studyId',
  pseudonyms: 'id, studyId',
  undo: '++id, studyId',
  meta: 'key',
};

const V2_STORES: Record<TableName, string> = {
  ...V1_STORES,
  // The workbench keeps one undo stack per (study, scope); the compound index also serves
  // "everything of this study" as a prefix range, so the plain studyId index is dropped.
  undo: '++id, [studyId+scope]',
};

/**
 * Version 2: segments written by version 1 predate wishes (to-be experiences) and
 * re-anchoring, so they carry neither `kind` nor `anchor`; fill the defaults the zod schema
 * would give, so reads never need to parse and old rows look like new ones.
 */
async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('segments')
    .toCollection()
    .modify((s: Record<string, unknown>) => {
      if (s.kind === undefined) s.kind = 'experience';
      if (s.anchor === undefined) s.anchor = 'ok';
    });
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  { version: 1, why: 'initial layout', stores: V1_STORES },
  {
    version: 2,
    why: 'segments get kind/anchor defaults; undo indexed by [studyId+scope]',
    stores: V2_STORES,
    upgrade: upgradeToV2,
  },
];

export const CURRENT_VERSION: number = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 1;
