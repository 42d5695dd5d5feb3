/**
 * Issue 20 end to end: a study with a planted unique informant (the only adult interviewed in a
 * drawing workshop in Fyresdal in May) and a planted "only one from …" quote arrives as a bundle;
 * before the PDF export the risk panel flags both, a generalisation is chosen (groups → stage,
 * month → term) with its effect shown first, the quote is generalised with the suggested rewrite,
 * the rest is accepted with a typed reason, and the PDF (read back with pdftotext, rendered with
 * pdftoppm) carries the generalisation and the rewrite, never the country.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../shared/exchange/bundle';
import { StudyData } from '../../shared/model';
import { acceptRemainingRisks } from './risk-helpers';
import { baseUrl, screenReady, useSession } from './session';

const ROOT = resolve(import.meta.dirname, '../..');
const DEMO = 'demo-brukerreisen-kim';
// Positive, 40+ characters and the shortest in its cell (7. trinn × information): the quote the
// pickers choose first.
const QUOTE = 'Jeg var den eneste fra Eritrea i klassen.';
const s = useSession();
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reisekart-risk-e2e-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function planted(): Promise<Uint8Array> {
  const data = StudyData.parse(JSON.parse(readFileSync(join(ROOT, 'fixtures/demo/demo-study.json'), 'utf8')));
  const base = data.interviews.find((iv) => iv.groupId === 'adult');
  const seg = data.segments.find((x) => x.stageId === 'st7' && x.situationId === 'info' && x.valence === 'positive');
  const tr = data.transcripts[0];
  if (!base || !seg || !tr) throw new Error('fixture');
  const text = `I: Hvordan var det i sjuende?\nP1: ${QUOTE}`;
  const start = text.indexOf(QUOTE);
  data.interviews.push({ ...base, id: 'planted-iv', code: 'VO-09', site: 'Fyresdal kommune', mode: 'drawing-workshop', format: 'individual', participants: [{ id: 'P1', note: '' }], date: '2021-05-10' });
  data.transcripts.push({ ...tr, interviewId: 'planted-iv', text, turns: [{ start: 0, end: start - 1, participantId: null }, { start: start - 4, end: text.length, participantId: 'P1' }] });
  data.segments.push({ ...seg, id: 'planted-seg', interviewId: 'planted-iv', participantId: 'P1', start, end: start + QUOTE.length, quote: QUOTE, codeIds: [] });
  return exportBundle(data, { now: '2021-06-15T12:00:00.000Z' });
}

async function go(page: Page, studyId: string, view: string): Promise<void> {
  await page.goto(`${baseUrl}#/study/${encodeURIComponent(studyId)}/${view}`);
  await screenReady(page, studyId);
}

const studyIdOf = (page: Page): string => decodeURIComponent(/#\/study\/([^/]+)/.exec(page.url())?.[1] ?? '');

describe('risk panel before a PDF export', () => {
  it('flags the planted informant and quote, and the chosen generalisation reaches the PDF', async () => {
    const { page } = s;
    await go(page, DEMO, 'exchange');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-bundle').click()]);
    await chooser.setFiles({ name: 'planted.reisekart', mimeType: 'application/octet-stream', buffer: Buffer.from(await planted()) });
    await page.getByTestId('import-staged').waitFor({ timeout: 60_000 });
    await page.getByTestId('import-as-new').click();
    await expect.poll(() => studyIdOf(page), { timeout: 60_000 }).not.toBe(DEMO);
    const id = studyIdOf(page);
    await go(page, id, 'report');
    const panel = page.getByTestId('risk-panel');
    await panel.waitFor({ timeout: 60_000 });

    // The planted informant is listed as unique; the planted quote with its kinds and suggestions.
    const informant = panel.locator('[data-testid="risk-informant"][data-label="VO-09 P1"]');
    await informant.waitFor({ timeout: 30_000 });
    expect(await informant.innerText()).toMatch(/gruppe på 1 .*unik/s);
    const quote = panel.locator('[data-testid="risk-quote"][data-label="VO-09 P1"]');
    const qText = await quote.innerText();
    expect(qText).toContain('«den eneste»');
    expect(qText).toContain('Forslag: «et land i Øst-Afrika»');

    // Export is refused while anything is undecided.
    await page.getByTestId('report-export').click();
    await expect.poll(() => page.locator('.notice.error').first().innerText(), { timeout: 30_000 }).toMatch(/risikoer for gjenkjenning er ikke avgjort/);

    // The effect of "groups → stage" is shown before it is applied; then it is applied.
    const gen = panel.getByTestId('risk-gen-group-stage');
    expect(await gen.innerText()).toMatch(/\d+ → \d+ informanter i risiko/);
    await panel.getByTestId('risk-apply-group-stage').click();
    await expect.poll(() => panel.getByTestId('risk-applied').innerText(), { timeout: 30_000 }).toContain('Grupper → trinn');
    await panel.getByTestId('risk-apply-month-term').click();
    await expect.poll(() => panel.getByTestId('risk-applied').innerText(), { timeout: 30_000 }).toContain('Måned → semester');

    // The quote: generalise with the suggested rewrites; then accept the rest with a reason.
    await quote.getByTestId('risk-quote-generalise').click();
    await expect.poll(() => panel.locator('[data-testid="risk-quote"][data-label="VO-09 P1"]').count(), { timeout: 30_000 }).toBe(0);
    await acceptRemainingRisks(page);
    await page.screenshot({ path: join(dir, 'panel.png'), fullPage: false });

    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('report-export').click()]);
    const file = join(dir, 'risk.pdf');
    writeFileSync(file, new Uint8Array(await readFile((await dl.path()) as string)));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('en av få fra et land i Øst-Afrika i klassen');
    expect(flat).not.toContain('Eritrea');
    expect(text).toMatch(/\n Vg2 skjult skjult 21\n/);
    expect(flat).toContain('grupper slått sammen til trinn');
    expect(flat).toContain('intervjumåned vist som semester');
    expect(flat).not.toContain('Oppdiktede demodata');
    // Rendered to PNG for a look (kept in the temp folder when RISK_E2E_KEEP is set).
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '3', '-l', '4', file, join(process.env.RISK_E2E_KEEP ?? dir, 'risk-page')]);
  });
});
