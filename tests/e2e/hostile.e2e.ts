/**
 * Hostile files through the app's own import path in Chromium (each file in a worker of its own):
 * refusals are located and in the UI language, nothing changes; a slow import can be cancelled,
 * the screen says so, and the shared worker still exports afterwards.
 */
import { readFile } from 'node:fs/promises';
import { strToU8, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildHostileCorpus } from '../fixtures/hostile/corpus';
import { baseUrl, homeStudyCount, useSession } from './session';

const DEMO = 'demo-brukerreisen-kim';
const s = useSession();

async function go(page: Page, view: string): Promise<void> {
  await page.goto(`${baseUrl}#/study/${DEMO}/${view}`);
  await page.getByTestId('import-bundle').waitFor({ timeout: 30_000 });
}

async function choose(page: Page, testId: string, name: string, bytes: Uint8Array): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 30_000 }), page.getByTestId(testId).click()]);
  await chooser.setFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
}

const studyCount = homeStudyCount;

describe('hostile files in the app', () => {
  it('a zip64 bundle claiming 4e9 entries, a __proto__ .qdpx and a 100,000-column CSV are refused with located, translated messages; nothing changes', async () => {
    const { page } = s;
    const corpus = await buildHostileCorpus(15);
    const file = (name: string) => corpus.find((f) => f.name === name)!.bytes;
    const before = await studyCount(page);

    await go(page, 'exchange');
    await choose(page, 'import-bundle', 'zip64-4e9-entries.reisekart', file('zip64-4e9-entries.reisekart'));
    const issues = page.getByTestId('import-issues');
    // Each file's own message (the previous one may still be on screen: same page).
    const shown = async (): Promise<string> => ((await issues.count()) > 0 ? issues.innerText() : '');
    await expect.poll(shown).toContain('zip64-4e9-entries.reisekart');
    const text = await issues.innerText();
    expect(text).toContain('Arkivet oppgir 4000000000 filer; grensen er 20000');
    expect(await page.getByTestId('import-staged').count()).toBe(0);

    await go(page, 'exchange');
    await choose(page, 'import-refi', 'qdpx-proto-element.qdpx', file('qdpx-proto-element.qdpx'));
    await expect.poll(shown).toContain('qdpx-proto-element.qdpx');
    const item = issues.locator('li').first();
    expect(await item.getAttribute('data-line')).toBe('3');
    expect(await item.innerText()).toContain('qdpx-proto-element.qdpx/project.qde, linje 3: Navnet «__proto__» er ikke tillatt i filen.');

    await go(page, 'exchange');
    await choose(page, 'import-csv', 'csv-100k-columns.csv', file('csv-100k-columns.csv'));
    await expect.poll(shown).toContain('csv-100k-columns.csv, linje 1: Raden har 100000 kolonner; grensen er 300');

    expect(await studyCount(page)).toBe(before);
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  });

  it('a slow import can be cancelled: its worker stops, the screen says so, and export still works', async () => {
    const { page } = s;
    const before = await studyCount(page);
    // 3,900,000 flat elements: under every cap, so the parser really works on it for a while.
    const slow = zipSync({ 'project.qde': strToU8(`<?xml version="1.0"?><Project name="x">${'<a/>'.repeat(3_900_000)}</Project>`) });
    await go(page, 'exchange');
    await choose(page, 'import-refi', 'treg.qdpx', slow);
    const cancel = page.getByTestId('import-cancel');
    await cancel.waitFor({ timeout: 30_000 });
    await cancel.click();
    const error = page.getByTestId('import-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.innerText()).toBe('Importen av «treg.qdpx» ble avbrutt. Ingenting er endret.');
    expect(await page.getByTestId('import-cancel').count()).toBe(0);
    expect(await page.getByTestId('import-staged').count()).toBe(0);

    // The shared (export/backup) worker is untouched: an export still comes out.
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-bundle').click()]);
    const bytes = new Uint8Array(await readFile(await dl.path()));
    expect(bytes.subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    expect(await studyCount(page)).toBe(before);
    expect(s.errors).toEqual([]);
  });
});
