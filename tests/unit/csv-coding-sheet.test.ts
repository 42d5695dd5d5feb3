/**
 * Issue 17: a coding sheet in the team's own words — quotes without offsets anchored in their
 * transcript (exact, loose, fuzzy with a stated threshold, first unused occurrence), free-standing
 * quotes, the value step (suggestions, add to frames, remembered choices), column mapping from
 * headers and content, and messages that name the file's own header, row and value.
 */
import { describe, expect, it } from 'vitest';
import {
  applyValueChoices,
  FUZZY_THRESHOLD,
  guessKind,
  importCsv,
  parseCsv,
  rememberMapping,
  scanValues,
  settleFuzzy,
  suggestMapping,
  suggestValue,
  headerKey,
  type ParsedCsv,
} from '../../shared/exchange/csv-import';
import { anchorQuote, anchorText } from '../../shared/exchange/csv/anchor';
import { exchangeStudy } from '../fixtures/exchange/study';
import type { StudyData } from '../../shared/model';

const NOW = '2024-01-01T00:00:00.000Z';
function parsed(text: string, name = 'koding.csv'): ParsedCsv {
  const r = parseCsv(text, name);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.table;
}
let n = 0;
const newId = () => `new-${++n}`;

describe('anchoring a quote without offsets', () => {
  const text = 'P1: Rådgiveren hjalp meg.\nP1: Rådgiveren hjalp meg.\nP2: Jeg  fikk\nikke noe hjelp av  “noen” i det hele tatt på skolen.';
  it('exact, then the first unused occurrence of the same quote', () => {
    const t = anchorText(text);
    const a = anchorQuote(t, 'Rådgiveren hjalp meg.');
    const b = anchorQuote(t, 'Rådgiveren hjalp meg.');
    expect(a).toEqual({ start: 4, end: 25, method: 'exact', score: 1 });
    expect(b?.start).toBe(30);
    expect(text.slice(b?.start, b?.end)).toBe('Rådgiveren hjalp meg.');
  });
  it('loose: spacing, line breaks, case and typographic quotes ignored', () => {
    const t = anchorText(text);
    const a = anchorQuote(t, 'jeg fikk ikke noe hjelp av "noen"');
    expect(a?.method).toBe('loose');
    expect(text.slice(a?.start, a?.end)).toBe('Jeg  fikk\nikke noe hjelp av  “noen”');
  });
  it('fuzzy above the stated threshold, with its score; nothing below it', () => {
    const t = anchorText(text);
    const a = anchorQuote(t, 'fikk ikke noe hjelp av noen i hele tatt på skolen');
    expect(a?.method).toBe('fuzzy');
    expect(a?.score).toBeGreaterThanOrEqual(FUZZY_THRESHOLD);
    expect(a?.score).toBeLessThan(1);
    expect(text.slice(a?.start, a?.end)).toBe('fikk\nikke noe hjelp av  “noen” i det hele tatt på skolen');
    expect(anchorQuote(anchorText(text), 'helt andre ord som ikke står der')).toBeNull();
  });
});

describe('value suggestions in the team’s own words', () => {
  const data = exchangeStudy();
  it.each([
    ['valence', 'ok', 'mixed'],
    ['valence', 'neg', 'negative'],
    ['valence', '+', 'positive'],
    ['valence', 'Dårleg', 'negative'],
    ['stage', 'Vg 2', 'vg2'],
    ['stage', '10.trinn', 'st10'],
    ['stage', 'grade 9', 'st9'],
    ['group', 'Vg2 yrkesfag', 'yf-vg2'],
    ['group', 'Studiespes. Vg2', 'sf-vg2'],
    ['group', '10. klasse', 'gs10'],
    ['actor', 'radgiver', 'radgiver'],
    ['actor', 'kontaktlærar', null],
    ['kind', 'ynskje', 'wish'],
    ['mode', 'Teams', 'digital'],
    ['format', 'Indiv.', 'individual'],
    ['code', 'nettsider', 'c-web'],
  ] as const)('%s «%s» → %s', (dim, raw, want) => {
    expect(suggestValue(dim, raw, data)).toBe(want);
  });
});

describe('column mapping from headers (nb/nn/en) and content', () => {
  it('maps nynorsk and English headers, and finds an unnamed quote and participant column by content', () => {
    const t = parsed(['Intervju;Kven;Utsegn;Fase;Kjensle;x', 'YF-01;P1;Rådgiveren hjalp meg mye, det var bra.;Vg 2;ok;P1'].join('\n'));
    const m = suggestMapping('segments', t.headers, t.rows);
    expect(m.interview).toBe(0);
    expect(m.actors).toBe(1);
    expect(m.quote).toBe(2);
    expect(m.stage).toBe(3);
    expect(m.valence).toBe(4);
    expect(m.participant).toBe(5);
    expect(guessKind(t.headers, t.rows)).toBe('segments');
    const en = parsed('Interview code;Group;Format;Mode\nYF-09;Vg2 yrkesfag;individual;digital\n');
    expect(guessKind(en.headers, en.rows)).toBe('interviews');
  });
  it('a remembered header wins', () => {
    const t = parsed('Hva;Annet\nYF-01;x\n');
    expect(suggestMapping('segments', t.headers, t.rows, { hva: 'quote' }).quote).toBe(0);
  });
});

describe('a coding sheet without offsets, through the value step', () => {
  const sheet = [
    'Intervju;Deltaker;Sitat;Fase;Situasjon;Aktør;Vurdering;Type;Tema',
    'YF-01;P1;Rådgiveren 😀 hjalp meg mye, det var bra.;Vg 2;Valg;Rådgiver;+;opplevelse;Hjelp',
    'YF-01;P1;men nettsidene var vanskelige;Vg 2;Informasjon;Nettsider | Mentor;neg;opplevelse;nettsider',
    'OT-02;P2;For meg var det greit men kunne vært litt bedre;Vg 2;Hjelp;Mentor;ok;opplevelse;Ny kode',
    'OT-02;P1;Et sitat som ikke står i transkripsjonen i det hele tatt;Vg 2;Hjelp;Rådgiver;ok;ønske;',
  ].join('\n');

  it('lists each unknown value once with count, rows and suggestion, and refuses it without a choice', () => {
    const data = exchangeStudy();
    const t = parsed(sheet);
    const m = suggestMapping('segments', t.headers, t.rows);
    const found = scanValues('segments', t, m, data);
    const byValue = Object.fromEntries(found.map((v) => [`${v.dimension}:${v.raw}`, { count: v.count, lines: v.lines, suggestion: v.suggestion, column: v.column }]));
    expect(byValue).toEqual({
      'stage:Vg 2': { count: 4, lines: [2, 3, 4, 5], suggestion: 'vg2', column: 'Fase' },
      'actor:Mentor': { count: 2, lines: [3, 4], suggestion: null, column: 'Aktør' },
      'valence:+': { count: 1, lines: [2], suggestion: 'positive', column: 'Vurdering' },
      'valence:neg': { count: 1, lines: [3], suggestion: 'negative', column: 'Vurdering' },
      'valence:ok': { count: 2, lines: [4, 5], suggestion: 'mixed', column: 'Vurdering' },
      'code:Ny kode': { count: 1, lines: [4], suggestion: null, column: 'Tema' },
      // A code's leaf name alone is not its path (Informasjon/Nettsider): suggested, not assumed.
      'code:nettsider': { count: 1, lines: [3], suggestion: 'c-web', column: 'Tema' },
    });
    const r = importCsv('segments', t, m, data, { now: NOW, newId });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const first = r.issues.find((i) => i.code?.startsWith('csv.unknown.'));
    expect(first).toMatchObject({ code: 'csv.unknown.stage', file: 'koding.csv', line: 2, field: 'Fase', params: { column: 'Fase', row: 2, value: 'Vg 2', dimension: 'stage' } });
  });

  it('with the choices: anchored, fuzzy to confirm, free-standing on request; added frames; all need review', () => {
    const data = exchangeStudy();
    const t = parsed(sheet);
    const m = suggestMapping('segments', t.headers, t.rows);
    const values = { stage: { 'vg 2': { to: 'vg2' } }, actor: { mentor: { add: 'Mentor' } }, valence: { '+': { to: 'positive' }, neg: { to: 'negative' }, ok: { to: 'mixed' } }, code: { 'ny kode': { add: 'Ny kode' }, nettsider: { to: 'c-web' } } } as const;
    const { data: extended, resolved } = applyValueChoices(data, values, newId);
    expect(extended.study.actors.at(-1)).toMatchObject({ label: 'Mentor' });
    expect(extended.codes.at(-1)).toMatchObject({ name: 'Ny kode', parentId: null });
    const refused = importCsv('segments', t, m, extended, { now: NOW, newId, values: resolved });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues.map((i) => [i.code, i.line, i.params?.interview])).toEqual([['csv.quoteNotFound', 5, 'OT-02']]);
    const r = importCsv('segments', t, m, extended, { now: NOW, newId, values: resolved, unanchored: 'free' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.anchors).toMatchObject({ offsets: 0, exact: 1, loose: 1, free: 0, unanchored: 1 });
    expect(r.anchors.fuzzy.map((f) => f.line)).toEqual([4]);
    const textA = data.transcripts.find((x) => x.interviewId === 'iv-a')?.text ?? '';
    const [s1, s2, s3, s4] = r.records;
    expect(textA.slice(s1?.start, s1?.end)).toBe('Rådgiveren 😀 hjalp meg mye, det var bra.');
    expect(s2?.quote).toBe('Men nettsidene var vanskelige');
    expect(s2?.actorIds).toEqual(['nett', extended.study.actors.at(-1)?.id]);
    expect(s2?.codeIds).toEqual(['c-web']);
    expect(s3?.codeIds).toEqual([extended.codes.at(-1)?.id]);
    expect(s4).toMatchObject({ start: 0, end: 0, anchor: 'lost', kind: 'wish', valence: 'mixed' });
    expect(r.records.every((s) => s.review?.state === 'needs-review' && s.review.reason === 'import')).toBe(true);
    // Not confirmed → free-standing with the file's words; confirmed → the transcript's place.
    const settled = settleFuzzy(r.records, r.anchors, new Set());
    expect(settled[2]).toMatchObject({ start: 0, end: 0, anchor: 'lost', quote: 'For meg var det greit men kunne vært litt bedre' });
    expect(settleFuzzy(r.records, r.anchors, new Set([2]))[2]?.start).toBeGreaterThan(0);
  });

  it('an interview without a transcript gets free-standing quotes that count', () => {
    const data: StudyData = { ...exchangeStudy(), transcripts: [] };
    const t = parsed('intervju;sitat;valens\nYF-01;Hva som helst her;Positiv\n');
    const r = importCsv('segments', t, suggestMapping('segments', t.headers, t.rows), data, { now: NOW, newId });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.records[0]).toMatchObject({ start: 0, end: 0, anchor: 'ok', participantId: 'P1', quote: 'Hva som helst her', valence: 'positive' });
    expect(r.anchors.free).toBe(1);
  });

  it('remembers header and value choices per study, and reuses them', () => {
    const data = exchangeStudy();
    const t = parsed(sheet);
    const m = suggestMapping('segments', t.headers, t.rows);
    const mem = rememberMapping(undefined, 'segments', t.headers, m, { valence: { ok: { to: 'mixed' } } }, headerKey);
    expect(mem.columns.segments?.vurdering).toBe('valence');
    const again = scanValues('segments', t, m, data, mem).find((v) => v.raw === 'ok');
    expect(again?.remembered).toEqual({ to: 'mixed' });
  });
});

describe('interviews with group names spelled differently', () => {
  it('suggests the study’s groups and imports once mapped; an id column is never read', () => {
    const data = { ...exchangeStudy(), interviews: [] };
    const t = parsed('id;Intervjukode;Gruppe;Form;Modus\niv-a;YF-11;Vg2 yrkesfag;individuelt;Teams\nxx;SF-12;studiespes vg2;gruppe;fysisk\n');
    const m = suggestMapping('interviews', t.headers, t.rows);
    const found = scanValues('interviews', t, m, data);
    expect(found.map((v) => [v.raw, v.suggestion])).toEqual([['Vg2 yrkesfag', 'yf-vg2'], ['studiespes vg2', 'sf-vg2'], ['Teams', 'digital']]);
    const { resolved } = applyValueChoices(data, { group: { 'vg2 yrkesfag': { to: 'yf-vg2' }, 'studiespes vg2': { to: 'sf-vg2' } }, mode: { teams: { to: 'digital' } } }, newId);
    const r = importCsv('interviews', t, m, data, { now: NOW, newId, values: resolved });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.records.map((iv) => [iv.code, iv.groupId, iv.mode])).toEqual([['YF-11', 'yf-vg2', 'digital'], ['SF-12', 'sf-vg2', 'in-person']]);
    expect(r.records.some((iv) => iv.id === 'iv-a')).toBe(false);
  });
});
