/**
 * React hooks over the database: live queries (dexie-react-hooks) that re-run when a table
 * they read changes. `undefined` means "still loading"; `null` means "no such study".
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Interview, Study, StudyData } from '../../shared/model';
import { appDb, type ReisekartDb } from './database';
import { listStudies, loadStudyData, type LoadOptions, type StudySummary } from './study';

export function useStudies(db: ReisekartDb = appDb()): StudySummary[] | undefined {
  return useLiveQuery(() => listStudies(db), [db]);
}

export function useStudy(id: string | null | undefined, db: ReisekartDb = appDb()): Study | null | undefined {
  return useLiveQuery(async () => (id ? ((await db.studies.get(id)) ?? null) : null), [db, id]);
}

/** Interviews of a study, ordered by their code (YF-01, YF-02 …). */
export function useInterviews(studyId: string | null | undefined, db: ReisekartDb = appDb()): Interview[] | undefined {
  return useLiveQuery(async () => {
    if (!studyId) return [];
    const list = await db.interviews.where('studyId').equals(studyId).toArray();
    return list.sort((a, b) => a.code.localeCompare(b.code, 'nb', { numeric: true }));
  }, [db, studyId]);
}

/**
 * The whole study, for analysis views. `useLiveQuery` keeps the previous object until a table
 * it read changes, so memoised derivations (useMemo on the result) stay cheap; segments come
 * from one `where('studyId').equals(id).toArray()` (see loadStudyData), fast at 500 interviews.
 */
export function useStudyData(studyId: string | null | undefined, db: ReisekartDb = appDb()): StudyData | null | undefined {
  return useLiveQuery(() => (studyId ? loadStudyData(db, studyId) : Promise.resolve(null)), [db, studyId]);
}

/** useStudyData, loaded in pages (no long task on a large study): for the analysis screens. */
export function useStudyDataInPages(studyId: string | null | undefined, db: ReisekartDb = appDb(), opts: LoadOptions = {}): StudyData | null | undefined {
  const transcripts = opts.transcripts !== false;
  return useLiveQuery(() => (studyId ? loadStudyData(db, studyId, { transcripts }) : Promise.resolve(null)), [db, studyId, transcripts]);
}
