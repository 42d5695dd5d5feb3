/**
 * Issue 14: text typed in the app is scanned as it is saved (shared/model/typed-text.ts). A segment
 * note in the workbench and a counsellor override reason with a phone number show their hits to
 * their author ("Rediger" / "Ikke en identifikator"), are saved as held back, and reach no door
 * out (the exported bundle) until resolved; a hit confirmed as not an identifier lets the text out.
 */
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, DEMO, screenReady, useSession } from './session';

const s = useSession();
const PHONE = '912 34 567';

async function bundleText(page: Page): Promise<string> {
  await page.goto(`${baseUrl}#/study/${DEMO}/exchange`);
  await screenReady(page, DEMO);
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-bundle').click()]);
  return strFromU8(unzipSync(new Uint8Array(await readFile((await dl.path()) as string)))['study.json'] as Uint8Array);
}

/** GS-01 in the workbench, the panel open on a new segment two turns down. */
async function newSegmentPanel(page: Page): Promise<void> {
  await page.goto(`${baseUrl}#/study/${DEMO}/coding`);
  const link = page.locator('[data-testid="coding-interviews"] tr[data-code="GS-01"] a');
  await link.waitFor({ timeout: 30_000 });
  await link.click();
  await page.locator('[data-testid="transcript"] .t-block').first().waitFor({ timeout: 30_000 });
  await expect.poll(() => page.getByTestId('loading').count(), { timeout: 30_000 }).toBe(0);
  await page.getByTestId('transcript').focus();
  for (const key of ['ArrowDown', 'ArrowDown', 's']) await page.keyboard.press(key);
  await page.getByTestId('coding-panel').waitFor({ timeout: 30_000 });
  for (const key of ['5', 'v', 'n']) await page.keyboard.press(key);
}

describe('text typed in the app is scanned as it is saved', () => {
  it('a segment note with a phone number shows its hit, is saved held back, and is not in the bundle', async () => {
    const { page } = s;
    await newSegmentPanel(page);
    const note = `Zebrafisken-notat: ring mor på ${PHONE}`;
    await page.getByTestId('segment-note').fill(note);
    const hits = page.getByTestId('note-hits');
    await hits.waitFor({ timeout: 30_000 });
    expect(await hits.getByTestId('typed-hit').allInnerTexts()).toEqual([expect.stringContaining(PHONE)]);
    // "Rediger" takes the author back into the text.
    await hits.getByTestId('typed-edit').click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('segment-note');
    await page.getByTestId('save-segment').click();
    await expect.poll(() => page.locator('.toast').allInnerTexts(), { timeout: 30_000 }).toContainEqual(expect.stringContaining('Lagret, men teksten holdes tilbake til treffene er avklart.'));
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('saved');
    const bundle = await bundleText(page);
    expect(bundle).not.toContain('Zebrafisken-notat');
    expect(bundle).not.toContain(PHONE);
  });

  it('a hit confirmed as "not an identifier" lets the note out', async () => {
    const { page } = s;
    await newSegmentPanel(page);
    // A made-up word the name finder takes for a name, then the author says it is not one.
    const note = 'Snakket med Tsegay om valg av linje';
    await page.getByTestId('segment-note').fill(note);
    const hits = page.getByTestId('note-hits');
    await hits.waitFor({ timeout: 30_000 });
    await hits.getByTestId('typed-confirm').first().click();
    await expect.poll(() => page.getByTestId('note-hits').count(), { timeout: 30_000 }).toBe(0);
    await page.getByTestId('save-segment').click();
    await page.getByTestId('coding-panel').waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('saved');
    expect(await bundleText(page)).toContain(note);
  });

  it('an override reason with a phone number is marked held back and withheld from the bundle', async () => {
    const { page } = s;
    await page.goto(`${baseUrl}#/study/${DEMO}/counsellor`);
    await screenReady(page, DEMO);
    const row = page.locator('[data-testid="counsellor-table"] tbody tr').first();
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: /Overstyr/ }).click();
    const reason = `Avtalt på telefon ${PHONE}`;
    await page.getByTestId('override-reason').fill(reason);
    await page.getByTestId('reason-hits').waitFor({ timeout: 30_000 });
    await page.getByTestId('override-form').getByRole('button', { name: 'Lagre' }).click();
    await page.getByTestId('override-form').waitFor({ state: 'detached', timeout: 30_000 });
    await row.getByTestId('reason-held-back').waitFor({ timeout: 30_000 });
    const bundle = await bundleText(page);
    expect(bundle).not.toContain(PHONE);
    expect(bundle).toContain('[holdt tilbake til gjennomgang]');
  });
});
