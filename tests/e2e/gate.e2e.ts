/**
 * Issue 14, the one door out, end to end in Chromium: a quote with an identifier arrives through a
 * door in (CSV, which never marks text as reviewed) and reaches none of the doors out —
 * presentation, the PDF report (preview and file), chart export (SVG/PNG), CSV, .qdpx and the
 * bundle — while the counts still include it and each sharing output says a quote was held back.
 * Then the control: once reviewed in the quote list view (identifier replaced), the same quote
 * does appear in the presentation and the exchange exports, so it was the gate that held it back.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptRemainingRisks } from './risk-helpers';
import { baseUrl, useSession } from './session';

const DEMO = 'demo-brukerreisen-kim';
const MARK = 'Zebrafisken';
const PHONE = '912 34 567';
// Positive, 40–220 characters and the shortest in its cell (7. trinn × information): the quote
// the pickers would choose first if the gate let it through.
const QUOTE = `${MARK} sa: ring meg på ${PHONE}, da, altså.`;
const s = useSession();
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reisekart-gate-e2e-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function noSeriousAxe(page: Page, label: string): Promise<void> {
  const r = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${label}: ${v.id} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

async function go(page: Page, view: string): Promise<void> {
  await page.goto(`${baseUrl}#/study/${DEMO}/${view}`);
  await page.locator('main h1').first().waitFor({ timeout: 30_000 });
}

async function choose(page: Page, testId: string, name: string, bytes: Uint8Array): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId(testId).click()]);
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(bytes) });
}

async function download(page: Page, click: () => Promise<void>): Promise<Uint8Array> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  return new Uint8Array(await readFile((await dl.path()) as string));
}

/** Every text the presentation shows: each stage of the walk, then the storyboard; and its held-back line. */
async function presentationTexts(page: Page): Promise<{ text: string; heldBack: string | null }> {
  await go(page, 'journey');
  await page.locator('[data-testid="journey-map"] rect[data-role="cell"]').first().waitFor({ timeout: 30_000 });
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('F11');
  const present = page.getByTestId('present');
  await present.waitFor({ timeout: 30_000 });
  const stage = page.getByTestId('present-stage');
  await expect.poll(() => stage.innerText(), { timeout: 30_000 }).toContain('Trinn 1 av 6');
  const texts: string[] = [];
  for (let i = 1; i <= 6; i++) {
    await expect.poll(() => stage.innerText(), { timeout: 30_000 }).toContain(`Trinn ${i} av 6`);
    texts.push(await present.evaluate((el) => el.textContent ?? ''));
    await page.keyboard.press('ArrowRight');
  }
  await page.getByTestId('view-storyboard').click();
  await page.getByTestId('present-storyboard').waitFor({ timeout: 30_000 });
  texts.push(await present.evaluate((el) => el.textContent ?? ''));
  const held = page.getByTestId('present-held-back');
  const heldBack = (await held.count()) > 0 ? await held.innerText() : null;
  await page.getByTestId('present-leave').click();
  await page.getByTestId('present').waitFor({ state: 'detached', timeout: 30_000 });
  return { text: texts.join('\n'), heldBack };
}

/** The exchange exports, unpacked to text: bundle study.json, CSV zip, .qdpx project. */
async function exchangeTexts(page: Page): Promise<{ bundle: string; csv: string; qdpx: string }> {
  await go(page, 'exchange');
  const bundle = await download(page, () => page.getByTestId('export-bundle').click());
  const csvZip = await download(page, () => page.getByTestId('export-csv').click());
  const qdpx = await download(page, () => page.getByTestId('export-qdpx').click());
  return {
    bundle: strFromU8(unzipSync(bundle)['study.json'] as Uint8Array),
    csv: Object.values(unzipSync(csvZip)).map((b) => strFromU8(b)).join('\n'),
    qdpx: strFromU8(unzipSync(qdpx)['project.qde'] as Uint8Array),
  };
}

/**
 * Plants the quote through a door in, in this test's fresh profile: an interview GS-77 from an
 * interviews CSV, then the quote from a segments CSV (CSV text is always "needs review").
 */
async function plantQuote(page: Page): Promise<void> {
  await go(page, 'exchange');
  await choose(page, 'import-csv', 'intervju.csv', strToU8(['kode;gruppe;format;deltakere;modus', 'GS-77;Grunnskole 10. klasse;individuelt;1;fysisk'].join('\r\n')));
  await page.getByTestId('csv-commit').click();
  await page.getByTestId('csv-preview').waitFor({ state: 'detached', timeout: 30_000 });
  const csv = ['intervju;deltaker;sitat;start;slutt;fase;situasjon;valens', `GS-77;P1;"${QUOTE}";0;${QUOTE.length};7. trinn;Når du får informasjon;Positiv`].join('\r\n');
  await choose(page, 'import-csv', 'sitater.csv', strToU8(csv));
  await page.getByTestId('csv-preview').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('csv-kind').inputValue()).toBe('segments');
  await page.getByTestId('csv-commit').click();
  await page.getByTestId('csv-preview').waitFor({ state: 'detached', timeout: 30_000 });
}

describe('an unreviewed quote with an identifier reaches no door out', () => {
  it('arrives through CSV as needs review, and the import says so', async () => {
    const { page } = s;
    await plantQuote(page);
    await expect.poll(() => page.locator('.toast').allInnerTexts(), { timeout: 30_000 }).toContainEqual(expect.stringContaining('1 sitat må gjennomgås før det kan deles.'));
  });

  it('presentation: counted, never shown, and the footer says one quote is held back', async () => {
    const { page } = s;
    await plantQuote(page);
    const { text, heldBack } = await presentationTexts(page);
    expect(text).not.toContain(MARK);
    expect(text).not.toContain(PHONE);
    // The presentation footer said so while it was open.
    expect(heldBack).toContain('1 sitat holdes tilbake');
  });

  it('journey screen and chart export (SVG, PNG): not in the files; the screen says one is held back', async () => {
    const { page } = s;
    await plantQuote(page);
    await go(page, 'journey');
    await page.getByTestId('journey-held-back').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('journey-held-back').innerText()).toContain('1 sitat holdes tilbake');
    // The new informant counts: 7. trinn × information has 11 informants with it (10 without).
    const cell = page.locator('[data-testid="journey-map"] rect[data-role="cell"][data-stage="st7"][data-situation="info"]');
    await expect.poll(() => cell.first().getAttribute('aria-label'), { timeout: 30_000 }).toContain('11 inf.');
    // The researcher's quote panel for that cell says a quote is held back, without its text.
    await cell.first().click();
    const panel = page.getByTestId('quote-panel');
    await panel.getByTestId('quote-held-back').first().waitFor({ timeout: 30_000 });
    expect(await panel.innerText()).not.toContain(MARK);
    await panel.getByRole('button', { name: 'Lukk sitatpanelet' }).click();
    for (const chart of ['journey-map', 'emotion-curve']) {
      const svg = strFromU8(await download(page, () => page.getByTestId(chart).getByTestId('export-svg').click()));
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).not.toContain(MARK);
      expect(svg).not.toContain(PHONE);
    }
    const png = await download(page, () => page.getByTestId('journey-map').getByTestId('export-png').click());
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    // A PNG is pixels; its SVG source above is what it was drawn from.
  });

  it('PDF report: preview and file hold it back, say so, and pass the leak check', async () => {
    const { page } = s;
    await plantQuote(page);
    await go(page, 'report');
    const preview = page.getByTestId('report-preview');
    await preview.waitFor({ timeout: 30_000 });
    await expect.poll(() => preview.innerText(), { timeout: 60_000 }).toContain('1 sitat holdes tilbake');
    expect(await preview.innerText()).not.toContain(MARK);
    await acceptRemainingRisks(page);
    const pdf = await download(page, () => page.getByTestId('report-export').click());
    const file = join(dir, 'gate.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('1 sitat holdes tilbake');
    expect(text).not.toContain(MARK);
    expect(text).not.toContain('912');
    expect(readFileSync(file).toString('latin1')).not.toContain(MARK);
  });

  it('CSV, .qdpx and the bundle: the row is left out and the export panel counts it', async () => {
    const { page } = s;
    await plantQuote(page);
    const out = await exchangeTexts(page);
    for (const t of [out.bundle, out.csv, out.qdpx]) {
      expect(t).not.toContain(MARK);
      expect(t).not.toContain(PHONE);
    }
    expect(await page.getByTestId('export-held-back').innerText()).toContain('1 sitat og');
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  });
});

describe('control: reviewed in the quote list view, the same quote does go out', () => {
  it('the quote review lists it with its hit; replacing the phone and approving opens the doors', async () => {
    const { page } = s;
    await plantQuote(page);
    // The interview register says what waits for review and leads to the quote list view.
    await go(page, 'interviews');
    const notice = page.getByTestId('review-notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toContain('0 transkripsjoner og 1 sitater venter på gjennomgang');
    await page.getByTestId('to-quote-review').click();
    const item = page.locator(`[data-testid="quote-review-item"]`).filter({ has: page.locator(`textarea[data-testid="quote-review-quote"]`) }).first();
    await item.waitFor({ timeout: 30_000 });
    expect(await item.getByTestId('quote-review-quote').inputValue()).toBe(QUOTE);
    await noSeriousAxe(page, 'quote-review');
    const hit = item.getByTestId('quote-review-hits-quote').locator('li').filter({ hasText: 'TLF' });
    await hit.getByTestId('quote-review-replace').click();
    await expect.poll(() => item.getByTestId('quote-review-quote').inputValue(), { timeout: 30_000 }).toBe(`${MARK} sa: ring meg på [TLF], da, altså.`);
    await item.getByTestId('quote-review-approve').click();
    await page.getByTestId('quotes-none').waitFor({ timeout: 30_000 });

    const { text, heldBack } = await presentationTexts(page);
    expect(heldBack).toBeNull();
    expect(text).toContain(`${MARK} sa: ring meg på [TLF], da, altså.`);
    expect(text).not.toContain(PHONE);
    const out = await exchangeTexts(page);
    expect(out.bundle).toContain(MARK);
    expect(out.csv).toContain(MARK);
    expect(out.qdpx).toContain(MARK);
    for (const t of [out.bundle, out.csv, out.qdpx]) expect(t).not.toContain(PHONE);
    expect(s.errors).toEqual([]);
  });
});
