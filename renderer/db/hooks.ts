/**
 * React hooks over the database: live queries (dexie-react-hooks) that re-run when a table
 * they read changes. `undefined` means "still loading"; `null` means "no such study".
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Interview, Study, StudyData } from '../../shared/model';
import { appDb, type ReisekartDb } from './database';
import { listStudies, loadStudyData, type LoadOptions, type StudySummary } from './study';

/**
 * A live query whose answer is dropped when its inputs changed: `useLiveQuery` keeps the previous
 * answer until the new one resolves, so after a switch of study (or interview) a screen would show
 * the old study's data under the new address for a moment. Answers are tagged with `key` (the
 * inputs) and only an answer for the current key is returned; `undefined` (loading) otherwise.
 */
export function useKeyedLiveQuery<T>(key: string, query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const tagged = useLiveQuery(async () => ({ key, value: await query() }), [key, ...deps]);
  return tagged !== undefined && tagged.key === key ? tagged.value : undefined;
}

export function useStudies(db: ReisekartDb = appDb()): StudySummary[] | undefined {
  return useLiveQuery(() => listStudies(db), [db]);
}

export function useStudy(id: string | null | undefined, db: ReisekartDb = appDb()): Study | null | undefined {
  return useKeyedLiveQuery(id ?? '', async () => (id ? ((await db.studies.get(id)) ?? null) : null), [db]);
}

/** Interviews of a study, ordered by their code (YF-01, YF-02 …). */
export function useInterviews(studyId: string | null | undefined, db: ReisekartDb = appDb()): Interview[] | undefined {
  return useKeyedLiveQuery(studyId ?? '', async () => {
    if (!studyId) return [];
    const list = await db.interviews.where('studyId').equals(studyId).toArray();
    return list.sort((a, b) => a.code.localeCompare(b.code, 'nb', { numeric: true }));
  }, [db]);
}

/**
 * The whole study, for analysis views. `useLiveQuery` keeps the previous object until a table
 * it read changes, so memoised derivations (useMemo on the result) stay cheap; segments come
 * from one `where('studyId').equals(id).toArray()` (see loadStudyData), fast at 500 interviews.
 */
export function useStudyData(studyId: string | null | undefined, db: ReisekartDb = appDb()): StudyData | null | undefined {
  return useKeyedLiveQuery(studyId ?? '', () => (studyId ? loadStudyData(db, studyId) : Promise.resolve(null)), [db]);
}

/** useStudyData, loaded in pages (no long task on a large study): for the analysis screens. */
export function useStudyDataInPages(studyId: string | null | undefined, db: ReisekartDb = appDb(), opts: LoadOptions = {}): StudyData | null | undefined {
  const transcripts = opts.transcripts !== false;
  return useKeyedLiveQuery(`${studyId ?? ''}|${transcripts}`, () => (studyId ? loadStudyData(db, studyId, { transcripts }) : Promise.resolve(null)), [db]);
}
