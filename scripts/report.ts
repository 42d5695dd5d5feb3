/**
 * Headless PDF report, the same code path as the app's export (shared/report buildReport):
 *
 *   npm run report -- --study <bundle.reisekart | study.json | demo> --out report.pdf
 *                     [--sections method,journey,…] [--groups yf-vg2,sf-vg2] [--stages vg1,vg2]
 *                     [--title "…"] [--subtitle "…"] [--organisation "…"] [--authors "…"]
 *                     [--date yyyy-mm-dd] [--locale nb|nn|en] [--journey-page a4|a3]
 *                     [--passphrase …] [--force]
 *
 * Exit codes: 0 written; 1 bad input (located message); 2 leak check blocked (use --force after
 * review); 3 the file could not be written; 4 re-identification risks not decided (issue 20: the
 * stored decisions are applied; undecided risks are listed; --force exports anyway and says so). The PDF is written to a temporary file beside the
 * target and renamed into place, so a failed write never leaves half a PDF.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { restoreBundle } from '../shared/exchange/bundle';
import { admitStudy } from '../shared/exchange/gate-in';
import { issueWords } from '../shared/exchange/issues';
import { outboundView } from '../shared/exchange/outbound';
import { StudyData } from '../shared/model';
import { describePending, riskCheck } from '../shared/risk/check';
import { buildReport, checkLeaks, composeReport, DEFAULT_SECTIONS, leakCounts, SECTION_IDS, type ReportIssue, type ReportOptions, type SectionId } from '../shared/report';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = join(ROOT, 'fixtures/demo/demo-study.json');

export interface CliArgs {
  study: string;
  out: string;
  sections: SectionId[];
  groups: string[];
  stages: string[];
  title?: string;
  subtitle?: string;
  organisation?: string;
  authors?: string;
  date?: string;
  locale: 'nb' | 'nn' | 'en';
  journeyPage: 'a4' | 'a3';
  passphrase?: string;
  force: boolean;
}

type Parsed = { ok: true; args: CliArgs } | { ok: false; message: string };

const list = (v: string): string[] => v.split(',').map((s) => s.trim()).filter(Boolean);

export function parseArgs(argv: readonly string[]): Parsed {
  const values = new Map<string, string>();
  let force = false;
  const known = ['study', 'out', 'sections', 'groups', 'stages', 'title', 'subtitle', 'organisation', 'authors', 'date', 'locale', 'journey-page', 'passphrase'];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--force') {
      force = true;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m || !known.includes(m[1] ?? '')) return { ok: false, message: `argument ${i + 1}: unknown option «${a}» (known: ${known.map((k) => `--${k}`).join(', ')}, --force)` };
    const value = m[2] ?? argv[++i];
    if (value === undefined) return { ok: false, message: `argument ${i}: --${m[1]} needs a value` };
    values.set(m[1] as string, value);
  }
  const study = values.get('study');
  const out = values.get('out');
  if (!study) return { ok: false, message: '--study is required (a .reisekart bundle, a study JSON file, or "demo")' };
  if (!out) return { ok: false, message: '--out is required (where to write the PDF)' };
  const sections = values.has('sections') ? list(values.get('sections') ?? '') : [...DEFAULT_SECTIONS];
  for (const s of sections) if (!(SECTION_IDS as readonly string[]).includes(s)) return { ok: false, message: `--sections: unknown section «${s}» (known: ${SECTION_IDS.join(', ')})` };
  const locale = values.get('locale') ?? 'nb';
  if (locale !== 'nb' && locale !== 'nn' && locale !== 'en') return { ok: false, message: `--locale: «${locale}» is not nb, nn or en` };
  const journeyPage = values.get('journey-page') ?? 'a4';
  if (journeyPage !== 'a4' && journeyPage !== 'a3') return { ok: false, message: `--journey-page: «${journeyPage}» is not a4 or a3` };
  const date = values.get('date');
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { ok: false, message: `--date: «${date}» is not yyyy-mm-dd` };
  const opt = (k: string): { [key: string]: string } => (values.has(k) ? { [k]: values.get(k) as string } : {});
  return {
    ok: true,
    args: {
      study,
      out,
      sections: sections as SectionId[],
      groups: list(values.get('groups') ?? ''),
      stages: list(values.get('stages') ?? ''),
      ...opt('title'),
      ...opt('subtitle'),
      ...opt('organisation'),
      ...opt('authors'),
      ...opt('date'),
      ...opt('passphrase'),
      locale,
      journeyPage,
      force,
    },
  };
}

type Loaded = { ok: true; data: StudyData } | { ok: false; message: string };

export async function loadStudy(path: string, passphrase?: string): Promise<Loaded> {
  const file = path === 'demo' ? DEMO : resolve(path);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    return { ok: false, message: `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  // A plain study JSON (like the demo fixture) is parsed directly; anything else goes through restoreBundle.
  if (bytes[0] === 0x7b) {
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return { ok: false, message: `${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})` };
    }
    if (typeof raw === 'object' && raw !== null && 'study' in raw && !('format' in raw)) {
      // The same checks as a bundle's study.json: schema, integrity and the gate at the door in
      // (text stays reviewed only with its record and a clean re-scan).
      const admitted = admitStudy(raw, basename(file));
      if (!admitted.ok) return { ok: false, message: admitted.issues.slice(0, 5).map((i) => `${file}: ${i.field ? `${i.field}: ` : ''}${issueWords(i)}`).join('\n') };
      return { ok: true, data: admitted.data };
    }
  }
  const r = await restoreBundle(bytes, passphrase, { fileName: basename(file) });
  if (!r.ok) return { ok: false, message: r.issues.map((i) => `${file}: ${i.field ? `${i.field}: ` : ''}${issueWords(i)}`).join('\n') };
  return { ok: true, data: r.data };
}

/** Write atomically: temp file in the same directory (same file system), then rename. */
export function writeAtomic(target: string, bytes: Uint8Array): { ok: true } | { ok: false; message: string } {
  const abs = resolve(target);
  const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, bytes, { flag: 'wx' });
    renameSync(tmp, abs);
    return { ok: true };
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'no permission to write there' : code === 'ENOENT' ? 'the folder does not exist' : code === 'EROFS' ? 'the file system is read-only' : e instanceof Error ? e.message : String(e);
    return { ok: false, message: `${abs}: could not write the ${abs.endsWith(".pdf") ? "PDF" : "file"}: ${why}${code ? ` (${code})` : ''}. Nothing was written.` };
  }
}

/**
 * What the terminal may show: the kind and where it sits (section and field), never the value —
 * a terminal's scrollback and CI logs are not the user's own screen.
 */
export function describe(issue: ReportIssue): string[] {
  if (issue.kind === 'leak') {
    return [
      `The leak check found ${issue.hits.length} possible identifier(s) in the report:`,
      ...issue.hits.map((h) => `  ${h.kind} (${Math.round(h.confidence * 100)} %) in ${h.section === 'meta' ? 'the title page / document properties' : `section ${h.section}`}, field ${h.field}`),
      'Fix them in the study (anonymise) or in the options, or run again with --force to export anyway.',
    ];
  }
  if (issue.kind === 'options') return [`option ${issue.field}: ${issue.message}`];
  return [`${issue.kind}: ${issue.message}`];
}

/** The report options the CLI builds from its arguments (the study's title unless --title). */
export function reportOptions(a: CliArgs, data: StudyData): ReportOptions {
  return {
    title: a.title ?? data.study.title,
    date: a.date ?? new Date().toISOString().slice(0, 10),
    sections: a.sections,
    groupIds: a.groups,
    stageIds: a.stages,
    locale: a.locale,
    journeyPage: a.journeyPage,
    overrideLeaks: a.force,
    fileName: basename(a.out),
    ...(a.subtitle ? { subtitle: a.subtitle } : {}),
    ...(a.organisation ? { organisation: a.organisation } : {}),
    ...(a.authors ? { authors: a.authors } : {}),
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    console.error(`report: ${parsed.message}`);
    return 1;
  }
  const a = parsed.args;
  const loaded = await loadStudy(a.study, a.passphrase);
  if (!loaded.ok) {
    console.error(`report: ${loaded.message}`);
    return 1;
  }
  const fontDir = join(ROOT, 'node_modules/dejavu-fonts-ttf/ttf');
  const fonts = { regular: new Uint8Array(readFileSync(join(fontDir, 'DejaVuSans.ttf'))), bold: new Uint8Array(readFileSync(join(fontDir, 'DejaVuSans-Bold.ttf'))) };
  const options = reportOptions(a, loaded.data);
  const t0 = performance.now();
  if (a.force) {
    // The override is logged as counts per kind, never values (the CLI's audit line is stderr).
    const composed = composeReport(loaded.data, options);
    if (composed.ok) {
      const counts = leakCounts(checkLeaks(composed.doc, loaded.data, { fileName: options.fileName ?? '' }));
      const total = Object.values(counts).reduce((x, y) => x + y, 0);
      if (total > 0) console.error(`report: --force: exported despite ${total} leak-check hit(s): ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    }
  }
  const r = await buildReport(loaded.data, options, { fonts });
  if (!r.ok) {
    for (const issue of r.issues) for (const line of describe(issue)) console.error(`report: ${line}`);
    return r.issues.some((i) => i.kind === 'leak') ? 2 : 1;
  }
  // Re-identification risk (issue 20), after the leak check: the stored decisions are applied by the sharing view; a risk
  // nobody decided stops the export, listed by kind and label (never a quote's words).
  const risk = riskCheck(loaded.data);
  if (risk.pending.length > 0) {
    if (!a.force) {
      console.error(`report: ${risk.pending.length} re-identification risk(s) not decided (k = ${risk.k}):`);
      for (const line of describePending(risk)) console.error(`report:   ${line}`);
      console.error('report: decide them in the app (Rapport → risiko før deling), or run again with --force to export anyway.');
      return 4;
    }
    const informants = risk.pending.filter((p) => p.kind === 'informant').length;
    console.error(`report: --force: exported despite ${risk.pending.length} undecided re-identification risk(s): informants ${informants}, quotes ${risk.pending.length - informants}`);
  }
  const w = writeAtomic(a.out, r.bytes);
  if (!w.ok) {
    console.error(`report: ${w.message}`);
    return 3;
  }
  console.log(`report: wrote ${resolve(a.out)} (${r.pages} pages, ${Math.round(r.bytes.length / 1024)} KB, ${Math.round(performance.now() - t0)} ms)`);
  // What the one door out held back (buildReport reads outboundView): counts only.
  const held = outboundView(loaded.data).heldBack;
  if (held.quotes > 0 || held.transcripts > 0) console.log(`report: ${held.quotes} ${held.quotes === 1 ? 'quote' : 'quotes'} held back until review (${held.interviews.length} ${held.interviews.length === 1 ? 'interview' : 'interviews'}: ${held.interviews.join(', ')})`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
