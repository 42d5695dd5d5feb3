/**
 * The domain of the method "Brukerreisen Kim" (Vestfold og Telemark fylkeskommune, 2021).
 *
 * One zod schema per record is the single source of truth: the TypeScript types are inferred
 * from it, and every boundary (IPC, bundle restore, CSV import) parses with the same schema.
 * Pure: no DOM, no Node, no Electron, no React, no Dexie (lint-enforced).
 */
import { z } from 'zod';
import { ImportMapping } from './import-mapping';
import { Id, IsoTime, Revision, TextReview } from './base';
import { GuideItem, GuideTick } from './guide';
import { Memo } from './memo';
// Records of their own files; StudyData refers to them through getters (evaluated at parse time),
// so the cycle attributes.ts → schema.ts → attributes.ts needs neither module evaluated first.
import { InformantAttributes, StudyVariable } from './attributes';
import { RetentionPlan } from './retention';
import { RiskDecision } from './risk';
import { Insight } from './insight';

/** The base records live in ./base.ts (so record files of their own can use them without an import cycle). */
export { Id, IsoTime, Revision, ReviewReason, ReviewRecord, TextReview } from './base';

/** ISO date `yyyy-mm-dd` (display as dd.mm.yyyy in nb/nn). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be yyyy-mm-dd');

export const FrameItem = z.object({
  id: Id,
  label: z.string().min(1).max(200),
  /** Short label for dense views (columns, chips). */
  short: z.string().max(40).optional(),
  description: z.string().max(2000).optional(),
});
export type FrameItem = z.infer<typeof FrameItem>;

export const GroupDef = FrameItem.extend({
  /** Prefix for interview codes, e.g. `YF` gives `YF-03`. */
  prefix: z.string().min(1).max(10),
});
export type GroupDef = z.infer<typeof GroupDef>;

/** How an experience felt. `mixed` is the method's "ok, but I wish it were better". */
export const Valence = z.enum(['positive', 'mixed', 'negative']);
export type Valence = z.infer<typeof Valence>;
export const VALENCES: readonly Valence[] = ['positive', 'mixed', 'negative'];
/** Numeric value for the emotion curve: positive +1, mixed 0, negative −1. */
export const VALENCE_SCORE: Record<Valence, number> = { positive: 1, mixed: 0, negative: -1 };

/** An experience as it was (as-is), or a wish: how it should have been (to-be, the "ideal everyday"). */
export const SegmentKind = z.enum(['experience', 'wish']);
export type SegmentKind = z.infer<typeof SegmentKind>;

export const Coder = z.object({
  id: Id,
  name: z.string().min(1).max(100),
  initials: z.string().min(1).max(10),
});
export type Coder = z.infer<typeof Coder>;

export const Study = z.object({
  id: Id,
  title: z.string().min(1).max(300),
  description: z.string().max(5000).default(''),
  locale: z.enum(['nb', 'nn', 'en']).default('nb'),
  /** Partner site that owns this copy (county, municipality, OT); used when bundles are merged. */
  site: z.string().max(200).default(''),
  stages: z.array(FrameItem).min(1),
  situations: z.array(FrameItem).min(1),
  groups: z.array(GroupDef).min(1),
  actors: z.array(FrameItem),
  /** Labels for the three valences, in the study's language. */
  valenceLabels: z.object({ positive: z.string(), mixed: z.string(), negative: z.string() }),
  coders: z.array(Coder),
  /** The actor whose segments drive the counsellor assessment (default: rådgiver). */
  counsellorActorId: Id,
  /** Cells with fewer informants than this are suppressed in presentations and exports. */
  smallCellThreshold: z.number().int().min(1).max(100).default(5),
  /** True for the embedded demo study. */
  demo: z.boolean().default(false),
  /**
   * The id every copy of this study shares (set at the first export: the original study id), so a
   * merge can tell a partner's copy from an unrelated study. Absent: the study's own id.
   */
  lineageId: Id.optional(),
  /** What the study's CSV imports taught it (headers and the team's own words): reused by the next. */
  importMapping: ImportMapping.optional(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Study = z.infer<typeof Study>;

export const Code = z.object({
  id: Id,
  studyId: Id,
  parentId: Id.nullable(),
  name: z.string().min(1).max(200),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  definition: z.string().max(5000).default(''),
  examples: z.array(z.string().max(2000)).default([]),
  order: z.number().int().default(0),
  /** Absent on records written before revisions existed: read as revision 1. */
  rev: Revision.optional(),
});
export type Code = z.infer<typeof Code>;

export const InterviewFormat = z.enum(['individual', 'group']);
export type InterviewFormat = z.infer<typeof InterviewFormat>;
export const InterviewMode = z.enum(['digital', 'in-person', 'drawing-workshop']);
export type InterviewMode = z.infer<typeof InterviewMode>;
export const InterviewStatus = z.enum(['planned', 'conducted', 'transcribed', 'anonymised', 'coded', 'reviewed']);
export type InterviewStatus = z.infer<typeof InterviewStatus>;
export const INTERVIEW_STATUSES: readonly InterviewStatus[] = InterviewStatus.options;

/** A participant inside one interview: `P1` … `Pn`. Never a name. */
export const Participant = z.object({
  id: z.string().regex(/^P\d{1,3}$/, 'participant id must be P1, P2, …'),
  /** Optional non-identifying descriptor, e.g. "Vg2 elev". */
  note: z.string().max(200).default(''),
});
export type Participant = z.infer<typeof Participant>;

export const Interview = z.object({
  id: Id,
  studyId: Id,
  /** Non-identifying code such as `YF-03`. */
  code: z.string().min(1).max(40),
  groupId: Id,
  format: InterviewFormat,
  participants: z.array(Participant).min(1),
  mode: InterviewMode,
  date: IsoDate.nullable(),
  interviewer: z.string().max(10).default(''),
  site: z.string().max(200).default(''),
  consent: z.boolean(),
  notes: z.string().max(20000).default(''),
  status: InterviewStatus,
  createdAt: IsoTime,
  updatedAt: IsoTime,
  /** Absent on records written before revisions existed: read as revision 1. */
  rev: Revision.optional(),
});
export type Interview = z.infer<typeof Interview>;

/** The state a piece of text has when nothing vouches for it. */
export const NEEDS_REVIEW: TextReview = { state: 'needs-review', record: null, reason: null, hits: {} };

/** A speaker turn in a transcript: offsets in UTF-16 code units into `text`. */
export const Turn = z.object({ start: z.number().int().min(0), end: z.number().int().min(0), participantId: z.string().nullable() });
export type Turn = z.infer<typeof Turn>;

/**
 * The stored, reviewed transcript. `text` is NFC with `\n` line ends (see shared/text/normalise.ts);
 * segment offsets are UTF-16 code unit indices into it (what `String.prototype.slice` uses).
 */
export const Transcript = z.object({
  interviewId: Id,
  studyId: Id,
  text: z.string(),
  source: z.enum(['typed', 'txt', 'docx', 'vtt', 'srt', 'import']),
  turns: z.array(Turn).default([]),
  reviewedBy: z.string().max(100).nullable().default(null),
  reviewedAt: IsoTime.nullable().default(null),
  /**
   * The text's own review state: what the gate reads (not `reviewedBy` or the interview status).
   * Absent = needs review (shared/model/gate.ts).
   */
  review: TextReview.optional(),
  updatedAt: IsoTime,
  /** Absent on records written before revisions existed: read as revision 1. */
  rev: Revision.optional(),
});
export type Transcript = z.infer<typeof Transcript>;

export const Segment = z.object({
  id: Id,
  studyId: Id,
  interviewId: Id,
  participantId: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  /** The quoted text, kept to re-anchor the span when the transcript is edited. */
  quote: z.string(),
  stageId: Id.nullable(),
  situationId: Id.nullable(),
  actorIds: z.array(Id).default([]),
  valence: Valence.nullable(),
  kind: SegmentKind.default('experience'),
  codeIds: z.array(Id).default([]),
  note: z.string().max(5000).default(''),
  coderId: Id,
  /** `lost` when a transcript edit left the quote without a unique place: shown, never silently moved. */
  anchor: z.enum(['ok', 'lost']).default('ok'),
  /** Review state of `quote` and `note`: a quote leaves the app only when this says reviewed. Absent = needs review. */
  review: TextReview.optional(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  /** Absent on records written before revisions existed: read as revision 1. */
  rev: Revision.optional(),
});
export type Segment = z.infer<typeof Segment>;

/** The method's four counsellor outcomes per informant. */
export const CounsellorCategory = z.enum(['positive', 'mixed', 'negative', 'not-discussed']);
export type CounsellorCategory = z.infer<typeof CounsellorCategory>;

export const CounsellorOverride = z.object({
  id: Id,
  studyId: Id,
  interviewId: Id,
  participantId: z.string(),
  category: CounsellorCategory,
  reason: z.string().min(1).max(2000),
  by: z.string().min(1).max(100),
  at: IsoTime,
  /**
   * Review state of `reason` (typed text, shared/model/typed-text.ts): scanned as it is saved.
   * Absent on reasons written before: the one door out scans those itself (shared/exchange/outbound.ts).
   */
  review: TextReview.optional(),
  /** Absent on records written before revisions existed: read as revision 1. */
  rev: Revision.optional(),
});
export type CounsellorOverride = z.infer<typeof CounsellorOverride>;

export const BenchmarkCategory = z.object({
  /** Wording as the source has it, e.g. "litt fornøyd". */
  label: z.string().min(1),
  percent: z.number().min(0).max(100),
  /** Closest interview category, or null when nothing corresponds. */
  mapsTo: CounsellorCategory.nullable(),
});
export type BenchmarkCategory = z.infer<typeof BenchmarkCategory>;

/** An external distribution shown beside — never merged with — the interview counts. */
export const Benchmark = z.object({
  id: Id,
  studyId: Id,
  name: z.string().min(1).max(300),
  source: z.string().min(1).max(500),
  year: z.number().int().min(1900).max(2200),
  n: z.number().int().min(1),
  /** True when n is approximate ("about 7000"). */
  nApprox: z.boolean().default(false),
  population: z.string().max(500).default(''),
  question: z.string().max(1000).default(''),
  categories: z.array(BenchmarkCategory).min(1),
  /** Absent on records written before revisions existed: read as revision 1. */
  rev: Revision.optional(),
});
export type Benchmark = z.infer<typeof Benchmark>;

/** Records who did what; never the removed identifier values. */
export const AuditEntry = z.object({
  id: Id,
  studyId: Id,
  at: IsoTime,
  who: z.string().max(100),
  action: z.string().min(1).max(100),
  subject: z.string().max(200).default(''),
  counts: z.record(z.string(), z.number()).default({}),
  note: z.string().max(2000).default(''),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Study-specific anonymisation memory: the same person keeps the same tag across interviews. */
export const PseudonymEntry = z.object({
  id: Id,
  studyId: Id,
  /** Tag kind, e.g. NAVN, SKOLE, STED, LÆRER. */
  kind: z.string().min(1).max(20),
  /** The pseudonym tag, e.g. `[NAVN-3]`. */
  tag: z.string().min(1).max(40),
  /**
   * A salted SHA-256 of the normalised original, so consistent tags survive across interviews
   * without storing the identifier itself.
   */
  hash: z.string().min(16).max(128),
});
export type PseudonymEntry = z.infer<typeof PseudonymEntry>;

/** A term the user maintains (schools, teachers, places) that must always be replaced. */
export const StudyTerm = z.object({
  id: Id,
  studyId: Id,
  term: z.string().min(1).max(200),
  kind: z.string().min(1).max(20),
});
export type StudyTerm = z.infer<typeof StudyTerm>;

/** Record kinds that carry revisions and leave tombstones. */
export const RevisedEntity = z.enum(['codes', 'interviews', 'transcripts', 'segments', 'overrides', 'benchmarks', 'memos', 'guide', 'variables', 'attributes']);
export type RevisedEntity = z.infer<typeof RevisedEntity>;

/**
 * A deletion that travels: which record, at which revision it was deleted (the record's last
 * revision + 1), who and where — never its content. A code merged into another names it in `into`,
 * so the other side moves its own segments along (a code merge travels as an operation).
 */
/** Which record of a study a tombstone or a pending conflict is about. */
const studyRecordRef = { studyId: Id, entity: RevisedEntity, recordId: Id };

export const Tombstone = z.object({
  /** `entity:recordId` (unique across studies only with the study: key is [studyId+id] in spirit). */
  id: z.string().min(1).max(300),
  ...studyRecordRef,
  rev: Revision,
  into: Id.nullable().default(null),
});
export type Tombstone = z.infer<typeof Tombstone>;

/**
 * What this study knew of one partner at the last merge: revision numbers only (never a copy of
 * the partner's data). `ours`/`theirs`: `entity:id` → revision number on each side right after
 * that merge (a deletion's number is its tombstone's).
 */
export const MergeBase = z.object({
  id: z.string().min(1).max(400),
  studyId: Id,
  partner: z.string().max(200),
  lineageId: Id,
  at: IsoTime,
  /** The partner study's `updatedAt` in the bundle merged last (older bundles are recognised). */
  partnerUpdatedAt: z.string().max(40).default(''),
  ours: z.record(z.string(), z.number().int()),
  theirs: z.record(z.string(), z.number().int()),
});
export type MergeBase = z.infer<typeof MergeBase>;

/**
 * A record changed on both sides since the last merge (or deleted on one, changed on the other),
 * waiting for a decision. Until then the study holds (and analysis counts) our version only; the
 * partner's version waits here. `theirs` null: the partner deleted it.
 */
export const PendingConflict = z.object({
  id: z.string().min(1).max(400),
  ...studyRecordRef,
  partner: z.string().max(200),
  /** Their record (already in this study's ids), or null when they deleted it. */
  theirs: z.record(z.string(), z.unknown()).nullable(),
  theirsRev: Revision,
  /** Our revision when the conflict was found; null when we had deleted it. */
  oursRev: Revision.nullable(),
  at: IsoTime,
});
export type PendingConflict = z.infer<typeof PendingConflict>;

/** A whole study as plain data: what bundles, exports and the demo carry. */
export const StudyData = z.object({
  study: Study,
  codes: z.array(Code),
  interviews: z.array(Interview),
  transcripts: z.array(Transcript),
  segments: z.array(Segment),
  overrides: z.array(CounsellorOverride),
  benchmarks: z.array(Benchmark),
  audit: z.array(AuditEntry).default([]),
  terms: z.array(StudyTerm).default([]),
  pseudonyms: z.array(PseudonymEntry).default([]),
  /** Deletions that travel (bundles carry them). */
  tombstones: z.array(Tombstone).optional(),
  /** Per partner, the revisions of the last merge. Stays in the app (outboundView drops it). */
  mergeBases: z.array(MergeBase).optional(),
  /** Conflicts not yet resolved. Stay in the app (outboundView drops them). */
  conflicts: z.array(PendingConflict).optional(),
  /** Memos (./memo.ts): reviewed ones travel in bundles; the rest stay (outboundView). */
  memos: z.array(Memo).optional(),
  /** The interview guide (./guide.ts): topics and questions per stage × situation. */
  guide: z.array(GuideItem).optional(),
  /** The interviewers' ticks on guide coverage per interview. */
  guideTicks: z.array(GuideTick).optional(),
  /** Study variables (shared/model/attributes.ts): merged by revision, bundles carry them. */
  get variables() {
    return z.array(StudyVariable).optional();
  },
  /** Informant attributes, one record per informant: merged by revision, bundles carry them. */
  get attributes() {
    return z.array(InformantAttributes).optional();
  },
  /** The retention plan (shared/model/retention.ts): this copy's own, never in a bundle. */
  get retention() {
    return z.array(RetentionPlan).optional();
  },
  /** Re-identification risk decisions (shared/model/risk.ts): travel in bundles, applied by outboundView. */
  riskDecisions: z.array(z.lazy(() => RiskDecision)).optional(),
  /** Journey insights (shared/model/insight.ts); the outbound view keeps reviewed text only. */
  insights: z.array(z.lazy(() => Insight)).optional(),
});
export type StudyData = z.infer<typeof StudyData>;
