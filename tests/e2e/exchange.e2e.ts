/**
 * Data exchange end to end in Chromium: export the demo (bundle, encrypted bundle, CSV zip,
 * codebook), import everything into a FRESH profile and read the same numbers back (method
 * table 27 / 15 / 42, Vg2 counsellor 5 / 9 / 7); a wrong passphrase, a malformed CSV and
 * corrupt or foreign files change nothing; backups before import/delete restore the study.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { launch, newSession, type Session } from './chromium';

const baseUrl = inject('baseUrl');
const DEMO = 'demo-brukerreisen-kim';
const PASS = 'lang nok passordfrase 2021';
let browser: Browser;
let a: Session;
let b: Session;
const files: Record<string, Uint8Array> = {};
/** The study built from the codebook and the CSV tables in the fresh profile. */
let csvStudy = '';

beforeAll(async () => {
  browser = await launch();
  a = await newSession(browser, baseUrl);
  b = await newSession(browser, baseUrl);
});
afterAll(async () => {
  await browser?.close();
});

async function go(page: Page, studyId: string, view: string): Promise<void> {
  await page.goto(`${baseUrl}#/study/${encodeURIComponent(studyId)}/${view}`);
  await page.locator('main h1').first().waitFor();
}

async function download(page: Page, testId: string): Promise<Uint8Array> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await dl.path();
  return new Uint8Array(await readFile(path));
}

async function choose(page: Page, testId: string, name: string, bytes: Uint8Array): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId(testId).click()]);
  await chooser.setFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
}

async function methodTotal(page: Page): Promise<string[]> {
  return page.locator('[data-testid="method-total"] td').allInnerTexts();
}

async function vg2(page: Page, studyId: string): Promise<number[]> {
  await page.goto(`${baseUrl}#/study/${encodeURIComponent(studyId)}/satisfaction`);
  const cells = page.locator('[data-testid="satisfaction-table"] tr[data-row="combined"] td[data-category] .count');
  await cells.first().waitFor();
  // The table can re-render once more while the study's live query settles (after an import
  // the database just changed): read it when the cells are there, not between two renders.
  await expect.poll(async () => (await cells.allInnerTexts()).length).toBeGreaterThan(0);
  return (await cells.allInnerTexts()).map((s) => Number(/\d+/.exec(s)?.[0]));
}

function studyIdOf(page: Page): string {
  const m = /#\/study\/([^/]+)\//.exec(page.url());
  return decodeURIComponent(m?.[1] ?? '');
}

async function studyCount(page: Page): Promise<number> {
  await page.goto(baseUrl);
  await page.locator('.study-list').waitFor();
  return page.locator('.study-list .study-card').count();
}

describe('export from the demo', () => {
  it('exports a bundle, an encrypted bundle, a CSV zip and the codebook as downloads', async () => {
    const { page } = a;
    await go(page, DEMO, 'exchange');
    files.bundle = await download(page, 'export-bundle');
    expect(strFromU8(files.bundle.slice(0, 2))).toBe('PK');
    await expect.poll(() => page.getByTestId('export-status').innerText()).toContain('.reisekart');

    files.csvZip = await download(page, 'export-csv');
    const csv = unzipSync(files.csvZip);
    expect(Object.keys(csv).sort()).toEqual(['brukerreisen-kim-demo-counsellor-breakdown.csv', 'brukerreisen-kim-demo-informants.csv', 'brukerreisen-kim-demo-interviews.csv', 'brukerreisen-kim-demo-segments.csv']);
    // Excel-norsk: BOM, semicolons.
    const interviews = csv['brukerreisen-kim-demo-interviews.csv'] as Uint8Array;
    expect([...interviews.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(strFromU8(interviews).split('\r\n')[0]).toContain(';');
    files.interviewsCsv = interviews;
    files.segmentsCsv = csv['brukerreisen-kim-demo-segments.csv'] as Uint8Array;

    files.qdc = await download(page, 'export-qdc');
    expect(strFromU8(files.qdc)).toContain('urn:QDA-XML:codebook:1.0');

    await page.getByTestId('export-passphrase').fill(PASS);
    await page.getByTestId('export-passphrase2').fill('noe annet');
    expect(await page.getByTestId('export-bundle').isDisabled()).toBe(true);
    await page.getByTestId('export-passphrase2').fill(PASS);
    files.encrypted = await download(page, 'export-bundle');
    expect(JSON.parse(strFromU8(files.encrypted)).format).toBe('reisekart-bundle-encrypted');
    expect(a.errors).toEqual([]);
    expect(a.foreignRequests).toEqual([]);
  });
});

describe('import into a fresh profile', () => {
  it('a bundle imported as a new study reads 27 / 15 / 42 and Vg2 5 / 9 / 7', async () => {
    const { page } = b;
    await go(page, DEMO, 'exchange');
    await choose(page, 'import-bundle', 'demo.reisekart', files.bundle as Uint8Array);
    await page.getByTestId('import-staged').waitFor();
    expect(await page.getByTestId('import-staged').innerText()).toContain('30 intervjuer · 42 informanter · 537 kodede utsagn');
    await page.getByTestId('import-as-new').click();
    await expect.poll(() => studyIdOf(page)).not.toBe(DEMO);
    const id = studyIdOf(page);
    await page.getByTestId('method-total').waitFor();
    expect(await methodTotal(page)).toEqual(['Totalt', '27', '15', '42']);
    expect(await vg2(page, id)).toEqual([5, 9, 7]);
    // The demo beside it is untouched (the import got its own ids).
    expect(await vg2(page, DEMO)).toEqual([5, 9, 7]);
  });

  it('an encrypted bundle: a wrong passphrase says so and changes nothing; the right one imports', async () => {
    const { page } = b;
    const before = await studyCount(page);
    await go(page, DEMO, 'exchange');
    await choose(page, 'import-bundle', 'kryptert.reisekart', files.encrypted as Uint8Array);
    await page.getByTestId('import-passphrase').fill('feil passord');
    await page.getByTestId('passphrase-form').getByRole('button', { name: 'Åpne' }).click();
    await page.getByTestId('wrong-passphrase').waitFor();
    expect(await page.getByTestId('wrong-passphrase').innerText()).toContain('Feil passord');
    expect(await page.getByTestId('import-staged').count()).toBe(0);
    expect(await studyCount(page)).toBe(before);

    await go(page, DEMO, 'exchange');
    await choose(page, 'import-bundle', 'kryptert.reisekart', files.encrypted as Uint8Array);
    await page.getByTestId('import-passphrase').fill(PASS);
    await page.getByTestId('import-passphrase').press('Enter');
    await page.getByTestId('import-staged').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-as-new').click();
    await expect.poll(() => studyIdOf(page)).not.toBe(DEMO);
    await page.getByTestId('method-total').waitFor();
    expect(await methodTotal(page)).toEqual(['Totalt', '27', '15', '42']);
    expect(await studyCount(page)).toBe(before + 1);
  });

  it('codebook (.qdc) as a new study, then the CSV tables: 27 / 15 / 42 and Vg2 5 / 9 / 7', async () => {
    const { page } = b;
    await go(page, DEMO, 'exchange');
    await choose(page, 'import-refi', 'kodebok.qdc', files.qdc as Uint8Array);
    await page.getByTestId('import-staged').waitFor();
    await page.getByTestId('import-as-new').click();
    await expect.poll(() => studyIdOf(page)).not.toBe(DEMO);
    csvStudy = studyIdOf(page);
    await page.getByTestId('method-total').waitFor();
    expect(await methodTotal(page)).toEqual(['Totalt', '0', '0', '0']);

    await go(page, csvStudy, 'exchange');
    await choose(page, 'import-csv', 'intervjuer.csv', files.interviewsCsv as Uint8Array);
    await page.getByTestId('csv-preview').waitFor();
    expect(await page.getByTestId('csv-kind').inputValue()).toBe('interviews');
    await page.getByTestId('csv-commit').click();
    await page.getByTestId('csv-preview').waitFor({ state: 'detached' });

    await choose(page, 'import-csv', 'utsagn.csv', files.segmentsCsv as Uint8Array);
    await page.getByTestId('csv-preview').waitFor();
    expect(await page.getByTestId('csv-kind').inputValue()).toBe('segments');
    await page.getByTestId('csv-commit').click();
    await page.getByTestId('csv-preview').waitFor({ state: 'detached' });

    await go(page, csvStudy, 'interviews');
    await page.getByTestId('method-total').waitFor();
    expect(await methodTotal(page)).toEqual(['Totalt', '27', '15', '42']);
    expect(await vg2(page, csvStudy)).toEqual([5, 9, 7]);
  });

  it('a malformed CSV lists each problem with line and field, and imports nothing', async () => {
    const { page } = b;
    const bad = strToU8(['kode;gruppe;format;deltakere;modus;dato', 'XX-01;Yrkesfag Vg2;individuelt;1;digitalt;01.02.2021', 'XX-02;Yrkesfag Vg2;individuelt;1;digitalt;31.02.2021', 'XX-03;Ukjent gruppe;individuelt;1;digitalt;'].join('\r\n'));
    await go(page, csvStudy, 'exchange');
    await choose(page, 'import-csv', 'feil.csv', bad);
    await page.getByTestId('csv-commit').click();
    const list = page.getByTestId('import-issues');
    await list.waitFor();
    const items = await list.locator('li').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-line'), li.getAttribute('data-field'), li.textContent ?? '']));
    expect(items.map(([line, field]) => [line, field])).toEqual([['3', 'dato'], ['4', 'gruppe']]);
    expect(items[0]?.[2]).toContain('feil.csv, linje 3, «dato»');
    await go(page, csvStudy, 'interviews');
    await page.getByTestId('method-total').waitFor();
    expect(await methodTotal(page)).toEqual(['Totalt', '27', '15', '42']);
  });

  it('a corrupt or foreign file given as a bundle gets a clear message and changes nothing', async () => {
    const { page } = b;
    const before = await studyCount(page);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const truncated = (files.bundle as Uint8Array).slice(0, Math.floor((files.bundle as Uint8Array).length / 2));
    const foreignJson = strToU8(JSON.stringify({ hello: 'world' }));
    for (const [name, bytes] of [['bilde.reisekart', png], ['avkuttet.reisekart', truncated], ['annen.reisekart', foreignJson]] as const) {
      await go(page, DEMO, 'exchange');
      await choose(page, 'import-bundle', name, bytes);
      const issues = page.getByTestId('import-issues');
      await issues.waitFor();
      expect(await issues.innerText()).toContain(name);
      expect(await page.getByTestId('import-staged').count()).toBe(0);
    }
    expect(await studyCount(page)).toBe(before);
  });
});

describe('backups', () => {
  it('an import leaves a "before import" snapshot, and restoring it brings the study back', async () => {
    const { page } = b;
    const extra = strToU8(['kode;gruppe;format;deltakere;modus', 'GS-77;Grunnskole 10. klasse;individuelt;1;fysisk'].join('\r\n'));
    await go(page, DEMO, 'exchange');
    await choose(page, 'import-csv', 'ett-intervju.csv', extra);
    await page.getByTestId('csv-commit').click();
    await page.getByTestId('csv-preview').waitFor({ state: 'detached' });
    await go(page, DEMO, 'interviews');
    await expect.poll(() => methodTotal(page)).toEqual(['Totalt', '28', '15', '43']);

    await go(page, DEMO, 'backups');
    const row = page.locator(`[data-testid="backup-list"] tr[data-reason="before-import"][data-study="${DEMO}"]`).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('Før import');
    expect(await row.innerText()).toContain('Brukerreisen Kim (demo)');
    await row.getByTestId('restore-over').click();
    await page.getByTestId('restore-dialog').getByTestId('restore-confirm').click();
    await expect.poll(() => page.locator(`[data-testid="backup-list"] tr[data-reason="before-restore"][data-study="${DEMO}"]`).count()).toBeGreaterThan(0);
    await go(page, DEMO, 'interviews');
    await expect.poll(() => methodTotal(page)).toEqual(['Totalt', '27', '15', '42']);
  });

  it('deleting a study in the settings takes a snapshot first, and it restores as a new study', async () => {
    const { page } = b;
    await go(page, DEMO, 'settings');
    await page.getByTestId('delete-study').click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Slett' }).click();
    await page.waitForURL((u) => !u.hash.includes(DEMO));
    // The deleted study's page is gone; the restore screen is reachable from any study.
    await go(page, csvStudy, 'backups');
    const row = page.locator(`[data-testid="backup-list"] tr[data-reason="before-delete"][data-study="${DEMO}"]`).first();
    await row.waitFor();
    await row.getByTestId('restore-new').click();
    await expect.poll(() => studyIdOf(page)).toBe(DEMO);
    await page.getByTestId('method-total').waitFor();
    expect(await methodTotal(page)).toEqual(['Totalt', '27', '15', '42']);
    expect(b.errors).toEqual([]);
    expect(b.foreignRequests).toEqual([]);
  });
});
