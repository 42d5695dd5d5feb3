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
  'tombstones',
  'mergeBases',
  'conflicts',
  'memos',
  'guide',
  'guideTicks',
  'riskDecisions',
  'insights',
  'undo',
  'meta',
  'variables',
  'attributes',
  'retention',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export interface SchemaVersion {
  version: number;
  /** Why this version exists (kept in the snapshot, read by whoever adds the next one). */
  why: string;
  /**
   * Dexie store syntax: primary key first, then indexes. Full layout, not a delta: every table
   * that exists at this version (a table added later is absent from earlier versions).
   */
  stores: Readonly<Partial<Record<TableName, string>>>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

type V6Table = 'variables' | 'attributes' | 'retention';
type V5Table = 'memos' | 'guide' | 'guideTicks';
type V3Table = Exclude<TableName, V5Table | V6Table | 'insights' | 'riskDecisions'>;
type V2Table = Exclude<V3Table, 'tombstones' | 'mergeBases' | 'conflicts'>;

const V1_STORES: Record<V2Table, string> = {
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

const V2_STORES: Record<V2Table, string> = {
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

const V3_STORES: Record<V3Table, string> = {
  ...V2_STORES,
  // Deletions that travel in bundles, keyed `entity:recordId` (record ids are unique across studies).
  tombstones: 'id, studyId',
  // Per partner, the revision numbers of the last merge, keyed `studyId:partner`.
  mergeBases: 'id, studyId',
  // Conflicts waiting for a decision, keyed `partner|entity:recordId`.
  conflicts: 'id, studyId',
};

const REVISED_TABLES = ['codes', 'interviews', 'transcripts', 'segments', 'overrides', 'benchmarks'] as const;

/**
 * Version 3: every record that merges by revision gets revision 1 (docs/exchange.md): who is not
 * known (`by: ''`), the site is its study's, the time its own `updatedAt` (or `at`) when it has one.
 * A record that already carries a revision keeps it.
 */
async function upgradeToV3(tx: Transaction): Promise<void> {
  const sites = new Map<string, string>();
  await tx
    .table('studies')
    .toCollection()
    .each((st: { id: string; site?: string }) => {
      sites.set(st.id, st.site ?? '');
    });
  for (const name of REVISED_TABLES) {
    await tx
      .table(name)
      .toCollection()
      .modify((r: Record<string, unknown>) => {
        if (r.rev !== undefined) return;
        const at = typeof r.updatedAt === 'string' ? r.updatedAt : typeof r.at === 'string' ? r.at : '';
        r.rev = { n: 1, by: '', site: sites.get(String(r.studyId)) ?? '', at };
      });
  }
}

/**
 * Version 4: each piece of text gets its own review state (`review`, shared/model/gate.ts), apart
 * from the interview's workflow status. Rows written before it carry no state; the gate reads a
 * missing state as "needs review", so this only keeps what the review screen did: a transcript
 * it completed (`reviewedBy` and `reviewedAt` set) becomes `reviewed`, with the counts of its
 * newest review entry in the audit log (counts only, never values); a segment whose quote is
 * still its span of such a transcript follows it. Everything else — imported transcripts
 * without a reviewer, free-standing quotes, lost anchors — becomes `needs-review` (reason
 * `migrated`), so nothing a file once said about itself survives as "reviewed".
 */
async function upgradeToV4(tx: Transaction): Promise<void> {
  const codes = new Map<string, string>();
  await tx.table('interviews').each((iv: { id: string; code: string }) => void codes.set(iv.id, iv.code));
  const counts = new Map<string, { at: string; counts: Record<string, number> }>();
  await tx.table('audit').each((a: { studyId: string; action: string; subject: string; at: string; counts?: Record<string, number> }) => {
    if (a.action !== 'anonymise.review' && a.action !== 'anonymise.edit') return;
    const key = `${a.studyId}\u0000${a.subject}`;
    const prev = counts.get(key);
    if (!prev || prev.at < a.at) counts.set(key, { at: a.at, counts: a.counts ?? {} });
  });
  const needs = { state: 'needs-review', record: null, reason: 'migrated', hits: {} };
  const texts = new Map<string, { text: string; review: unknown }>();
  await tx
    .table('transcripts')
    .toCollection()
    .modify((t: Record<string, unknown>) => {
      if (t.review !== undefined) return;
      const by = typeof t.reviewedBy === 'string' ? t.reviewedBy.trim() : '';
      const at = typeof t.reviewedAt === 'string' ? t.reviewedAt : '';
      if (by !== '' && at !== '') {
        const audit = counts.get(`${String(t.studyId)}\u0000${codes.get(String(t.interviewId)) ?? ''}`);
        t.review = { state: 'reviewed', record: { reviewer: by.slice(0, 100), at, counts: audit?.counts ?? {} }, reason: null, hits: {} };
      } else t.review = { ...needs };
      texts.set(String(t.interviewId), { text: String(t.text), review: t.review });
    });
  await tx
    .table('segments')
    .toCollection()
    .modify((s: Record<string, unknown>) => {
      if (s.review !== undefined) return;
      const tr = texts.get(String(s.interviewId));
      const start = Number(s.start);
      const end = Number(s.end);
      const anchored = tr !== undefined && s.anchor === 'ok' && tr.text.slice(start, end) === s.quote && end > start;
      const reviewed = anchored && (tr.review as { state: string }).state === 'reviewed';
      s.review = reviewed ? tr.review : { ...needs };
    });
}

const V5_STORES: Record<Exclude<TableName, V6Table | 'insights' | 'riskDecisions'>, string> = {
  ...V3_STORES,
  // Memos (shared/model/memo.ts): loaded per study, filtered by kind and target in memory.
  memos: 'id, studyId',
  // The interview guide's items, and the interviewers' coverage ticks (keyed `interviewId:itemId`).
  guide: 'id, studyId',
  guideTicks: 'id, studyId',
};

const V6_STORES: Record<Exclude<TableName, 'insights' | 'riskDecisions'>, string> = {
  ...V5_STORES,
  // Study variables (age band, site …) and one attribute record per informant, keyed by the
  // informant key `interviewId:participantId` (shared/model/attributes.ts); the retention plan,
  // keyed by its study id (shared/model/retention.ts). Small tables: studyId only.
  variables: 'id, studyId',
  attributes: 'id, studyId',
  retention: 'id, studyId',
};

const V7_STORES: Record<Exclude<TableName, 'riskDecisions'>, string> = {
  ...V6_STORES,
  // Journey insights (shared/model/insight.ts): a few per stage, loaded with the study.
  insights: 'id, studyId',
};

const V8_STORES: Record<TableName, string> = {
  ...V7_STORES,
  // Re-identification risk decisions (issue 20), one row per study and subject, keyed `studyId|subject`.
  riskDecisions: 'id, studyId',
};

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  { version: 1, why: 'initial layout', stores: V1_STORES },
  {
    version: 2,
    why: 'segments get kind/anchor defaults; undo indexed by [studyId+scope]',
    stores: V2_STORES,
    upgrade: upgradeToV2,
  },
  {
    version: 3,
    why: 'revisions on every merged record (revision 1 at upgrade); tombstones, merge bases and conflicts tables',
    stores: V3_STORES,
    upgrade: upgradeToV3,
  },
  {
    version: 4,
    why: 'text review state per transcript and segment (review), apart from the interview status',
    stores: V3_STORES,
    upgrade: upgradeToV4,
  },
  {
    version: 5,
    why: 'memos, the interview guide and its coverage ticks (new tables, no upgrade of existing rows)',
    stores: V5_STORES,
  },
  {
    version: 6,
    why: 'informant variables and attributes (merged by revision), retention plan per study',
    stores: V6_STORES,
  },
  { version: 7, why: 'journey insights (pain points, opportunities, open questions) with their quotes', stores: V7_STORES },
  { version: 8, why: 'riskDecisions table: re-identification risk decisions per study (issue 20)', stores: V8_STORES },
];

export const CURRENT_VERSION: number = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 1;
