/**
 * Converts between exchange formats with the same shared code the app uses:
 *   npm run convert -- <input> <output> [--dialect excel-nb|plain] [--mapping file.json] [--lang nb|nn|en]
 * input:  .reisekart bundle (passphrase from REISEKART_PASSPHRASE when encrypted), .qdpx, or a
 *         folder of CSV files (interviews, segments/coding sheet, informants, benchmark: each
 *         recognised by its headers; values mapped by the --mapping file the app stores per study,
 *         unknown ones refused with their rows; shared/exchange/csv/folder.ts)
 * output: .reisekart (encrypted when REISEKART_PASSPHRASE is set), .qdpx, .qdc, or a folder
 *         (no extension) that receives the CSV tables.
 * A bad input exits non-zero with located messages (file, line/field) on stderr.
 *
 * What is written is the one door out's exchange view (outboundView): reviewed text only (rows
 * whose text is not reviewed are left out and counted), never the term list or pseudonyms. Every
 * file is written to a temporary name beside the target and renamed into place, so a failed write
 * (a full disk) leaves the old file as it was and no partial one.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { studyFromCsvFolder } from '../shared/exchange/csv/folder';
import { ImportMapping } from '../shared/model/import-mapping';
import { issueMessage, type IssueLang } from '../shared/issue-text';
import { exportBundle, restoreBundle } from '../shared/exchange/bundle';
import { CSV_TABLES, exportCsv, type CsvDialect } from '../shared/exchange/csv-export';
import { formatIssue, type Issue } from '../shared/exchange/issues';
import { exportQdc, exportQdpx } from '../shared/exchange/refi/export';
import { importQdpx } from '../shared/exchange/refi/import';
import { csvView, outboundView } from '../shared/exchange/outbound';
import type { StudyData } from '../shared/model';
import { writeAtomic } from './report';

let lang: IssueLang = 'nb';

function fail(issues: Issue[], code = 1): never {
  for (const i of issues) process.stderr.write(`${formatIssue(i, lang)}\n`);
  process.exit(code);
}

let mappingFile: string | undefined;
/** True when the input was a CSV folder: its quotes are held for review, its codings travel. */
let fromCsv = false;

/** A folder of CSV files → a study, with the same mapping rules as the import screen. */
function readCsvFolder(dir: string): StudyData {
  let mapping: ImportMapping | undefined;
  if (mappingFile) {
    try {
      const parsed = ImportMapping.safeParse(JSON.parse(readFileSync(mappingFile, 'utf8')));
      if (!parsed.success) return fail(parsed.error.issues.slice(0, 5).map((i) => ({ file: mappingFile ?? '', field: i.path.join('.'), message: i.message })), 2);
      mapping = parsed.data;
    } catch (e) {
      return fail([{ file: mappingFile, message: `Kan ikke lese tilordningsfilen (${e instanceof Error ? e.message : String(e)})` }], 2);
    }
  }
  const names = readdirSync(dir).filter((n) => /\.(csv|tsv|txt)$/i.test(n)).sort();
  const files = names.map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(join(dir, n))) }));
  const r = studyFromCsvFolder(files, { title: basename(dir), now: new Date().toISOString(), newId: () => crypto.randomUUID(), ...(mapping ? { mapping } : {}) });
  if (!r.ok) return fail(r.issues);
  for (const k of r.kinds) process.stdout.write(`${issueMessage({ code: 'convert.fileKind', params: { file: k.file, kind: issueMessage({ code: `convert.kinds.${k.kind}`, params: {} }, lang), rows: k.rows } }, lang)}\n`);
  for (const m of r.mapped) process.stdout.write(`${issueMessage({ code: 'convert.mappedValue', params: { file: m.file, value: m.value, column: m.column, count: m.count, to: m.to } }, lang)}\n`);
  fromCsv = true;
  return r.data;
}

async function read(input: string): Promise<StudyData> {
  let bytes: Uint8Array;
  try {
    if (statSync(input).isDirectory()) return readCsvFolder(input);
    bytes = new Uint8Array(readFileSync(input));
  } catch (e) {
    return fail([{ file: input, message: `Kan ikke lese filen (${(e as NodeJS.ErrnoException).code ?? String(e)})` }], 2);
  }
  const ext = extname(input).toLowerCase();
  const now = new Date().toISOString();
  if (ext === '.reisekart') {
    const r = await restoreBundle(bytes, process.env.REISEKART_PASSPHRASE, { fileName: input });
    if (!r.ok) return fail(r.issues);
    for (const w of r.warnings) process.stderr.write(`advarsel: ${formatIssue(w)}\n`);
    return r.data;
  }
  if (ext === '.qdpx') {
    const r = importQdpx(bytes, { now, fileName: input });
    if (!r.ok) return fail(r.issues);
    for (const w of r.warnings) process.stderr.write(`advarsel: ${formatIssue(w)}\n`);
    return r.data;
  }
  return fail([{ file: input, message: 'Ukjent inndataformat (bruk .reisekart eller .qdpx; en CSV-mappe mangler transkripsjonene og kan ikke bli en hel studie)' }], 2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const di = args.indexOf('--dialect');
  const dialect = (di >= 0 ? args.splice(di, 2)[1] : 'excel-nb') as CsvDialect;
  const mi = args.indexOf('--mapping');
  if (mi >= 0) mappingFile = args.splice(mi, 2)[1];
  const li = args.indexOf('--lang');
  if (li >= 0) lang = (args.splice(li, 2)[1] ?? 'nb') as IssueLang;
  if (!['nb', 'nn', 'en'].includes(lang)) lang = 'nb';
  const [input, output] = args;
  if (!input || !output || (dialect !== 'excel-nb' && dialect !== 'plain')) {
    process.stderr.write('Bruk: npm run convert -- <inn.reisekart|inn.qdpx|csv-mappe> <ut.reisekart|ut.qdpx|ut.qdc|ut-mappe> [--dialect excel-nb|plain] [--mapping fil.json] [--lang nb|nn|en]\n');
    process.exit(2);
  }
  const all = await read(input);
  // The one door out: reviewed text only, never terms or pseudonyms.
  const gated = outboundView(all);
  // From a CSV folder every quote still needs review in the app: the bundle carries the codings
  // and counts (the sharing view: quotes and notes blanked), the quotes only once reviewed.
  const data = fromCsv ? gated.sharing : gated.exchange;
  const now = new Date().toISOString();
  const ext = extname(output).toLowerCase();
  const files: [string, Uint8Array][] = [];
  if (ext === '.reisekart') {
    const pass = process.env.REISEKART_PASSPHRASE;
    files.push([output, await exportBundle(data, { now, ...(pass ? { passphrase: pass } : {}) })]);
  } else if (ext === '.qdpx') files.push([output, exportQdpx(data, { now })]);
  else if (ext === '.qdc') files.push([output, exportQdc(data)]);
  else if (ext === '') {
    mkdirSync(output, { recursive: true });
    for (const t of CSV_TABLES) files.push([join(output, `${t}.csv`), exportCsv(t, csvView(t, gated), dialect)]);
  } else fail([{ file: output, message: `Ukjent utdataformat «${ext}»` }], 2);
  for (const [file, bytes] of files) {
    const w = writeAtomic(file, bytes);
    if (!w.ok) fail([{ file, message: w.message }], 3);
  }
  process.stdout.write(`${input} → ${output}: ${data.interviews.length} intervjuer, ${data.segments.length} segmenter\n`);
  const held = gated.heldBack;
  if (held.quotes > 0 || held.transcripts > 0) process.stdout.write(`holdt tilbake til gjennomgang: ${held.transcripts} transkripsjoner, ${held.quotes} sitater (${held.interviews.join(', ')})\n`);
}

// Never a stack trace: anything unexpected is one line naming the files.
main().catch((e: unknown) => {
  const [input = '?'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  fail([{ file: input, message: `Konverteringen mislyktes (${e instanceof Error ? e.message : String(e)})` }], 1);
});
