import { describe, expect, it } from 'vitest';
import { baseUrl, useSession } from './session';

const STUDY = 'demo-brukerreisen-kim';
const s = useSession();

/** Segments per code as the codebook table shows them. */
async function counts(): Promise<Record<string, number>> {
  const rows = await s.page.locator('[data-testid="codebook"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.getAttribute('data-code') ?? '', Number(tr.querySelector('td.num')?.textContent ?? 'NaN')] as const),
  );
  return Object.fromEntries(rows);
}

describe('codebook', () => {
  it('creates a code, merges another into it after confirmation (segments follow), and undo restores both', async () => {
    const { page } = s;
    await page.goto(`${baseUrl}#/study/${STUDY}/codebook`);
    await page.getByTestId('codebook').waitFor();
    const before = await counts();
    const [from, n] = Object.entries(before).find(([, k]) => k > 0) ?? ['', 0];
    expect(n).toBeGreaterThan(0);

    await page.getByTestId('new-code-name').fill('Samlekode');
    await page.getByTestId('new-code-name').press('Enter');
    await expect.poll(async () => (await counts())['Samlekode']).toBe(0);

    await page.getByRole('button', { name: `Rediger ${from}` }).click();
    await page.getByTestId('merge-target').selectOption({ label: 'Samlekode' });
    await page.getByRole('button', { name: 'Slå sammen', exact: true }).click();
    const dialog = page.getByTestId('confirm-dialog');
    expect(await dialog.innerText()).toContain(`${n} utsagn`);
    await dialog.getByRole('button', { name: 'Slå sammen' }).click();

    await expect.poll(async () => (await counts())['Samlekode']).toBe(n);
    expect((await counts())[from]).toBeUndefined();

    await page.getByRole('button', { name: 'Angre' }).click();
    await expect.poll(async () => (await counts())[from]).toBe(n);
    expect((await counts())['Samlekode']).toBe(0);
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  });
});
