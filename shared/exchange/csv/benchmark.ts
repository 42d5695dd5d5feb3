/** The benchmark file: one row per category; rows with the same name form one benchmark. */
import { Benchmark, CounsellorCategory, type StudyData } from '../../model';
import type { Issue } from '../issues';
import { parseLocaleInteger, parseLocaleNumber } from '../numbers';
import { CATEGORY_NB, fromVocab } from '../vocab';
import type { ColumnMapping } from './fields';
import type { ParsedCsv } from './read';
import { defaultId, mappedOrIssue, rowReader, rowsWithProgress, type ImportOptions } from './rows';

export function importBenchmarks(table: ParsedCsv, mapping: ColumnMapping, data: StudyData, opts: ImportOptions, issues: Issue[]): Benchmark[] {
  mappedOrIssue(table, mapping, 'benchmark', ['name', 'source', 'year', 'n', 'category', 'percent'], issues);
  if (issues.length) return [];
  const byName = new Map<string, { b: Benchmark; line: number }>();
  for (const row of rowsWithProgress(table, opts)) {
    const r = rowReader(table, row, mapping, 'benchmark', issues);
    const name = r.required('name');
    const source = r.required('source');
    const year = r.int('year', 1900);
    // "ca. 7 000", "~7000" and "≈ 7000" are approximate n (Ungdata reports rounded n).
    const nRaw = r.get('n');
    const approx = /^(ca\.?|~|≈|omtrent)\s*/i.exec(nRaw);
    const nNum = parseLocaleInteger(approx ? nRaw.slice(approx[0].length) : nRaw);
    const n = nNum.ok && nNum.value >= 1 ? nNum.value : nNum.ok ? r.fail('n', 'csv.tooSmall', `«${nRaw}»: n må være minst 1`, { min: 1 }) : r.fail('n', 'csv.notANumber', `«${nRaw}» er ikke et heltall`);
    const label = r.required('category');
    const pRaw = r.get('percent');
    const p = parseLocaleNumber(pRaw);
    const percent = !p.ok ? r.fail('percent', 'csv.notANumber', `«${pRaw}» er ikke et tall`) : p.value < 0 || p.value > 100 ? r.fail('percent', 'csv.percentRange', `«${pRaw}»: prosent må være mellom 0 og 100`) : p.value;
    const mRaw = r.get('mapsTo');
    const mapsTo = mRaw === '' ? null : fromVocab(CATEGORY_NB, mRaw);
    if (mRaw !== '' && !mapsTo) r.fail('mapsTo', 'csv.unknownCategory', `ukjent kategori «${mRaw}»`);
    if (name === null || source === null || year === null || n === null || label === null || percent === null) continue;
    const cat = { label, percent, mapsTo: mapsTo === null ? null : CounsellorCategory.parse(mapsTo) };
    const prev = byName.get(name);
    if (prev) {
      if (prev.b.n !== n || prev.b.year !== year || prev.b.source !== source) r.fail('n', 'csv.benchmarkDiffers', `avviker fra linje ${prev.line} for samme måling`, { other: prev.line });
      else prev.b.categories.push(cat);
      continue;
    }
    byName.set(name, {
      line: row.line,
      b: {
        id: (opts.newId ?? defaultId)('benchmark', row.line),
        studyId: data.study.id,
        name,
        source,
        year,
        n,
        nApprox: approx !== null,
        population: r.get('population'),
        question: r.get('question'),
        categories: [cat],
      },
    });
  }
  const out: Benchmark[] = [];
  for (const { b, line } of byName.values()) {
    const parsed = Benchmark.safeParse(b);
    if (parsed.success) out.push(parsed.data);
    else for (const e of parsed.error.issues) issues.push({ file: table.fileName, line, field: e.path.join('.'), code: 'csv.invalid', params: { detail: e.message, row: line, column: e.path.join('.'), value: '' }, message: e.message });
  }
  return out;
}
