/**
 * Issue 20, `npm run report`: the stored risk decisions are applied (generalisations, quote
 * rewrites), undecided risks stop the export with exit 4 and are listed (never a quote's words),
 * and --force exports anyway and says so. The PDF is read back with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { detectIndirect } from '../../shared/anonymise/indirect';
import { StudyData, type RiskDecision } from '../../shared/model';
import { outboundView } from '../../shared/exchange/outbound';
import { riskCheck } from '../../shared/risk/check';
import { quoteSubject, STUDY_SUBJECT } from '../../shared/risk/study';
import { main } from '../../scripts/report';

const ROOT = resolve(import.meta.dirname, '../..');
let dir = '';
let errors: string[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reisekart-risk-report-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());
function capture(): void {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
}

const PLANTED = 'Jeg er den eneste fra Eritrea i klassen, og rådgiveren visste ikke hva jeg kunne.';

/** The demo with one printed quote replaced by a planted "only one from …" quote (reviewed). */
function planted(): { data: StudyData; segmentId: string } {
  const data = StudyData.parse(JSON.parse(readFileSync(join(ROOT, 'fixtures/demo/demo-study.json'), 'utf8')));
  const i = data.segments.findIndex((s) => s.quote.length > 40 && s.review?.state === 'reviewed' && s.stageId === 'vg2');
  const seg = data.segments[i]!;
  data.segments[i] = { ...seg, quote: PLANTED };
  return { data, segmentId: seg.id };
}

const at = '2026-12-02T09:00:00.000Z';
function decision(studyId: string, subject: string, d: Partial<RiskDecision>): RiskDecision {
  return { id: `${studyId}|${subject}`, studyId, subject, action: 'accept', generalisations: [], rewrites: [], reason: '', by: 'K1', at, ...d };
}

describe('npm run report and re-identification risk', () => {
  it('refuses the demo with exit 4, listing each undecided informant by code (no PDF)', async () => {
    capture();
    const out = join(dir, 'refused.pdf');
    expect(await main(['--study', 'demo', '--out', out, '--sections', 'method'])).toBe(4);
    const text = errors.join('\n');
    expect(text).toMatch(/report: \d+ re-identification risk\(s\) not decided \(k = 5\)/);
    expect(text).toMatch(/informant [A-Z]{2}-\d\d P\d: class < 5 on /);
    expect(() => readFileSync(out)).toThrow();
  });

  it('lists a planted quote by its kinds, never its words', async () => {
    const { data } = planted();
    const file = join(dir, 'planted.json');
    writeFileSync(file, JSON.stringify(data));
    capture();
    expect(await main(['--study', file, '--out', join(dir, 'x.pdf'), '--sections', 'quotes'])).toBe(4);
    expect(errors.join('\n')).toMatch(/quote of [A-Z]{2}-\d\d P\d: uniqueness, nationality/);
    expect(errors.join('\n')).not.toContain('Eritrea');
  });

  it('applies stored decisions: groups merged to Vg2, month as term, the chosen rewrite printed; exit 0', async () => {
    const { data, segmentId } = planted();
    const sid = data.study.id;
    const study = decision(sid, STUDY_SUBJECT, { action: 'generalise', generalisations: ['group-stage', 'month-term', 'site-region'] });
    const hits = detectIndirect(PLANTED);
    const quote = decision(sid, quoteSubject(segmentId), { action: 'generalise', quoteLength: PLANTED.length, rewrites: hits.map((h) => ({ start: h.start, end: h.end, text: h.rewrite, kind: h.kind })) });
    const withGen = { ...data, riskDecisions: [study, quote] };
    // Whoever is still at risk after the generalisations is accepted (reason typed in the app).
    const rest = riskCheck(withGen).pending.filter((p) => p.kind !== 'quote' || p.subject !== quoteSubject(segmentId));
    const accepted = rest.map((p) => decision(sid, p.subject, { action: 'accept', reason: 'Oppdiktet demodata', ...(p.kind === 'quote' ? { quoteLength: data.segments.find((s) => quoteSubject(s.id) === p.subject)?.quote.length ?? 0 } : {}) }));
    const all = { ...data, riskDecisions: [study, quote, ...accepted] };
    expect(riskCheck(all).pending).toEqual([]);
    const file = join(dir, 'decided.json');
    writeFileSync(file, JSON.stringify(all));
    capture();
    const out = join(dir, 'decided.pdf');
    expect(await main(['--study', file, '--out', out, '--sections', 'method,quotes', '--date', '2021-06-15'])).toBe(0);
    expect(errors).toEqual([]);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    // The method table has one Vg2 row instead of "YF Vg2" and "SF Vg2" (11 + 10 = 21 informants;
    // its cells are hidden by secondary suppression, as a merged row's are).
    expect(text).toMatch(/\n Vg2 skjult skjult 21\n/);
    expect(text).not.toContain('Yrkesfag Vg2');
    expect(text).toContain('grupper slått sammen til trinn');
    expect(text).toMatch(/gjennomført høsten 2020–våren 2021\./);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('en av få fra et land i Øst-Afrika i klassen');
    expect(flat).not.toContain('Eritrea');
    // The reason is typed text: it never reaches a sharing output.
    expect(flat).not.toContain('Oppdiktet demodata');
    expect(JSON.stringify(outboundView(all).sharing.riskDecisions)).not.toContain('Oppdiktet');
  });

  it('--force exports with undecided risks and logs how many', async () => {
    capture();
    expect(await main(['--study', 'demo', '--out', join(dir, 'forced.pdf'), '--sections', 'method', '--force'])).toBe(0);
    expect(errors.join('\n')).toMatch(/report: --force: exported despite \d+ undecided re-identification risk\(s\): informants \d+, quotes \d+/);
  });
});
