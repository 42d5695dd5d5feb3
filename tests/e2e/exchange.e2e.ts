/**
 * Data exchange end to end in Chromium: export the demo (bundle, encrypted bundle, CSV zip,
 * codebook), import everything into a FRESH profile and read the same numbers back (method
 * table 27 / 15 / 42, Vg2 counsellor 5 / 9 / 7); a wrong passphrase, a malformed CSV and
 * corrupt or foreign files change nothing; backups before import/delete restore the study.
 *
 * Every test runs in its own fresh profile (useSession). The files the import tests read are
 * exported once per file by `exportDemo`, from a profile of its own that no test touches.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { newSession } from './chromium';
import { baseUrl, DEMO, homeStudyCount, screenReady, useSession } from './session';

const PASS = 'lang nok passordfrase 2021';
const s = useSession();

/** Opens a study's view and waits for that study's screen to be loaded (never the previous study's). */
async function go(page: Page, studyId: string, view: string): Promise<void> {
  await page.goto(`${baseUrl}#/study/${encodeURIComponent(studyId)}/${view}`);
  await screenReady(page, studyId);
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
  await go(page, studyId, 'satisfaction');
  const cells = page.locator('[data-testid="satisfaction-table"] tr[data-row="combined"] td[data-category] .count');
  await cells.first().waitFor();
  return (await cells.allInnerTexts()).map((t) => Number(/\d+/.exec(t)?.[0]));
}

function studyIdOf(page: Page): string {
  const m = /#\/study\/([^/]+)\//.exec(page.url());
  return decodeURIComponent(m?.[1] ?? '');
}

/** After "import as new" / "restore as new": the new study's id, once its own screen is loaded. */
async function newStudyShown(page: Page, previous: string): Promise<string> {
  await expect.poll(() => studyIdOf(page)).not.toBe(previous);
  const id = studyIdOf(page);
  await screenReady(page, id);
  return id;
}

const studyCount = homeStudyCount;

interface Exported {
  bundle: Uint8Array;
  encrypted: Uint8Array;
  interviewsCsv: Uint8Array;
  segmentsCsv: Uint8Array;
  qdc: Uint8Array;
}

/** The demo's exports, made in a fresh profile of their own (closed again), for the import tests. */
async function exportDemo(browser: Browser): Promise<Exported> {
  const x = await newSession(browser, baseUrl);
  try {
    const { page } = x;
    // screenReady's expect.poll is for tests only: the same signal, waited for by Playwright.
    await page.goto(`${baseUrl}#/study/${DEMO}/exchange`);
    await page.locator(`main[data-study="${DEMO}"]`).waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="loading"]') === null);
    const bundle = await download(page, 'export-bundle');
    const csv = unzipSync(await download(page, 'export-csv'));
    const qdc = await download(page, 'export-qdc');
    await page.getByTestId('export-passphrase').fill(PASS);
    await page.getByTestId('export-passphrase2').fill(PASS);
    const encrypted = await download(page, 'export-bundle');
    const interviewsCsv = csv['brukerreisen-kim-demo-interviews.csv'];
    const segmentsCsv = csv['brukerreisen-kim-demo-segments.csv'];
    if (!interviewsCsv || !segmentsCsv) throw new Error(`the CSV zip holds ${Object.keys(csv).join(', ')}`);
    expect(x.errors, 'console errors while exporting').toEqual([]);
    expect(x.foreignRequests, 'requests that left the app while exporting').toEqual([]);
    return { bundle, encrypted, interviewsCsv, segmentsCsv, qdc };
  } finally {
    await x.context.close();
  }
}

describe('export from the demo', () => {
  it('exports a bundle, an encrypted bundle, a CSV zip and the codebook as downloads', async () => {
    const { page } = s;
    await go(page, DEMO, 'exchange');
    const bundle = await download(page, 'export-bundle');
    expect(strFromU8(bundle.slice(0, 2))).toBe('PK');
    await expect.poll(() => page.getByTestId('export-status').innerText()).toContain('.reisekart');

    const csvZip = await download(page, 'export-csv');
    const csv = unzipSync(csvZip);
    expect(Object.keys(csv).sort()).toEqual(['brukerreisen-kim-demo-counsellor-breakdown.csv', 'brukerreisen-kim-demo-informants.csv', 'brukerreisen-kim-demo-interviews.csv', 'brukerreisen-kim-demo-segments.csv']);
    // Excel-norsk: BOM, semicolons.
    const interviews = csv['brukerreisen-kim-demo-interviews.csv'] as Uint8Array;
    expect([...interviews.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(strFromU8(interviews).split('\r\n')[0]).toContain(';');

    const qdc = await download(page, 'export-qdc');
    expect(strFromU8(qdc)).toContain('urn:QDA-XML:codebook:1.0');

    await page.getByTestId('export-passphrase').fill(PASS);
    await page.getByTestId('export-passphrase2').fill('noe annet');
    expect(await page.getByTestId('export-bundle').isDisabled()).toBe(true);
    await page.getByTestId('export-passphrase2').fill(PASS);
    const encrypted = await download(page, 'export-bundle');
    expect(JSON.parse(strFromU8(encrypted)).format).toBe('reisekart-bundle-encrypted');
  });
});

describe('import into a fresh profile', () => {
  let files: Exported;
  beforeAll(async () => {
    files = await exportDemo(s.browser);
  });

  it('a bundle imported as a new study reads 27 / 15 / 42 and Vg2 5 / 9 / 7', async () => {
    const { page } = s;
    await go(page, DEMO, 'exchange');
    await choose(page, 'import-bundle', 'demo.reisekart', files.bundle);
    await page.getByTestId('import-staged').waitFor();
    expect(await page.getByTestId('import-staged').innerText()).toContain('30 intervjuer · 42 informanter · 537 kodede utsagn');
    await page.getByTestId('import-as-new').click();
    // The NEW study's own screen (a switch must not be read while the demo is still shown).
    const id = await newStudyShown(page, DEMO);
    await page.getByTestId('method-total').waitFor();
    expect(await methodTotal(page)).toEqual(['Totalt', '27', '15', '42']);
    expect(await vg2(page, id)).toEqual([5, 9, 7]);
    // The demo beside it is untouched (the import got its own ids).
    expect(await vg2(page, DEMO)).toEqual([5, 9, 7]);
  });

  it('an encrypted bundle: a wrong passphrase says so and changes nothing; the right one imports', async () => {
    const { page } = s;
    const before = await studyCount(page);
    await go(page, DEMO, 'exchange');
    await choose(page, 'import-bundle', 'kryptert.reisekart', files.encrypted);
    await page.getByTestId('import-passphrase').fill('feil passord');
    await page.getByTestId('passphrase-form').getByRole('button', { name: 'Åpne' }).click();
    await page.getByTestId('wrong-passphrase').waitFor();
    expect(await page.getByTestId('wrong-passphrase').innerText()).toContain('Feil passord');
    expect(await page.getByTestId('import-staged').count()).toBe(0);
    expect(await studyCount(page)).toBe(before);

    await go(page, DEMO, 'exchange');
    await choose(page, 'import-bundle', 'kryptert.reisekart', files.encrypted);
    await page.getByTestId('import-passphrase').fill(PASS);
    await page.getByTestId('import-passphrase').press('Enter');
    await page.getByTestId('import-staged').waitFor();
    await page.getByTestId('import-as-new').click();
    await newStudyShown(page, DEMO);
    await page.getByTestId('method-total').waitFor();
    expect(await methodTotal(page)).toEqual(['Totalt', '27', '15', '42']);
    expect(await studyCount(page)).toBe(before + 1);
  });

  it('codebook (.qdc) as a new study, then the CSV tables: 27 / 15 / 42 and Vg2 5 / 9 / 7', async () => {
    const { page } = s;
    await go(page, DEMO, 'exchange');
    await choose(page, 'import-refi', 'kodebok.qdc', files.qdc);
    await page.getByTestId('import-staged').waitFor();
    await page.getByTestId('import-as-new').click();
    const csvStudy = await newStudyShown(page, DEMO);
    await page.getByTestId('method-total').waitFor();
    expect(await methodTotal(page)).toEqual(['Totalt', '0', '0', '0']);

    await go(page, csvStudy, 'exchange');
    await choose(page, 'import-csv', 'intervjuer.csv', files.interviewsCsv);
    await page.getByTestId('csv-preview').waitFor();
    expect(await page.getByTestId('csv-kind').inputValue()).toBe('interviews');
    await page.getByTestId('csv-commit').click();
    await page.getByTestId('csv-preview').waitFor({ state: 'detached' });

    await choose(page, 'import-csv', 'utsagn.csv', files.segmentsCsv);
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
    const { page } = s;
    // Into the demo (same groups as the codebook study built above, and 27 / 15 / 42 to compare with).
    const bad = strToU8(['kode;gruppe;format;deltakere;modus;dato', 'XX-01;Yrkesfag Vg2;individuelt;1;digitalt;01.02.2021', 'XX-02;Yrkesfag Vg2;individuelt;1;digitalt;31.02.2021', 'XX-03;Ukjent gruppe;individuelt;1;digitalt;'].join('\r\n'));
    await go(page, DEMO, 'exchange');
    await choose(page, 'import-csv', 'feil.csv', bad);
    await page.getByTestId('csv-commit').click();
    // The unknown group is listed in the value step (never silently "other"); nothing goes in
    // without a choice, and with one the bad date still refuses the whole file.
    const unknown = page.locator('[data-testid="csv-values"] tr[data-value="Ukjent gruppe"]');
    await unknown.waitFor({ timeout: 30_000 });
    expect(await unknown.locator('select').inputValue()).toBe('');
    expect(await page.getByTestId('csv-values-commit').isDisabled()).toBe(true);
    await unknown.locator('select').selectOption('add');
    await page.getByTestId('csv-values-commit').click();
    const list = page.getByTestId('import-issues');
    await list.waitFor({ timeout: 30_000 });
    const items = await list.locator('li').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-line'), li.getAttribute('data-field'), li.textContent ?? '']));
    expect(items.map(([line, field]) => [line, field])).toEqual([['3', 'dato']]);
    expect(items[0]?.[2]).toContain('feil.csv, linje 3, «dato»: «31.02.2021» i «dato» er ikke en gyldig dato');
    await go(page, DEMO, 'interviews');
    await page.getByTestId('method-total').waitFor();
    expect(await methodTotal(page)).toEqual(['Totalt', '27', '15', '42']);
  });

  it('a corrupt or foreign file given as a bundle gets a clear message and changes nothing', async () => {
    const { page } = s;
    const before = await studyCount(page);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const truncated = files.bundle.slice(0, Math.floor(files.bundle.length / 2));
    const foreignJson = strToU8(JSON.stringify({ hello: 'world' }));
    for (const [name, bytes] of [['bilde.reisekart', png], ['avkuttet.reisekart', truncated], ['annen.reisekart', foreignJson]] as const) {
      await go(page, DEMO, 'exchange');
      await choose(page, 'import-bundle', name, bytes);
      const issues = page.getByTestId('import-issues');
      // The previous file's message may still be on screen (same page): wait for this file's.
      await expect.poll(async () => ((await issues.count()) > 0 ? issues.innerText() : '')).toContain(name);
      expect(await page.getByTestId('import-staged').count()).toBe(0);
    }
    expect(await studyCount(page)).toBe(before);
  });
});

describe('backups', () => {
  it('an import leaves a "before import" snapshot, and restoring it brings the study back', async () => {
    const { page } = s;
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
    const { page } = s;
    // A second study to reach the restore screen from once the demo is gone.
    await page.goto(baseUrl);
    const create = page.locator('form[aria-labelledby="new-study-h"]');
    await create.locator('input[name="title"]').fill('Annen studie');
    await create.getByRole('button', { name: 'Opprett studie' }).click();
    const other = await newStudyShown(page, '');
    expect(other).not.toBe(DEMO);

    await go(page, DEMO, 'settings');
    await page.getByTestId('delete-study').click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Slett' }).click();
    await page.waitForURL((u) => !u.hash.includes(DEMO));
    // The deleted study's page is gone; the restore screen is reachable from any study.
    await go(page, other, 'backups');
    const row = page.locator(`[data-testid="backup-list"] tr[data-reason="before-delete"][data-study="${DEMO}"]`).first();
    await row.waitFor();
    await row.getByTestId('restore-new').click();
    await expect.poll(() => studyIdOf(page)).toBe(DEMO);
    await screenReady(page, DEMO);
    await page.getByTestId('method-total').waitFor();
    expect(await methodTotal(page)).toEqual(['Totalt', '27', '15', '42']);
  });
});
