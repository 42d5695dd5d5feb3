/**
 * Issue 19, point 2: the matrix query on the demo study — codes × group with counts and shading,
 * a click lists the cell's quotes, columns by an informant attribute, and the CSV export.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openDemo, useSession } from './session';

const s = useSession();

describe('matrix query', () => {
  it('codes × group shows counts; a click lists the quotes of that cell', async () => {
    const { page } = s;
    await openDemo(page, 'matrix');
    const table = page.locator('[data-testid="matrix-table"][data-state="ready"]');
    await table.waitFor({ timeout: 60_000 });
    const cells = table.getByTestId('matrix-cell');
    await expect.poll(() => cells.count(), { timeout: 30_000 }).toBeGreaterThan(3);
    const label = (await cells.first().getAttribute('aria-label')) ?? '';
    expect(label).toMatch(/\d+ utsagn fra \d+ informanter/);
    await cells.first().click();
    const quotes = page.getByTestId('matrix-quotes');
    await quotes.waitFor({ timeout: 30_000 });
    const n = Number(/^(\d+) utsagn/.exec(label.split(': ')[1] ?? '')?.[1] ?? 'NaN');
    await expect.poll(() => quotes.innerText(), { timeout: 30_000 }).toContain(`${n} utsagn`);
  });

  it('valence × an attribute, and the CSV export holds what the table shows', async () => {
    const { page } = s;
    await openDemo(page, 'informants');
    await page.getByTestId('variable-label').fill('Kjønn');
    await page.getByTestId('variable-values').fill('jente, gutt');
    await page.getByTestId('variable-form').getByRole('button').click();
    const selects = page.getByTestId('informant-register').locator('tbody tr select');
    await expect.poll(() => selects.count(), { timeout: 30_000 }).toBeGreaterThan(10);
    const count = await selects.count();
    for (let i = 0; i < count; i++) await selects.nth(i).selectOption(i % 2 === 0 ? 'jente' : 'gutt');
    await expect.poll(() => page.getByTestId('variable-list').locator('tbody tr td').nth(2).innerText(), { timeout: 30_000 }).toBe(String(count));
    await openDemo(page, 'matrix');
    await page.getByTestId('matrix-rows').selectOption('valence');
    await page.getByTestId('matrix-cols').selectOption({ label: 'Kjønn' });
    const head = page.getByTestId('matrix-table').locator('thead th');
    await expect.poll(() => head.allInnerTexts(), { timeout: 30_000 }).toEqual(['Valens', 'jente', 'gutt', 'Informanter i alt']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('matrix-csv').click()]);
    const text = await readFile((await download.path())!, 'utf8');
    const lines = text.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0]).toBe('Valens;jente – utsagn;jente – informanter;gutt – utsagn;gutt – informanter;Informanter i alt');
    expect(lines).toHaveLength(4);
    const firstRow = await page.getByTestId('matrix-table').locator('tbody tr').first().locator('td').first().innerText();
    expect(lines[1]?.split(';')[1]).toBe(/^(\d+)/.exec(firstRow)?.[1] ?? 'holdt tilbake (< 5)');
  });
});
