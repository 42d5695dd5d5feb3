/**
 * Live data hooks for the screens: each re-runs when a table it reads changes (dexie-react-hooks).
 * Screens under renderer/features get their data here or in hooks.ts, never from Dexie directly
 * (lint: the feature boundary rule in eslint.config.js). `undefined` means "still loading".
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Code, Interview, Segment, StudyTerm, TextReview, Transcript } from '../../shared/model';
import { textReviewed } from '../../shared/model/gate';
import { loadAnalysisInput } from '../workers/analysisJob';
import { appDb, type ReisekartDb } from './database';
import { getMeta } from './records';

/** A value in the meta table (`null` when unset). */
export function useMeta(key: string, db: ReisekartDb = appDb()): unknown {
  return useLiveQuery(async () => (await getMeta(db, key)) ?? null, [db, key]);
}

export function useCodes(studyId: string, db: ReisekartDb = appDb()): Code[] | undefined {
  return useLiveQuery(() => db.codes.where('studyId').equals(studyId).toArray(), [db, studyId]);
}

export function useSegments(studyId: string, db: ReisekartDb = appDb()): Segment[] | undefined {
  return useLiveQuery(() => db.segments.where('studyId').equals(studyId).toArray(), [db, studyId]);
}

export function useTerms(studyId: string, db: ReisekartDb = appDb()): StudyTerm[] | undefined {
  return useLiveQuery(() => db.terms.where('studyId').equals(studyId).toArray(), [db, studyId]);
}

/** Interviews in stored order (use `useInterviews` in hooks.ts for the register's order). */
export function useInterviewList(studyId: string, db: ReisekartDb = appDb()): Interview[] | undefined {
  return useLiveQuery(() => db.interviews.where('studyId').equals(studyId).toArray(), [db, studyId]);
}

export function useInterview(interviewId: string, db: ReisekartDb = appDb()): Interview | null | undefined {
  return useLiveQuery(async () => (await db.interviews.get(interviewId)) ?? null, [db, interviewId]);
}

/** One interview's transcript (`null`: none yet, or no interview chosen). */
export function useTranscript(interviewId: string | null | undefined, db: ReisekartDb = appDb()): Transcript | null | undefined {
  return useLiveQuery(async () => (interviewId ? ((await db.transcripts.get(interviewId)) ?? null) : null), [db, interviewId]);
}

/** Each transcript's review state, without its text. */
export function useTranscriptReviews(studyId: string, db: ReisekartDb = appDb()): { interviewId: string; review?: TextReview }[] | undefined {
  return useLiveQuery(async () => (await db.transcripts.where('studyId').equals(studyId).toArray()).map((x) => ({ interviewId: x.interviewId, review: x.review })), [db, studyId]);
}

/** The segments of one interview. */
export function useInterviewSegments(interviewId: string, db: ReisekartDb = appDb()): Segment[] | undefined {
  return useLiveQuery(() => db.segments.where('interviewId').equals(interviewId).toArray(), [db, interviewId]);
}

/** Steps in the undo and redo logs of one scope (an interview's workbench). */
export function useUndoCounts(studyId: string, scope: string, db: ReisekartDb = appDb()): { undo: number; redo: number } | undefined {
  return useLiveQuery(async () => {
    const [undo, redo] = await Promise.all([
      db.undo.where('[studyId+scope]').equals([studyId, scope]).count(),
      db.undo.where('[studyId+scope]').equals([studyId, `${scope}#redo`]).count(),
    ]);
    return { undo, redo };
  }, [db, studyId, scope]);
}

/** Quotes and transcripts of a study whose text is not reviewed yet. */
export function useUnreviewedCounts(studyId: string, db: ReisekartDb = appDb()): { quotes: number; transcripts: number } | undefined {
  return useLiveQuery(async () => {
    const [quotes, transcripts] = await Promise.all([
      db.segments.where('studyId').equals(studyId).filter((s) => !textReviewed(s)).count(),
      db.transcripts.where('studyId').equals(studyId).filter((x) => !textReviewed(x)).count(),
    ]);
    return { quotes, transcripts };
  }, [db, studyId]);
}

/** Coded segments per interview, for the delete confirmation ("… and 12 coded segments"). */
export function useSegmentCounts(studyId: string, db: ReisekartDb = appDb()): Map<string, number> | undefined {
  return useLiveQuery(async () => {
    const counts = new Map<string, number>();
    await db.segments.where('studyId').equals(studyId).each((s) => counts.set(s.interviewId, (counts.get(s.interviewId) ?? 0) + 1));
    return counts;
  }, [db, studyId]);
}

/** The analysis input of a study without its segments (the worker holds those). */
export function useAnalysisInput(studyId: string, db: ReisekartDb = appDb()): Awaited<ReturnType<typeof loadAnalysisInput>> | undefined {
  return useLiveQuery(() => loadAnalysisInput(db, studyId, false), [db, studyId]);
}
