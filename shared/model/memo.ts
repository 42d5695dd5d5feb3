/**
 * Memos (issue #18): what a researcher writes down while working — a research journal on the
 * study, a memo on an interview, a segment, a code or a journey-map cell, the interviewer's context
 * notes on an interview (setting, mood, what the conversation showed), and workshop reactions
 * ("room" notes, with an agree/disagree/idea tag). A memo is text typed in the app: it is scanned
 * as it is saved (`typedTextReview`, ./typed-text.ts) and keeps the result in `review`, so it
 * leaves the app only through the gate like every other text (outboundView). Pure.
 */
import { z } from 'zod';
import { Id, IsoTime, Revision, TextReview } from './base';

/** What a memo is about. */
export const MemoKind = z.enum(['study', 'interview', 'segment', 'code', 'cell', 'context', 'room']);
export type MemoKind = z.infer<typeof MemoKind>;
export const MEMO_KINDS: readonly MemoKind[] = MemoKind.options;

/**
 * Where a memo points. Which fields are set follows the kind: study → none; interview and context →
 * interviewId; segment → segmentId (and its interviewId); code → codeId; cell → stageId and
 * situationId; room → whatever the workshop was looking at (any of them, or none).
 */
export const MemoTarget = z.object({
  interviewId: Id.optional(),
  segmentId: Id.optional(),
  codeId: Id.optional(),
  stageId: Id.optional(),
  situationId: Id.optional(),
});
export type MemoTarget = z.infer<typeof MemoTarget>;

/** A workshop reaction's tag (kind `room`). */
export const RoomTag = z.enum(['agree', 'disagree', 'idea']);
export type RoomTag = z.infer<typeof RoomTag>;

/** Longest memo text (characters). */
export const MEMO_MAX = 20000;

export const Memo = z.object({
  id: Id,
  studyId: Id,
  kind: MemoKind,
  target: MemoTarget.default({}),
  /** Markdown-light: **bold**, *italic*, lists with `-` or `1.`; never HTML. Never empty. */
  text: z.string().min(1).max(MEMO_MAX),
  /** Only for kind `room`. */
  tag: RoomTag.nullable().default(null),
  /** Coder id of who wrote it. */
  author: z.string().max(100).default(''),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  /** The scan as saved (typedTextReview): only `reviewed` text may leave the app. */
  review: TextReview,
  /** Absent on records written before revisions existed: read as revision 1. */
  rev: Revision.optional(),
});
export type Memo = z.infer<typeof Memo>;

/** Does the memo's target fit its kind? (The store refuses a memo that points nowhere it should.) */
export function memoTargetIssue(kind: MemoKind, target: MemoTarget): string | null {
  switch (kind) {
    case 'interview':
    case 'context':
      return target.interviewId ? null : 'interviewId';
    case 'segment':
      return target.segmentId ? null : 'segmentId';
    case 'code':
      return target.codeId ? null : 'codeId';
    case 'cell':
      return target.stageId && target.situationId ? null : 'stageId';
    default:
      return null;
  }
}

/** Memos of one kind (and, optionally, one target field value), newest first. */
export function memosFor(memos: readonly Memo[], kind: MemoKind, match: Partial<MemoTarget> = {}): Memo[] {
  return memos
    .filter((m) => m.kind === kind && Object.entries(match).every(([k, v]) => v === undefined || m.target[k as keyof MemoTarget] === v))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id.localeCompare(b.id)));
}
