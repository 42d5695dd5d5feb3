import { describe, expect, it } from 'vitest';
import { buildDemoStudy } from '../../fixtures/demo/demo';
import { exportCsv } from '../../shared/exchange/csv-export';
import { decodeCsv, importCsv, parseCsv, suggestMapping } from '../../shared/exchange/csv-import';
import { HEAD_ROWS, RECORDS_PER_MESSAGE, createCsvJob, importBase, type CsvJobMessage } from '../../shared/exchange/csv-job';

const NOW = '2021-04-01T12:00:00.000Z';

/** Run the job in-thread and collect what it posts, as the worker would send it. */
function harness() {
  const posted: CsvJobMessage[] = [];
  let n = 0;
  const job = createCsvJob((m) => posted.push(m), () => `new-${++n}`);
  return { posted, job };
}

describe('CSV import job (what the worker runs)', () => {
  const demo = buildDemoStudy();
  // Many rows: the demo's segments repeated, so records come back in several messages.
  const many = { ...demo, segments: Array.from({ length: 12 }, (_, k) => demo.segments.map((s) => ({ ...s, id: `${s.id}-${k}` }))).flat() };
  const bytes = exportCsv('segments', many, 'excel-nb');

  it('parse answers with the head of the file and its row count only', () => {
    const { posted, job } = harness();
    job.handle({ id: 1, type: 'parse', fileName: 's.csv', bytes: bytes.slice() });
    const parsed = posted.find((m) => m.type === 'parsed');
    if (parsed?.type !== 'parsed' || !parsed.result.ok) throw new Error('no parse answer');
    expect(parsed.result.rowCount).toBe(many.segments.length);
    expect(parsed.result.table.rows).toHaveLength(HEAD_ROWS);
    const direct = parseCsv((decodeCsv(bytes, 's.csv') as { text: string }).text, 's.csv');
    if (!direct.ok) throw new Error('direct parse');
    expect(parsed.result.table.headers).toEqual(direct.table.headers);
    expect(parsed.result.table.rows).toEqual(direct.table.rows.slice(0, HEAD_ROWS));
  });

  it('import posts monotone progress, then the same records importCsv gives, in chunks', () => {
    const { posted, job } = harness();
    job.handle({ id: 1, type: 'parse', fileName: 's.csv', bytes: bytes.slice() });
    const direct = parseCsv((decodeCsv(bytes, 's.csv') as { text: string }).text, 's.csv');
    if (!direct.ok) throw new Error('direct parse');
    const mapping = { ...suggestMapping('segments', direct.table.headers), id: null };
    const base = importBase(demo);
    job.handle({ id: 2, type: 'import', kind: 'segments', mapping, base, now: NOW });
    const mine = posted.filter((m) => m.id === 2);
    const progress = mine.flatMap((m) => (m.type === 'progress' ? [m.done] : []));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(many.segments.length);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    const chunks = mine.flatMap((m) => (m.type === 'records' ? [m.records] : []));
    expect(chunks.length).toBe(Math.ceil(many.segments.length / RECORDS_PER_MESSAGE));
    let k = 0;
    const expected = importCsv('segments', direct.table, mapping, demo, { now: NOW, newId: () => `new-${++k}` });
    if (!expected.ok) throw new Error('direct import');
    expect(chunks.flat()).toEqual(expected.records);
    expect(mine.at(-1)).toEqual({ id: 2, type: 'imported', result: { ok: true, count: many.segments.length, anchors: { offsets: many.segments.length, exact: 0, loose: 0, fuzzy: [], free: 0, unanchored: 0 } } });
    // The base the page sends leaves segments and pseudonyms out, and the import does not need them.
    expect(base.segments).toEqual([]);
    expect(base.pseudonyms).toEqual([]);
  });

  it('located issues instead of records when a row is wrong; nothing posted as records', () => {
    const text = new TextDecoder().decode(exportCsv('segments', demo, 'excel-nb'));
    const lines = text.split('\r\n');
    lines[3] = lines[3]?.replace(/^([^;]*;)?"?[A-ZÆØÅ]{2}-\d+"?/, (m) => m.replace(/[A-ZÆØÅ]{2}-\d+/, 'ZZ-99')) ?? '';
    const { posted, job } = harness();
    job.handle({ id: 1, type: 'parse', fileName: 'bad.csv', bytes: new TextEncoder().encode(lines.join('\r\n')) });
    const parsed = posted.find((m) => m.type === 'parsed');
    if (parsed?.type !== 'parsed' || !parsed.result.ok) throw new Error('no parse answer');
    job.handle({ id: 2, type: 'import', kind: 'segments', mapping: { ...suggestMapping('segments', parsed.result.table.headers), id: null }, base: importBase(demo), now: NOW });
    expect(posted.some((m) => m.type === 'records')).toBe(false);
    const done = posted.find((m) => m.type === 'imported');
    expect(done).toMatchObject({ type: 'imported', result: { ok: false, issues: [{ file: 'bad.csv', line: 4 }] } });
  });

  it('parse failures and an import without a parsed file come back as values', () => {
    const { posted, job } = harness();
    job.handle({ id: 1, type: 'import', kind: 'segments', mapping: {}, base: importBase(demo), now: NOW });
    job.handle({ id: 2, type: 'parse', fileName: 'empty.csv', bytes: new Uint8Array() });
    expect(posted.find((m) => m.id === 1)).toMatchObject({ type: 'error' });
    expect(posted.find((m) => m.id === 2 && m.type === 'parsed')).toMatchObject({ result: { ok: false, issues: [{ file: 'empty.csv' }] } });
  });

  it('a long parse reports progress as it goes (so its worker is never taken for a silent one)', () => {
    const { posted, job } = harness();
    const text = `kode;gruppe\n${Array.from({ length: 65_000 }, (_, i) => `YF-${i};yf-vg2`).join('\n')}\n`;
    job.handle({ id: 9, type: 'parse', fileName: 'lang.csv', bytes: new TextEncoder().encode(text) });
    const steps = posted.filter((m) => m.type === 'progress' && m.phase === 'parse' && m.total > 1) as Extract<CsvJobMessage, { type: 'progress' }>[];
    expect(steps).toHaveLength(3);
    expect(steps.map((m) => m.done)).toEqual([...steps.map((m) => m.done)].sort((a, b) => a - b));
    expect(steps[0]!.done).toBeGreaterThan(0);
    expect(steps.every((m) => m.done < m.total && m.total === text.length)).toBe(true);
  });
});
