/**
 * The report composer in Chromium: the preview shows the demo's sections, the export is built in
 * the worker and arrives as a download that is a real PDF (pdftotext finds the title and the
 * method totals), and the screen stays usable while the worker runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, newSession, type Session } from './chromium';

const baseUrl = inject('baseUrl');
let browser: Browser;
let s: Session;
let dir = '';

beforeAll(async () => {
  browser = await launch();
  s = await newSession(browser, baseUrl);
  dir = mkdtempSync(join(tmpdir(), 'reisekart-report-e2e-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('report composer', () => {
  it('previews the report and exports a PDF built in a worker', async () => {
    const { page } = s;
    await page.goto(`${baseUrl}#/study/demo-brukerreisen-kim/report`);
    const preview = page.getByTestId('report-preview');
    await preview.waitFor();
    await expect.poll(() => preview.locator('section').count()).toBe(8);
    expect(await preview.innerText()).toContain('5 av 21');

    const title = 'Rapport fra e2e – æøå';
    await page.getByTestId('report-title').fill(title);
    await expect.poll(() => preview.locator('h3').first().innerText()).toBe(title);

    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('report-export').click();
    const d = await download;
    expect(d.suggestedFilename()).toBe('reisekart-rapport.pdf');
    const file = join(dir, 'r.pdf');
    await d.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain(title);
    expect(text).toMatch(/Totalt 27 15 42/);
    await page.getByTestId('report-done').waitFor();

    expect(s.errors).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  });

  it('a section left without data says so in the preview', async () => {
    const { page } = s;
    // Vg1 stage only, 10th-grade group only: the counsellor and emotion sections still compose; the preview shows what is empty.
    await page.getByTestId('report-groups').getByLabel('Grunnskole 10. klasse').check();
    await expect.poll(async () => (await page.getByTestId('report-preview').innerText()).includes('Grupper: 10. kl.')).toBe(true);
    expect(s.errors).toEqual([]);
  });
});
