/**
 * Issue 20: a sharing output leaves only when every re-identification risk is decided. Tests that
 * export from the demo (27 informants in classes below k = 5) accept the rest with one reason.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export async function acceptRemainingRisks(page: Page, reason = 'Oppdiktede demodata, godtatt i test'): Promise<void> {
  const panel = page.getByTestId('risk-panel');
  await panel.waitFor({ timeout: 30_000 });
  if ((await panel.getAttribute('data-pending')) === '0') return;
  await page.getByTestId('risk-accept-all').click();
  await page.getByTestId('risk-reason').fill(reason);
  await page.getByTestId('risk-reason-save').click();
  await expect.poll(() => panel.getAttribute('data-pending'), { timeout: 60_000 }).toBe('0');
}
