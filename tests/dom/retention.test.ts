/**
 * Retention (issue 19): after the deletion no deleted value remains in any table, in the undo log
 * or in a backup; the deletion travels as tombstones/revisions and is audit-logged (counts only).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { executeRetention, loadStudyData, pushUndo, replaceStudyData, saveAttributes, savePseudonym, saveRetentionPlan, saveTerm, saveVariable, TABLE_NAMES } from '../../renderer/db';
import type { BackupStore, SnapshotInfo } from '../../renderer/backup';
import { removeStudyBackups } from '../../renderer/features/retention/backups';
import { outboundView } from '../../shared/exchange/outbound';
import { RetentionRule } from '../../shared/model';
import { FIXED_NOW, freshDbs, syntheticStudy } from './db-fixtures';

const newDb = freshDbs();
const SECRET = 'HEMMELIG-TRANSKRIPT-7731';
const NOTE = 'NOTAT-SOM-SKAL-BORT-4410';
const ATTR = 'FRITEKST-ATTRIBUTT-9920';

function memoryStore(): BackupStore & { rows: (SnapshotInfo & { bytes: Uint8Array })[] } {
  const rows: (SnapshotInfo & { bytes: Uint8Array })[] = [];
  return {
    kind: 'browser',
    rows,
    write: (bytes, reason, label, now) => {
      const id = `${now.toISOString()}-${rows.length}`;
      rows.push({ id, createdAt: now.toISOString(), reason, size: bytes.length, ...label, bytes });
      return Promise.resolve({ ok: true, id });
    },
    list: () => Promise.resolve({ ok: true, snapshots: rows.map(({ bytes: _b, ...r }) => r) }),
    read: (id) => Promise.resolve({ ok: true, bytes: rows.find((r) => r.id === id)?.bytes ?? new Uint8Array() }),
    remove: (id) => {
      rows.splice(rows.findIndex((r) => r.id === id), 1);
      return Promise.resolve({ ok: true });
    },
  };
}

describe('retention', () => {
  it('leaves no deleted value in any table, the undo log or a backup; reviewed quotes and counts stay', async () => {
    const db = newDb();
    const data = syntheticStudy({ studyId: 'r', interviews: 2, segmentsPerInterview: 3 });
    const tr = data.transcripts[0];
    if (!tr) throw new Error('fixture');
    tr.text = `${tr.text} ${SECRET}`;
    const review = { state: 'reviewed' as const, record: { reviewer: 'AB', at: FIXED_NOW, counts: {} }, reason: null, hits: {} };
    // Segment 0 reviewed (kept), segment 1 unreviewed with the secret in its quote (goes), segment 2 with a note.
    data.segments = data.segments.map((s, i) => (i === 0 ? { ...s, review } : i === 1 ? { ...s, quote: SECRET } : i === 2 ? { ...s, note: NOTE, review } : { ...s, review }));
    data.interviews = data.interviews.map((iv, i) => (i === 0 ? { ...iv, notes: NOTE } : iv));
    expect((await replaceStudyData(db, data)).ok).toBe(true);
    await saveTerm(db, { id: 'term', studyId: 'r', term: SECRET, kind: 'STED' });
    await savePseudonym(db, { id: 'ps', studyId: 'r', kind: 'NAVN', tag: '[NAVN-1]', hash: 'abcdef0123456789abcdef' });
    await saveVariable(db, { id: 'fri', studyId: 'r', label: 'Merknad', type: 'text', values: [], order: 0, createdAt: FIXED_NOW, updatedAt: FIXED_NOW });
    const iv = data.interviews[0];
    if (!iv) throw new Error('fixture');
    await saveAttributes(db, { studyId: 'r', interviewId: iv.id, participantId: 'P1', values: { fri: ATTR } }, { author: 'AB' });
    await pushUndo(db, { studyId: 'r', scope: iv.id, forward: { puts: { transcripts: [tr] } }, backward: { puts: { segments: data.segments } } });
    const store = memoryStore();
    await store.write(new TextEncoder().encode(JSON.stringify(data)), 'scheduled', { studyId: 'r', studyTitle: 'x' }, new Date(FIXED_NOW));
    await store.write(new TextEncoder().encode('other study'), 'scheduled', { studyId: 'other', studyTitle: 'y' }, new Date(FIXED_NOW));

    await saveRetentionPlan(db, { studyId: 'r', endDate: '2024-02-01', remindDays: 30, rule: RetentionRule.parse({}) });
    const r = await executeRetention(db, 'r', 'AB');
    if (!r.ok) throw new Error(JSON.stringify(r));
    // terms: the fixture's own term and the one added here.
    expect(r.value).toMatchObject({ transcripts: 2, pseudonyms: 1, terms: 2, quotes: 1, attributes: 1 });
    expect((await removeStudyBackups(store, 'r')).ok).toBe(true);

    // Every table, every row, as stored: none of the deleted values.
    for (const t of TABLE_NAMES) {
      const dump = JSON.stringify(await db.table(t).toArray());
      for (const v of [SECRET, NOTE, ATTR]) expect(dump.includes(v), `${v} in ${t}`).toBe(false);
    }
    expect(await db.undo.count()).toBe(0);
    for (const s of store.rows) for (const v of [SECRET, NOTE]) expect(new TextDecoder().decode(s.bytes).includes(v)).toBe(false);
    expect(store.rows.map((s) => s.studyId)).toEqual(['other']);

    const after = await loadStudyData(db, 'r');
    if (!after) throw new Error('load');
    expect(after.segments).toHaveLength(6);
    expect(after.segments[0]?.quote).toBe(data.segments[0]?.quote);
    expect(after.transcripts).toHaveLength(0);
    // Travels: tombstones for the transcripts, new revisions for the emptied segment.
    const out = outboundView(after).exchange;
    expect(out.tombstones?.filter((t) => t.entity === 'transcripts')).toHaveLength(2);
    expect(after.segments[1]?.rev?.n).toBe(2);
    const audit = after.audit.find((a) => a.action === 'retention.execute');
    expect(audit?.counts).toMatchObject({ transcripts: 2, quotes: 1 });
    expect(after.retention?.[0]?.executedAt).not.toBeNull();
    expect((await executeRetention(db, 'r', 'AB')).ok).toBe(false);
  });
});
