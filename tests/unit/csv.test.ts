import { describe, expect, it } from 'vitest';
import { exportCsv, csvText, exportAllCsv } from '../../shared/exchange/csv-export';
import { decodeCsv, importCsv, parseCsv, previewCsv, type ParsedCsv } from '../../shared/exchange/csv-import';
import { guardCell, unguardCell, isGuarded } from '../../shared/exchange/guard';
import { parseDate, parseLocaleNumber } from '../../shared/exchange/numbers';
import { exchangeStudy } from '../fixtures/exchange/study';

const NOW = '2024-01-01T00:00:00.000Z';
const dec = (b: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);

function parsed(text: string, name = 'f.csv'): ParsedCsv {
  const r = parseCsv(text, name);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.table;
}

describe('formula guard', () => {
  const hostile = ['=1+2', '+47 99', '-3', '@SUM(A1)', '\t=1', '\r=1', '\n=1', '\0x', "'quoted", 'ok\n=1+2', 'ok\r\n@x', 'ok\r-x'];
  it.each(hostile)('guards %j so no line starts dangerously, and unguards back', (s) => {
    const g = guardCell(s);
    expect(g).not.toBe(s);
    expect(isGuarded(g)).toBe(true);
    expect(g.startsWith("'")).toBe(g[0] === "'");
    expect(unguardCell(g)).toBe(s);
  });
  it('leaves safe text alone', () => {
    for (const s of ['Rådgiver', 'a = b', 'x-y', '', '12,5', 'line\nnext']) expect(guardCell(s)).toBe(s);
  });
  it('guards a newline followed by = inside a cell (PapaParse misses it)', () => {
    expect(guardCell('=1+2\nx')).toBe("'=1+2\nx");
    expect(guardCell('x\n=1+2')).toBe("x\n'=1+2");
  });
});

describe('Norwegian numbers and dates', () => {
  it.each([
    ['1 234,50', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['54,3 %', 54.3],
    ['−3', -3],
    ['1234.5', 1234.5],
    ['1.234.567', 1234567],
    ['0', 0],
  ])('%s → %d', (raw, v) => {
    expect(parseLocaleNumber(raw)).toEqual({ ok: true, value: v });
  });
  it.each(['', 'abc', '1,2,3', '1.234,5.6', '12a'])('rejects %j', (raw) => expect(parseLocaleNumber(raw).ok).toBe(false));
  it('reads dd.mm.yyyy and yyyy-mm-dd and rejects impossible dates', () => {
    expect(parseDate('05.03.2021')).toEqual({ ok: true, iso: '2021-03-05' });
    expect(parseDate('5.3.2021')).toEqual({ ok: true, iso: '2021-03-05' });
    expect(parseDate('2021-03-05')).toEqual({ ok: true, iso: '2021-03-05' });
    expect(parseDate('31.02.2021').ok).toBe(false);
    expect(parseDate('03/05/2021').ok).toBe(false);
  });
});

describe('CSV export', () => {
  const data = exchangeStudy();
  it('excel-nb: BOM, semicolon, CRLF, Norwegian headers and words, guarded note', () => {
    const bytes = exportCsv('segments', data, 'excel-nb');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = dec(bytes.slice(3));
    expect(text.split('\r\n')[0]).toBe('id;intervju;gruppe;format;modus;deltaker;fase;situasjon;aktører;valens;type;koder;sitat;notat;kodet av;start;slutt');
    expect(text).toContain("'=SUM(A1:A9)");
    expect(text).toContain('"to linjer\n\'@andre linje"');
    expect(text).toContain('Informasjon/Nettsider | Informasjon');
    expect(text).toContain(';ønske;');
    expect(text.split('\r\n')).toHaveLength(data.segments.length + 1);
  });
  it('plain: no BOM, comma, LF, enum values, decimal point', () => {
    const text = dec(exportCsv('counsellor-breakdown', { ...data, study: { ...data.study, smallCellThreshold: 1 } }, 'plain'));
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).not.toContain('\r\n');
    const lines = text.split('\n');
    expect(lines[0]).toBe('group,n,category,count,percent,wilson low 95%,wilson high 95%,suppressed');
    // All 3 informants: YF-01 P1 positive; OT-02 P1 negative, P2 mixed.
    const all = lines.filter((l) => l.startsWith('All,'));
    expect(all).toHaveLength(4);
    expect(all[0]).toMatch(/^All,3,positive,1,33\.3,\d+\.\d,\d+\.\d,false$/);
  });
  it('excel-nb breakdown uses decimal comma and suppresses small groups', () => {
    const text = dec(exportCsv('counsellor-breakdown', data, 'excel-nb'));
    const yf = text.split('\r\n').filter((l) => l.startsWith('Yrkesfag Vg2;'));
    // n = 1 is an informant count below k: blank too (issue 14), not only the category cells.
    expect(yf[0]).toBe('Yrkesfag Vg2;;Positiv;;;;;ja');
    for (const line of text.split('\r\n').slice(1).filter(Boolean)) {
      const [, n, , k] = line.split(';');
      for (const v of [n, k]) expect(v === '' || v === '0' || Number(v) >= 5, line).toBe(true);
    }
    const full = dec(exportCsv('counsellor-breakdown', data, 'excel-nb', { suppressSmallCells: false }));
    const row = full.split('\r\n').find((l) => l.startsWith('Alle;3;Positiv;'));
    expect(row).toMatch(/^Alle;3;Positiv;1;33,3;\d+,\d;\d+,\d;nei$/);
  });
  it('informants carry the counsellor category', () => {
    const text = csvText('informants', data, 'excel-nb');
    expect(text).toContain('OT-02;P1;Ungdom fra oppfølgingstjenesten;gruppe;digitalt;En eller flere dårlige erfaringer;nei');
    expect(text).toContain('OT-02;P2;Ungdom fra oppfølgingstjenesten;gruppe;digitalt;OK, men kunne vært bedre;nei');
  });
  it('exports every table', () => {
    expect(Object.keys(exportAllCsv(data, 'plain')).sort()).toEqual(['counsellor-breakdown.csv', 'informants.csv', 'interviews.csv', 'segments.csv']);
  });
});

describe('CSV decode and parse', () => {
  it('decodes UTF-8 with and without BOM, and Windows-1252 including 0x80–0x9F', () => {
    const ok = decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, 0xc3, 0xa6]), 'a.csv');
    expect(ok).toMatchObject({ ok: true, text: 'æ', encoding: 'utf-8-bom' });
    // "€ – “Ø”" in cp1252
    const w = decodeCsv(new Uint8Array([0x80, 0x20, 0x96, 0x20, 0x93, 0xd8, 0x94]), 'b.csv');
    expect(w).toMatchObject({ ok: true, text: '€ – “Ø”', encoding: 'windows-1252' });
    expect(decodeCsv(new Uint8Array([]), 'c.csv').ok).toBe(false);
  });
  it('honours sep=; and counts lines through quoted newlines and blank lines', () => {
    const t = parsed('sep=;\r\nkode;notat\r\n\r\nA;"to\r\nlinjer"\r\n   \r\nB;x\r\n');
    expect(t.delimiter).toBe(';');
    expect(t.headers).toEqual(['kode', 'notat']);
    expect(t.rows.map((r) => r.line)).toEqual([4, 7]);
    expect(t.rows[0]?.cells).toEqual(['A', 'to\r\nlinjer']);
  });
  it('a one-row nb file with 1 234,50 is read as semicolon separated', () => {
    const t = parsed('navn;beløp\nA;1 234,50\n');
    expect(t.rows[0]?.cells).toEqual(['A', '1 234,50']);
  });
  it('an undetectable delimiter is an error with a line', () => {
    const r = parseCsv('bare en kolonne\nverdi\n', 'x.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ file: 'x.csv', line: 1 });
  });
  it('an unterminated quote is located', () => {
    const r = parseCsv('a;b\n1;2\n"x;3\n', 'q.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.line).toBe(3);
  });
});

describe('CSV import', () => {
  const data = exchangeStudy();
  it('segments: excel-nb export → import gives the same segments', () => {
    for (const dialect of ['excel-nb', 'plain'] as const) {
      const dc = decodeCsv(exportCsv('segments', data, dialect), 's.csv');
      if (!dc.ok) throw new Error('decode');
      const table = parsed(dc.text);
      const preview = previewCsv(table, 'segments');
      expect(preview.mapping.quote).toBe(12);
      const r = importCsv('segments', table, preview.mapping, data, { now: NOW });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      // Same content; every row a new record, never the file's id (issue 14, point 5); imported
      // quotes always arrive as needs review (the gate at the door in), whatever they were.
      expect(r.records.map((s) => ({ ...s, id: '' }))).toEqual(data.segments.map((s) => ({ ...s, id: '', createdAt: NOW, updatedAt: NOW, review: { state: 'needs-review', record: null, reason: 'import', hits: {} } })));
      expect(r.records.filter((s) => data.segments.some((d) => d.id === s.id))).toEqual([]);
    }
  });
  it('all-or-nothing, with file, line and field for each issue', () => {
    const text = [
      'intervju;deltaker;sitat;start;slutt;fase;valens;koder',
      'YF-01;P1;x;0;1;10. trinn;Positiv;Hjelp',
      'ZZ-99;P1;x;0;1;;;',
      'YF-01;P1;"fler\nlinjer";5;2;Vg9;;',
      'YF-01;P1;x;0;1;;kanskje;Finnes/Ikke',
    ].join('\n');
    const table = parsed(text, 'seg.csv');
    const r = importCsv('segments', table, previewCsv(table, 'segments').mapping, data, { now: NOW });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const loc = r.issues.map((i) => `${i.file}:${i.line}:${i.field}`);
    expect(loc).toEqual(['seg.csv:3:intervju', 'seg.csv:4:fase', 'seg.csv:4:slutt', 'seg.csv:6:valens', 'seg.csv:6:koder']);
  });
  it('a quote that differs from its span is imported but flagged lost', () => {
    const table = parsed('intervju;deltaker;sitat;start;slutt\nYF-01;P1;feil sitat;0;5\n');
    const r = importCsv('segments', table, previewCsv(table, 'segments').mapping, data, { now: NOW });
    expect(r.ok && r.records[0]?.anchor).toBe('lost');
  });
  it('interviews: Norwegian words, dates and counts', () => {
    const table = parsed('kode;gruppe;format;deltakere;modus;dato;samtykke;status\nYF-09;YF Vg2;gruppe;3;tegneverksted;05.03.2021;ja;transkribert\nSF-01;Studiespesialisering Vg2;individual;1;digital;2021-04-01;nei;\n');
    const r = importCsv('interviews', table, previewCsv(table, 'interviews').mapping, data, { now: NOW });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.records[0]).toMatchObject({ code: 'YF-09', groupId: 'yf-vg2', format: 'group', mode: 'drawing-workshop', date: '2021-03-05', consent: true, status: 'transcribed' });
    expect(r.records[0]?.participants.map((p) => p.id)).toEqual(['P1', 'P2', 'P3']);
    expect(r.records[1]).toMatchObject({ code: 'SF-01', date: '2021-04-01', consent: false, status: 'planned' });
  });
  it('interviews: bad dates, duplicate codes and unknown groups are located', () => {
    const table = parsed('kode;gruppe;format;modus;dato\nX-1;YF;individuelt;digitalt;31.02.2021\nX-1;Ukjent;individuelt;digitalt;\nYF-01;YF;individuelt;digitalt;\n');
    const r = importCsv('interviews', table, previewCsv(table, 'interviews').mapping, data, { now: NOW });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.line}:${i.field}`)).toEqual(['2:dato', '3:kode', '3:gruppe', '4:kode']);
  });
  it('informants: rows with the same code make one group interview', () => {
    const table = parsed('intervju;deltaker;gruppe\nGS-01;P1;10. kl.\nGS-01;P2;10. kl.\nGS-02;P1;gs10\n');
    const r = importCsv('informants', table, previewCsv(table, 'informants').mapping, data, { now: NOW });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.records.map((i) => [i.code, i.format, i.participants.length])).toEqual([['GS-01', 'group', 2], ['GS-02', 'individual', 1]]);
  });
  it('benchmark: Norwegian percentages and approximate n', () => {
    const table = parsed('navn;kilde;år;n;kategori;prosent;tilsvarer\nUngdata;NOVA;2018;ca. 7 000;fornøyd;54,0;Positiv\nUngdata;NOVA;2018;ca. 7 000;litt fornøyd;38,5;mixed\n');
    const r = importCsv('benchmark', table, previewCsv(table, 'benchmark').mapping, data, { now: NOW });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({ n: 7000, nApprox: true, year: 2018 });
    expect(r.records[0]?.categories).toEqual([{ label: 'fornøyd', percent: 54, mapsTo: 'positive' }, { label: 'litt fornøyd', percent: 38.5, mapsTo: 'mixed' }]);
  });
  it('a missing required column is reported on the header line', () => {
    const table = parsed('kode;gruppe\nA;YF\n');
    const r = importCsv('interviews', table, previewCsv(table, 'interviews').mapping, data, { now: NOW });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.field)).toEqual(['format', 'modus']);
  });
});

describe('CSV caps and honest refusals', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('a leading apostrophe is removed only where the guard added it', () => {
    expect(unguardCell("'tis a note")).toBe("'tis a note");
    expect(unguardCell("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unguardCell("''tis")).toBe("'tis");
    expect(unguardCell("'")).toBe("'");
    for (const s of ["'tis", "'", "''", "=x", "a\n'b", "a\n=b"]) expect(unguardCell(guardCell(s))).toBe(s);
  });
  it('UTF-16 without a BOM is named as such', () => {
    const s = 'kode;dato\nYF-01;2021-01-01\n';
    const le = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) le[2 * i] = s.charCodeAt(i);
    const r = decodeCsv(le, 'u16.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ file: 'u16.csv', code: 'csv.utf16NoBom' });
  });
  it('binary garbage is named as binary, an .xlsx as a workbook', () => {
    let x = 1;
    const junk = Uint8Array.from({ length: 4096 }, () => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24));
    const r = decodeCsv(junk, 'junk.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toBe('csv.binary');
    const z = decodeCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'bok.csv');
    expect(!z.ok && z.issues[0]?.code).toBe('csv.zip');
  });
  it('more columns than the cap are refused at the row that has them', () => {
    const wide = `a;b\n1;2\n${Array.from({ length: 301 }, (_, i) => `c${i}`).join(';')}\n`;
    const r = parseCsv(wide, 'wide.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ file: 'wide.csv', line: 3, code: 'csv.tooManyColumns', params: { count: 301, limit: 300 } });
    expect(parseCsv(`a;b\n${Array.from({ length: 300 }, () => 'x').join(';')}\n`, 'ok.csv').ok).toBe(true);
  });
  it('more rows than the kind allows are refused with the first line over the cap', () => {
    const lines = ['kode;gruppe'];
    for (let i = 0; i < 100_001; i++) lines.push(`X-${i};yf-vg2`);
    const parsed = parseCsv(lines.join('\n'), 'mange.csv');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const r = importCsv('interviews', parsed.table, previewCsv(parsed.table, 'interviews').mapping, exchangeStudy(), { now: '2024-01-01T00:00:00.000Z' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'csv.tooManyRowsForKind', line: 100_002, params: { count: 100_001, limit: 100_000 } });
  });
  it('a genuine small file with a stray NUL in a note still decodes', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `YF-${i};Et vanlig notat om intervjuet`).join('\n');
    expect(decodeCsv(enc(`kode;notat\n${rows}\nYF-99;x\u0000y\n`), 'nul.csv').ok).toBe(true);
  });
});
