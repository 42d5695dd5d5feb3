/**
 * Revisions and tombstones in the store (issue 16): every write of a merged record stamps its
 * next revision (who, site, when), an unchanged save keeps it, a delete leaves a tombstone that
 * a bundle carries, and undoing a delete lifts it.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyChange, deleteCode, deleteInterview, deleteSegment, loadStudyData, replaceStudyData, restoreInterview, saveCode, saveSegment, setMeta } from '../../renderer/db';
import { freshDbs, syntheticStudy } from './db-fixtures';

const newDb = freshDbs();

async function setup() {
  const db = newDb();
  const data = syntheticStudy({ studyId: 'a', interviews: 2, segmentsPerInterview: 3 });
  data.study = { ...data.study, site: 'Skien' };
  const r = await replaceStudyData(db, data);
  if (!r.ok) throw new Error(JSON.stringify(r));
  await setMeta(db, 'coding.currentCoder.a', 'coder-9');
  return { db, data };
}

describe('revisions in the store', () => {
  it('a changed segment gets revision 2 by the current coder at this site; saving it unchanged keeps it', async () => {
    const { db, data } = await setup();
    const s = data.segments[0];
    if (!s) throw new Error('fixture');
    await saveSegment(db, { ...s, valence: s.valence === 'positive' ? 'negative' : 'positive' });
    const after = await db.segments.get(s.id);
    expect(after?.rev).toMatchObject({ n: 2, by: 'coder-9', site: 'Skien' });
    await saveSegment(db, after as NonNullable<typeof after>);
    expect((await db.segments.get(s.id))?.rev?.n).toBe(2);
    await saveSegment(db, { ...s, id: 'brand-new' });
    expect((await db.segments.get('brand-new'))?.rev?.n).toBe(1);
  });

  it('a code records which field changed at which revision', async () => {
    const { db, data } = await setup();
    const c = data.codes[0];
    if (!c) throw new Error('fixture');
    await saveCode(db, { ...c, color: '#abcdef' });
    await saveCode(db, { ...(await db.codes.get(c.id))!, name: 'Nytt' });
    expect((await db.codes.get(c.id))?.rev).toMatchObject({ n: 3, fields: { color: 2, name: 3 } });
  });

  it('a deleted segment leaves a tombstone (no content) that loadStudyData returns', async () => {
    const { db, data } = await setup();
    const s = data.segments[1];
    if (!s) throw new Error('fixture');
    await deleteSegment(db, s.id);
    const loaded = await loadStudyData(db, 'a');
    expect(loaded?.segments.some((x) => x.id === s.id)).toBe(false);
    expect(loaded?.tombstones).toEqual([{ id: `segments:${s.id}`, studyId: 'a', entity: 'segments', recordId: s.id, rev: { n: 2, by: 'coder-9', site: 'Skien', at: expect.any(String) }, into: null }]);
  });

  it('deleting an interview buries it with its transcript and segments; restoring lifts the tombstones at a higher revision', async () => {
    const { db, data } = await setup();
    const iv = data.interviews[0];
    if (!iv) throw new Error('fixture');
    const del = await deleteInterview(db, iv.id);
    if (!del.ok) throw new Error('delete');
    const tombs = await db.tombstones.where('studyId').equals('a').toArray();
    expect(tombs.map((t) => t.entity).sort()).toEqual(['interviews', 'overrides', 'segments', 'segments', 'segments', 'transcripts']);
    await restoreInterview(db, del.value);
    expect(await db.tombstones.count()).toBe(0);
    expect((await db.interviews.get(iv.id))?.rev?.n).toBe(3);
  });

  it('a code merged into another leaves a tombstone naming the target; deleteCode one without', async () => {
    const { db, data } = await setup();
    const [a, b, c] = data.codes;
    if (!a || !b || !c) throw new Error('fixture');
    await applyChange(db, 'a', { deletes: { codes: [a.id] }, codesMergedInto: { [a.id]: b.id } });
    expect((await db.tombstones.get(`codes:${a.id}`))?.into).toBe(b.id);
    await deleteCode(db, c.id);
    expect((await db.tombstones.get(`codes:${c.id}`))?.into).toBeNull();
  });
});
