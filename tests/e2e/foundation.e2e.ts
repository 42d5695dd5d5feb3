import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, openDemo, screenReady, useSession } from './session';

const s = useSession();

/** Registers GS-99 (10th grade, drawing workshop) in the open demo: the method table then reads 28 / 15 / 43. */
async function addGs99(page: Page): Promise<void> {
  await page.getByTestId('new-interview').click();
  const form = page.getByTestId('interview-form');
  await form.getByLabel('Kode').fill('GS-99');
  await form.getByLabel('Gruppe').selectOption('gs10');
  await form.getByLabel('Gjennomføring').selectOption('drawing-workshop');
  // The date field is our own dd.mm.yyyy field, whatever the browser's locale.
  await form.getByLabel('Dato', { exact: true }).fill('20.04.2021');
  await form.getByLabel('Samtykke registrert').check();
  await form.getByTestId('save-interview').click();
  await form.waitFor({ state: 'detached' });
  await expect.poll(() => cellTexts('[data-testid="method-total"] td')).toEqual(['Totalt', '28', '15', '43']);
}

async function cellTexts(selector: string): Promise<string[]> {
  return s.page.locator(selector).allInnerTexts();
}

describe('first start', () => {
  it('opens on the demo study and its method table reads 27 / 15 / 42', async () => {
    const { page } = s;
    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'Åpne demostudien' }).click();
    await expect.poll(() => page.getByTestId('study-title').innerText()).toBe('Brukerreisen Kim (demo)');
    const total = page.getByTestId('method-total');
    await total.waitFor();
    expect(await cellTexts('[data-testid="method-total"] td')).toEqual(['Totalt', '27', '15', '42']);
    const rows = await page.locator('[data-testid="method-table"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('th,td')).map((c) => (c.textContent ?? '').trim())),
    );
    expect(rows).toEqual([
      ['Yrkesfag Vg2', '6', '5', '11'],
      ['Studiespesialisering Vg2', '5', '5', '10'],
      ['Ungdom fra oppfølgingstjenesten', '', '5', '5'],
      ['Minoritetsspråklige med kort botid', '6', '', '6'],
      ['Voksenopplæring / voksne asylsøkere', '6', '', '6'],
      ['Grunnskole 10. klasse', '4', '', '4'],
    ]);
    expect(s.errors).toEqual([]);
  });

  it('a new interview created in the UI survives a reload, and the method table updates live', async () => {
    const { page } = s;
    await openDemo(page);
    await addGs99(page);
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');

    await page.reload();
    const row = page.locator('[data-testid="interview-list"] tr[data-code="GS-99"]');
    await row.waitFor();
    expect(await row.locator('td').allInnerTexts()).toEqual(expect.arrayContaining(['10. kl.', 'Tegneverksted', '20.04.2021']));
    expect(await cellTexts('[data-testid="method-total"] td')).toEqual(['Totalt', '28', '15', '43']);
  });

  it('refuses a duplicate interview code with a located message and saves nothing', async () => {
    const { page } = s;
    await openDemo(page);
    await addGs99(page);
    await page.getByTestId('new-interview').click();
    const form = page.getByTestId('interview-form');
    await form.getByLabel('Kode').fill('gs-99');
    await form.getByTestId('save-interview').click();
    await expect.poll(() => form.getByTestId('field-error').innerText()).toContain('allerede i bruk');
    expect(await form.getByLabel('Kode').getAttribute('aria-invalid')).toBe('true');
    await form.getByRole('button', { name: 'Avbryt' }).click();
    expect(await cellTexts('[data-testid="method-total"] td')).toEqual(['Totalt', '28', '15', '43']);
  });

  it('deletes an interview after confirmation, and undo brings it back', async () => {
    const { page } = s;
    await openDemo(page);
    await addGs99(page);
    await page.getByRole('button', { name: 'Slett GS-99' }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Slett' }).click();
    await expect.poll(() => cellTexts('[data-testid="method-total"] td')).toEqual(['Totalt', '27', '15', '42']);
    await page.getByRole('button', { name: 'Angre' }).click();
    await expect.poll(() => cellTexts('[data-testid="method-total"] td')).toEqual(['Totalt', '28', '15', '43']);
  });

  it('filters the register by status', async () => {
    const { page } = s;
    await openDemo(page);
    await addGs99(page);
    await page.getByTestId('filter-status').selectOption('planned');
    await expect.poll(() => page.getByTestId('interview-count').innerText()).toBe('1 av 31 intervjuer');
    await page.getByTestId('filter-status').selectOption('');
  });

  it('creates a new study from the home screen, and home then offers to continue it', async () => {
    const { page } = s;
    await page.goto(baseUrl);
    await page.getByLabel('Tittel på studien').fill('Oppfølging Skien 2026');
    await page.getByRole('button', { name: 'Opprett studie' }).click();
    await expect.poll(() => page.getByTestId('study-title').innerText()).toBe('Oppfølging Skien 2026');
    await expect.poll(() => cellTexts('[data-testid="method-total"] td')).toEqual(['Totalt', '0', '0', '0']);
    await page.getByRole('link', { name: 'Reisekart' }).click();
    await page.getByTestId('continue-study').click();
    await expect.poll(() => page.getByTestId('study-title').innerText()).toBe('Oppfølging Skien 2026');
  });
});

describe('switching studies', () => {
  it('never shows the previous study\'s data under the new study\'s address', async () => {
    const { page } = s;
    await page.goto(baseUrl);
    await page.getByLabel('Tittel på studien').fill('Tom studie');
    await page.getByRole('button', { name: 'Opprett studie' }).click();
    await expect.poll(() => page.getByTestId('study-title').innerText()).toBe('Tom studie');
    const empty = /#\/study\/([^/]+)\//.exec(page.url())?.[1] ?? '';
    expect(empty).not.toBe('');
    await openDemo(page);
    expect(await cellTexts('[data-testid="method-total"] td')).toEqual(['Totalt', '27', '15', '42']);
    // Record every frame of the DOM from here: which study the address names, and what the
    // topbar and the method table show at that moment.
    await page.evaluate(() => {
      const w = window as unknown as { __seen: string[] };
      w.__seen = [];
      const note = (): void => {
        const total = Array.from(document.querySelectorAll('[data-testid="method-total"] td')).map((c) => c.textContent ?? '').join('/');
        const title = document.querySelector('[data-testid="study-title"]')?.textContent ?? '';
        w.__seen.push(`${location.hash.split('/')[2] ?? ''}|${title}|${total}`);
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.evaluate((id) => (location.hash = `#/study/${id}/interviews`), empty);
    await screenReady(page, empty);
    expect(await cellTexts('[data-testid="method-total"] td')).toEqual(['Totalt', '0', '0', '0']);
    const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    const stale = seen.filter((l) => l.startsWith(`${empty}|`) && (l.includes('Brukerreisen Kim') || l.includes('27/15/42')));
    expect(stale).toEqual([]);
    expect(seen.some((l) => l.startsWith(`${empty}|Tom studie|`))).toBe(true);
  });
});
