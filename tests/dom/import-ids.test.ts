/**
 * Issue 14, point 5: no import moves or overwrites another study's data. A REFI-QDA project and a
 * bundle imported "as new" never keep a record id another study holds (a file that reuses the
 * demo's ids leaves the demo byte-for-byte unchanged), and a merge matches ids only inside its
 * target study: a bundle of another lineage that happens to carry the demo's record ids, merged
 * into an unrelated study, changes nothing in the demo.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoStudy } from '../../fixtures/demo/demo';
import { commitAsNewStudy, stageIncoming } from '../../renderer/backup/bulk';
import { listStudies, loadStudyData, replaceStudyData } from '../../renderer/db';
import { mergeStudies } from '../../shared/exchange/merge';
import { outboundView, reidStudy } from '../../shared/exchange/outbound';
import { exportQdpx } from '../../shared/exchange/refi/export';
import { importQdpx } from '../../shared/exchange/refi/import';
import type { StudyData } from '../../shared/model';
import { freshDb, sortedStudy } from './db-fixtures';

const NOW = '2026-01-01T00:00:00.000Z';

/** Every record id of a study (study, interviews, segments, codes, overrides, benchmarks). */
function recordIds(d: StudyData): Set<string> {
  return new Set([d.study.id, ...d.interviews.map((x) => x.id), ...d.segments.map((x) => x.id), ...d.codes.map((x) => x.id), ...d.overrides.map((x) => x.id), ...d.benchmarks.map((x) => x.id)]);
}

async function demoIn(name: string) {
  const db = freshDb(name);
  const demo = buildDemoStudy();
  expect((await replaceStudyData(db, demo)).ok).toBe(true);
  const before = JSON.stringify(sortedStudy((await loadStudyData(db, demo.study.id)) as StudyData));
  expect(before.length).toBeGreaterThan(100_000);
  const unchanged = async (): Promise<string> => JSON.stringify(sortedStudy((await loadStudyData(db, demo.study.id)) as StudyData));
  return { db, demo, before, unchanged };
}

describe('new ids on the way in (issue 14, point 5)', () => {
  it('a .qdpx of the demo imported as new gets ids of its own; the demo is unchanged', async () => {
    const { db, demo, before, unchanged } = await demoIn('ids-qdpx');
    const r = importQdpx(exportQdpx(outboundView(demo).exchange, { now: NOW }), { now: NOW, fileName: 'demo.qdpx' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
    const written = await commitAsNewStudy(r.data, { studyId: null, reason: 'before-import' }, { db });
    if (!written.ok) throw new Error(JSON.stringify(written));
    const copy = (await loadStudyData(db, written.studyId)) as StudyData;
    expect(copy.study.id).not.toBe(demo.study.id);
    expect(copy.segments.length).toBe(demo.segments.length);
    const demoIds = recordIds(demo);
    expect([...recordIds(copy)].filter((id) => demoIds.has(id))).toEqual([]);
    expect(await unchanged()).toBe(before);
  });

  it('the demo’s own bundle imported as new, twice: two new studies, the demo untouched', async () => {
    const { db, demo, before, unchanged } = await demoIn('ids-bundle');
    const bundle = outboundView(demo).exchange;
    const first = await commitAsNewStudy(bundle, { studyId: null, reason: 'before-import' }, { db });
    const second = await commitAsNewStudy(bundle, { studyId: null, reason: 'before-import' }, { db });
    if (!first.ok || !second.ok) throw new Error('import failed');
    expect(new Set([demo.study.id, first.studyId, second.studyId]).size).toBe(3);
    const a = (await loadStudyData(db, first.studyId)) as StudyData;
    const b = (await loadStudyData(db, second.studyId)) as StudyData;
    const demoIds = recordIds(demo);
    for (const copy of [a, b]) {
      expect(copy.segments.length).toBe(demo.segments.length);
      expect([...recordIds(copy)].filter((id) => demoIds.has(id))).toEqual([]);
    }
    expect([...recordIds(a)].filter((id) => recordIds(b).has(id))).toEqual([]);
    expect(await unchanged()).toBe(before);
    expect((await listStudies(db)).length).toBe(3);
  });

  it('a merge matches ids only inside its target: a stranger carrying the demo’s ids changes nothing in the demo', async () => {
    const { db, demo, before, unchanged } = await demoIn('ids-merge');
    // An unrelated study of our own (fresh ids, its own lineage), empty but for its frames.
    let n = 0;
    const ours = reidStudy(buildDemoStudy(), 'ours', () => `ours-${++n}`);
    const target: StudyData = { ...ours, interviews: [], transcripts: [], segments: [], overrides: [] };
    expect((await replaceStudyData(db, target)).ok).toBe(true);
    // Another lineage's bundle whose records carry the demo's record ids, every valence changed.
    const stranger: StudyData = {
      ...outboundView(demo).exchange,
      study: { ...demo.study, id: 'stranger', lineageId: 'stranger', title: 'Fremmed studie', site: 'Et annet sted', demo: false },
      segments: demo.segments.map((s) => ({ ...s, valence: s.valence === 'positive' ? 'negative' : 'positive' })),
    };
    const staged = await stageIncoming(stranger, 'ours', { db });
    const demoIds = recordIds(demo);
    expect(staged.segments.filter((s) => demoIds.has(s.id))).toEqual([]);
    const base = (await loadStudyData(db, 'ours')) as StudyData;
    const { merged } = mergeStudies(base, staged, { now: NOW });
    expect(merged.study.id).toBe('ours');
    expect((await replaceStudyData(db, merged)).ok).toBe(true);
    const after = (await loadStudyData(db, 'ours')) as StudyData;
    expect(after.segments.length).toBe(demo.segments.length);
    expect(after.segments.every((s) => s.studyId === 'ours')).toBe(true);
    expect(await unchanged()).toBe(before);
  });
});
