/**
 * React hooks over the database: live queries (dexie-react-hooks) that re-run when a table
 * they read changes. `undefined` means "still loading"; `null` means "no such study".
 */
import type { Table } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Interview, Study, StudyData } from '../../shared/model';
import { appDb, type ReisekartDb } from './database';
import { listStudies, loadStudyData, STORE_SCAN_SHARE, type StudySummary } from './study';

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

/** Rows per read when a study is loaded in pages (useStudyDataInPages). */
export const LOAD_PAGE = 5000;

/**
 * The rows of one study in primary-key order, read in pages of `page` rows by primary-key range
 * (`above(last).limit(page)`). Each read's result is structured-cloned into the page in its own
 * task, so 50,000 segments are ten tasks of ~20 ms instead of one of several hundred
 * (docs/bench.md, "Opening the large study"). Key ranges, not the studyId index: on an index
 * query Dexie's live-query tracking inserts every returned primary key into a range tree
 * (~130 ms for 50,000 keys in a CPU profile); a key range is tracked as one range.
 * When the study is a small share of the store (as in rowsOfStudy, STORE_SCAN_SHARE), one index
 * read is cheaper than scanning every study's rows.
 */
export async function rowsOfStudyInPages<T extends { studyId: string }>(table: Table<T, string>, studyId: string, keyOf: (row: T) => string, page = LOAD_PAGE): Promise<T[]> {
  const byStudy = table.where('studyId').equals(studyId);
  const [mine, all] = await Promise.all([byStudy.count(), table.count()]);
  if (mine === 0) return [];
  if (mine < all * STORE_SCAN_SHARE || mine <= page) return byStudy.toArray();
  const out: T[] = [];
  let last: string | null = null;
  for (;;) {
    const rows: T[] = await (last === null ? table.orderBy(':id') : table.where(':id').above(last)).limit(page).toArray();
    if (rows.length === 0) break;
    // Another study's rows share the key space: keep this study's only.
    for (const r of rows) if (r.studyId === studyId) out.push(r);
    last = keyOf(rows[rows.length - 1] as T);
    if (rows.length < page) break;
  }
  return out;
}

/** What useStudyDataInPages reads: `transcripts: false` leaves them out (analysis needs no transcript text). */
export interface PagedLoadOptions {
  transcripts?: boolean;
}

/**
 * loadStudyData with the two large stores (segments, transcripts) read in pages; the same
 * StudyData, in one read transaction. With `transcripts: false` the StudyData has none (an
 * analysis screen: 6.7 MB less to clone at 500 interviews, docs/bench.md).
 */
export async function loadStudyDataInPages(db: ReisekartDb, studyId: string, page = LOAD_PAGE, opts: PagedLoadOptions = {}): Promise<StudyData | null> {
  return db.transaction('r', db.tables, async () => {
    const study = await db.studies.get(studyId);
    if (!study) return null;
    const small = <T extends { studyId: string }>(table: Table<T, string>) => table.where('studyId').equals(studyId).toArray();
    const [interviews, codes, overrides, benchmarks, audit, terms, pseudonyms] = await Promise.all([
      small(db.interviews), small(db.codes), small(db.overrides), small(db.benchmarks), small(db.audit), small(db.terms), small(db.pseudonyms),
    ]);
    const segments = await rowsOfStudyInPages(db.segments, studyId, (s) => s.id, page);
    const transcripts = opts.transcripts === false ? [] : await rowsOfStudyInPages(db.transcripts, studyId, (t) => t.interviewId, page);
    return { study, interviews, transcripts, segments, codes, overrides, benchmarks, audit, terms, pseudonyms };
  });
}

/** useStudyData, loaded in pages (no long task on a large study): for the analysis screens. */
export function useStudyDataInPages(studyId: string | null | undefined, db: ReisekartDb = appDb(), opts: PagedLoadOptions = {}): StudyData | null | undefined {
  const transcripts = opts.transcripts !== false;
  return useLiveQuery(() => (studyId ? loadStudyDataInPages(db, studyId, LOAD_PAGE, { transcripts }) : Promise.resolve(null)), [db, studyId, transcripts]);
}
