/**
 * scripts/report.ts: the headless path. Bad input exits non-zero with a located message; a failed
 * write leaves nothing behind; a bundle made by exportBundle builds the same report.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportBundle } from '../../shared/exchange/bundle';
import { StudyData } from '../../shared/model';
import { main, parseArgs, writeAtomic } from '../../scripts/report';

const ROOT = resolve(import.meta.dirname, '../..');
let dir = '';
let errors: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reisekart-report-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function captureErrors(): void {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
}

describe('arguments', () => {
  const bad: [string[], RegExp][] = [
    [['--out', 'x.pdf'], /--study is required/],
    [['--study', 'demo'], /--out is required/],
    [['--study', 'demo', '--out', 'x.pdf', '--sections', 'method,nope'], /unknown section «nope»/],
    [['--study', 'demo', '--out', 'x.pdf', '--locale', 'sv'], /--locale/],
    [['--study', 'demo', '--out', 'x.pdf', '--date', '15.06.2021'], /--date/],
    [['--study', 'demo', '--bogus', '1'], /argument 3: unknown option «--bogus»/],
  ];
  for (const [argv, message] of bad) {
    it(`refuses ${argv.join(' ')}`, () => {
      const r = parseArgs(argv);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(message);
    });
  }
});

describe('main', () => {
  it('writes the demo report (--study demo) with the chosen sections and groups', async () => {
    captureErrors();
    const out = join(dir, 'demo.pdf');
    const code = await main(['--study', 'demo', '--out', out, '--sections', 'method,counsellor', '--groups', 'yf-vg2,sf-vg2', '--date', '2021-06-15', '--force']);
    // --force here only passes the demo's undecided re-identification risks (logged on stderr).
    expect(errors.filter((e) => !e.includes('re-identification'))).toEqual([]);
    expect(code).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toMatch(/Totalt 11 10 21/);
    expect(text).toContain('Positiv: 5 av 21');
  });

  it('reads a .reisekart bundle through restoreBundle', async () => {
    captureErrors();
    const data = StudyData.parse(JSON.parse(readFileSync(join(ROOT, 'fixtures/demo/demo-study.json'), 'utf8')));
    const bundle = join(dir, 'demo.reisekart');
    writeFileSync(bundle, await exportBundle(data, { now: '2021-06-15T12:00:00.000Z' }));
    const out = join(dir, 'bundle.pdf');
    expect(await main(['--study', bundle, '--out', out, '--sections', 'method', '--force'])).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('a broken study file exits 1 with the file and field named', async () => {
    captureErrors();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ study: { id: 's' }, codes: [] }));
    expect(await main(['--study', broken, '--out', join(dir, 'never.pdf')])).toBe(1);
    expect(errors.join('\n')).toMatch(/broken\.json: study\.title/);
    expect(existsSync(join(dir, 'never.pdf'))).toBe(false);
  });

  it('a missing file and an unknown group exit 1', async () => {
    captureErrors();
    expect(await main(['--study', join(dir, 'nope.reisekart'), '--out', join(dir, 'x.pdf')])).toBe(1);
    expect(errors.join('\n')).toMatch(/nope\.reisekart: cannot read \(ENOENT\)/);
    captureErrors();
    expect(await main(['--study', 'demo', '--out', join(dir, 'x.pdf'), '--groups', 'mars'])).toBe(1);
    expect(errors.join('\n')).toMatch(/groupIds: Ukjent gruppe «mars»/);
  });

  it('a write that fails (no permission) exits 3 with a clear message and leaves no file', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions: prove the same path with a folder that does not exist.
      captureErrors();
      expect(await main(['--study', 'demo', '--out', join(dir, 'missing-folder', 'r.pdf'), '--sections', 'method', '--force'])).toBe(3);
      expect(errors.join('\n')).toMatch(/could not write the PDF: the folder does not exist \(ENOENT\)\. Nothing was written\./);
      return;
    }
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    captureErrors();
    expect(await main(['--study', 'demo', '--out', join(locked, 'r.pdf'), '--sections', 'method', '--force'])).toBe(3);
    expect(errors.join('\n')).toMatch(/no permission/);
    expect(readdirSync(locked)).toEqual([]);
  });

  it('writeAtomic replaces a file whole and cleans its temporary file when the rename fails', () => {
    const target = join(dir, 'atomic.pdf');
    writeFileSync(target, 'old');
    expect(writeAtomic(target, new Uint8Array([37, 80, 68, 70]))).toEqual({ ok: true });
    expect(readFileSync(target, 'latin1')).toBe('%PDF');
    // Renaming a file onto a directory fails: the temp file must not stay behind.
    const asDir = join(dir, 'is-a-dir');
    mkdirSync(asDir);
    writeFileSync(join(asDir, 'keep'), 'x');
    const r = writeAtomic(asDir, new Uint8Array([1]));
    expect(r.ok).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('plain JSON passes the same integrity checks as a bundle (a dangling reference exits 1, located)', async () => {
    const data = StudyData.parse(JSON.parse(readFileSync(join(ROOT, 'fixtures/demo/demo-study.json'), 'utf8')));
    data.segments[7] = { ...data.segments[7]!, interviewId: 'nowhere' };
    const file = join(dir, 'dangling.json');
    writeFileSync(file, JSON.stringify(data));
    captureErrors();
    expect(await main(['--study', file, '--out', join(dir, 'd.pdf'), '--sections', 'method'])).toBe(1);
    expect(errors.join('\n')).toMatch(/dangling\.json: segments\[7\]\.interviewId: /);
    expect(existsSync(join(dir, 'd.pdf'))).toBe(false);
  });

  it('a quote with an identifier in plain JSON is held back on the way in (exit 0, "held back"), never printed', async () => {
    const data = StudyData.parse(JSON.parse(readFileSync(join(ROOT, 'fixtures/demo/demo-study.json'), 'utf8')));
    // A quote the demo report prints; the file claims it was reviewed, and the re-scan on the way
    // in finds the phone number in its note.
    const before = join(dir, 'before.pdf');
    captureErrors();
    expect(await main(['--study', 'demo', '--out', before, '--sections', 'quotes', '--force'])).toBe(0);
    const printed = execFileSync('pdftotext', [before, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const i = data.segments.findIndex((s) => s.quote.length > 50 && printed.includes(`«${s.quote.trim().replace(/\s+/g, ' ')}»`));
    expect(i).toBeGreaterThanOrEqual(0);
    const seg = data.segments[i]!;
    data.segments[i] = { ...seg, note: 'Ring Ola på 912 34 567 om dette' };
    const tr = data.transcripts.find((t) => t.interviewId === seg.interviewId)!;
    const file = join(dir, 'held.json');
    writeFileSync(file, JSON.stringify(data));
    const logs: string[] = [];
    captureErrors();
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
    const out = join(dir, 'held.pdf');
    expect(await main(['--study', file, '--out', out, '--sections', 'quotes', '--force'])).toBe(0);
    // --force here only passes the demo's undecided re-identification risks (logged on stderr).
    expect(errors.filter((e) => !e.includes('re-identification'))).toEqual([]);
    expect(logs.join('\n')).toMatch(/report: 1 quote held back until review \(1 interview: /);
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('1 sitat holdes tilbake til det er gjennomgått');
    expect(text).not.toContain(`«${seg.quote.trim().replace(/\s+/g, ' ')}»`);
    expect(text).not.toContain('912');
    expect(tr.review?.state).toBe('reviewed');
  });

  it('a planted identifier blocks with exit 2, and --force writes', async () => {
    const data = StudyData.parse(JSON.parse(readFileSync(join(ROOT, 'fixtures/demo/demo-study.json'), 'utf8')));
    const first = data.codes[0];
    if (!first) throw new Error('no codes');
    data.codes[0] = { ...first, definition: 'Send e-post til ola.nordmann@skole.no' };
    const file = join(dir, 'planted.json');
    writeFileSync(file, JSON.stringify(data));
    captureErrors();
    expect(await main(['--study', file, '--out', join(dir, 'p.pdf'), '--sections', 'codebook'])).toBe(2);
    expect(errors.join('\n')).toMatch(/EPOST \(\d+ %\) in section codebook, field table/);
    // Kind and place only: the value never reaches the terminal.
    expect(errors.join('\n')).not.toContain('ola.nordmann');
    expect(existsSync(join(dir, 'p.pdf'))).toBe(false);
    captureErrors();
    expect(await main(['--study', file, '--out', join(dir, 'p.pdf'), '--sections', 'codebook', '--force'])).toBe(0);
  });
});
