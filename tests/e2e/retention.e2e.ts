/**
 * Issue 19, point 4: a retention date in the past asks first and says no backup is taken; after
 * the deletion the status says so and the transcript of a demo interview is gone.
 */
import { describe, expect, it } from 'vitest';
import { openDemo, useSession } from './session';

const s = useSession();

describe('retention', () => {
  it('a past end date asks first (no before-snapshot), then deletes and records it', async () => {
    const { page } = s;
    await openDemo(page, 'retention');
    // The app's own date field (dd.mm.yyyy in every browser locale), as on the interview form.
    await page.getByTestId('retention-date').locator('input').first().fill('31.01.2020');
    await page.getByTestId('retention-save').click();
    await expect.poll(() => page.getByTestId('retention-status').innerText(), { timeout: 30_000 }).toContain('Sluttdatoen er nådd');
    await page.getByTestId('retention-run').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.innerText()).toContain('31.01.2020 er passert');
    expect(await dialog.innerText()).toContain('ingen sikkerhetskopi først');
    await dialog.getByRole('button', { name: 'Slett nå' }).click();
    await expect.poll(() => page.getByTestId('retention-message').innerText(), { timeout: 60_000 }).toMatch(/Slettet: [1-9]\d* transkripsjoner/);
    await expect.poll(() => page.getByTestId('retention-status').innerText(), { timeout: 30_000 }).toBe('Slettet etter regelen.');
  });
});
