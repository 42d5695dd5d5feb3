/**
 * Converts between exchange formats with the same shared code the app uses:
 *   npm run convert -- <input> <output> [--dialect excel-nb|plain]
 * input:  .reisekart bundle (passphrase from REISEKART_PASSPHRASE when encrypted) or .qdpx
 * output: .reisekart (encrypted when REISEKART_PASSPHRASE is set), .qdpx, .qdc, or a folder
 *         (no extension) that receives the CSV tables.
 * A bad input exits non-zero with located messages (file, line/field) on stderr.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { exportBundle, restoreBundle } from '../shared/exchange/bundle';
import { exportAllCsv, type CsvDialect } from '../shared/exchange/csv-export';
import { formatIssue, type Issue } from '../shared/exchange/issues';
import { exportQdc, exportQdpx } from '../shared/exchange/refi/export';
import { importQdpx } from '../shared/exchange/refi/import';
import type { StudyData } from '../shared/model';

function fail(issues: Issue[], code = 1): never {
  for (const i of issues) process.stderr.write(`${formatIssue(i)}\n`);
  process.exit(code);
}

async function read(input: string): Promise<StudyData> {
  let bytes: Uint8Array;
  try {
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
  const [input, output] = args;
  if (!input || !output || (dialect !== 'excel-nb' && dialect !== 'plain')) {
    process.stderr.write('Bruk: npm run convert -- <inn.reisekart|inn.qdpx> <ut.reisekart|ut.qdpx|ut.qdc|ut-mappe> [--dialect excel-nb|plain]\n');
    process.exit(2);
  }
  const data = await read(input);
  const now = new Date().toISOString();
  const ext = extname(output).toLowerCase();
  if (ext === '.reisekart') {
    const pass = process.env.REISEKART_PASSPHRASE;
    writeFileSync(output, await exportBundle(data, { now, ...(pass ? { passphrase: pass } : {}) }));
  } else if (ext === '.qdpx') writeFileSync(output, exportQdpx(data, { now }));
  else if (ext === '.qdc') writeFileSync(output, exportQdc(data));
  else if (ext === '') {
    mkdirSync(output, { recursive: true });
    for (const [name, bytes] of Object.entries(exportAllCsv(data, dialect))) writeFileSync(join(output, name), bytes);
  } else fail([{ file: output, message: `Ukjent utdataformat «${ext}»` }], 2);
  process.stdout.write(`${input} → ${output}: ${data.interviews.length} intervjuer, ${data.segments.length} segmenter\n`);
}

// Never a stack trace: anything unexpected is one line naming the files.
main().catch((e: unknown) => {
  const [input = '?'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  fail([{ file: input, message: `Konverteringen mislyktes (${e instanceof Error ? e.message : String(e)})` }], 1);
});
