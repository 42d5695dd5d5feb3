/**
 * An insight on the journey map (issue 21): a pain point, an opportunity or an open question at one
 * stage (and, optionally, one situation), in the facilitator's words, linked to the quotes
 * (segment ids) that support it. Suggestions are computed from the data (shared/analysis/insights.ts)
 * and never stored; what is stored is what the facilitator confirmed, edited or added, or what came
 * from the room during a workshop.
 *
 * The text is typed in the app: it carries its own review state (`typedTextReview`), and leaves the
 * app only when reviewed (shared/exchange/outbound.ts).
 *
 * Runtime values of ./schema are read lazily (z.lazy): schema.ts lists insights in StudyData and
 * imports this file, so a top-level use of its values here would run before they exist.
 */
import { z } from 'zod';
import { TextReview } from './schema';

const RecordId = z.string().min(1).max(100);

export const InsightKind = z.enum(['pain', 'opportunity', 'question']);
export type InsightKind = z.infer<typeof InsightKind>;
export const INSIGHT_KINDS: readonly InsightKind[] = InsightKind.options;

/** Where the insight came from: a data suggestion confirmed (maybe edited), typed by the facilitator, or a room note. */
export const InsightOrigin = z.enum(['suggested', 'facilitator', 'room']);
export type InsightOrigin = z.infer<typeof InsightOrigin>;

export const INSIGHT_TEXT_MAX = 2000;

export const Insight = z.object({
  id: RecordId,
  studyId: RecordId,
  kind: InsightKind,
  stageId: RecordId,
  /** null: the whole stage. */
  situationId: RecordId.nullable().default(null),
  text: z.string().trim().min(1).max(INSIGHT_TEXT_MAX),
  /** Supporting quotes: segment ids picked from the cell. */
  quoteIds: z.array(RecordId).max(50).default([]),
  origin: InsightOrigin,
  /** For a confirmed suggestion: its key (shared/analysis/insights.ts), so it is not suggested again. */
  suggestionKey: z.string().max(300).nullable().default(null),
  /** Review state of `text` (typedTextReview). Absent = needs review. */
  review: z.lazy(() => TextReview).optional(),
  createdBy: z.string().max(100).default(''),
  createdAt: z.string().min(10).max(40),
  updatedAt: z.string().min(10).max(40),
});
export type Insight = z.infer<typeof Insight>;
