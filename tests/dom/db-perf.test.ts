/**
 * 50,000 segments (500 interviews × 100): writing and loading a whole study, measured against
 * the raw limit of the same store in the same run (STACK.md: real IndexedDB writes are the
 * bottleneck). The numbers go to docs/store.md; the assertion is the ratio, not wall time.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { loadStudyData, parseStudyData, replaceStudyData } from '../../renderer/db';
import { freshDb, syntheticStudy } from './db-fixtures';

const INTERVIEWS = 500;
const PER_INTERVIEW = 100;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

/**
 * Best of five interleaved rounds (a, b, c, a, b, c, …). Reads of 50,000 objects are dominated
 * by structured cloning and garbage collection, and other test workers share the machine: single
 * runs vary 2–3×. The minimum is the run with the least interference, the closest estimate of
 * the intrinsic cost, and interleaving gives every candidate the same conditions.
 */
async function bestOf(works: readonly (() => Promise<unknown>)[]): Promise<number[]> {
  const runs: number[][] = works.map(() => []);
  for (let round = 0; round < 5; round++) {
    for (const [i, work] of works.entries()) runs[i]?.push((await timed(work)).ms);
  }
  return runs.map((r) => Math.min(...r));
}

describe('50,000 segments', () => {
  it('loads a whole study within 1.5× of a raw getAll of its rows', { timeout: 300_000 }, async () => {
    const data = syntheticStudy({ studyId: 'big', interviews: INTERVIEWS, segmentsPerInterview: PER_INTERVIEW, seed: 11 });
    expect(data.segments).toHaveLength(INTERVIEWS * PER_INTERVIEW);

    // Raw write limit: one bulkPut of the same rows into the same (indexed) store.
    const raw = freshDb('raw');
    const rawPut = await timed(() => raw.segments.bulkPut(data.segments));
    raw.close();

    const db = freshDb('big');
    const put = await timed(() => replaceStudyData(db, data));
    expect(put.value.ok).toBe(true);
    // A demo-sized study beside it, as in the app: the big study is not alone in its tables.
    const demo = syntheticStudy({ studyId: 'demo', interviews: 5, segmentsPerInterview: 100, seed: 12 });
    expect((await replaceStudyData(db, demo)).ok).toBe(true);

    const parse = await timed(async () => parseStudyData(data));
    // The limit for the whole study: getAll of every table in one transaction, no index (it
    // also reads the demo's rows, so the limit is slightly generous to the raw side).
    const rawStudy = () => db.transaction('r', db.tables, () => Promise.all(db.tables.map((t) => t.toArray())));
    const [rawGetAll = 0, byIndex = 0, rawAll = 0, whole = 0, small = 0] = await bestOf([
      () => db.segments.toArray(),
      () => db.segments.where('studyId').equals('big').toArray(),
      rawStudy,
      () => loadStudyData(db, 'big'),
      () => loadStudyData(db, 'demo'),
    ]);
    const loaded = await loadStudyData(db, 'big');
    expect(loaded?.segments).toHaveLength(INTERVIEWS * PER_INTERVIEW);
    expect(loaded?.interviews).toHaveLength(INTERVIEWS);
    expect((await loadStudyData(db, 'demo'))?.segments).toHaveLength(500);

    const line = (label: string, ms: number) => `${label.padEnd(46)} ${ms.toFixed(0).padStart(6)} ms`;
    console.log(
      [
        `fake-indexeddb, ${INTERVIEWS * PER_INTERVIEW} segments, ${INTERVIEWS} interviews + a 500-segment study (reads: best of 5)`,
        line('raw segments.bulkPut (limit)', rawPut.ms),
        line('replaceStudyData (parse + all tables, 1 tx)', put.ms),
        line('  of which parseStudyData (zod)', parse.ms),
        line('raw segments.toArray (getAll, limit)', rawGetAll),
        line("segments.where('studyId').equals().toArray()", byIndex),
        line('raw getAll of every table, 1 tx (limit)', rawAll),
        line('loadStudyData (whole study, 1 tx)', whole),
        line('loadStudyData of the 500-segment study beside it', small),
        `ratio segments by index / raw getAll: ${(byIndex / rawGetAll).toFixed(2)}`,
        `ratio loadStudyData / raw getAll of every table: ${(whole / rawAll).toFixed(2)}`,
      ].join('\n'),
    );
    expect(whole).toBeLessThanOrEqual(rawAll * 1.5);
    db.close();
  });
});
