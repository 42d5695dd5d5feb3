/**
 * Where text typed in the app sits on records that also hold other text (shared/model/typed-text.ts
 * scans it; this file only says which review state it ends up in):
 *  - a segment's note shares the segment's review with its quote: while the note has hits its
 *    author has not resolved, the segment is `needs-review` (reason `typed`) and neither quote nor
 *    note leaves; once resolved, the segment carries its transcript's review again;
 *  - a counsellor override's reason has a review of its own; the one door out keeps an unreviewed
 *    reason out (the override itself still counts).
 */
import { textReviewed } from './gate';
import { NEEDS_REVIEW, type CounsellorOverride, type TextReview } from './schema';
import { scanTypedText, typedTextReview, type TypedTextOptions } from './typed-text';

/**
 * The review to store with a segment saved in the workbench: the quote's (its transcript's) review
 * while the note is clean, `needs-review` (reason `typed`, counts per kind) while it has open hits.
 * A quote that is not reviewed stays as it is: its own review covers the note too.
 */
export function segmentReviewWithNote(quoteReview: TextReview | undefined, note: string, author: string, at: string, opts: TypedTextOptions = {}): TextReview {
  const base = quoteReview ?? NEEDS_REVIEW;
  if (base.state !== 'reviewed') return base;
  const typed = typedTextReview(note, author, at, opts);
  return typed.state === 'reviewed' ? base : typed;
}

/** What a withheld override reason reads as outside the app. */
export const WITHHELD_REASON = '[holdt tilbake til gjennomgang]';

/**
 * May this override's reason leave the app? Reviewed by its author (scanned clean or hits
 * resolved), or — for reasons saved before typed text was scanned — clean on a scan now.
 */
export function reasonMayLeave(o: Pick<CounsellorOverride, 'reason' | 'review'>, terms: TypedTextOptions['terms'] = []): boolean {
  if (o.review !== undefined) return textReviewed(o);
  return scanTypedText(o.reason, { terms }).clean;
}
