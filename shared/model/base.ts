/**
 * The building blocks every record uses: ids, timestamps, revisions and the review state of text.
 * In a file of their own so that record types in files of their own (memo.ts, guide.ts, …) can
 * use them and StudyData (schema.ts) can still list those records, without an import cycle.
 * schema.ts re-exports all of them. Pure.
 */
import { z } from 'zod';

export const Id = z.string().min(1).max(100);

/** ISO timestamp. */
export const IsoTime = z.string().min(10).max(40);

/**
 * One revision of a record (docs/exchange.md, "Revisions and three-way merge"): `n` counts the
 * record's changes (1 = as created or as it was before revisions existed), `by` is the coder id,
 * `site` the partner site whose copy made the change, `at` when. A bundle keeps it, so the other
 * side knows which revision of each record the bundle was made from. Codes also keep, per field,
 * the revision that last changed it (`fields`), so a colour changed on one side and a definition
 * on the other merge without a conflict.
 */
export const Revision = z.object({
  n: z.number().int().min(1),
  by: z.string().max(100).default(''),
  site: z.string().max(200).default(''),
  at: z.string().max(40).default(''),
  fields: z.record(z.string(), z.number().int().min(1)).optional(),
  /**
   * Revisions of other sites this revision already includes (site → n): set when a conflict is
   * resolved or a code merged field by field, so the partner takes it without a second conflict.
   */
  merged: z.record(z.string(), z.number().int().min(1)).optional(),
});
export type Revision = z.infer<typeof Revision>;

/**
 * The review record of a piece of text (PRIVACY.md "States of text"): who reviewed it, when, and
 * how many replacements of each kind were made — never the values.
 */
export const ReviewRecord = z.object({
  reviewer: z.string().min(1).max(100),
  at: IsoTime,
  counts: z.record(z.string().max(40), z.number().int().min(0)).default({}),
});
export type ReviewRecord = z.infer<typeof ReviewRecord>;

/** Why text is waiting for review: arrived by an import, a re-scan found identifiers, typed in the app. */
export const ReviewReason = z.enum(['import', 'rescan', 'no-record', 'typed', 'migrated']);
export type ReviewReason = z.infer<typeof ReviewReason>;

/**
 * The review state of one piece of text (a transcript, or a segment's quote and note), apart from
 * the interview's workflow status. Only the review screens set `reviewed` (with its record); every
 * door in sets `needs-review` unless a bundle's record survives a clean re-scan
 * (shared/exchange/gate-in.ts). `hits` are the re-scan's counts per kind, never values.
 */
export const TextReview = z.object({
  state: z.enum(['needs-review', 'reviewed']),
  record: ReviewRecord.nullable().default(null),
  reason: ReviewReason.nullable().default(null),
  hits: z.record(z.string().max(40), z.number().int().min(0)).default({}),
});
export type TextReview = z.infer<typeof TextReview>;

