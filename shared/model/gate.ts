/**
 * The gate: informants are minors, so no text is coded or leaves the app before a person has
 * reviewed it for identifiers. The gate reads the review state of each piece of text
 * (`review` on a transcript, and on a segment for its quote and note), never the interview's
 * workflow status and never anything a file says about itself: only the review screens write
 * `reviewed` with a review record (renderer/features/transcript), and every door in sets
 * `needs-review` unless a bundle's record survives a clean re-scan (shared/exchange/gate-in.ts).
 */
import type { InterviewStatus, ReviewRecord, TextReview, Transcript } from './schema';

/** Workflow statuses that follow a completed review (the interview register's column; not the gate). */
export const REVIEWED_STATUSES: readonly InterviewStatus[] = ['anonymised', 'coded', 'reviewed'];

export type GateState = 'no-transcript' | 'needs-review' | 'open';

type Reviewable = { review?: TextReview | undefined } | null | undefined;

/** True only for text in state `reviewed` that carries its review record. */
export function textReviewed(x: Reviewable): boolean {
  const r = x?.review;
  return r !== undefined && r.state === 'reviewed' && r.record !== null && r.record.reviewer !== '';
}

/** May this interview be coded? Only once its transcript's text is reviewed. */
export function canCode(transcript: Reviewable): boolean {
  return textReviewed(transcript);
}

/**
 * May this text leave the app? A transcript: its own state. A segment's quote and note: the
 * segment's state and, where the transcript is known, the transcript's too.
 */
export function canExport(text: Reviewable, transcript?: Reviewable): boolean {
  if (!textReviewed(text)) return false;
  return transcript === undefined || transcript === null || textReviewed(transcript);
}

/** What the transcript screen shows about the gate. */
export function gateState(transcript: (Pick<Transcript, 'text'> & { review?: TextReview }) | null | undefined): GateState {
  if (!transcript) return 'no-transcript';
  return textReviewed(transcript) ? 'open' : 'needs-review';
}

/** The state written by a completed review. */
export function reviewedState(record: ReviewRecord): TextReview {
  return { state: 'reviewed', record, reason: null, hits: {} };
}

export interface GateIssue {
  interviewId: string;
  /** The interview's non-identifying code, for the message. */
  code: string;
  message: string;
}
