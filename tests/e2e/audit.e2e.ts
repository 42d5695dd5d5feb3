/**
 * Issue 18, the audit trail: changes made on the screens (a code created and renamed, a memo, an
 * export) appear in Revisjonsspor with who and when, filter by area and text, and export as CSV
 * with cells holding a phone number withheld.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { baseUrl, screenReady, useSession } from './session';

const STUDY = 'demo-brukerreisen-kim';
const s = useSession();
const T = { timeout: 30_000 };

describe('audit trail', () => {
  it('records a code created and renamed and a memo, filters them, and exports a checked CSV', async () => {
    const { page } = s;
    await page.goto(`${baseUrl}#/study/${STUDY}/codebook`);
    await page.getByTestId('codebook').waitFor(T);
    await page.getByTestId('new-code-name').fill('Sporkode');
    await page.getByTestId('new-code-name').press('Enter');
    await page.locator('[data-testid="codebook"] tbody tr[data-code="Sporkode"]').waitFor(T);
    await page.getByRole('button', { name: 'Rediger Sporkode' }).click();
    const name = page.locator('section[aria-labelledby="code-edit-h"] input').first();
    // A code name with a phone number in it: public staff text is still checked in the CSV.
    await name.fill('Sporkode 912 34 567');
    await name.blur();
    await page.locator('[data-testid="codebook"] tbody tr[data-code="Sporkode 912 34 567"]').waitFor(T);

    await page.goto(`${baseUrl}#/study/${STUDY}/audit`);
    await screenReady(page, STUDY);
    await page.getByTestId('audit-screen').waitFor(T);
    await page.getByTestId('audit-area').selectOption('code');
    await expect.poll(() => page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))), T).toEqual(['code.rename', 'code.create']);
    const cells = await page.locator('[data-testid="audit-row"][data-action="code.rename"] td').allInnerTexts();
    expect(cells[1]).toBe('Koder 1 (K1)');
    expect(cells[2]).toBe('Kode omdøpt');
    expect(cells[5]).toBe('Sporkode → Sporkode 912 34 567');

    await page.getByTestId('audit-area').selectOption('');
    await page.getByTestId('audit-search').fill('omdøpt');
    await expect.poll(() => page.getByTestId('audit-count').getAttribute('data-count'), T).toBe('0');
    await page.getByTestId('audit-search').fill('sporkode');
    await expect.poll(() => page.getByTestId('audit-count').getAttribute('data-count'), T).toBe('2');

    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-csv').click()]);
    const csv = new TextDecoder().decode(await readFile(await dl.path()));
    expect(csv).toContain('code.create');
    expect(csv).toContain('Sporkode');
    expect(csv).not.toContain('912 34 567');
    expect(csv).toContain('[holdt tilbake]');
    // The export itself is in the log.
    await page.getByTestId('audit-search').fill('');
    await page.getByTestId('audit-area').selectOption('export');
    await expect.poll(() => page.getByTestId('audit-count').getAttribute('data-count'), T).toBe('1');
  });
});
