/**
 * Memos in the store (issue #18): saved scanned (clean → reviewed by the author, an identifier →
 * needs-review with counts per kind, never the value), never empty, listed by study and kind,
 * deleted with a tombstone and restored by undo; every write leaves one audit line.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteMemo, listMemos, loadStudyData, replaceStudyData, restoreMemo, saveMemo, saveTerm, setMeta, MEMO_EMPTY, MEMO_TARGET } from '../../renderer/db';
import { outboundView } from '../../shared/exchange/outbound';
import { freshDbs, syntheticStudy } from './db-fixtures';

const newDb = freshDbs();

async function setup() {
  const db = newDb();
  const data = syntheticStudy({ studyId: 'm', interviews: 2, segmentsPerInterview: 2 });
  data.study = { ...data.study, site: 'Bø' };
  const r = await replaceStudyData(db, data);
  if (!r.ok) throw new Error(JSON.stringify(r));
  await setMeta(db, 'coding.currentCoder.m', 'k2');
  return { db, data };
}

describe('memos in the store', () => {
  it('a clean memo is reviewed by its author, gets revision 1 and one audit line', async () => {
    const { db, data } = await setup();
    const iv = data.interviews[0];
    if (!iv) throw new Error('fixture');
    const r = await saveMemo(db, { studyId: 'm', kind: 'interview', target: { interviewId: iv.id }, text: '  Samtalen tok seg opp etter ti minutter.  ' });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.value.text).toBe('Samtalen tok seg opp etter ti minutter.');
    expect(r.value.author).toBe('k2');
    expect(r.value.review).toMatchObject({ state: 'reviewed', record: { reviewer: 'k2' } });
    expect(r.value.rev).toMatchObject({ n: 1, by: 'k2', site: 'Bø' });
    const audit = (await db.audit.where('studyId').equals('m').toArray()).filter((a) => a.action.startsWith('memo.'));
    expect(audit.map((a) => [a.action, a.subject, a.who])).toEqual([['memo.create', 'interview', 'k2']]);
  });

  it('a memo with a phone number or a term is flagged with counts only and held back by the gate', async () => {
    const { db } = await setup();
    await saveTerm(db, { id: 't1', studyId: 'm', term: 'Bakkeli skole', kind: 'SKOLE' });
    const r = await saveMemo(db, { studyId: 'm', kind: 'study', text: 'Ring mora på 912 34 567 om Bakkeli skole.' });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.value.review.state).toBe('needs-review');
    expect(r.value.review.reason).toBe('typed');
    expect(r.value.review.hits).toMatchObject({ TLF: 1, TERM: 1 });
    expect(JSON.stringify(r.value.review)).not.toContain('912');
    const audit = (await db.audit.where('studyId').equals('m').toArray()).find((a) => a.action === 'memo.create');
    expect(audit?.counts).toMatchObject({ TLF: 1, TERM: 1 });
    expect(JSON.stringify(audit)).not.toContain('912');
    const clean = await saveMemo(db, { studyId: 'm', kind: 'study', text: 'Et rent notat.' });
    if (!clean.ok) throw new Error('clean');
    const loaded = await loadStudyData(db, 'm');
    if (!loaded) throw new Error('load');
    expect(outboundView(loaded).exchange.memos?.map((m) => m.id)).toEqual([clean.value.id]);
    // Editing the text (the author resolves it) clears the flag, keeps the id and moves the revision.
    const fixed = await saveMemo(db, { id: r.value.id, studyId: 'm', kind: 'study', text: 'Ring mora om skolen.' });
    if (!fixed.ok) throw new Error('fixed');
    expect(fixed.value.review.state).toBe('reviewed');
    expect(fixed.value.rev?.n).toBe(2);
    expect(fixed.value.createdAt).toBe(r.value.createdAt);
  });

  it('confirming a hit as not an identifier resolves it without storing the value', async () => {
    const { db } = await setup();
    const r = await saveMemo(db, { studyId: 'm', kind: 'study', text: 'Ring 912 34 567.', confirmed: ['912 34 567'] });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.value.review).toMatchObject({ state: 'reviewed', record: { counts: { confirmed: 1 } } });
    expect(JSON.stringify(await db.memos.get(r.value.id))).not.toContain('confirmed":["');
  });

  it('refuses an empty memo and one whose target does not fit its kind; nothing is written', async () => {
    const { db } = await setup();
    const empty = await saveMemo(db, { studyId: 'm', kind: 'study', text: '  \n ' });
    expect(empty).toMatchObject({ ok: false, reason: 'invalid', issues: [{ field: 'text', message: MEMO_EMPTY }] });
    const noTarget = await saveMemo(db, { studyId: 'm', kind: 'segment', text: 'Om dette utsnittet.' });
    expect(noTarget).toMatchObject({ ok: false, issues: [{ field: 'segmentId', message: MEMO_TARGET }] });
    const noStudy = await saveMemo(db, { studyId: 'nope', kind: 'study', text: 'x' });
    expect(noStudy).toMatchObject({ ok: false, reason: 'not-found' });
    expect(await db.memos.count()).toBe(0);
  });

  it('lists by study and kind, newest first', async () => {
    let t = 0;
    const { db, data } = await setup();
    db.env.now = () => `2024-03-01T10:00:0${t++}.000Z`;
    const iv = data.interviews[0];
    if (!iv) throw new Error('fixture');
    await saveMemo(db, { studyId: 'm', kind: 'study', text: 'Journal 1' });
    await saveMemo(db, { studyId: 'm', kind: 'context', target: { interviewId: iv.id }, text: 'Rolig rom, kort tid.' });
    await saveMemo(db, { studyId: 'm', kind: 'study', text: 'Journal 2' });
    expect((await listMemos(db, 'm')).map((m) => m.text)).toEqual(['Journal 2', 'Rolig rom, kort tid.', 'Journal 1']);
    expect((await listMemos(db, 'm', 'study')).map((m) => m.text)).toEqual(['Journal 2', 'Journal 1']);
    expect(await listMemos(db, 'other')).toEqual([]);
  });

  it('a deleted memo leaves a tombstone that travels; undo brings it back and lifts the tombstone', async () => {
    const { db } = await setup();
    const r = await saveMemo(db, { studyId: 'm', kind: 'room', text: 'Enig: rådgiveren kom for sent inn.', tag: 'agree' });
    if (!r.ok) throw new Error('save');
    expect(r.value.tag).toBe('agree');
    const d = await deleteMemo(db, r.value.id);
    if (!d.ok) throw new Error('delete');
    expect(await db.memos.get(r.value.id)).toBeUndefined();
    const tomb = await db.tombstones.get(`memos:${r.value.id}`);
    expect(tomb).toMatchObject({ entity: 'memos', recordId: r.value.id, rev: { n: 2 } });
    const loaded = await loadStudyData(db, 'm');
    expect(loaded && outboundView(loaded).exchange.tombstones?.some((x) => x.id === `memos:${r.value.id}`)).toBe(true);
    const back = await restoreMemo(db, d.value);
    if (!back.ok) throw new Error('restore');
    expect((await db.memos.get(r.value.id))?.text).toBe('Enig: rådgiveren kom for sent inn.');
    expect(await db.tombstones.get(`memos:${r.value.id}`)).toBeUndefined();
    expect(back.value.rev?.n).toBe(3);
    const actions = (await db.audit.where('studyId').equals('m').toArray()).map((a) => a.action).filter((a) => a.startsWith('memo.')).sort();
    expect(actions).toEqual(['memo.create', 'memo.delete', 'memo.restore']);
  });
});
