/**
 * The Node half of the bench: analysis, anonymiser, PDF report, and the IndexedDB scenarios on
 * fake-indexeddb (the same code as in Chromium; the absolute numbers differ, the ratios are the point).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { generateStudy } from '../../fixtures/generator';
import { StudyData } from '../../shared/model';
import { exportCsv } from '../../shared/exchange/csv-export';
import { buildReport, DEFAULT_SECTIONS } from '../../shared/report';
import { benchAnonymiser, benchCsvImport, benchCsvImportChunked, benchJourney, benchLoad, benchSaveSegment, transcriptText, type IdbEnv } from './page/scenarios';
import { row, type BenchRow } from './page/stats';
import { benchMatrix } from './page/matrix';
import { scale, type Sizes } from './sizes';
import { benchTerms } from './terms';
import { hostileRows, measureHostile, WORST_KNOWN } from './hostile';
import { benchRisk } from './risk';

const ROOT = resolve(import.meta.dirname, '../..');
const now = () => performance.now();
const tick = () => new Promise<void>((r) => setImmediate(r));

function fakeIdb(): IdbEnv {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export function demoStudy(): StudyData {
  return StudyData.parse(JSON.parse(readFileSync(join(ROOT, 'fixtures/demo/demo-study.json'), 'utf8')));
}

function fonts() {
  const dir = join(ROOT, 'node_modules/dejavu-fonts-ttf/ttf');
  return { regular: new Uint8Array(readFileSync(join(dir, 'DejaVuSans.ttf'))), bold: new Uint8Array(readFileSync(join(dir, 'DejaVuSans-Bold.ttf'))) };
}

/** Full report (every section), leak check included; when the check blocks, the build is re-run as "Eksporter likevel". */
export async function timeReport(data: StudyData): Promise<{ ms: number; pages: number; bytes: number; leakBlocked: boolean }> {
  const options = { title: 'Brukerreisen', date: '2021-06-01', sections: [...DEFAULT_SECTIONS] };
  const f = fonts();
  const t0 = now();
  let r = await buildReport(data, options, { fonts: f });
  let leakBlocked = false;
  if (!r.ok && r.issues.some((i) => i.kind === 'leak')) {
    leakBlocked = true;
    r = await buildReport(data, { ...options, overrideLeaks: true }, { fonts: f });
  }
  const ms = now() - t0;
  if (!r.ok) throw new Error(`buildReport failed: ${JSON.stringify(r.issues).slice(0, 300)}`);
  return { ms, pages: r.pages, bytes: r.bytes.length, leakBlocked };
}

const fmt = (n: number) => n.toLocaleString('en-US');

export async function runNodeBench(sizes: Sizes, log: (s: string) => void = () => {}): Promise<BenchRow[]> {
  // The large study lives only inside studyRows, so it can be collected before the CSV scenario
  // generates its own (1,000,000 segments at the large scale).
  const rows = await studyRows(sizes, log);
  rows.push(await csvRow(sizes, log));
  return rows;
}

async function studyRows(sizes: Sizes, log: (s: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const big = generateStudy({ interviews: sizes.interviews, segments: sizes.segments, seed: 42 });
  const scaleText = `${fmt(sizes.interviews)} interviews / ${fmt(sizes.segments)} segments`;

  log('node: journey filter changes');
  const j = await benchJourney(big, sizes.filterChanges, now, tick);
  rows.push(
    row({ id: 'journey.p50', env: 'node', label: 'Journey analysis + layout per filter change, p50', value: j.analysis.p50, unit: 'ms', detail: `${j.analysis.n} filter changes, ${scaleText}`, peer: { label: 'bare loop p50', value: j.bare.p50 } }),
    row({ id: 'journey.p95', env: 'node', label: 'Journey analysis + layout per filter change, p95', value: j.analysis.p95, unit: 'ms', detail: `${j.analysis.n} filter changes, ${scaleText}`, limit: { op: '<', value: 50 }, peer: { label: 'bare loop p95', value: j.bare.p95 } }),
    row({ id: 'journey.buildIndex', env: 'node', label: 'buildIndex (once per loaded study)', value: j.buildIndexMs, unit: 'ms', detail: scaleText, peer: { label: 'bare loop p50', value: j.bare.p50 } }),
  );

  log('node: matrix queries');
  const mx = await benchMatrix(big, sizes.filterChanges, now, tick);
  rows.push(row({ id: 'matrix.p95', env: 'node', label: 'Matrix query redraw (matrixQuery + suppressMatrix, analysis worker work), p95', value: mx.redraw.p95, unit: 'ms', detail: `${mx.redraw.n} axis/filter changes, up to ${mx.cells} cells, p50 ${mx.redraw.p50.toFixed(1)} ms, ${scaleText}`, limit: { op: '<', value: 50 } }));

  log('node: anonymiser');
  const demo = demoStudy();
  const text = transcriptText(big);
  const a = benchAnonymiser(text, sizes.anonymiserRounds, now);
  log('node: re-identification risk check');
  rows.push(benchRisk(sizes));
  rows.push(row({ id: 'anonymiser', env: 'node', label: 'Anonymiser (detectIdentifiers) throughput', value: a.mbPerSecond, unit: 'MB/s', detail: `median of ${sizes.anonymiserRounds}, ${a.mb.toFixed(1)} MB of transcripts, ${fmt(a.hits)} hits`, limit: { op: '>=', value: 5 } }));

  log('node: study terms (50,000)');
  rows.push(...benchTerms(text, 50_000, 5, now));

  log('node: hostile corpus (one process per file)');
  // The full corpus is 89 processes (~3.5 min on 2 cores) and does not depend on the study's size:
  // the tiny and the large run time the known worst cases only (the default run times them all).
  rows.push(...hostileRows(await measureHostile(log, sizes.name !== 'full' ? WORST_KNOWN : undefined)));

  log('node: PDF report (demo)');
  const pdfDemo = await timeReport(demo);
  rows.push(row({ id: 'pdf.demo', env: 'node', label: 'PDF report, all sections, demo study', value: pdfDemo.ms, unit: 'ms', detail: `${demo.interviews.length} interviews / ${fmt(demo.segments.length)} segments, ${pdfDemo.pages} pages, ${fmt(Math.round(pdfDemo.bytes / 1024))} KB${pdfDemo.leakBlocked ? ', leak check blocked → override' : ''}`, limit: { op: '<', value: 2000 } }));
  log('node: PDF report (large)');
  const pdfBig = await timeReport(big);
  rows.push(row({ id: 'pdf.large', env: 'node', label: `PDF report, all sections, ${fmt(sizes.interviews)} interviews`, value: pdfBig.ms, unit: 'ms', detail: `${scaleText}, ${pdfBig.pages} pages, ${fmt(Math.round(pdfBig.bytes / 1024))} KB${pdfBig.leakBlocked ? ', leak check blocked → override' : ''}`, limit: { op: '<', value: 10_000 } }));

  log('node: loadStudyData (fake-indexeddb)');
  const l = await benchLoad(fakeIdb(), big, sizes.loadRounds, now, tick);
  rows.push(row({ id: 'load', env: 'node', label: 'loadStudyData, whole study (fake-indexeddb)', value: l.load, unit: 'ms', detail: `median of ${l.rounds}, ${scaleText}`, peer: { label: 'raw getAll of every store', value: l.raw, maxRatio: 1.5 } }));

  log('node: saveSegment (fake-indexeddb)');
  const s = await benchSaveSegment(fakeIdb(), big, sizes.saves, now, tick);
  rows.push(row({ id: 'save', env: 'node', label: 'Coding a segment: saveSegment, p95 (fake-indexeddb)', value: s.save.p95, unit: 'ms', detail: `${s.save.n} saves, p50 ${s.save.p50.toFixed(2)} ms, ${scaleText}`, limit: { op: '<', value: 50 }, peer: { label: 'raw put p95', value: s.raw.p95 } }));
  return rows;
}

/** The file's bytes in chunks of `rows` segment rows, each a CSV file of its own (header included). */
function csvChunks(data: StudyData, rows: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < data.segments.length; at += rows) out.push(exportCsv('segments', { ...data, segments: data.segments.slice(at, at + rows) }, 'excel-nb'));
  return out;
}

export async function csvRow(sizes: Sizes, log: (s: string) => void): Promise<BenchRow> {
  log('node: CSV import (fake-indexeddb)');
  const generated = generateStudy({ interviews: sizes.interviews, segments: sizes.csvRows, seed: 43 });
  let c;
  let how = '';
  if (sizes.nodeCsvChunk > 0) {
    // 1,000,000 rows: the whole file as one string, its table and its records exhaust a 4 GB heap
    // (issue 23), so the file goes through the app's path in consecutive files of nodeCsvChunk rows.
    const chunks = csvChunks(generated, sizes.nodeCsvChunk);
    const target: StudyData = { ...generated, segments: [], transcripts: generated.transcripts };
    generated.segments.length = 0;
    c = await benchCsvImportChunked(fakeIdb(), target, chunks, now, tick);
    how = `, in ${chunks.length} files of ${fmt(sizes.nodeCsvChunk)} rows (one Node heap), one round`;
  } else {
    c = await benchCsvImport(fakeIdb(), generated, now, tick, sizes.csvRounds);
  }
  return row({ id: 'csv', env: 'node', label: `CSV import, ${fmt(c.rows)} segment rows (fake-indexeddb)`, value: c.importMs, unit: 'ms', detail: `${(c.bytes / 2 ** 20).toFixed(1)} MB${how}; parse ${c.parseMs.toFixed(0)} + records ${c.toRecordsMs.toFixed(0)} + write ${c.writeMs.toFixed(0)} ms; peer: Papa ${c.papaMs.toFixed(0)} + raw write ${c.rawWriteMs.toFixed(0)} ms`, peer: { label: 'PapaParse + raw bulk write', value: c.papaMs + c.rawWriteMs, maxRatio: 1.5 } });
}

export { scale };
