/**
 * The PDF report, read as a reader would: poppler's pdftotext / pdffonts / pdfinfo over the bytes
 * that buildReport returns for the demo study (Brukerreisen Kim: 27 individual + 15 in groups = 42;
 * Vg2 counsellor 5 / 9 / 7 of 21; Ungdata Telemark 2018 54 / 39 / 8 %, n ≈ 7000).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wilson } from '../../shared/analysis';
import { StudyData } from '../../shared/model';
import { buildReport, checkLeaks, composeReport, DEFAULT_SECTIONS, fmtRange, type BuildResult, type ReportOptions } from '../../shared/report';

const ROOT = resolve(import.meta.dirname, '../..');
const fonts = {
  regular: new Uint8Array(readFileSync(join(ROOT, 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))),
  bold: new Uint8Array(readFileSync(join(ROOT, 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))),
};
const demo = (): StudyData => StudyData.parse(JSON.parse(readFileSync(join(ROOT, 'fixtures/demo/demo-study.json'), 'utf8')));

const OPTIONS: ReportOptions = {
  title: 'Brukerreisen Kim – rapport',
  subtitle: 'Erfaringer med informasjon, valg og hjelp fra 7. trinn til Vg2',
  organisation: 'Vestfold og Telemark fylkeskommune',
  date: '2021-06-15',
  sections: [...DEFAULT_SECTIONS],
};

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reisekart-report-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function written(r: BuildResult, name: string): string {
  if (!r.ok) throw new Error(`report failed: ${JSON.stringify(r.issues).slice(0, 500)}`);
  const file = join(dir, name);
  writeFileSync(file, r.bytes);
  return file;
}

const pdftotext = (file: string): string => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
/** pdftotext -layout pads columns with spaces: collapse runs so phrases can be matched. */
const squash = (s: string): string => s.replace(/[ \t]+/g, ' ');

describe('the demo report as a reader sees it', () => {
  let file = '';
  let text = '';
  let pages = 0;
  let ms = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    const r = await buildReport(demo(), OPTIONS, { fonts });
    ms = performance.now() - t0;
    file = written(r, 'demo.pdf');
    pages = r.ok ? r.pages : 0;
    text = squash(pdftotext(file));
  });

  it('is a PDF whose page count pdfinfo agrees with, with title and language metadata', () => {
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/^Title:\s+Brukerreisen Kim – rapport$/m);
    expect(info).toMatch(/^Creator:\s+Reisekart$/m);
    const n = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
    expect(n).toBe(pages);
    // Title page + contents + at least one page per section.
    expect(n).toBeGreaterThan(DEFAULT_SECTIONS.length + 1);
    expect(readFileSync(file).toString('latin1')).toContain('/Lang (nb)');
  });

  it('embeds every font it uses (no unembedded standard fonts)', () => {
    const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const rows = out.split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row, row).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes/);
  });

  it('prints the method table: 27 individual, 15 in groups, 42 in all', () => {
    expect(text).toMatch(/Totalt 27 15 42/);
    expect(text).toContain('42 informanter i 30 intervjuer');
  });

  it('prints the Vg2 counsellor breakdown with counts first and Wilson intervals', () => {
    for (const [k, label] of [[5, 'Positiv'], [9, 'OK, men kunne vært bedre'], [7, 'Negativ']] as const) {
      const ci = wilson(k, 21);
      if (!ci) throw new Error('no interval');
      const range = fmtRange(ci.lo, ci.hi, 1, 'nb');
      expect(text).toContain(`${label}: ${k} av 21`);
      expect(text).toContain(range);
    }
    // The published values, as the method report rounds them.
    for (const r of ['10,6–45,1 %', '24,5–63,5 %', '17,2–54,6 %']) expect(text).toContain(r);
  });

  it('prints the benchmark beside, with source, year, n ≈ 7000, the categories note and the rounding note', () => {
    expect(text).toMatch(/fornøyd 54 %/);
    expect(text).toMatch(/litt fornøyd 39 %/);
    // pdftotext sometimes drops the space before a right-aligned "%".
    expect(text).toMatch(/ikke fornøyd i det hele tatt 8 ?%/);
    expect(text).toContain('n ≈ 7000');
    expect(text).toContain('2018');
    expect(text).toContain('54 + 39 + 8 = 101 %');
    expect(text).toMatch(/ikke de samme som i intervjuene/);
  });

  it('has a table of contents whose page numbers point at the sections, and page numbers "Side x av n"', () => {
    expect(text).toContain('Innhold');
    expect(text).toContain(`Side 2 av ${pages}`);
    expect(text).toContain(`Side ${pages} av ${pages}`);
    const pageTexts = pdftotext(file).split('\f');
    const toc = squash(pageTexts[1] ?? '');
    const m = /1 Metode og utvalg \.*\s*(\d+)/.exec(toc) ?? /1 Metode og utvalg\s+(\d+)/.exec(toc);
    const methodPage = Number(m?.[1]);
    expect(squash(pageTexts[methodPage - 1] ?? '')).toContain('1 Metode og utvalg');
    const c = /8 Vedlegg: kodebok\s+(\d+)/.exec(toc);
    expect(squash(pageTexts[Number(c?.[1]) - 1] ?? '')).toContain('8 Vedlegg: kodebok');
  });

  it('suppresses small cells ("<5" / "skjult") and says so', () => {
    expect(text).toContain('<5');
    expect(text).toContain('skjult');
    expect(text).toContain('Celler med færre enn 5 informanter vises som «<5»');
    expect(text).toContain('En sann 0 vises som 0.');
  });

  it('draws the as-is journey (experiences, not wishes), as the screen does by default', () => {
    const data = demo();
    // Counted with a plain filter, independently of shared/analysis.
    const at7 = data.segments.filter((x) => x.stageId === 'st7' && x.situationId !== null && x.kind === 'experience');
    const wishes7 = data.segments.filter((x) => x.stageId === 'st7' && x.situationId !== null && x.kind === 'wish');
    const informants = new Set(at7.map((x) => `${x.interviewId}:${x.participantId}`)).size;
    expect(wishes7.length).toBeGreaterThan(0);
    expect(text).toContain(`n = ${at7.length} · ${informants} inf.`);
    expect(text).not.toContain(`n = ${at7.length + wishes7.length} ·`);
  });

  it('reports how long the demo took (the 2 s target is checked by npm run bench, not here)', () => {
    console.info(`demo report: ${Math.round(ms)} ms, ${pages} pages`);
    expect(pages).toBeGreaterThan(5);
  });
});

describe('selections and empty sections', () => {
  it('applies the group filter to the whole report', async () => {
    const file = written(await buildReport(demo(), { ...OPTIONS, sections: ['method'], groupIds: ['yf-vg2'] }, { fonts }), 'yf.pdf');
    const text = squash(pdftotext(file));
    expect(text).toContain('Grupper: YF Vg2');
    expect(text).not.toContain('Studiespesialisering Vg2');
    expect(text).toMatch(/Totalt 6 5 11/);
  });

  it('prints "Ingen data for dette utvalget" for a section with no data instead of an empty chart', async () => {
    const data = demo();
    const ot = new Set(data.interviews.filter((iv) => iv.groupId === 'ot').map((iv) => iv.id));
    data.segments = data.segments.filter((s) => !ot.has(s.interviewId));
    const r = await buildReport(data, { ...OPTIONS, sections: ['method', 'journey', 'emotion'], groupIds: ['ot'] }, { fonts });
    const text = squash(pdftotext(written(r, 'empty.pdf')));
    expect(text.match(/Ingen data for dette utvalget\./g)?.length).toBe(2);
    // The method section still has its informants.
    expect(text).toMatch(/Totalt 0 5 5/);
  });

  it('refuses impossible options as values, with the field named', async () => {
    const r = await buildReport(demo(), { ...OPTIONS, groupIds: ['nope'], date: '15.06.2021' }, { fonts });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => (i.kind === 'options' ? i.field : i.kind)).sort()).toEqual(['date', 'groupIds']);
  });

  it('refuses font bytes that are not TrueType', async () => {
    const r = await buildReport(demo(), OPTIONS, { fonts: { regular: new Uint8Array([1, 2, 3]), bold: fonts.bold } });
    expect(r.ok).toBe(false);
  });
});

describe('leak check', () => {
  function planted(definition: string): StudyData {
    const data = demo();
    const first = data.codes[0];
    if (!first) throw new Error('demo has no codes');
    data.codes = [{ ...first, definition }, ...data.codes.slice(1)];
    return data;
  }

  it('blocks a planted phone number and says where it is', async () => {
    const r = await buildReport(planted('Ring meg på 912 34 567 hvis noe er uklart.'), OPTIONS, { fonts });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const leak = r.issues.find((i) => i.kind === 'leak');
    expect(leak?.kind).toBe('leak');
    if (leak?.kind !== 'leak') return;
    expect(leak.hits).toContainEqual(expect.objectContaining({ section: 'codebook', kind: 'TLF', text: '912 34 567' }));
  });

  it('writes anyway after an explicit override', async () => {
    const r = await buildReport(planted('Ring meg på 912 34 567 hvis noe er uklart.'), { ...OPTIONS, sections: ['codebook'], overrideLeaks: true }, { fonts });
    expect(r.ok).toBe(true);
  });

  it('does not flag pseudonym tags, and does flag the study terms', () => {
    const data = planted('[NAVN-3] sa at [SKOLE-1] var bra.');
    const composed = composeReport(data, { ...OPTIONS, sections: ['codebook'] });
    if (!composed.ok) throw new Error('compose failed');
    expect(checkLeaks(composed.doc, data)).toEqual([]);
    const withTerm = { ...data, terms: [{ id: 't1', studyId: data.study.id, term: 'Skien videregående', kind: 'SKOLE' }] };
    const composed2 = composeReport(planted('Noen gikk på Skien videregående.'), { ...OPTIONS, sections: ['codebook'] });
    if (!composed2.ok) throw new Error('compose failed');
    expect(checkLeaks(composed2.doc, withTerm).map((h) => h.text)).toContain('Skien videregående');
  });
});
