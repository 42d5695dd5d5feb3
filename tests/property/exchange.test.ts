import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportBundle, restoreBundle } from '../../shared/exchange/bundle';
import { exportCsv, type CsvDialect } from '../../shared/exchange/csv-export';
import { decodeCsv, importCsv, parseCsv, previewCsv } from '../../shared/exchange/csv-import';
import { createCsvJob, importBase, RECORDS_PER_MESSAGE, type CsvJobMessage } from '../../shared/exchange/csv-job';
import { guardCell, isGuarded, unguardCell } from '../../shared/exchange/guard';
import { exportQdpx } from '../../shared/exchange/refi/export';
import { importQdpx } from '../../shared/exchange/refi/import';
import type { Segment, StudyData } from '../../shared/model';
import { exchangeStudy } from '../fixtures/exchange/study';

fc.configureGlobal({ seed: 42 });
const NOW = '2024-01-01T00:00:00.000Z';

// Text with the awkward parts over-represented: formula starters, quotes, separators, CR/LF, emoji.
const awkward = fc.string({
  unit: fc.oneof(
    fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\r\n', "'", '"', ';', ',', ' ', '|', '😀', 'æ', 'Ø', '\0'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

describe('formula guard (property)', () => {
  it('no line of a guarded cell starts dangerously, and unguard(guard(s)) === s', () => {
    fc.assert(
      fc.property(fc.oneof(awkward, fc.string({ unit: 'binary' })), (s) => {
        const g = guardCell(s);
        expect(isGuarded(g)).toBe(true);
        expect(['=', '+', '-', '@', '\t', '\r', '\n', '\0']).not.toContain(g[0]);
        expect(unguardCell(g)).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});

/**
 * A span never splits a surrogate pair (a selection in the editor cannot, and a lone surrogate has
 * no UTF-8 form), so offsets are moved back to the start of their code point.
 */
function snap(text: string, o: number): number {
  const c = text.charCodeAt(o);
  return o > 0 && c >= 0xdc00 && c <= 0xdfff ? o - 1 : o;
}

/** An arbitrary small study: random transcript, random spans and attributes over the fixed frames. */
const studyArb = fc
  .record({
    text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
    segs: fc.array(
      fc.record({
        a: fc.nat(),
        b: fc.nat(),
        stage: fc.constantFrom(null, 'st7', 'vg2'),
        situation: fc.constantFrom(null, 'info', 'help'),
        actors: fc.subarray(['radgiver', 'nav', 'familie']),
        valence: fc.constantFrom(null, 'positive', 'mixed', 'negative'),
        kind: fc.constantFrom('experience', 'wish'),
        codes: fc.subarray(['c-info', 'c-web', 'c-help']),
        note: awkward,
        coder: fc.constantFrom('coder-1', 'coder-2'),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ text, segs }): StudyData => {
    const base = exchangeStudy();
    const segments: Segment[] = segs.map((s, i) => {
      const x = s.a % (text.length + 1);
      const y = s.b % (text.length + 1);
      const [start, end] = (x <= y ? [x, y] : [y, x]).map((o) => snap(text, o)) as [number, number];
      return { ...base.segments[0]!, id: `g${i}`, interviewId: 'iv-a', participantId: 'P1', start, end, quote: text.slice(start, end), stageId: s.stage, situationId: s.situation, actorIds: s.actors, valence: s.valence as Segment['valence'], kind: s.kind as Segment['kind'], codeIds: s.codes, note: s.note, coderId: s.coder, anchor: 'ok', createdAt: NOW, updatedAt: NOW };
    });
    return { ...base, transcripts: base.transcripts.map((t) => (t.interviewId === 'iv-a' ? { ...t, text } : t)), segments };
  });

describe('round trips (property)', () => {
  it.each(['excel-nb', 'plain'] as CsvDialect[])('CSV segments export → import is the identity (%s)', (dialect) => {
    fc.assert(
      fc.property(studyArb, (data) => {
        const dc = decodeCsv(exportCsv('segments', data, dialect), 's.csv');
        if (!dc.ok) throw new Error('decode');
        const p = parseCsv(dc.text, 's.csv');
        if (!p.ok) throw new Error(JSON.stringify(p.issues));
        const r = importCsv('segments', p.table, previewCsv(p.table, 'segments').mapping, data, { now: NOW });
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        // Every row is a new record (issue 14): same content, none of the file's ids; imported
        // quotes always arrive as needs review (the gate at the door in).
        const noId = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;
        expect(r.records.map(noId)).toEqual(data.segments.map((s) => noId({ ...s, review: { state: 'needs-review', record: null, reason: 'import', hits: {} } })));
        const fileIds = new Set(data.segments.map((s) => s.id));
        expect(r.records.filter((s) => fileIds.has(s.id))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('bundle export → restore is the identity', async () => {
    await fc.assert(
      fc.asyncProperty(studyArb, async (data) => {
        const r = await restoreBundle(await exportBundle(data, { now: NOW }));
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        expect(r.data).toEqual(data);
      }),
      { numRuns: 60 },
    );
  });

  it('REFI-QDA export → import keeps every span and quote', () => {
    fc.assert(
      fc.property(studyArb, (data) => {
        const r = importQdpx(exportQdpx(data, { now: NOW }), { now: NOW });
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        const view = (d: StudyData) => d.segments.map((s) => [s.start, s.end, s.quote, s.anchor, s.valence, s.kind, s.codeIds.length, s.actorIds.length]);
        expect(view(r.data)).toEqual(view(data));
      }),
      { numRuns: 100 },
    );
  });
});

describe('chunked import (property)', () => {
  it('the import job (worker path: records posted in chunks) gives exactly what one whole import gives', () => {
    const counter = () => {
      let i = 0;
      return () => `new-${++i}`;
    };
    fc.assert(
      fc.property(studyArb, fc.integer({ min: 2_100, max: 4_500 }), fc.constantFrom<CsvDialect>('excel-nb', 'plain'), (small, n, dialect) => {
        if (small.segments.length === 0) return;
        // Blow the study up past one message's worth of records, so the job must split it.
        const segments = Array.from({ length: n }, (_, i) => ({ ...small.segments[i % small.segments.length]!, id: `big-${i}` }));
        const data = { ...small, segments };
        const bytes = exportCsv('segments', data, dialect);

        const dc = decodeCsv(bytes, 's.csv');
        if (!dc.ok) throw new Error('decode');
        const p = parseCsv(dc.text, 's.csv');
        if (!p.ok) throw new Error(JSON.stringify(p.issues));
        const mapping = previewCsv(p.table, 'segments').mapping;
        const whole = importCsv('segments', p.table, mapping, data, { now: NOW, newId: counter() });
        if (!whole.ok) throw new Error(JSON.stringify(whole.issues));

        const messages: CsvJobMessage[] = [];
        const job = createCsvJob((m) => messages.push(m), counter());
        job.handle({ id: 1, type: 'parse', fileName: 's.csv', bytes });
        job.handle({ id: 2, type: 'import', kind: 'segments', mapping, base: importBase(data), now: NOW });
        const chunks = messages.filter((m): m is Extract<CsvJobMessage, { type: 'records' }> => m.type === 'records');
        expect(chunks.length).toBe(Math.ceil(n / RECORDS_PER_MESSAGE));
        expect(chunks.flatMap((m) => m.records)).toEqual(whole.records);
        expect(messages.at(-1)).toEqual({ id: 2, type: 'imported', result: { ok: true, count: n, anchors: { offsets: n, exact: 0, loose: 0, fuzzy: [], free: 0, unanchored: 0 } } });
      }),
      { numRuns: 6 },
    );
  });
});
