/**
 * Matrix queries (issue 19): hand-counted cells of a small study, code roll-up, attribute columns,
 * small-cell suppression with the row total, the cell filter selecting exactly the cell, and CSV.
 */
import { describe, expect, it } from 'vitest';
import { buildIndex, cellFilter, filterSegments, matrixCsv, matrixQuery, suppressMatrix } from '../../shared/analysis';
import { newStudy, type Code, type Interview, type Segment } from '../../shared/model';

const NOW = '2024-01-01T00:00:00.000Z';
const study = newStudy('s', 'Matrise', NOW);
const g0 = study.groups[0]?.id ?? '';
const g1 = study.groups[1]?.id ?? '';
const st0 = study.stages[0]?.id ?? '';
const st1 = study.stages[1]?.id ?? '';
const codes: Code[] = [
  { id: 'parent', studyId: 's', parentId: null, name: 'Informasjon', color: '#000000', definition: '', examples: [], order: 0 },
  { id: 'child', studyId: 's', parentId: 'parent', name: 'Nettsider', color: '#000000', definition: '', examples: [], order: 1 },
  { id: 'other', studyId: 's', parentId: null, name: 'Relasjon', color: '#000000', definition: '', examples: [], order: 2 },
];
const iv = (id: string, groupId: string, n: number): Interview => ({ id, studyId: 's', code: id.toUpperCase(), groupId, format: n > 1 ? 'group' : 'individual', participants: Array.from({ length: n }, (_, i) => ({ id: `P${i + 1}`, note: '' })), mode: 'in-person', date: null, interviewer: '', site: '', consent: true, notes: '', status: 'coded', createdAt: NOW, updatedAt: NOW });
const interviews = [iv('a', g0, 2), iv('b', g1, 1)];
let k = 0;
const seg = (interviewId: string, participantId: string, codeIds: string[], stageId: string, valence: Segment['valence']): Segment => ({
  id: `seg-${k++}`, studyId: 's', interviewId, participantId, start: 0, end: 1, quote: `q${k}`, stageId, situationId: study.situations[0]?.id ?? null, actorIds: [], valence, kind: 'experience', codeIds, note: '', coderId: study.coders[0]?.id ?? 'c', anchor: 'ok', createdAt: NOW, updatedAt: NOW,
});
const segments = [
  seg('a', 'P1', ['child'], st0, 'positive'),
  seg('a', 'P1', ['child', 'other'], st1, 'negative'),
  seg('a', 'P2', ['parent'], st0, 'positive'),
  seg('b', 'P1', ['other'], st0, 'mixed'),
];
const attributes = [
  { id: 'a:P1', values: { age: '16–18' } },
  { id: 'a:P2', values: { age: '13–15' } },
  { id: 'b:P1', values: { age: '16–18' } },
];
const index = buildIndex({ study, codes, interviews, segments, attributes });
const labels = { valence: { positive: '+', mixed: '~', negative: '-' } };

describe('matrixQuery', () => {
  it('codes × group: a parent row counts its children, informants distinct per cell', () => {
    const m = matrixQuery(index, { rows: 'codes', cols: { kind: 'group' } }, labels);
    expect(m.rows.map((r) => [r.id, r.depth])).toEqual([['parent', 0], ['child', 1], ['other', 0]]);
    const at = (r: number, c: number) => m.cells[r * m.cols.length + c];
    // parent in g0: 3 segments (two via child), informants a:P1 and a:P2.
    expect(at(0, 0)).toEqual({ segments: 3, informants: 2 });
    expect(at(1, 0)).toEqual({ segments: 2, informants: 1 });
    expect(at(2, 0)).toEqual({ segments: 1, informants: 1 });
    expect(at(2, 1)).toEqual({ segments: 1, informants: 1 });
    expect(at(0, 1)).toEqual({ segments: 0, informants: 0 });
    expect(m.rowInformants).toEqual([2, 1, 2]);
    expect(m.max).toBe(3);
  });

  it('valence × attribute columns in the variable order; × stage', () => {
    const m = matrixQuery(index, { rows: 'valence', cols: { kind: 'attribute', variableId: 'age' } }, { ...labels, attributeValues: ['13–15', '16–18'] });
    expect(m.cols.map((c) => c.id)).toEqual(['13–15', '16–18']);
    expect(m.cells.map((c) => c.segments)).toEqual([1, 1, 0, 1, 0, 1]);
    const s = matrixQuery(index, { rows: 'valence', cols: { kind: 'stage' } }, labels);
    expect(s.cells.slice(0, 2).map((c) => c.segments)).toEqual([2, 0]);
    expect(s.partition).toBe(false);
  });

  it('a cell filter selects exactly the segments counted in the cell', () => {
    const q = { rows: 'codes' as const, cols: { kind: 'attribute' as const, variableId: 'age' } };
    const m = matrixQuery(index, q, { ...labels, attributeValues: ['13–15', '16–18'] });
    const f = cellFilter(q, 'parent', '16–18');
    expect(filterSegments(index, f).map((x) => x.id)).toEqual(['seg-0', 'seg-1']);
    expect(m.cells[1]?.segments).toBe(2);
  });

  it('suppression hides every informant count under k (with its segment count) and keeps 0 and k+', () => {
    const m = matrixQuery(index, { rows: 'codes', cols: { kind: 'group' } }, labels);
    expect(suppressMatrix(m, 1).hidden).toBe(0);
    const s = suppressMatrix(m, 2);
    // Primary: child × g0 (1), other × g0 (1), other × g1 (1) and child's total (1).
    for (const i of [2, 4, 5]) expect(s.cells[i]).toEqual({ segments: null, informants: null });
    expect(s.rowInformants[1]).toBeNull();
    for (const c of s.cells) if (c.informants !== null) expect(c.informants === 0 || c.informants >= 2).toBe(true);
    for (const v of s.rowInformants) if (v !== null) expect(v === 0 || v >= 2).toBe(true);
    const csv = matrixCsv(s, { rows: 'Kode', segments: 'utsagn', informants: 'inf', hidden: 'holdt tilbake', total: 'Totalt' });
    expect(csv.split('\r\n')[2]).toMatch(/^ {2}Nettsider;holdt tilbake;holdt tilbake;/);
    expect(csv).not.toMatch(/;1;|;1\r/);
    expect(csv.startsWith('\uFEFFKode;')).toBe(true);
  });
});
