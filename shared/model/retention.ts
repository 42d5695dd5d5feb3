/**
 * Retention (issue #19): a study's end date and what is deleted then. Sikt's approval names an end
 * date for transcripts and the pseudonym key; aggregates (counts, codes, stages) and reviewed quotes
 * may be kept. The deletion itself is planned in shared/retention/plan.ts and carried out by
 * renderer/db/retention.ts. Pure.
 */
import { z } from 'zod';

const Id = z.string().min(1).max(100);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be yyyy-mm-dd');
const IsoTime = z.string().min(10).max(40);

/** What the deletion covers. Defaults: Sikt's usual rule (transcripts and key go, aggregates stay). */
export const RetentionRule = z.object({
  /** Whole transcripts (the text every quote was cut from). */
  transcripts: z.boolean().default(true),
  /** The pseudonym key (salted hashes that keep tags consistent) and the study's term list. */
  pseudonyms: z.boolean().default(true),
  /** Quotes (and notes) of segments not reviewed: emptied; the coded segment stays for the counts. */
  unreviewedQuotes: z.boolean().default(true),
  /** Every quote, reviewed or not: emptied (only aggregates stay). */
  allQuotes: z.boolean().default(false),
  /** Interview notes and segment notes. */
  notes: z.boolean().default(true),
  /** Informant attributes of type text (free text about a minor). */
  textAttributes: z.boolean().default(true),
});
export type RetentionRule = z.infer<typeof RetentionRule>;

/** One study's retention plan (one per study: id = studyId). */
export const RetentionPlan = z.object({
  id: Id,
  studyId: Id,
  /** The day the covered data must be gone (from Sikt's approval). */
  endDate: IsoDate,
  /** Reminders start this many days before the end date. */
  remindDays: z.number().int().min(0).max(365).default(30),
  rule: RetentionRule.default(RetentionRule.parse({})),
  /** Set when the deletion ran (then the plan is kept as a record, not run again). */
  executedAt: IsoTime.nullable().default(null),
  updatedAt: IsoTime,
});
export type RetentionPlan = z.infer<typeof RetentionPlan>;

export type RetentionStatus =
  | { kind: 'none' }
  | { kind: 'scheduled'; daysLeft: number }
  | { kind: 'remind'; daysLeft: number }
  | { kind: 'due'; daysOver: number }
  | { kind: 'done'; at: string };

/** Whole days from `today` (yyyy-mm-dd) to `date` (yyyy-mm-dd); negative when past. */
export function daysBetween(today: string, date: string): number {
  const a = Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)));
  const b = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Math.round((b - a) / 86_400_000);
}

/** Where a plan stands on `today` (yyyy-mm-dd): reminders in the last `remindDays`, due on and after the date. */
export function retentionStatus(plan: Pick<RetentionPlan, 'endDate' | 'remindDays' | 'executedAt'> | null | undefined, today: string): RetentionStatus {
  if (!plan) return { kind: 'none' };
  if (plan.executedAt) return { kind: 'done', at: plan.executedAt };
  const d = daysBetween(today, plan.endDate);
  if (d <= 0) return { kind: 'due', daysOver: -d };
  if (d <= plan.remindDays) return { kind: 'remind', daysLeft: d };
  return { kind: 'scheduled', daysLeft: d };
}
