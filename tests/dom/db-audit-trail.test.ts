/**
 * Issue 18, the audit trail: every change to an audited table is appended to the audit log in the
 * same transaction, with who (the current coder) and counts, interview codes or code names —
 * never quoted text. Whole-study writes are not logged row by row.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyChange, deleteCode, deleteInterview, deleteSegment, replaceStudyData, saveCode, saveInterview, saveSegment, setMeta } from '../../renderer/db';
import type { AuditEntry } from '../../shared/model';
import { freshDbs, syntheticStudy } from './db-fixtures';

const newDb = freshDbs();

async function setup() {
  const db = newDb();
  const data = syntheticStudy({ studyId: 'a', interviews: 2, segmentsPerInterview: 3 });
  const r = await replaceStudyData(db, data);
  if (!r.ok) throw new Error(JSON.stringify(r));
  await setMeta(db, 'coding.currentCoder.a', 'k7');
  const trail = async (): Promise<Omit<AuditEntry, 'id' | 'at' | 'studyId'>[]> =>
    (await db.audit.where('studyId').equals('a').toArray()).sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0)).map(({ id: _i, at: _a, studyId: _s, ...rest }) => rest);
  return { db, data, trail };
}

describe('the audit trail', () => {
  it('a whole-study write logs nothing row by row', async () => {
    const { trail } = await setup();
    expect(await trail()).toEqual([]);
  });

  it('segment created, edited, deleted: who, the interview code, counts — never the quote', async () => {
    const { db, data, trail } = await setup();
    const s = data.segments[0];
    const iv = data.interviews.find((i) => i.id === s?.interviewId);
    if (!s || !iv) throw new Error('fixture');
    await saveSegment(db, { ...s, id: 'new-seg', quote: 'Hemmelig sitat' });
    await saveSegment(db, { ...s, valence: s.valence === 'positive' ? 'negative' : 'positive' });
    await saveSegment(db, { ...s, valence: s.valence === 'positive' ? 'negative' : 'positive' }); // unchanged: no entry
    await deleteSegment(db, 'new-seg');
    const t = await trail();
    expect(t).toEqual([
      { who: 'k7', action: 'segment.create', subject: iv.code, counts: { segments: 1 }, note: '' },
      { who: 'k7', action: 'segment.edit', subject: iv.code, counts: { segments: 1 }, note: '' },
      { who: 'k7', action: 'segment.delete', subject: iv.code, counts: { segments: 1 }, note: '' },
    ]);
    expect(JSON.stringify(t)).not.toContain('Hemmelig');
  });

  it('code created, renamed, merged (one entry naming both), deleted', async () => {
    const { db, data, trail } = await setup();
    const [c0, c1] = data.codes;
    if (!c0 || !c1) throw new Error('fixture');
    await saveCode(db, { ...c0, id: 'c-new', name: 'Ny kode' });
    await saveCode(db, { ...c0, name: 'Omdøpt' });
    const segs = data.segments.filter((s) => s.codeIds.includes(c1.id)).map((s) => ({ ...s, codeIds: [...new Set(s.codeIds.map((x) => (x === c1.id ? c0.id : x)))] }));
    await applyChange(db, 'a', { puts: { segments: segs }, deletes: { codes: [c1.id] }, codesMergedInto: { [c1.id]: c0.id } });
    await deleteCode(db, 'c-new');
    const actions = (await trail()).filter((e) => e.action.startsWith('code.'));
    expect(actions).toEqual([
      { who: 'k7', action: 'code.create', subject: '', counts: { codes: 1 }, note: 'Ny kode' },
      { who: 'k7', action: 'code.rename', subject: '', counts: { codes: 1 }, note: `${c0.name} → Omdøpt` },
      { who: 'k7', action: 'code.merge', subject: '', counts: { codes: 1 }, note: `${c1.name} → Omdøpt` },
      { who: 'k7', action: 'code.delete', subject: '', counts: { codes: 1 }, note: 'Ny kode' },
    ]);
  });

  it('an interview deleted with its segments, and a status change, are logged by code', async () => {
    const { db, data, trail } = await setup();
    const iv = data.interviews[1];
    if (!iv) throw new Error('fixture');
    await saveInterview(db, { ...iv, status: 'reviewed' });
    await deleteInterview(db, iv.id);
    const t = await trail();
    expect(t.map((e) => [e.action, e.subject])).toEqual([
      ['interview.edit', iv.code],
      ['interview.delete', iv.code],
      ['transcript.delete', iv.code],
      ['segment.delete', iv.code],
    ]);
    expect(t[0]?.note).toBe(`${iv.code}: ${iv.status} → reviewed`);
  });
});
