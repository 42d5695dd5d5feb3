/**
 * Issue 19, point 1: the informant register with study variables and attribute values, a variable
 * deleted while in use asks first and can be undone, and an attribute filters the journey map.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDemo, useSession } from './session';

const s = useSession();

/** Adds a category variable on the register and waits for its column. */
async function addCategory(page: Page, label: string, values: string): Promise<void> {
  await page.getByTestId('variable-label').fill(label);
  await page.getByTestId('variable-type').selectOption('category');
  await page.getByTestId('variable-values').fill(values);
  await page.getByTestId('variable-form').getByRole('button').click();
  await page.getByTestId('informant-register').locator('th', { hasText: label }).waitFor({ timeout: 30_000 });
}

describe('informant register', () => {
  it('lists the demo informants, takes a variable and a value that survive a reload', async () => {
    const { page } = s;
    await openDemo(page, 'informants');
    const rows = page.getByTestId('informant-register').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(5);
    await addCategory(page, 'Aldersgruppe', '13–15, 16–18');
    const first = rows.first();
    const select = first.locator('select').first();
    await select.selectOption('16–18');
    await expect.poll(() => page.getByTestId('variable-list').locator('tbody tr td').nth(2).innerText(), { timeout: 30_000 }).toBe('1');
    await page.reload();
    await openDemo(page, 'informants');
    await expect.poll(() => page.getByTestId('informant-register').locator('tbody tr').first().locator('select').first().inputValue(), { timeout: 30_000 }).toBe('16–18');
  });

  it('a number that is not a number is refused with a message; deleting a variable in use asks and can be undone', async () => {
    const { page } = s;
    await openDemo(page, 'informants');
    await page.getByTestId('variable-label').fill('År i Norge');
    await page.getByTestId('variable-type').selectOption('number');
    await page.getByTestId('variable-form').getByRole('button').click();
    await page.getByTestId('informant-register').locator('th', { hasText: 'År i Norge' }).waitFor({ timeout: 30_000 });
    const input = page.getByTestId('informant-register').locator('tbody tr').first().locator('input').first();
    await input.fill('mange');
    await input.blur();
    await expect.poll(() => page.getByTestId('informant-register').locator('[role="alert"]').first().innerText(), { timeout: 30_000 }).toContain('Må være et tall');
    await input.fill('3,5');
    await input.blur();
    await expect.poll(() => page.getByTestId('variable-list').locator('tbody tr td').nth(2).innerText(), { timeout: 30_000 }).toBe('1');

    await page.getByTestId('variable-list').getByRole('button', { name: /Slett År i Norge/ }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.innerText()).toContain('har verdi for 1 informant.');
    await dialog.getByRole('button', { name: 'Slett' }).click();
    await expect.poll(() => page.getByTestId('variable-list').count(), { timeout: 30_000 }).toBe(0);
    await page.getByRole('button', { name: 'Angre' }).click();
    await expect.poll(() => page.getByTestId('informant-register').locator('tbody tr').first().locator('input').first().inputValue(), { timeout: 30_000 }).toBe('3.5');
  });

  it('an attribute filters the journey map to the informants that have the value', async () => {
    const { page } = s;
    await openDemo(page, 'informants');
    await addCategory(page, 'Sted', 'Skien, Bø');
    await page.getByTestId('informant-register').locator('tbody tr').first().locator('select').first().selectOption('Bø');
    await expect.poll(() => page.getByTestId('variable-list').locator('tbody tr td').nth(2).innerText(), { timeout: 30_000 }).toBe('1');
    await openDemo(page, 'journey');
    await page.locator('[data-testid="journey-map"] rect[data-role="cell"]').first().waitFor({ timeout: 60_000 });
    const before = await page.getByTestId('journey-total').innerText();
    const filter = page.getByLabel('Filtrer på Sted');
    await filter.selectOption('Bø');
    await expect.poll(() => page.getByTestId('journey-total').innerText(), { timeout: 30_000 }).not.toBe(before);
    const n = Number(/(\d+)/.exec(await page.getByTestId('journey-total').innerText())?.[1] ?? 'NaN');
    const all = Number(/(\d+)/.exec(before)?.[1] ?? 'NaN');
    expect(n).toBeLessThan(all);
    await filter.selectOption('Skien');
    await expect.poll(() => page.getByTestId('journey-total').innerText(), { timeout: 30_000 }).toMatch(/\b0\b/);
  });
});
