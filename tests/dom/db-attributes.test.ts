/**
 * Study variables and informant attributes in the store (issue 19): values are checked against
 * their variable, text values keep a typed-text review, a deleted variable leaves a tombstone and
 * comes back with its values on undo, and both kinds travel through a bundle merge by revision.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  deleteVariable,
  listAttributes,
  listVariables,
  loadStudyData,
  replaceStudyData,
  restoreVariable,
  saveAttributes,
  saveTerm,
  saveVariable,
  setMeta,
} from '../../renderer/db';
import { mergeStudies } from '../../shared/exchange/merge';
import { outboundView } from '../../shared/exchange/outbound';
import { FIXED_NOW, freshDbs, syntheticStudy } from './db-fixtures';

const newDb = freshDbs();

async function setup() {
  const db = newDb();
  const data = syntheticStudy({ studyId: 'a', interviews: 2, segmentsPerInterview: 2 });
  data.study = { ...data.study, site: 'Skien' };
  const r = await replaceStudyData(db, data);
  if (!r.ok) throw new Error(JSON.stringify(r));
  await setMeta(db, 'coding.currentCoder.a', 'coder-9');
  const iv = data.interviews[0];
  if (!iv) throw new Error('fixture');
  const age = { id: 'var-age', studyId: 'a', label: 'Aldersgruppe', type: 'category' as const, values: ['13–15', '16–18'], order: 0, createdAt: FIXED_NOW, updatedAt: FIXED_NOW };
  const years = { id: 'var-years', studyId: 'a', label: 'År i Norge', type: 'number' as const, values: [], order: 1, createdAt: FIXED_NOW, updatedAt: FIXED_NOW };
  const note = { id: 'var-note', studyId: 'a', label: 'Merknad', type: 'text' as const, values: [], order: 2, createdAt: FIXED_NOW, updatedAt: FIXED_NOW };
  for (const v of [age, years, note]) {
    const s = await saveVariable(db, v);
    if (!s.ok) throw new Error(JSON.stringify(s));
  }
  return { db, data, iv };
}

describe('informant attributes in the store', () => {
  it('keeps valid values per informant and refuses a category value that is not allowed, with a code', async () => {
    const { db, iv } = await setup();
    const ok = await saveAttributes(db, { studyId: 'a', interviewId: iv.id, participantId: 'P1', values: { 'var-age': '16–18', 'var-years': 3 } });
    expect(ok.ok).toBe(true);
    const bad = await saveAttributes(db, { studyId: 'a', interviewId: iv.id, participantId: 'P1', values: { 'var-age': '19+' } });
    expect(bad).toMatchObject({ ok: false, reason: 'invalid', issues: [{ field: 'var-age', message: 'attributes.not-allowed' }] });
    const noOne = await saveAttributes(db, { studyId: 'a', interviewId: iv.id, participantId: 'P9', values: { 'var-age': '16–18' } });
    expect(noOne).toMatchObject({ ok: false, issues: [{ message: 'attributes.no-informant' }] });
    const rows = await listAttributes(db, 'a');
    expect(rows.map((r) => [r.id, r.values, r.rev?.n])).toEqual([[`${iv.id}:P1`, { 'var-age': '16–18', 'var-years': 3 }, 1]]);
    expect((await listVariables(db, 'a')).map((v) => v.label)).toEqual(['Aldersgruppe', 'År i Norge', 'Merknad']);
  });

  it('a text value with an identifier waits for review and does not leave; a clean one does', async () => {
    const { db, iv } = await setup();
    await saveTerm(db, { id: 't1', studyId: 'a', term: 'Bø skole', kind: 'SKOLE' });
    await saveAttributes(db, { studyId: 'a', interviewId: iv.id, participantId: 'P1', values: { 'var-age': '13–15', 'var-note': 'Går på Bø skole' } }, { author: 'AB' });
    const held = (await listAttributes(db, 'a'))[0];
    expect(held?.review).toMatchObject({ state: 'needs-review', reason: 'typed', hits: { TERM: 1 } });
    let loaded = await loadStudyData(db, 'a');
    if (!loaded) throw new Error('load');
    expect(outboundView(loaded).exchange.attributes?.[0]?.values).toEqual({ 'var-age': '13–15' });
    await saveAttributes(db, { studyId: 'a', interviewId: iv.id, participantId: 'P1', values: { 'var-age': '13–15', 'var-note': 'Flyttet hit i 8. klasse' } }, { author: 'AB' });
    loaded = await loadStudyData(db, 'a');
    if (!loaded) throw new Error('load');
    expect(outboundView(loaded).exchange.attributes?.[0]?.values).toEqual({ 'var-age': '13–15', 'var-note': 'Flyttet hit i 8. klasse' });
  });

  it('deleting a variable in use removes its values and leaves a tombstone; undo brings both back', async () => {
    const { db, iv } = await setup();
    await saveAttributes(db, { studyId: 'a', interviewId: iv.id, participantId: 'P1', values: { 'var-age': '16–18', 'var-years': 3 } });
    const del = await deleteVariable(db, 'var-age');
    if (!del.ok) throw new Error(JSON.stringify(del));
    expect(del.value.attributes).toHaveLength(1);
    expect((await listAttributes(db, 'a'))[0]?.values).toEqual({ 'var-years': 3 });
    expect((await db.tombstones.get('variables:var-age'))?.entity).toBe('variables');
    const undo = await restoreVariable(db, del.value);
    expect(undo.ok).toBe(true);
    expect((await listAttributes(db, 'a'))[0]?.values).toEqual({ 'var-years': 3, 'var-age': '16–18' });
    expect(await db.tombstones.get('variables:var-age')).toBeUndefined();
  });

  it('a category cannot lose an allowed value that an informant still has', async () => {
    const { db, iv } = await setup();
    await saveAttributes(db, { studyId: 'a', interviewId: iv.id, participantId: 'P1', values: { 'var-age': '16–18' } });
    const v = (await listVariables(db, 'a'))[0];
    if (!v) throw new Error('fixture');
    const r = await saveVariable(db, { ...v, values: ['13–15'] });
    expect(r).toMatchObject({ ok: false, issues: [{ message: 'attributes.value-in-use' }] });
  });

  it('a partner bundle brings changed attributes and a deleted variable (three-way, by revision)', async () => {
    const { db, iv } = await setup();
    await saveAttributes(db, { studyId: 'a', interviewId: iv.id, participantId: 'P1', values: { 'var-age': '13–15' } });
    const ours = await loadStudyData(db, 'a');
    if (!ours) throw new Error('load');
    // The partner's copy: the same lineage, the age changed (revision 2) and the note variable deleted.
    const theirs = structuredClone(outboundView(ours).exchange);
    theirs.study = { ...theirs.study, site: 'Bø', updatedAt: '2030-01-01T00:00:00.000Z' };
    const attr = theirs.attributes?.[0];
    if (!attr) throw new Error('fixture');
    theirs.attributes = [{ ...attr, values: { 'var-age': '16–18' }, rev: { n: 2, by: 'k2', site: 'Bø', at: FIXED_NOW } }];
    theirs.variables = theirs.variables?.filter((v) => v.id !== 'var-note');
    theirs.tombstones = [...(theirs.tombstones ?? []), { id: 'variables:var-note', studyId: 'a', entity: 'variables', recordId: 'var-note', rev: { n: 2, by: 'k2', site: 'Bø', at: FIXED_NOW }, into: null }];
    const { merged, report } = mergeStudies(ours, theirs, { now: FIXED_NOW });
    expect(merged.attributes?.[0]?.values).toEqual({ 'var-age': '16–18' });
    expect(merged.variables?.map((v) => v.id)).toEqual(['var-age', 'var-years']);
    expect(report.updated).toMatchObject({ attributes: 1 });
    expect(report.deleted).toMatchObject({ variables: 1 });
    const w = await replaceStudyData(db, merged);
    expect(w.ok).toBe(true);
    expect((await listAttributes(db, 'a'))[0]?.values).toEqual({ 'var-age': '16–18' });
  });
});
