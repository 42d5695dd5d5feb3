/**
 * Re-identification risk decisions (issue 20): what the user chose for each informant at risk and
 * each quote with an indirect identifier, and which generalisations the study's sharing outputs
 * apply. Remembered per study (Dexie table `riskDecisions`, schema v8) and carried in bundles
 * (`StudyData.riskDecisions`). Counts and choices only: a decision never holds a quote's words;
 * a rewrite holds the replacement text the user picked (a generalisation, e.g. "et land i
 * Øst-Afrika") and the span it replaces.
 */
import { z } from 'zod';
import { GENERALISATION_IDS } from '../risk/generalise';
import { TextReview } from './schema';

// schema.ts refers to RiskDecision (StudyData.riskDecisions) and this file to TextReview: both
// lazily, so the two modules load in either order.
const Id = z.string().min(1).max(100);
const IsoTime = z.string().min(10).max(40);

export const RiskAction = z.enum(['accept', 'generalise', 'leave-out']);
export type RiskAction = z.infer<typeof RiskAction>;

export const Generalisation = z.enum(GENERALISATION_IDS);

/** One replacement in a quote: `[start, end)` in UTF-16 units of the quote → `text`. */
export const QuoteRewrite = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: z.string().min(1).max(200),
  /** The hit's kind (e.g. `nationality`), for counts. */
  kind: z.string().max(40),
});
export type QuoteRewrite = z.infer<typeof QuoteRewrite>;

/**
 * `subject`: `study` (the study-wide generalisations), `informant:<interviewId>:<P1>` or
 * `quote:<segmentId>`. Keyed `studyId|subject`.
 */
export const RiskDecision = z.object({
  id: z.string().min(1).max(400),
  studyId: Id,
  subject: z.string().min(1).max(300),
  action: RiskAction,
  /** For `study`: the generalisations every sharing output applies. */
  generalisations: z.array(Generalisation).default([]),
  /** For a quote generalised: the chosen rewrites. */
  rewrites: z.array(QuoteRewrite).default([]),
  /**
   * Why the risk is accepted: text typed in the app, scanned as saved (typedTextReview), recorded
   * in the audit log as counts, and kept out of every sharing output.
   */
  reason: z.string().max(2000).default(''),
  reasonReview: z.lazy(() => TextReview).optional(),
  /** The quote's length when decided: a decision on a quote that changed since is stale (undecided). */
  quoteLength: z.number().int().min(0).optional(),
  by: z.string().max(100).default(''),
  at: IsoTime,
});
export type RiskDecision = z.infer<typeof RiskDecision>;

export function riskDecisionId(studyId: string, subject: string): string {
  return `${studyId}|${subject}`;
}
