/**
 * Issue 14, point 3, the report side: `npm run report` refuses every evasive form of the corpus
 * planted in the title, subtitle, study title, a code name or a group name, and numbers, phones and
 * e-mails in --authors / --organisation; it says the kind and the place, never the value. The demo
 * passes the stronger detector without an override.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { StudyData } from '../../shared/model';
import { checkLeaks, composeReport, DEFAULT_SECTIONS } from '../../shared/report';
import { main, parseArgs, reportOptions } from '../../scripts/report';
import { evasiveForms } from '../fixtures/anonymise/evasive';

const ROOT = resolve(import.meta.dirname, '../..');
const demo = (): StudyData => StudyData.parse(JSON.parse(readFileSync(join(ROOT, 'fixtures/demo/demo-study.json'), 'utf8')));
const forms = evasiveForms();
const numeric = forms.filter((f) => f.kind !== 'NAVN');

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reisekart-report-leak-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** What the CLI would do with these arguments, up to the leak check (no PDF is rendered). */
function cliLeaks(argv: string[], data: StudyData) {
  const parsed = parseArgs(['--study', 'x', '--out', join(dir, 'r.pdf'), '--date', '2024-06-01', ...argv]);
  if (!parsed.ok) throw new Error(parsed.message);
  const options = reportOptions(parsed.args, data);
  const composed = composeReport(data, options);
  if (!composed.ok) throw new Error(JSON.stringify(composed.issues));
  return checkLeaks(composed.doc, data, { fileName: options.fileName ?? '' });
}

describe('report leak check on planted evasive forms', () => {
  const data = demo();

  it('the demo report (every section) passes the stronger detector without an override', () => {
    const hits = cliLeaks(['--sections', DEFAULT_SECTIONS.join(',')], data);
    expect(hits.map((h) => `${h.section}/${h.field} ${h.kind} ${h.text}`)).toEqual([]);
  });

  const places: Array<[string, (text: string) => { argv: string[]; data: StudyData }, string, string]> = [
    ['title', (t) => ({ argv: ['--title', t, '--sections', 'method'], data }), 'meta', 'title'],
    ['subtitle', (t) => ({ argv: ['--subtitle', t, '--sections', 'method'], data }), 'meta', 'subtitle'],
    ['study title (default title)', (t) => ({ argv: ['--sections', 'method'], data: { ...data, study: { ...data.study, title: t } } }), 'meta', 'title'],
    [
      'group name',
      (t) => ({ argv: ['--sections', 'method'], data: { ...data, study: { ...data.study, groups: data.study.groups.map((g, i) => (i === 0 ? { ...g, label: t, short: t } : g)) } } }),
      'method',
      'table',
    ],
    ['code name', (t) => ({ argv: ['--sections', 'codebook'], data: { ...data, codes: data.codes.map((c, i) => (i === 0 ? { ...c, name: t } : c)) } }), 'codebook', 'table'],
  ];

  for (const [place, plant, section, field] of places) {
    it(`blocks all ${forms.length} evasive forms planted in the ${place}`, () => {
      const missed: string[] = [];
      for (const f of forms) {
        const p = plant(f.text);
        const hits = cliLeaks(p.argv, p.data);
        if (!hits.some((h) => h.kind === f.kind && h.section === section && h.field === field && h.text.includes(f.value))) missed.push(f.id);
      }
      expect(missed).toEqual([]);
    });
  }

  for (const flag of ['--authors', '--organisation']) {
    it(`blocks all ${numeric.length} numbers, phones and e-mails in ${flag}, but not the writers' own names`, () => {
      const field = flag.slice(2);
      const missed = numeric.filter((f) => !cliLeaks([flag, `Ola Nordmann ${f.text}`, '--sections', 'method'], data).some((h) => h.kind === f.kind && h.field === field));
      expect(missed.map((f) => f.id)).toEqual([]);
      expect(cliLeaks([flag, 'Kari Nordmann og Ola Nordmann, Skien videregående skole', '--sections', 'method'], data)).toEqual([]);
    });
  }

  it('the output file name is checked too', () => {
    const hits = cliLeaks(['--sections', 'method', '--out', join(dir, 'rapport-15070810007.pdf')], data);
    expect(hits.some((h) => h.field === 'fileName')).toBe(true);
  });
});

describe('npm run report refuses, naming kind and place, never the value', () => {
  let errors: string[] = [];
  const capture = (): void => {
    errors = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  };
  const sample = ['FNR', 'TLF', 'EPOST', 'NAVN'].map((k) => forms.find((f) => f.kind === k && f.id.includes(k === 'NAVN' ? 'lower' : k === 'FNR' ? '3-3-3-2' : k === 'TLF' ? 'dots' : '(at)')) ?? forms[0]);

  for (const f of sample) {
    if (!f) continue;
    for (const flag of ['--title', '--subtitle', ...(f.kind === 'NAVN' ? [] : ['--authors', '--organisation'])]) {
      it(`${f.id} in ${flag}: exit 2`, async () => {
        capture();
        const out = join(dir, 'blocked.pdf');
        expect(await main(['--study', 'demo', '--out', out, '--sections', 'method', flag, f.text])).toBe(2);
        const text = errors.join('\n');
        expect(text).toContain(`${f.kind} (`);
        expect(text).toContain(`field ${flag.slice(2)}`);
        expect(text).not.toContain(f.value);
      });
    }
  }

  it('--force exports anyway and logs only counts', async () => {
    capture();
    const f = sample[0];
    if (!f) throw new Error('no sample');
    expect(await main(['--study', 'demo', '--out', join(dir, 'forced.pdf'), '--sections', 'method', '--title', f.text, '--force'])).toBe(0);
    expect(errors.join('\n')).toMatch(/--force: exported despite 1 leak-check hit\(s\): FNR 1/);
    expect(errors.join('\n')).not.toContain(f.value);
  });

  it('a real spawn of npm run report exits 2 for an fødselsnummer in --authors and prints no digits of it', () => {
    const value = forms.find((f) => f.kind === 'FNR')?.value ?? '';
    const r = spawnSync('npx', ['tsx', 'scripts/report.ts', '--study', 'demo', '--out', join(dir, 'spawn.pdf'), '--sections', 'method', '--authors', `Ola Nordmann ${value}`], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/FNR \(\d+ %\) in the title page \/ document properties, field authors/);
    expect(r.stderr).not.toContain(value);
    expect(r.stderr).not.toContain(value.replace(/\D/g, ''));
  });
});
