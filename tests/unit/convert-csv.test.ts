/**
 * Issue 17, point 4: a whole study from a folder of CSV files, headless, with the same mapping
 * rules as the import screen — the example folder (fixtures/examples/csv-study, the e2e's files)
 * and its mapping file give the same method table and counsellor outcomes as the e2e test; without
 * the mapping file every unknown value is refused with its rows; quotes arrive needing review.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { studyFromCsvFolder } from '../../shared/exchange/csv/folder';
import { outboundView } from '../../shared/exchange/outbound';
import { ImportMapping } from '../../shared/model/import-mapping';
import { assessCounsellor, methodTable } from '../../shared/model';

const DIR = join(__dirname, '../../fixtures/examples/csv-study');
const files = () => readdirSync(DIR).sort().map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DIR, name))) }));
const mapping = ImportMapping.parse(JSON.parse(readFileSync(join(DIR, '../csv-study-mapping.json'), 'utf8')));
let n = 0;
const opts = { title: 'csv-study', now: '2026-01-01T00:00:00.000Z', newId: () => `id-${++n}` };

describe('npm run convert from a CSV folder', () => {
  it('builds the study: kinds by headers, mapped values listed, method table and counsellor outcomes', () => {
    const r = studyFromCsvFolder(files(), { ...opts, mapping });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.kinds.map((k) => [k.file, k.kind, k.rows])).toEqual([['intervjuer.csv', 'interviews', 9], ['koding.csv', 'segments', 11]]);
    expect(r.mapped.map((m) => `${m.value} → ${m.to}`)).toEqual(['Vg2 yrkesfag → Yrkesfag Vg2', 'vg 2 yrkesfag → Yrkesfag Vg2', 'Studiespes. Vg2 → Studiespesialisering Vg2', 'ind. → individuelt', 'Teams → digitalt', 'Vg 2 → Vg2', 'Rådgiveren → Rådgiver', '+ → Positiv', 'ok → OK, men kunne vært bedre', 'neg → Negativ']);
    const d = r.data;
    const table = methodTable(d.study.groups, d.interviews);
    expect(table.total).toMatchObject({ individual: 8, group: 3, total: 11 });
    expect(d.study.groups.at(-1)?.label).toBe('Lærlinger');
    expect(d.codes.map((c) => c.name)).toEqual(['Veiledning']);
    const vg2 = new Set(['yf-vg2', 'sf-vg2']);
    const cats = assessCounsellor(d.interviews, d.segments, d.overrides, d.study.counsellorActorId).filter((a) => vg2.has(a.groupId));
    const count = (c: string) => cats.filter((a) => a.category === c).length;
    expect([count('positive'), count('mixed'), count('negative'), count('not-discussed')]).toEqual([3, 3, 2, 2]);
    expect(r.anchors).toEqual({ free: 11, anchored: 0, fuzzy: 0 });
    expect(d.segments.every((s) => s.review?.state === 'needs-review')).toBe(true);
    // The bundle written from it (the sharing view) carries the codings, never the unreviewed words.
    const shared = outboundView(d).sharing;
    expect(shared.segments.length).toBe(11);
    expect(shared.segments.every((s) => s.quote === '' && s.valence !== null)).toBe(true);
  });

  it('without a mapping file, refuses every unknown value with its rows and a suggestion', () => {
    const r = studyFromCsvFolder(files(), opts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // Every file is checked, so one run lists all it needs: 6 values in each file.
    expect(r.issues.length).toBe(12);
    expect(r.issues.slice(6).map((i) => ('params' in i ? i.params?.value : ''))).toEqual(['Vg 2', 'Rådgiveren', '+', 'ok', 'neg', 'Veiledning']);
    expect(r.issues.slice(0, 6).map((i) => [i.code, i.field, 'params' in i ? i.params?.value : '', 'params' in i ? i.params?.rows : ''])).toEqual([
      ['convert.unmappedSuggested', 'Elevgruppe', 'Vg2 yrkesfag', '2, 3, 4, 5'],
      ['convert.unmappedSuggested', 'Elevgruppe', 'vg 2 yrkesfag', '6'],
      ['convert.unmappedSuggested', 'Elevgruppe', 'Studiespes. Vg2', '7, 8, 9'],
      ['convert.unmapped', 'Elevgruppe', 'Lærlinger', '10'],
      ['convert.unmappedSuggested', 'Form', 'ind.', '7, 8, 9'],
      ['convert.unmappedSuggested', 'Gjennomføring', 'Teams', '2, 3, 5, 9, 10'],
    ]);
  });
});
