/**
 * Issue 14 point 4 in Chromium: suppression that holds in the sharing outputs of the journey. The
 * demo at a small-cell threshold of 10 has two small cells in the as-is journey map (8. trinn ×
 * choice: 15 segments from 9 informants; 7. trinn × help: 13 from 9). With primary suppression
 * alone each came back from its lane total (143 − 20 − 31 − 31 − 32 − 14 = 15). The exported map
 * and the presentation show neither those cells nor the four hidden beside them
 * (7. trinn × information 15/10, 8. trinn × information 18/14, Vg2 × choice 14/13,
 * Vg2 × help 21/16), and each says how many it holds back.
 */
import { readFile } from 'node:fs/promises';
import { strFromU8 } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, DEMO, openDemo, screenReady, useSession } from './session';

const s = useSession();

/** Hidden cells as the researcher's screen and an unsuppressed export would print them. */
const HIDDEN_MAP = ['n = 15 · 9 inf.', 'n = 13 · 9 inf.', 'n = 15 · 10 inf.', 'n = 18 · 14 inf.', 'n = 14 · 13 inf.', 'n = 21 · 16 inf.'];

async function download(page: Page, click: () => Promise<void>): Promise<Uint8Array> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  return new Uint8Array(await readFile((await dl.path()) as string));
}

/** Threshold 10 through the settings screen, then the journey screen with the new threshold in force. */
async function journeyAtTen(page: Page): Promise<void> {
  await openDemo(page, 'settings');
  const input = page.getByLabel('Minste celle');
  await input.fill('10');
  await input.press('Tab');
  await page.goto(`${baseUrl}#/study/${DEMO}/journey`);
  await screenReady(page, DEMO);
  await expect.poll(() => page.locator('.chart-hint').first().innerText(), { timeout: 30_000 }).toContain('færre enn 10 informanter');
  await page.locator('[data-testid="journey-map"] rect[data-role="cell"]').first().waitFor({ timeout: 30_000 });
}

describe('secondary suppression in the journey sharing outputs', () => {
  it('the exported map and curve show neither the small cells nor the cells that would give them back', async () => {
    const { page } = s;
    await journeyAtTen(page);
    // The researcher's own screen still shows the raw count of the small cell (greyed).
    const raw = page.locator('[data-testid="journey-map"] rect[data-role="cell"][data-stage="st8"][data-situation="choice"]');
    await expect.poll(() => raw.first().getAttribute('aria-label'), { timeout: 30_000 }).toContain('15');

    // The researcher's screen is marked "Ikke for deling"; the mark never reaches a sharing output.
    expect(await page.getByTestId('not-for-sharing').innerText()).toBe('Ikke for deling');
    const svg = strFromU8(await download(page, () => page.getByTestId('journey-map').getByTestId('export-svg').click()));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toContain('for deling');
    for (const text of HIDDEN_MAP) expect(svg, text).not.toContain(text);
    expect(svg.match(/data-role="cell-suppressed"/g)).toHaveLength(6);
    // Two small (primary) cells say "fewer than 10"; four say hidden.
    expect(svg.match(/<text[^>]*data-role="suppressed-note"[^>]*>Færre enn 10/g)).toHaveLength(2);
    expect(svg.match(/<text[^>]*data-role="suppressed-note"[^>]*>Skjult/g)?.length).toBeGreaterThanOrEqual(4);
    // The totals stay, and the shown cells: nothing was lost that did not have to be.
    expect(svg).toContain('n = 143 · 39 inf.');
    expect(svg).toContain('n = 39 · 23 inf.');
    expect(svg).toContain('Holdt tilbake: 6 celler med små tall, 0 sitater som ikke er gjennomgått');

    const curve = strFromU8(await download(page, () => page.getByTestId('emotion-curve').getByTestId('export-svg').click()));
    expect(curve).toContain('Holdt tilbake: 0 celler med små tall');
    expect(curve).not.toContain('for deling');
    const png = await download(page, () => page.getByTestId('journey-map').getByTestId('export-png').click());
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('the presentation hides the same cells and every slide says how many it holds back', async () => {
    const { page } = s;
    await journeyAtTen(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('F11');
    const present = page.getByTestId('present');
    await present.waitFor({ timeout: 30_000 });
    const stage = page.getByTestId('present-stage');
    // Per stage: hidden cards as [primary, secondary], and the slide's own count.
    const expected: [number, number][] = [[1, 1], [1, 1], [0, 0], [0, 0], [0, 0], [0, 2]];
    const shown: string[] = [];
    for (let i = 1; i <= 6; i++) {
      await expect.poll(() => stage.innerText(), { timeout: 30_000 }).toContain(`Trinn ${i} av 6`);
      const [primary, secondary] = expected[i - 1] as [number, number];
      await expect.poll(() => present.locator('[data-testid="stage-card"][data-hidden="primary"]').count(), { timeout: 30_000 }).toBe(primary);
      expect(await present.locator('[data-testid="stage-card"][data-hidden="secondary"]').count()).toBe(secondary);
      const withheld = await page.getByTestId('present-withheld').innerText();
      expect(withheld).toContain(`${primary + secondary} ${primary + secondary === 1 ? 'celle' : 'celler'} holdt tilbake`);
      shown.push(await present.evaluate((el) => el.textContent ?? ''));
      await page.keyboard.press('ArrowRight');
    }
    const text = shown.join('\n');
    // "informants · segments" of the six hidden cells: none on any slide.
    for (const n of ['9 informanter · 15 utsagn', '9 informanter · 13 utsagn', '10 informanter · 15 utsagn', '14 informanter · 18 utsagn', '13 informanter · 14 utsagn', '16 informanter · 21 utsagn']) expect(text, n).not.toContain(n);
    expect(text).toContain('Skjult – kunne ellers regnes ut fra summene');
    expect(text).not.toContain('for deling');
    expect(await present.getByTestId('not-for-sharing').count()).toBe(0);
    await page.getByTestId('present-leave').click();
    await page.getByTestId('present').waitFor({ state: 'detached', timeout: 30_000 });
  });
});
