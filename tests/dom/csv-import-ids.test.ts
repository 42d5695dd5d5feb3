/**
 * Issue 14, point 5: an import never moves or overwrites another study's data. importCsv makes a
 * new id for every row and never takes one from the file, so a CSV that carries the demo's own ids
 * (interviews and segments) imported into a second study leaves the demo byte-for-byte unchanged.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoStudy } from '../../fixtures/demo/demo';
import { loadStudyData, replaceStudyData, saveInterview, saveParsedSegments } from '../../renderer/db';
import { exportCsv } from '../../shared/exchange/csv-export';
import { decodeCsv, importCsv, parseCsv, suggestMapping, type ParsedCsv } from '../../shared/exchange/csv-import';
import { reidStudy } from '../../shared/exchange/outbound';
import type { Interview, Segment, StudyData } from '../../shared/model';
import { freshDb, sortedStudy } from './db-fixtures';

const NOW = '2026-01-01T00:00:00.000Z';

function table(bytes: Uint8Array, name: string): ParsedCsv {
  const d = decodeCsv(bytes, name);
  if (!d.ok) throw new Error('decode');
  const p = parseCsv(d.text, name);
  if (!p.ok) throw new Error(JSON.stringify(p.issues.slice(0, 3)));
  return p.table;
}

function allIds(d: StudyData): Set<string> {
  return new Set([d.study.id, ...d.interviews.map((x) => x.id), ...d.segments.map((x) => x.id), ...d.transcripts.map((x) => x.interviewId), ...d.codes.map((x) => x.id)]);
}

describe('CSV import ids (issue 14, point 5)', () => {
  it('importCsv never takes an id from the file, even when the id column is mapped', () => {
    const demo = buildDemoStudy();
    const t = table(exportCsv('segments', demo, 'excel-nb'), 'segments.csv');
    const mapping = suggestMapping('segments', t.headers);
    expect(mapping.id).not.toBeNull();
    const r = importCsv('segments', t, mapping, demo, { now: NOW });
    if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
    const demoIds = allIds(demo);
    expect(r.records.length).toBe(demo.segments.length);
    expect(r.records.filter((s) => demoIds.has(s.id))).toEqual([]);
    expect(new Set(r.records.map((s) => s.id)).size).toBe(r.records.length);
  });

  it('the demo is byte-for-byte unchanged after a CSV reusing its ids is imported into another study', async () => {
    const db = freshDb('csv-ids');
    const demo = buildDemoStudy();
    expect((await replaceStudyData(db, demo)).ok).toBe(true);
    let n = 0;
    const other = reidStudy(buildDemoStudy(), 'other-study', () => `other-${++n}`);
    const empty: StudyData = { ...other, interviews: [], transcripts: [], segments: [], overrides: [] };
    expect((await replaceStudyData(db, empty)).ok).toBe(true);
    const before = JSON.stringify(sortedStudy((await loadStudyData(db, demo.study.id)) as StudyData));
    expect(before.length).toBeGreaterThan(100_000);

    // Interviews first (with the demo's interview ids in the file), then segments (with its segment ids).
    const ivTable = table(exportCsv('interviews', demo, 'excel-nb'), 'interviews.csv');
    const ivMap = suggestMapping('interviews', ivTable.headers);
    expect(ivMap.id).not.toBeNull();
    const ivs = importCsv('interviews', ivTable, ivMap, empty, { now: NOW });
    if (!ivs.ok) throw new Error(JSON.stringify(ivs.issues.slice(0, 3)));
    const demoIds = allIds(demo);
    expect((ivs.records as Interview[]).filter((iv) => demoIds.has(iv.id))).toEqual([]);
    for (const iv of ivs.records) expect((await saveInterview(db, iv)).ok).toBe(true);

    const target = (await loadStudyData(db, 'other-study')) as StudyData;
    const segTable = table(exportCsv('segments', demo, 'excel-nb'), 'segments.csv');
    const segs = importCsv('segments', segTable, suggestMapping('segments', segTable.headers), target, { now: NOW });
    if (!segs.ok) throw new Error(JSON.stringify(segs.issues.slice(0, 3)));
    expect((segs.records as Segment[]).length).toBe(demo.segments.length);
    expect((await saveParsedSegments(db, segs.records)).ok).toBe(true);

    const after = JSON.stringify(sortedStudy((await loadStudyData(db, demo.study.id)) as StudyData));
    expect(after).toBe(before);
    const imported = (await loadStudyData(db, 'other-study')) as StudyData;
    expect(imported.interviews.length).toBe(demo.interviews.length);
    expect(imported.segments.length).toBe(demo.segments.length);
  });
});
