/**
 * The study's shared interview guide (issue #18): topics with their questions, per stage ×
 * situation of the method, carried in bundles and merged like codes (by revision). Each
 * interview's coverage of the guide is derived from its coded segments (shared/analysis/coverage.ts)
 * and can be ticked by the interviewer (`GuideTick`). Pure.
 */
import { z } from 'zod';
import { Id, IsoTime, Revision, TextReview } from './base';

export const GuideItem = z.object({
  id: Id,
  studyId: Id,
  /** The stage and situation the topic belongs to (null: any). */
  stageId: Id.nullable().default(null),
  situationId: Id.nullable().default(null),
  topic: z.string().min(1).max(300),
  questions: z.array(z.string().min(1).max(1000)).max(50).default([]),
  /** Codes whose segments count as covering this topic (empty: any coded segment in the cell). */
  codeIds: z.array(Id).default([]),
  order: z.number().int().default(0),
  /** The scan of topic and questions as saved (typed text). Absent = needs review. */
  review: TextReview.optional(),
  updatedAt: IsoTime,
  /** Absent on records written before revisions existed: read as revision 1. */
  rev: Revision.optional(),
});
export type GuideItem = z.infer<typeof GuideItem>;

/**
 * The interviewer's tick on one guide item for one interview: `covered` true (asked, though maybe
 * not coded) or false (explicitly not covered, overriding what the coded segments say).
 * Keyed `interviewId:itemId`; the newest tick wins when bundles merge.
 */
export const GuideTick = z.object({
  id: z.string().min(1).max(210),
  studyId: Id,
  interviewId: Id,
  itemId: Id,
  covered: z.boolean(),
  by: z.string().max(100).default(''),
  at: IsoTime,
});
export type GuideTick = z.infer<typeof GuideTick>;

export const guideTickId = (interviewId: string, itemId: string): string => `${interviewId}:${itemId}`;
